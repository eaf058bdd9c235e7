/**
 * How much of a technician's working time a resolved case took. The case's own span (from
 * acknowledgement, or the clock start if later, to resolution, less its pauses, counted in working
 * time) is not its effort: a technician with twelve cases open works each one a twelfth of the
 * time. So each case is given an equal share of its technician's working time while it was open
 * alongside the others ("processor sharing"): a technician's shares add up to their busy working
 * time, which is what the forecast later spends again case by case, earliest deadline first.
 */
import type { Span } from '../availability/working-time';

export interface WorkedCase {
  id: number;
  technicianId: number;
  /**
   * The case's active spans as positions on a working-time line (e.g. desk business ms since a
   * fixed origin), sorted and disjoint: pauses already cut out.
   */
  spans: readonly Span[];
}

/** Each case's share of its technician's working time, in ms, by case id. */
export function effortShares(cases: readonly WorkedCase[]): Map<number, number> {
  const byTechnician = new Map<number, WorkedCase[]>();
  for (const c of cases) {
    const list = byTechnician.get(c.technicianId);
    if (list) list.push(c);
    else byTechnician.set(c.technicianId, [c]);
  }
  const shares = new Map<number, number>();
  for (const own of byTechnician.values()) {
    // Points where the number of open cases changes: +1 at a span's start, -1 at its end.
    const points: { x: number; d: number }[] = [];
    for (const c of own) {
      shares.set(c.id, 0);
      for (const [a, b] of c.spans) {
        if (b <= a) continue;
        points.push({ x: a, d: 1 }, { x: b, d: -1 });
      }
    }
    points.sort((p, q) => p.x - q.x || p.d - q.d);
    // share(x): working time per open case accumulated up to x (the integral of 1 / open).
    const xs: number[] = [];
    const share: number[] = [];
    let open = 0;
    let acc = 0;
    let lastX = points[0]?.x ?? 0;
    for (const p of points) {
      if (open > 0) acc += (p.x - lastX) / open;
      lastX = p.x;
      open += p.d;
      if (xs.length && xs[xs.length - 1] === p.x) share[share.length - 1] = acc;
      else {
        xs.push(p.x);
        share.push(acc);
      }
    }
    const shareAt = (x: number): number => share[lowerBound(xs, x)] as number;
    for (const c of own) {
      let total = 0;
      for (const [a, b] of c.spans) if (b > a) total += shareAt(b) - shareAt(a);
      shares.set(c.id, total);
    }
  }
  return shares;
}

function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
