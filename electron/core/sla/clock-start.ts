/**
 * When a case's clock starts (convention 1). The agreement: "All requests entered after 4 PM will
 * be considered as submitted the following business day", and priority 1 "should be called
 * immediately if an issue arises after 4 PM", so priority 1 starts at receipt, day or night.
 *
 * For priorities under the cutoff, on a business day:
 *  - before the day's first opening        → that opening            (before-opening)
 *  - inside an open interval, ≤ cutoff     → the instant received    (within-hours)
 *  - in a gap such as lunch, ≤ cutoff      → the next opening that day (between-intervals)
 *  - after the day's last close, ≤ cutoff  → next business day's opening (after-closing)
 *  - after the cutoff (16:00:00 is not after) → next business day's opening (after-cutoff)
 * and on a closed day (weekend, holiday, closure) → next business day's opening (closed-day).
 */
import type { Priority } from '../../../shared/domain';
import type { BusinessCalendar } from './business-calendar';
import type { CivilDay } from './civil-date';
import type { SlaPolicy } from './sla-policy';

export type ClockStartRule =
  | 'immediate'
  | 'within-hours'
  | 'before-opening'
  | 'between-intervals'
  | 'after-closing'
  | 'after-cutoff'
  | 'closed-day'
  /** The case carries the clock start recorded when it was opened, and it differs from today's computation. */
  | 'recorded';

export interface ClockStart {
  receivedAt: number;
  /** Instant the targets count from. */
  at: number;
  rule: ClockStartRule;
  /** Local date of receipt in the calendar's zone. */
  receivedDay: CivilDay;
}

export function clockStartFor(priority: Priority, receivedAt: number, policy: SlaPolicy, calendar: BusinessCalendar): ClockStart {
  const receivedDay = calendar.localDayOf(receivedAt);
  if (!policy.intakeCutoffPriorities.includes(priority)) {
    return { receivedAt, at: receivedAt, rule: 'immediate', receivedDay };
  }
  const opening = calendar.openingOn(receivedDay);
  if (opening === null) return { receivedAt, at: nextDayOpening(calendar, receivedDay), rule: 'closed-day', receivedDay };
  const cutoff = calendar.cutoffOn(receivedDay);
  if (cutoff !== null && receivedAt > cutoff) return { receivedAt, at: nextDayOpening(calendar, receivedDay), rule: 'after-cutoff', receivedDay };
  if (receivedAt < opening) return { receivedAt, at: opening, rule: 'before-opening', receivedDay };
  if (calendar.isOpen(receivedAt)) return { receivedAt, at: receivedAt, rule: 'within-hours', receivedDay };
  const closing = calendar.closingOn(receivedDay) as number;
  if (receivedAt >= closing) return { receivedAt, at: nextDayOpening(calendar, receivedDay), rule: 'after-closing', receivedDay };
  return { receivedAt, at: calendar.nextOpenAt(receivedAt), rule: 'between-intervals', receivedDay };
}

// A module-level function, not a closure: this runs for every open case on every recompute.
function nextDayOpening(calendar: BusinessCalendar, day: CivilDay): number {
  return calendar.openingOn(calendar.nextBusinessDayAfter(day)) as number;
}
