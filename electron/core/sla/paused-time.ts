/**
 * Pauses (convention 6): time a case spends pending user response or awaiting parts does not
 * count. A target is measured in its own unit (elapsed time or business time); its due instant is
 * the earliest instant at which the unpaused measure since the clock start reaches the target.
 * That is the same as pushing the deadline by the paused time in the target's unit.
 */
import type { BusinessCalendar } from './business-calendar';
import { SlaInputError } from './sla-errors';

export interface Pause {
  start: number;
  /** null while the case is still paused. */
  end: number | null;
}

export interface TimeMeasure {
  readonly kind: 'clock' | 'business';
  /** Earliest instant at which `ms` of this measure has passed since t. */
  add(t: number, ms: number): number;
  /** Amount of this measure in [a, b), a ≤ b. */
  between(a: number, b: number): number;
}

/** Clock time is instant arithmetic: across a DST change one hour is 3,600 seconds (convention 2). */
export const CLOCK_MEASURE: TimeMeasure = {
  kind: 'clock',
  add: (t, ms) => t + ms,
  between: (a, b) => b - a,
};

const businessMeasures = new WeakMap<BusinessCalendar, TimeMeasure>();

export function businessMeasure(calendar: BusinessCalendar): TimeMeasure {
  let measure = businessMeasures.get(calendar);
  if (measure === undefined) {
    measure = {
      kind: 'business',
      add: (t, ms) => calendar.addBusinessMs(t, ms),
      between: (a, b) => calendar.businessMsBetween(a, b),
    };
    businessMeasures.set(calendar, measure);
  }
  return measure;
}

/**
 * Pauses that matter after `from`, clipped, sorted and merged. With `asOf`, what is known at that
 * instant: later pauses are dropped and one still running at `asOf` is open (end null).
 */
export function normalizePauses(pauses: readonly Pause[] | undefined, from: number, asOf?: number): Pause[] {
  if (pauses === undefined || pauses.length === 0) return [];
  const clipped: Pause[] = [];
  pauses.forEach((pause, i) => {
    if (!Number.isFinite(pause.start)) throw new SlaInputError(`pauses[${i}].start`, pause.start, 'expected epoch milliseconds');
    if (pause.end !== null && !(Number.isFinite(pause.end) && pause.end >= pause.start)) {
      throw new SlaInputError(`pauses[${i}].end`, pause.end, 'expected epoch milliseconds not before the start, or null');
    }
    if (asOf !== undefined && pause.start > asOf) return;
    let end = pause.end;
    if (asOf !== undefined && end !== null && end > asOf) end = null;
    if (end !== null && end <= from) return;
    const start = Math.max(pause.start, from);
    if (end !== null && end <= start) return;
    clipped.push({ start, end });
  });
  clipped.sort((a, b) => a.start - b.start);
  const merged: Pause[] = [];
  for (const pause of clipped) {
    const last = merged[merged.length - 1];
    if (last !== undefined && (last.end === null || pause.start <= last.end)) {
      last.end = last.end === null || pause.end === null ? null : Math.max(last.end, pause.end);
    } else {
      merged.push({ ...pause });
    }
  }
  return merged;
}

/**
 * Earliest instant at which `amountMs` of unpaused measure has passed since `start`, or null when
 * an open pause holds the clock before the amount is reached. `pauses` must be normalized from `start`.
 */
export function dueAfterPauses(measure: TimeMeasure, start: number, amountMs: number, pauses: readonly Pause[]): number | null {
  let cursor = start;
  let remaining = amountMs;
  for (const pause of pauses) {
    const candidate = measure.add(cursor, remaining);
    if (candidate <= pause.start) return candidate;
    remaining -= measure.between(cursor, pause.start);
    if (pause.end === null) return null;
    cursor = pause.end;
  }
  return measure.add(cursor, remaining);
}

/** Unpaused measure in [start, at). `pauses` must be normalized from `start`. */
export function usedBetween(measure: TimeMeasure, start: number, at: number, pauses: readonly Pause[]): number {
  if (at <= start) return 0;
  let used = measure.between(start, at);
  for (const pause of pauses) {
    if (pause.start >= at) break;
    const end = pause.end === null || pause.end > at ? at : pause.end;
    used -= measure.between(pause.start, end);
  }
  return used;
}

export function isPausedAt(pauses: readonly Pause[], at: number): boolean {
  return pauses.some((p) => p.start <= at && (p.end === null || at < p.end));
}
