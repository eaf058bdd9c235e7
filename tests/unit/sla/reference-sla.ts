/**
 * A deliberately simple reference for the SLA engine: walks the calendar one local day at a time
 * with Luxon, builds each day's open intervals from the spec's text, and accumulates time interval
 * by interval. Slow and obvious on purpose; the property tests compare the fast engine with it.
 * It shares no code with the engine beyond the spec and policy types.
 */
import { DateTime, FixedOffsetZone } from 'luxon';
import type { CalendarSpec } from '../../../electron/core/sla/calendar-spec';
import type { SlaPolicy, SlaTarget } from '../../../electron/core/sla/sla-policy';
import type { Priority } from '../../../shared/domain';

const LUXON_WEEKDAY_KEYS = ['', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const WALL_FORMAT = "yyyy-MM-dd'T'HH:mm:ss";

export interface RefPause {
  start: number;
  end: number | null;
}

function secondsOf(text: string): number {
  const [h, m, s] = text.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
}

function plusDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() as string;
}

/** Instant at which `zone` reads `date` + `seconds`: gaps move forward, ambiguous times take the earlier instant. */
export function refLocalInstant(zone: string, date: string, seconds: number): number {
  if (seconds >= 86_400) return refLocalInstant(zone, plusDays(date, 1), seconds - 86_400);
  const wall = DateTime.fromISO(date, { zone: 'utc' }).plus({ seconds }).toFormat(WALL_FORMAT);
  const luxonPick = DateTime.fromISO(wall, { zone });
  const candidates: number[] = [];
  const offsets = new Set([luxonPick.offset, luxonPick.minus({ days: 1 }).offset, luxonPick.plus({ days: 1 }).offset]);
  for (const offset of offsets) {
    const t = DateTime.fromISO(wall, { zone: FixedOffsetZone.instance(offset) }).toMillis();
    if (DateTime.fromMillis(t, { zone }).toFormat(WALL_FORMAT) === wall) candidates.push(t);
  }
  // No candidate: the wall time is skipped; Luxon then moves it forward by the gap.
  return candidates.length > 0 ? Math.min(...candidates) : luxonPick.toMillis();
}

export function refLocalDate(zone: string, t: number): string {
  return DateTime.fromMillis(t, { zone }).toISODate() as string;
}

export class RefCalendar {
  private readonly closed: Set<string>;
  private readonly cache = new Map<string, [number, number][]>();

  constructor(
    readonly spec: CalendarSpec,
    extraClosedDates: readonly string[] = [],
  ) {
    this.closed = new Set([...spec.closures.map((c) => c.date), ...extraClosedDates]);
  }

  get zone(): string {
    return this.spec.zone;
  }

  /** Raw intervals of one local date, before clipping against earlier days. */
  private rawIntervals(date: string): [number, number][] {
    if (this.closed.has(date)) return [];
    const weekday = DateTime.fromISO(date, { zone: 'utc' }).weekday;
    const key = LUXON_WEEKDAY_KEYS[weekday] as Exclude<(typeof LUXON_WEEKDAY_KEYS)[number], ''>;
    const windows = [...this.spec.weeklyHours[key]].map((w) => [secondsOf(w.open), secondsOf(w.close)] as const);
    windows.sort((a, b) => a[0] - b[0]);
    return windows.map(([open, close]) => [refLocalInstant(this.zone, date, open), refLocalInstant(this.zone, date, close)]);
  }

  /** Open intervals of `date`, clipped so that they never overlap those of the previous open days. */
  intervalsOf(date: string): [number, number][] {
    const hit = this.cache.get(date);
    if (hit !== undefined) return hit;
    // Only a DST quirk right at midnight could make yesterday's intervals reach into today.
    let previousEnd = -Infinity;
    for (const [, end] of this.rawIntervalsClipped(plusDays(date, -1), -Infinity)) previousEnd = Math.max(previousEnd, end);
    const result = this.rawIntervalsClipped(date, previousEnd);
    this.cache.set(date, result);
    return result;
  }

  private rawIntervalsClipped(date: string, previousEnd: number): [number, number][] {
    const out: [number, number][] = [];
    let last = previousEnd;
    for (const [s, e] of this.rawIntervals(date)) {
      const start = Math.max(s, last);
      if (e <= start) continue;
      out.push([start, e]);
      last = e;
    }
    return out;
  }

  isOpen(t: number): boolean {
    const date = refLocalDate(this.zone, t);
    for (const d of [plusDays(date, -1), date, plusDays(date, 1)]) {
      if (this.intervalsOf(d).some(([s, e]) => s <= t && t < e)) return true;
    }
    return false;
  }

  /** Open intervals from the day before t's date onwards, day by day. */
  *intervalsFrom(t: number): Generator<[number, number]> {
    let date = plusDays(refLocalDate(this.zone, t), -1);
    for (let guard = 0; guard < 40_000; guard++) {
      yield* this.intervalsOf(date);
      date = plusDays(date, 1);
    }
    throw new Error('reference walked too far');
  }

