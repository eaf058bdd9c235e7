/**
 * Typical handling times, learned from resolved cases: per category and priority when there are
 * enough of them, else per category, else per priority, else over all cases. The forecast uses the
 * median (expected) and the 80th percentile (pessimistic) of the working time a case took.
 */
import type { Priority } from '../../../shared/domain';

export interface HandlingSample {
  categoryId: number | null;
  priority: Priority;
  /** Working time the case took (see handling-effort.ts for how it is measured). */
  workMs: number;
}

export type HandlingBasis = 'category-priority' | 'category' | 'priority' | 'all' | 'default';

export interface HandlingEstimate {
  p50: number;
  p80: number;
  basis: HandlingBasis;
  /** Resolved cases the figures come from (0 for the default). */
  samples: number;
}

/** Fewer cases than this in a group, and the forecast uses the wider group instead. */
export const MIN_SAMPLES = { categoryPriority: 20, category: 10, priority: 10, all: 5 } as const;

/** With no history at all (a new desk): an hour typically, three pessimistically. */
export const DEFAULT_HANDLING: HandlingEstimate = { p50: 3_600_000, p80: 3 * 3_600_000, basis: 'default', samples: 0 };

/** Nearest-rank quantile of ascending `sorted` (q in (0, 1]). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] as number;
}

export class HandlingTimes {
  private readonly byCategoryPriority = new Map<string, HandlingEstimate>();
  private readonly byCategory = new Map<number | null, HandlingEstimate>();
  private readonly byPriority = new Map<Priority, HandlingEstimate>();
  private readonly all: HandlingEstimate;
  readonly samples: number;

  constructor(samples: readonly HandlingSample[]) {
    samples.forEach((s, i) => {
      if (!(Number.isFinite(s.workMs) && s.workMs >= 0)) throw new RangeError(`handling sample ${i}: workMs must be a non-negative number of ms (got ${s.workMs})`);
    });
    this.samples = samples.length;
    const groups = <K>(key: (s: HandlingSample) => K) => {
      const map = new Map<K, number[]>();
      for (const s of samples) {
        const k = key(s);
        const list = map.get(k);
        if (list) list.push(s.workMs);
        else map.set(k, [s.workMs]);
      }
      return map;
    };
    const fill = <K>(into: Map<K, HandlingEstimate>, from: Map<K, number[]>, basis: HandlingBasis, min: number) => {
      for (const [k, values] of from) if (values.length >= min) into.set(k, estimate(values, basis));
    };
    fill(this.byCategoryPriority, groups((s) => `${s.categoryId}:${s.priority}`), 'category-priority', MIN_SAMPLES.categoryPriority);
    fill(this.byCategory, groups((s) => s.categoryId), 'category', MIN_SAMPLES.category);
    fill(this.byPriority, groups((s) => s.priority), 'priority', MIN_SAMPLES.priority);
    this.all = samples.length >= MIN_SAMPLES.all ? estimate(samples.map((s) => s.workMs), 'all') : DEFAULT_HANDLING;
  }

  /** The narrowest group with enough resolved cases. */
  estimate(categoryId: number | null, priority: Priority): HandlingEstimate {
    return this.byCategoryPriority.get(`${categoryId}:${priority}`) ?? this.byCategory.get(categoryId) ?? this.byPriority.get(priority) ?? this.all;
  }
}

function estimate(values: number[], basis: HandlingBasis): HandlingEstimate {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p80: quantile(sorted, 0.8), basis, samples: sorted.length };
}
