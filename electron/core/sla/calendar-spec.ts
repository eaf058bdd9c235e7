/**
 * The business calendar as data: time zone, weekly hours, intake cutoff, holiday region and the
 * district's own closure dates. Validated and normalized here once, so compiling and caching can
 * trust it; the canonical key identifies calendars that answer every question alike.
 */
import { z } from 'zod';
import { parseIsoDate, type CivilDay } from './civil-date';
import { SlaInputError } from './sla-errors';
import { normalizeWeeklyHours, parseTimeOfDay, standardDaySeconds, WEEKDAYS, type NormalizedWeek, type WeeklyHours } from './weekly-hours';
import { isKnownZone } from './zone-time';

/** Region whose public holidays (from date-holidays) close the desk, e.g. US federal + Missouri. */
export interface HolidayRegion {
  country: string;
  state?: string;
}

/** A day the desk is closed: a snow day, a break, a holiday. */
export interface ClosureDate {
  /** Local date in the calendar's zone, YYYY-MM-DD. */
  date: string;
  name?: string;
}

export interface CalendarSpec {
  /** IANA zone in which weekly hours, closures and the cutoff are read. */
  zone: string;
  weeklyHours: WeeklyHours;
  /** Local time after which a request counts as received the next business day; null = none. */
  intakeCutoff: string | null;
  /** Public holidays of this region are closures; null = none from the library. */
  holidays: HolidayRegion | null;
  /** The district's own closures, added to the region's holidays. */
  closures: readonly ClosureDate[];
  /** Length of one business day in hours; derived from weeklyHours when absent (see standardDaySeconds). */
  businessDayHours?: number | null;
}

const weekdayHours = Object.fromEntries(
  WEEKDAYS.map((d) => [d, z.array(z.object({ open: z.string(), close: z.string() }).strict())]),
) as Record<(typeof WEEKDAYS)[number], z.ZodArray<z.ZodObject<{ open: z.ZodString; close: z.ZodString }>>>;

/** Weekly hours arriving as JSON (a calendar's, or a policy version's own desk hours). */
export const weeklyHoursSchema = z.object(weekdayHours).strict();

/** Structural schema for calendars arriving as JSON (settings, the contract); semantics are checked by normalizeCalendarSpec. */
export const calendarSpecSchema = z
  .object({
    zone: z.string(),
    weeklyHours: weeklyHoursSchema,
    intakeCutoff: z.string().nullable(),
    holidays: z.object({ country: z.string(), state: z.string().optional() }).strict().nullable(),
    closures: z.array(z.object({ date: z.string(), name: z.string().optional() }).strict()),
    businessDayHours: z.number().positive().nullable().optional(),
  })
  .strict();

const WEEKDAY_HOURS = [{ open: '07:00', close: '17:00' }] as const;

/** The agreement's desk: Help Desk Phone Support M–F 7:00 a.m. to 5:00 p.m., Central time, 4 PM intake cutoff. */
export const DEFAULT_CALENDAR_SPEC: CalendarSpec = deepFreeze({
  zone: 'America/Chicago',
  weeklyHours: { mon: WEEKDAY_HOURS, tue: WEEKDAY_HOURS, wed: WEEKDAY_HOURS, thu: WEEKDAY_HOURS, fri: WEEKDAY_HOURS, sat: [], sun: [] },
  intakeCutoff: '16:00',
  holidays: { country: 'US', state: 'MO' },
  closures: [],
  businessDayHours: null,
});

export interface NormalizedCalendarSpec {
  zone: string;
  week: NormalizedWeek;
  cutoffSeconds: number | null;
  holidays: HolidayRegion | null;
  closures: ReadonlyMap<CivilDay, string>;
  standardDayMs: number;
  /** Same key ⇔ same answers; used by the compiled-calendar cache. */
  key: string;
}

export function normalizeCalendarSpec(spec: CalendarSpec): NormalizedCalendarSpec {
  if (!isKnownZone(spec.zone)) throw new SlaInputError('zone', spec.zone, 'unknown IANA time zone');
  const week = normalizeWeeklyHours(spec.weeklyHours);
  let cutoffSeconds: number | null = null;
  if (spec.intakeCutoff !== null) {
    cutoffSeconds = parseTimeOfDay(spec.intakeCutoff);
    if (cutoffSeconds === null) throw new SlaInputError('intakeCutoff', spec.intakeCutoff, 'expected a time HH:MM');
  }
  const closures = new Map<CivilDay, string>();
  spec.closures.forEach((closure, i) => {
    const day = parseIsoDate(closure.date);
    if (day === null) throw new SlaInputError(`closures[${i}].date`, closure.date, 'expected a real date YYYY-MM-DD');
    const name = closure.name ?? 'closure';
    const existing = closures.get(day);
    closures.set(day, existing === undefined || existing === name ? name : `${existing}; ${name}`);
  });
  let standardSeconds = standardDaySeconds(week);
  if (spec.businessDayHours !== undefined && spec.businessDayHours !== null) {
    if (!(spec.businessDayHours > 0 && spec.businessDayHours <= 24)) {
      throw new SlaInputError('businessDayHours', spec.businessDayHours, 'expected hours between 0 and 24');
    }
    standardSeconds = Math.round(spec.businessDayHours * 3600);
  }
  const holidays = spec.holidays === null ? null : { country: spec.holidays.country, ...(spec.holidays.state ? { state: spec.holidays.state } : {}) };
  return withKey({ zone: spec.zone, week, cutoffSeconds, holidays, closures, standardDayMs: standardSeconds * 1000 });
}

/**
 * A calendar with another week and cutoff (a policy version's own desk hours) but the same zone,
 * holidays and district closures. Its business day is that of its own week.
 */
export function withDeskHours(base: NormalizedCalendarSpec, weeklyHours: WeeklyHours, intakeCutoff: string | null): NormalizedCalendarSpec {
  const week = normalizeWeeklyHours(weeklyHours);
  let cutoffSeconds: number | null = null;
  if (intakeCutoff !== null) {
    cutoffSeconds = parseTimeOfDay(intakeCutoff);
    if (cutoffSeconds === null) throw new SlaInputError('intakeCutoff', intakeCutoff, 'expected a time HH:MM');
  }
  return withKey({ zone: base.zone, week, cutoffSeconds, holidays: base.holidays, closures: base.closures, standardDayMs: standardDaySeconds(week) * 1000 });
}

function withKey(spec: Omit<NormalizedCalendarSpec, 'key'>): NormalizedCalendarSpec {
  const sortedClosures = [...spec.closures.entries()].sort((a, b) => a[0] - b[0]);
  const key = JSON.stringify([spec.zone, spec.week, spec.cutoffSeconds, spec.holidays, spec.standardDayMs / 1000, sortedClosures]);
  return { ...spec, key };
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
