/** Small helpers shared by the benchmarks: timing, percentiles, a table, and pass/fail against targets. */

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export async function timeEach<T>(items: readonly T[], run: (item: T) => Promise<unknown> | unknown): Promise<number[]> {
  const samples: number[] = [];
  for (const item of items) {
    const start = process.hrtime.bigint();
    await run(item);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

export interface Check {
  name: string;
  value: number;
  unit: string;
  /** The target: the value must be at most (or at least) this. */
  target: number;
  better: 'lower' | 'higher';
}

export function report(title: string, checks: readonly Check[]): boolean {
  console.log(`\n${title}`);
  let ok = true;
  for (const c of checks) {
    const pass = c.better === 'lower' ? c.value <= c.target : c.value >= c.target;
    ok &&= pass;
    const op = c.better === 'lower' ? '≤' : '≥';
    console.log(`  ${pass ? 'PASS' : 'FAIL'}  ${c.name.padEnd(52)} ${c.value.toFixed(2).padStart(10)} ${c.unit.padEnd(6)} (target ${op} ${c.target} ${c.unit})`);
  }
  return ok;
}

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same workload. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
