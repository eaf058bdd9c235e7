/**
 * A technician's working time in the horizon as a list of spans (their hours on the desk's
 * calendar, less absences), and a cursor that spends working time along them. Spending 90 minutes
 * from 16:30 on a 7–17 day lands at 8:00 the next working morning.
 */
import type { BusinessCalendar } from '../sla';
import { mergeSpans, type Span } from '../availability/working-time';

/** Open spans of `calendar` in [from, to), with every absence cut out. */
export function workingSpans(calendar: BusinessCalendar, absences: readonly Span[], from: number, to: number): Span[] {
  if (!(to > from)) return [];
  const open: Span[] = [];
  for (let day = calendar.localDayOf(from), last = calendar.localDayOf(to - 1); day <= last; day++) {
    for (const [a, b] of calendar.daySchedule(day).intervals) {
      const start = Math.max(a, from);
      const end = Math.min(b, to);
      if (end > start) open.push([start, end]);
    }
  }
  return subtractSpans(open, mergeSpans(absences));
}

/** `spans` (sorted, disjoint) less `cuts` (sorted, disjoint). */
export function subtractSpans(spans: readonly Span[], cuts: readonly Span[]): Span[] {
  const out: Span[] = [];
  let c = 0;
  for (const [a0, b] of spans) {
    let a = a0;
    while (c < cuts.length && (cuts[c] as Span)[1] <= a) c++;
    for (let k = c; k < cuts.length && (cuts[k] as Span)[0] < b; k++) {
      const [ca, cb] = cuts[k] as Span;
      if (ca > a) out.push([a, Math.min(ca, b)]);
      a = Math.max(a, cb);
      if (a >= b) break;
    }
    if (a < b) out.push([a, b]);
  }
  return out;
}

export function totalMs(spans: readonly Span[]): number {
  let total = 0;
  for (const [a, b] of spans) total += b - a;
  return total;
}

/** A position in a list of spans; `at` is null once the spans are used up (past the horizon). */
export interface SpanCursor {
  index: number;
  at: number | null;
}

export function startCursor(spans: readonly Span[]): SpanCursor {
  const first = spans[0];
  return { index: 0, at: first === undefined ? null : first[0] };
}

/** The cursor after `ms` of working time; a new object (cursors are shared between schedules). */
export function spend(spans: readonly Span[], cursor: SpanCursor, ms: number): SpanCursor {
  if (cursor.at === null) return cursor;
  let index = cursor.index;
  let at = cursor.at;
  let left = ms;
  for (;;) {
    const span = spans[index];
    if (span === undefined) return { index, at: null };
    const room = span[1] - at;
    // Ending exactly at a span's close stays there (as the SLA engine does), never the next opening.
    if (left <= room) return { index, at: at + left };
    left -= room;
    index += 1;
    const next = spans[index];
    if (next === undefined) return { index, at: null };
    at = next[0];
  }
}
