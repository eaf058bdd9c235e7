/** Small helpers shared by the SLA unit tests: readable instants and calendars. */
import { BusinessCalendar } from '../../../electron/core/sla/business-calendar';
import { DEFAULT_CALENDAR_SPEC, type CalendarSpec } from '../../../electron/core/sla/calendar-spec';
import { computeDeadlines, type SlaCase } from '../../../electron/core/sla/case-deadlines';
import { DEFAULT_POLICY, type SlaPolicy } from '../../../electron/core/sla/sla-policy';
import { formatInstant } from '../../../electron/core/sla/zone-time';
import type { Priority } from '../../../shared/domain';

export const CHICAGO = 'America/Chicago';

/** Epoch ms of an ISO string that carries its own offset. */
export function at(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad test instant ${iso}`);
  return t;
}

/** ISO with offset in the calendar's zone, or null. */
export function show(t: number | null, zone = CHICAGO): string | null {
  return t === null ? null : formatInstant(zone, t);
}

export function calendar(overrides: Partial<CalendarSpec> = {}): BusinessCalendar {
  return new BusinessCalendar({ ...DEFAULT_CALENDAR_SPEC, ...overrides });
}

export const DEFAULT_CAL = calendar();

const weekdays = (intervals: { open: string; close: string }[]) => ({ mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals, sat: [], sun: [] });

/** Mon–Fri 07:00–12:00 and 13:00–17:00: a lunch break. */
export const LUNCH_HOURS = weekdays([
  { open: '07:00', close: '12:00' },
  { open: '13:00', close: '17:00' },
]);
export const LUNCH_CAL = calendar({ weeklyHours: LUNCH_HOURS });

/** Mon–Thu 07:00–17:00, Friday a half day 07:00–12:00. */
export const HALF_FRIDAY_CAL = calendar({
  weeklyHours: { ...weekdays([{ open: '07:00', close: '17:00' }]), fri: [{ open: '07:00', close: '12:00' }] },
});

export function deadlinesOf(
  priority: Priority,
  receivedIso: string,
  extra: Partial<SlaCase> = {},
  cal: BusinessCalendar = DEFAULT_CAL,
  policy: SlaPolicy = DEFAULT_POLICY,
) {
  const d = computeDeadlines({ priority, receivedAt: at(receivedIso), policyVersion: policy.version, ...extra }, policy, cal);
  return {
    raw: d,
    rule: d.clockStart.rule,
    clockStart: show(d.clockStart.at, cal.zone),
    responseDue: show(d.response.dueAt, cal.zone),
    resolutionDue: show(d.resolution.dueAt, cal.zone),
  };
}

/** The default policy with one priority's targets replaced. */
export function policyWith(priority: Priority, targets: SlaPolicy['targets'][Priority], version = 'test'): SlaPolicy {
  return { ...DEFAULT_POLICY, version, targets: { ...DEFAULT_POLICY.targets, [priority]: targets } };
}
