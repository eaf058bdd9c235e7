/**
 * When the caller can be reached or visited (the agreement weighs "customer availability"): free
 * text as the caller said it ("mornings before 10, not Wednesdays"), optional windows the console
 * can check a planned visit against, and the visit itself. Windows are wall-clock times in the
 * desk's time zone: a weekday that repeats, or one date. No Node, DOM or Electron APIs here.
 */
import { z } from 'zod';
import { id, isoDate, isoInstant, optionalText, text, version } from './contract-kit';

/** ISO weekday: 1 is Monday, 7 is Sunday (Luxon's `weekday`). */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_SHORT: Readonly<Record<Weekday, string>> = { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' };

export const AVAILABILITY_LIMITS = { text: 500, windows: 14, visitNote: 500 } as const;

/**
 * One stretch of time the caller is there, start included, end excluded ("8:00–10:00": a visit
 * at 10:00 is outside). Within one day: a window cannot run past midnight (split it in two).
 */
export type AvailabilityWindow = { weekday: Weekday; start: string; end: string } | { date: string; start: string; end: string };

/** What a case carries about the caller's availability, as the case detail shows it. */
export interface CaseAvailability {
  /** As the caller said it; null when nobody asked. */
  text: string | null;
  windows: AvailabilityWindow[];
  /** The planned visit, an ISO instant, and what it is for. */
  visit: { at: string; note: string | null } | null;
  /** True only when there is a visit, there are windows, and the visit starts in none of them. */
  visitOutsideAvailability: boolean;
  /** Why, in words: "Visit Tue 3:00 PM is outside the caller's windows: Mon–Fri 8:00–10:00". */
  visitWarning: string | null;
  /** The windows in words, grouped ("Mon–Fri 8:00–10:00; Dec 4 13:00–15:00"); null without windows. */
  windowsText: string | null;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** 2026-02-30 matches the pattern but is no day of the calendar. */
function isRealDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Minutes since midnight of "HH:MM". */
export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

const clockTime = (label: string) => text(label, 'a time').regex(HHMM, { error: `${label} must be a time like 08:00 or 15:30 (24-hour clock)` });

const windowSchema = z
  .object({
    weekday: z
      .number({ error: 'Weekday must be a number from 1 (Monday) to 7 (Sunday)' })
      .int({ error: 'Weekday must be a number from 1 (Monday) to 7 (Sunday)' })
      .min(1, { error: 'Weekday must be a number from 1 (Monday) to 7 (Sunday)' })
      .max(7, { error: 'Weekday must be a number from 1 (Monday) to 7 (Sunday)' })
      .optional(),
    date: isoDate('Date').optional(),
    start: clockTime('Start'),
    end: clockTime('End'),
  }, { error: 'A window must be an object with a weekday or a date, a start and an end' })
  .strict()
  .superRefine((w, ctx) => {
    if ((w.weekday === undefined) === (w.date === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['weekday'], message: 'A window needs either a weekday or a date, not both' });
    }
    if (w.date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(w.date) && !isRealDate(w.date)) {
      ctx.addIssue({ code: 'custom', path: ['date'], message: `Date ${w.date} is not a real date` });
    }
    if (HHMM.test(w.start) && HHMM.test(w.end) && minutesOf(w.end) <= minutesOf(w.start)) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `End ${w.end} must be after start ${w.start} (a window cannot run past midnight: split it in two)`,
      });
    }
  })
  .transform((w): AvailabilityWindow => (w.weekday !== undefined ? { weekday: w.weekday as Weekday, start: w.start, end: w.end } : { date: w.date as string, start: w.start, end: w.end }));

export const availabilityWindowsSchema = z
  .array(windowSchema, { error: 'Availability windows must be a list' })
  .max(AVAILABILITY_LIMITS.windows, { error: `At most ${AVAILABILITY_LIMITS.windows} availability windows` });

/** The fields `cases.create` and `cases.update` take about the caller's availability. */
export const availabilityFields = {
  callerAvailability: optionalText('Caller availability', AVAILABILITY_LIMITS.text),
  /** The whole list; an empty list clears it. */
  availabilityWindows: availabilityWindowsSchema.optional(),
};

/** `cases.scheduleVisit`: plan (or move) the visit; `visitAt: null` clears it. */
export const scheduleVisitInput = z
  .object({
    id: id('Case id'),
    version,
    visitAt: isoInstant('Visit time').nullable(),
    note: optionalText('Visit note', AVAILABILITY_LIMITS.visitNote),
  })
  .strict();

/** Reads windows stored as JSON; anything unreadable (a hand edit) is dropped rather than trusted. */
export function parseStoredWindows(json: string | null): AvailabilityWindow[] {
  if (!json) return [];
  try {
    const parsed = availabilityWindowsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** "8:00" from "08:00": the windows read as people write them. */
export function clockWords(hhmm: string): string {
  return `${Number(hhmm.slice(0, 2))}:${hhmm.slice(3, 5)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The windows in words, weekdays first (consecutive days with the same hours grouped: "Mon–Fri
 * 8:00–10:00"), then dates in order ("Dec 4 13:00–15:00"). Null when there are none.
 */
export function describeWindows(windows: readonly AvailabilityWindow[]): string | null {
  if (windows.length === 0) return null;
  const hours = (w: AvailabilityWindow) => `${clockWords(w.start)}–${clockWords(w.end)}`;
  const weekly = windows
    .filter((w): w is Extract<AvailabilityWindow, { weekday: Weekday }> => 'weekday' in w)
    .slice()
    .sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end) || a.weekday - b.weekday);
  const parts: string[] = [];
  // Group by hours, then runs of consecutive weekdays within each group.
  const byHours = new Map<string, Weekday[]>();
  for (const w of weekly) {
    const days = byHours.get(hours(w)) ?? [];
    if (!days.includes(w.weekday)) days.push(w.weekday);
    byHours.set(hours(w), days);
  }
  for (const [span, days] of byHours) {
    days.sort((a, b) => a - b);
    const runs: string[] = [];
    let first = days[0] as Weekday;
    let last = first;
    for (const day of [...days.slice(1), null]) {
      if (day !== null && day === last + 1) {
        last = day;
        continue;
      }
      runs.push(first === last ? WEEKDAY_SHORT[first] : `${WEEKDAY_SHORT[first]}${last === first + 1 ? ', ' : '–'}${WEEKDAY_SHORT[last]}`);
      if (day !== null) first = last = day;
    }
    parts.push(`${runs.join(', ')} ${span}`);
  }
  const dated = windows
    .filter((w): w is Extract<AvailabilityWindow, { date: string }> => 'date' in w)
    .slice()
    .sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start));
  for (const w of dated) parts.push(`${MONTHS[Number(w.date.slice(5, 7)) - 1]} ${Number(w.date.slice(8, 10))}, ${w.date.slice(0, 4)} ${hours(w)}`);
  return parts.join('; ');
}
