/**
 * The SLA policy as versions the desk manages (types both sides share): a version's body (the
 * agreement's priority table, its intake cutoff and desk hours), its state and effective instant,
 * and the record of the annual review ("Technology Services will review the Priority Policy
 * annually"). The rules behind them are in the core (electron/core/policy/, electron/core/sla/).
 */
import type { Priority } from './domain';

export const POLICY_TARGET_UNITS = ['clock-hours', 'business-hours', 'business-days'] as const;
export type PolicyTargetUnit = (typeof POLICY_TARGET_UNITS)[number];

export const POLICY_WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type PolicyWeekday = (typeof POLICY_WEEKDAYS)[number];

export const POLICY_STATES = ['draft', 'published'] as const;
export type PolicyState = (typeof POLICY_STATES)[number];

/** The version built into the desk, in force from the beginning (not a database row). */
export const BUILT_IN_POLICY_VERSION = '2026.1';

export interface PolicyTarget {
  amount: number;
  unit: PolicyTargetUnit;
}

export interface PolicyPriorityTargets {
  response: PolicyTarget | null;
  /** Null: set per project (priority 5: "To be Determined based on scale and scope of project"). */
  resolution: PolicyTarget | null;
}

export interface PolicyInterval {
  /** Local time "HH:MM". */
  open: string;
  /** Local time "HH:MM"; "24:00" for midnight. */
  close: string;
}

/** A version's content: what the engine computes cases with. Field paths (`targets.2.resolution.amount`) name its errors. */
export interface PolicyBody {
  targets: Record<`${Priority}`, PolicyPriorityTargets>;
  /** Priorities a request after the cutoff counts as submitted the next business day for. */
  intakeCutoffPriorities: Priority[];
  warnings: { fractionsUsed: number[]; minutesBeforeDue: number[] };
  /** "Help Desk Phone Support: M-F 7:00 a.m. to 5:00 p.m.", in the desk's zone. */
  weeklyHours: Record<PolicyWeekday, PolicyInterval[]>;
  /** "All requests entered after 4 PM …"; null: no cutoff. */
  intakeCutoff: string | null;
}

export interface PolicyPerson {
  id: number;
  name: string;
}

export interface PolicyReview {
  at: string;
  by: PolicyPerson | null;
  /** The version in force (or published) when reviewed. */
  version: string;
  /** `published`: a new version was published; `reviewed`: reviewed, no change. */
  kind: 'published' | 'reviewed';
  note: string | null;
}

export interface PolicyVersionSummary {
  version: string;
  state: PolicyState;
  /** ISO instant; null for a draft and for the built-in version (in force from the beginning). */
  effectiveFrom: string | null;
  builtIn: boolean;
  /** In force now: new cases received now are opened under it. */
  inForce: boolean;
  /** Published with a later effective instant than now. */
  upcoming: boolean;
  basedOn: string | null;
  note: string | null;
  createdAt: string | null;
  createdBy: PolicyPerson | null;
  publishedAt: string | null;
  publishedBy: PolicyPerson | null;
  updatedAt: string | null;
}

export interface PolicyVersionDetail extends PolicyVersionSummary {
  body: PolicyBody;
  /** The desk's time zone, in which desk hours and the cutoff are read. */
  timeZone: string;
}

export interface PolicyOverview {
  timeZone: string;
  /** The version in force now. */
  inForce: string;
  /** Newest first: drafts, upcoming, in force, earlier ones. */
  versions: PolicyVersionSummary[];
  lastReview: PolicyReview | null;
  /** When the next annual review is due: the same local date a year after the last review. */
  reviewDueAt: string;
  reviewOverdue: boolean;
  /** The latest reviews, newest first. */
  reviews: PolicyReview[];
}

/** The agreement's criteria per priority, word for word where it has them. */
export const PRIORITY_CRITERIA: Readonly<Record<Priority, string>> = {
  1: 'Affects more than five individuals and there is no workaround available; or is mission critical, or there is a security or safety concern. Must be called to the Help Desk or Tech.',
  2: 'Affects one to five individuals and no work around available.',
  3: 'Affects more than one person AND a workaround is available.',
  4: 'Affects one or more individuals. Minimal to no effect on productivity.',
  5: 'No effect on productivity, or long range completion date.',
};

const UNIT_WORDS: Readonly<Record<PolicyTargetUnit, readonly [string, string]>> = {
  'clock-hours': ['hour', 'hours'],
  'business-hours': ['working hour', 'working hours'],
  'business-days': ['working day', 'working days'],
};

/** A target as the agreement states it: "Within 4 working hours", "Within 1 hour", "To be determined per project". */
export function targetWords(target: PolicyTarget | null): string {
  if (target === null) return 'To be determined per project';
  const [one, many] = UNIT_WORDS[target.unit];
  return `Within ${target.amount} ${target.amount === 1 ? one : many}`;
}

const DAY_WORDS: Readonly<Record<PolicyWeekday, string>> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** "7:00 a.m." from "07:00", as the agreement writes times. */
export function clockTimeWords(time: string): string {
  const [h = 0, m = 0] = time.split(':').map(Number);
  if (h === 12 && m === 0) return 'noon';
  if (h === 24 || (h === 0 && m === 0)) return 'midnight';
  return `${h % 12 || 12}:${String(m).padStart(2, '0')} ${h < 12 ? 'a.m.' : 'p.m.'}`;
}

/** "Mon–Fri 7:00 a.m. to 5:00 p.m." — consecutive days with the same hours run together. */
export function deskHoursWords(hours: PolicyBody['weeklyHours']): string {
  const parts: string[] = [];
  let i = 0;
  while (i < POLICY_WEEKDAYS.length) {
    const day = POLICY_WEEKDAYS[i] as PolicyWeekday;
    const text = hours[day].map((iv) => `${clockTimeWords(iv.open)} to ${clockTimeWords(iv.close)}`).join(', ');
    let j = i;
    while (j + 1 < POLICY_WEEKDAYS.length && hours[POLICY_WEEKDAYS[j + 1] as PolicyWeekday].map((iv) => `${clockTimeWords(iv.open)} to ${clockTimeWords(iv.close)}`).join(', ') === text) j++;
    if (text !== '') parts.push(`${DAY_WORDS[day]}${j > i ? `–${DAY_WORDS[POLICY_WEEKDAYS[j] as PolicyWeekday]}` : ''} ${text}`);
    i = j + 1;
  }
  return parts.length ? parts.join('; ') : 'Closed every day';
}
