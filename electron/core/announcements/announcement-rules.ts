/**
 * What each kind of announcement must satisfy, as data: whether it is planned work (its start may
 * not be in the past, it is announced ahead and reminded), and whether it must fit the
 * maintenance window (outside it only with a reason, and flagged).
 */
import type { AnnouncementKind } from '../../../shared/announcements';
import { DomainError } from '../errors';
import { fitsMaintenanceWindow } from './maintenance-window';

export interface KindRule {
  /** Scheduled ahead: the start may not be in the past; advance notice and its reminder apply. */
  planned: boolean;
  /** "CPS Technology staff will limit system downtime to the scheduled maintenance periods." */
  inWindow: boolean;
}

export const KIND_RULES: Readonly<Record<AnnouncementKind, KindRule>> = {
  planned_maintenance: { planned: true, inWindow: true },
  upgrade: { planned: true, inWindow: false },
  unplanned_outage: { planned: false, inWindow: false },
};

export interface AnnouncementTiming {
  kind: AnnouncementKind;
  startAt: number;
  expectedMinutes: number;
  outsideWindowReason: string | null;
}

/** One check: the field it names and, when it refuses, why. */
interface Check {
  field: keyof AnnouncementTiming;
  refuses(a: AnnouncementTiming, now: number, outsideWindow: boolean): string | null;
}

const DRAFT_CHECKS: readonly Check[] = [
  { field: 'expectedMinutes', refuses: (a) => (Number.isInteger(a.expectedMinutes) && a.expectedMinutes > 0 ? null : 'Expected duration must be a positive whole number of minutes') },
  { field: 'startAt', refuses: (a) => (Number.isFinite(a.startAt) ? null : 'Start must be a date and time') },
  { field: 'startAt', refuses: (a, now) => (KIND_RULES[a.kind].planned && a.startAt < now ? 'Planned work cannot start in the past: choose a later start' : null) },
];

const PUBLISH_CHECKS: readonly Check[] = [
  ...DRAFT_CHECKS,
  {
    field: 'outsideWindowReason',
    refuses: (a, _now, outside) =>
      outside && !a.outsideWindowReason?.trim() ? 'This maintenance falls outside the maintenance window (Saturday 8 a.m. to noon): give the reason to publish it' : null,
  },
];

/** Whether the announcement is planned maintenance outside the window (its flag). */
export function isOutsideWindow(a: AnnouncementTiming, zone: string): boolean {
  return KIND_RULES[a.kind].inWindow && !fitsMaintenanceWindow(a.startAt, a.expectedMinutes, zone);
}

function firstRefusal(checks: readonly Check[], a: AnnouncementTiming, now: number, zone: string): void {
  const outside = isOutsideWindow(a, zone);
  for (const check of checks) {
    const why = check.refuses(a, now, outside);
    if (why) throw new DomainError('invalid_input', why, check.field);
  }
}

/** Refuses a draft that cannot be saved as it is. */
export function checkDraft(a: AnnouncementTiming, now: number, zone: string): void {
  firstRefusal(DRAFT_CHECKS, a, now, zone);
}

/** Refuses an announcement that cannot be published as it is. */
export function checkPublish(a: AnnouncementTiming, now: number, zone: string): void {
  firstRefusal(PUBLISH_CHECKS, a, now, zone);
}
