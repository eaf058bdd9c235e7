import { describe, expect, it } from 'vitest';
import { TimeOrder } from '../../../electron/core/reports/time-order';
import { chanceOfAtLeast } from '../../../electron/core/reports/weaknesses';

/** The order a plain sort gives: by value, ties by slot. */
function sorted(values: Float64Array, present: Set<number>): number[] {
  return [...present].sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
}

describe('TimeOrder', () => {
  it('stays the sorted order through random inserts, moves and removals, and after a rebuild', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const values = new Float64Array(500).fill(NaN);
    const present = new Set<number>();
    const order = new TimeOrder((slot) => values[slot] as number);
    const all = () => [...present];
    order.ordered(all); // built (empty) and kept from here on
    for (let step = 0; step < 5_000; step++) {
      const slot = Math.floor(random() * values.length);
      const before = values[slot] as number;
      // Few distinct values, so ties are common.
      const next = random() < 0.15 ? NaN : Math.floor(random() * 40) / 4;
      values[slot] = next;
      if (Number.isNaN(next)) present.delete(slot);
      else present.add(slot);
      order.move(slot, before, !Number.isNaN(next));
      if (step % 500 === 0) expect([...order.ordered(all)]).toEqual(sorted(values, present));
    }
    expect([...order.ordered(all)]).toEqual(sorted(values, present));
    order.markStale();
    expect([...order.ordered(all)]).toEqual(sorted(values, present));
  });
});

describe('chanceOfAtLeast (Poisson tail)', () => {
  it('matches the closed forms', () => {
    expect(chanceOfAtLeast(0, 3)).toBe(1);
    expect(chanceOfAtLeast(1, 0.5)).toBeCloseTo(1 - Math.exp(-0.5), 12);
    expect(chanceOfAtLeast(2, 2)).toBeCloseTo(1 - Math.exp(-2) * (1 + 2), 12);
    // 13 cases where 3.48 were usual: rare; 4 where 3.5 were usual: common.
    expect(chanceOfAtLeast(13, 3.48)).toBeLessThan(0.001);
    expect(chanceOfAtLeast(4, 3.5)).toBeGreaterThan(0.4);
  });
});
