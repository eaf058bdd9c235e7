/**
 * Weekly opening hours as data ("mon": [{ open: "07:00", close: "17:00" }]) and their
 * normalized form in seconds since local midnight. Any number of intervals per weekday, so a
 * lunch break or a half day can be written down; touching or overlapping intervals are merged.
 */
import { SlaInputError } from './sla-errors';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface OpenInterval {
  /** Local time "HH:MM" or "HH:MM:SS". */
  open: string;
  /** Local time; "24:00" closes at the end of the day. */
  close: string;
}

export type WeeklyHours = Readonly<Record<Weekday, readonly OpenInterval[]>>;

/** [openSeconds, closeSeconds] since local midnight, sorted and disjoint. */
export type DayWindows = readonly (readonly [number, number])[];

/** Index 1 (Monday) … 7 (Sunday), as ISO weekdays; index 0 unused. */
export type NormalizedWeek = readonly DayWindows[];

const TIME_OF_DAY = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Seconds since midnight for "HH:MM[:SS]" (00:00 … 24:00), or null. */
export function parseTimeOfDay(text: string): number | null {
  const m = TIME_OF_DAY.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const s = m[3] === undefined ? 0 : Number(m[3]);
  if (mi > 59 || s > 59) return null;
  const total = h * 3600 + mi * 60 + s;
  return total > 86_400 ? null : total;
}

export function normalizeWeeklyHours(hours: WeeklyHours, field = 'weeklyHours'): NormalizedWeek {
  const week: DayWindows[] = [[]];
  let anyOpen = false;
  for (const day of WEEKDAYS) {
    const intervals = hours[day];
    if (!Array.isArray(intervals)) throw new SlaInputError(`${field}.${day}`, intervals, 'expected a list of {open, close}');
    const windows: [number, number][] = intervals.map((interval, i) => {
      const where = `${field}.${day}[${i}]`;
      const open = parseTimeOfDay(interval.open);
      const close = parseTimeOfDay(interval.close);
      if (open === null) throw new SlaInputError(`${where}.open`, interval.open, 'expected a time HH:MM between 00:00 and 24:00');
      if (close === null) throw new SlaInputError(`${where}.close`, interval.close, 'expected a time HH:MM between 00:00 and 24:00');
      if (close <= open) throw new SlaInputError(where, interval, 'close must be later than open');
      return [open, close];
    });
    windows.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const w of windows) {
      const last = merged[merged.length - 1];
      if (last !== undefined && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
      else merged.push([w[0], w[1]]);
    }
    if (merged.length > 0) anyOpen = true;
    week.push(merged);
  }
  if (!anyOpen) throw new SlaInputError(field, hours, 'at least one weekday needs opening hours');
  return week;
}

/**
 * Length of a "standard business day" in seconds: the most common length among open weekdays,
 * the longest on a tie. Mon–Fri 07:00–17:00 gives 10 hours; a shorter Friday does not change it.
 */
export function standardDaySeconds(week: NormalizedWeek): number {
  const counts = new Map<number, number>();
  for (let d = 1; d <= 7; d++) {
    const length = (week[d] ?? []).reduce((sum, [open, close]) => sum + close - open, 0);
    if (length > 0) counts.set(length, (counts.get(length) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [length, count] of counts) {
    if (count > bestCount || (count === bestCount && length > best)) {
      best = length;
      bestCount = count;
    }
  }
  return best;
}
