/**
 * The SLA engine's public face: what the rest of the core may import. Pure computation — a
 * calendar and a policy in, instants (epoch ms) out; no database, no Electron, no clock of its own.
 */
export { BusinessCalendar, type DaySchedule, type DayStatus } from './business-calendar';
export { compiledCalendar, defaultBusinessCalendar } from './calendar-cache';
export {
  calendarSpecSchema,
  DEFAULT_CALENDAR_SPEC,
  normalizeCalendarSpec,
  type CalendarSpec,
  type ClosureDate,
  type HolidayRegion,
} from './calendar-spec';
export {
  computeDeadlines,
  type CaseDeadlines,
  type DeadlineOptions,
  type SlaCase,
  type TargetDeadline,
  type TargetKind,
} from './case-deadlines';
export { clockStartFor, type ClockStart, type ClockStartRule } from './clock-start';
export { describeClockStart, explainDeadlines, formatDuration, formatWhen } from './explanation';
export { publicHolidays } from './holiday-closures';
export { closuresFromIcs, type IcsImport, type IcsRange } from './ics-closures';
export { parseInstant, type ParsedInstant } from './instant-text';
export { type Pause } from './paused-time';
export { PolicyRegistry } from './policy-registry';
export { SlaEngine } from './sla-engine';
export { SlaInputError } from './sla-errors';
export {
  DEFAULT_POLICY,
  parseSlaPolicy,
  slaPolicySchema,
  TARGET_UNITS,
  type PolicyDeskHours,
  type PriorityTargets,
  type SlaPolicy,
  type SlaTarget,
  type TargetUnit,
  type WarningThresholds,
} from './sla-policy';
export { nextSlaEvent, slaStatusAt, type CaseSlaStatus, type SlaEvent, type TargetStatus } from './sla-status';
export { WEEKDAYS, type OpenInterval, type Weekday, type WeeklyHours } from './weekly-hours';
export { formatInstant, isKnownZone } from './zone-time';

import type { BusinessCalendar } from './business-calendar';

/** Whether the desk is open at instant t (intervals are [open, close): 07:00 open, 17:00 closed). */
export function isWithinBusinessHours(calendar: BusinessCalendar, t: number): boolean {
  return calendar.isOpen(t);
}
export { MAX_TARGET, policyProblems, type PolicyProblem } from './policy-check';
