/**
 * One year of a weekly schedule laid out as instants: each local day's midnight, its cutoff and its
 * open intervals, before any closure is applied. Converting wall-clock times through the zone is
 * the costly part of compiling a calendar, and it depends only on (zone, weekly hours, cutoff), so
 * layouts are cached and shared by every closure set: a batch with many holiday lists compiles
 * each of them in microseconds per day.
 */
import { civilDayOf, isoWeekdayOf } from './civil-date';
import type { NormalizedWeek } from './weekly-hours';
import { instantOfLocalDay } from './zone-time';

export interface YearLayout {
  year: number;
  firstDay: number;
  dayCount: number;
  /** dayCount + 1 entries: local midnight of each day, then of the next year's 1 January. */
  dayStart: Float64Array;
  /** Cutoff instant of each day, NaN when the calendar has no cutoff. */
  cutoffAt: Float64Array;
  /** dayCount + 1 entries: day d's intervals are ivStart/ivEnd[dayFirst[d] … dayFirst[d+1]). */
  dayFirst: Int32Array;
  ivStart: Float64Array;
  ivEnd: Float64Array;
}

const MAX_CACHED = 512;
const cache = new Map<string, YearLayout>();

export function yearLayout(zone: string, week: NormalizedWeek, cutoffSeconds: number | null, weekKey: string, year: number): YearLayout {
  const key = `${zone}|${weekKey}|${cutoffSeconds}|${year}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const layout = buildYearLayout(zone, week, cutoffSeconds, year);
  if (cache.size >= MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, layout);
  return layout;
}

function buildYearLayout(zone: string, week: NormalizedWeek, cutoffSeconds: number | null, year: number): YearLayout {
  const firstDay = civilDayOf(year, 1, 1);
  const dayCount = civilDayOf(year + 1, 1, 1) - firstDay;
  const dayStart = new Float64Array(dayCount + 1);
  const cutoffAt = new Float64Array(dayCount);
  const dayFirst = new Int32Array(dayCount + 1);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let d = 0; d <= dayCount; d++) dayStart[d] = instantOfLocalDay(zone, firstDay + d, 0);
  for (let d = 0; d < dayCount; d++) {
    const civilDay = firstDay + d;
    dayFirst[d] = starts.length;
    cutoffAt[d] = cutoffSeconds === null ? Number.NaN : instantOfLocalDay(zone, civilDay, cutoffSeconds);
    let previousEnd = -Infinity;
    for (const [open, close] of week[isoWeekdayOf(civilDay)] ?? []) {
      // On a spring-forward day a window edge inside the gap moves forward by the gap (convention 5),
      // which can make a window empty or overlap the one before; clip so intervals stay disjoint.
      const start = Math.max(instantOfLocalDay(zone, civilDay, open), previousEnd);
      const end = instantOfLocalDay(zone, civilDay, close);
      if (end <= start) continue;
      starts.push(start);
      ends.push(end);
      previousEnd = end;
    }
  }
  dayFirst[dayCount] = starts.length;
  return { year, firstDay, dayCount, dayStart, cutoffAt, dayFirst, ivStart: Float64Array.from(starts), ivEnd: Float64Array.from(ends) };
}