  businessBetween(a: number, b: number): number {
    let total = 0;
    for (const [s, e] of this.intervalsFrom(a)) {
      if (s >= b) break;
      total += Math.max(0, Math.min(e, b) - Math.max(s, a));
    }
    return total;
  }

  addBusiness(t: number, ms: number): number {
    if (ms === 0) return t;
    let left = ms;
    for (const [s, e] of this.intervalsFrom(t)) {
      if (e <= t) continue;
      const from = Math.max(s, t);
      if (left <= e - from) return from + left;
      left -= e - from;
    }
    throw new Error('unreachable');
  }

  nextBusinessDate(after: string): string {
    let date = plusDays(after, 1);
    while (this.intervalsOf(date).length === 0) date = plusDays(date, 1);
    return date;
  }

  /** Most common open-day length, the longest on a tie; or the spec's explicit value. */
  standardDayMs(): number {
    if (this.spec.businessDayHours) return Math.round(this.spec.businessDayHours * 3600) * 1000;
    const counts = new Map<number, number>();
    for (const key of LUXON_WEEKDAY_KEYS.slice(1) as Exclude<(typeof LUXON_WEEKDAY_KEYS)[number], ''>[]) {
      // Length of the union of the day's windows.
      const windows = [...this.spec.weeklyHours[key]].map((w) => [secondsOf(w.open), secondsOf(w.close)] as [number, number]).sort((a, b) => a[0] - b[0]);
      let length = 0;
      let reach = 0;
      for (const [o, c] of windows) {
        const from = Math.max(o, reach);
        if (c > from) length += c - from;
        reach = Math.max(reach, c);
      }
      if (length > 0) counts.set(length, (counts.get(length) ?? 0) + 1);
    }
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
    return (best?.[0] ?? 0) * 1000;
  }
}

export function refClockStart(cal: RefCalendar, policy: SlaPolicy, priority: Priority, received: number): number {
  if (!policy.intakeCutoffPriorities.includes(priority)) return received;
  const date = refLocalDate(cal.zone, received);
  const nextOpening = (): number => (cal.intervalsOf(cal.nextBusinessDate(date))[0] as [number, number])[0];
  const today = cal.intervalsOf(date);
  if (today.length === 0) return nextOpening();
  if (cal.spec.intakeCutoff !== null && received > refLocalInstant(cal.zone, date, secondsOf(cal.spec.intakeCutoff))) return nextOpening();
  for (const [s, e] of today) {
    if (received < s) return s;
    if (received < e) return received;
  }
  return nextOpening();
}

function refSegments(cal: RefCalendar, unit: 'clock' | 'business', from: number): Generator<[number, number]> {
  if (unit === 'business') return cal.intervalsFrom(from);
  return (function* () {
    yield [from, Infinity] as [number, number];
  })();
}

/** Walks open (or all, for clock time) time minus pauses until `amount` ms are used; null when an open pause holds it. */
export function refDue(cal: RefCalendar, unit: 'clock' | 'business', from: number, amount: number, pauses: readonly RefPause[]): number | null {
  if (amount === 0) {
    return from;
  }
  let left = amount;
  const sorted = [...pauses].sort((a, b) => a.start - b.start);
  for (const [s, e] of refSegments(cal, unit, from)) {
    if (e <= from) continue;
    let cursor = Math.max(s, from);
    while (cursor < e) {
      const pause = sorted.find((p) => p.start <= cursor && (p.end === null || cursor < p.end));
      if (pause !== undefined) {
        if (pause.end === null) return null;
        cursor = pause.end;
        continue;
      }
      const nextPauseStart = Math.min(e, ...sorted.filter((p) => p.start > cursor).map((p) => p.start));
      if (left <= nextPauseStart - cursor) return cursor + left;
      left -= nextPauseStart - cursor;
      cursor = nextPauseStart;
    }
  }
  throw new Error('unreachable');
}

export function refTargetMs(cal: RefCalendar, target: SlaTarget): number {
  return Math.round(target.amount * (target.unit === 'business-days' ? cal.standardDayMs() : 3_600_000));
}

export function refTargetDue(cal: RefCalendar, target: SlaTarget, from: number, pauses: readonly RefPause[]): number | null {
  return refDue(cal, target.unit === 'clock-hours' ? 'clock' : 'business', from, refTargetMs(cal, target), pauses);
}

/** Convention 7: the close of the first business day after the arrival's local date. */
export function refPartsArrivedClose(cal: RefCalendar, arrival: number): number {
  const intervals = cal.intervalsOf(cal.nextBusinessDate(refLocalDate(cal.zone, arrival)));
  return (intervals[intervals.length - 1] as [number, number])[1];
}
