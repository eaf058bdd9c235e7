/**
 * Typical handling times from resolved cases. A case's work counts from its acknowledgement (or
 * its clock start, if later: a call taken after the 4 PM cutoff is worked from the next opening)
 * to its resolution, less its pauses, in the desk's working time; and it is given its share of
 * its technician's working time while it was open with their other cases (handling-effort.ts).
 * Elapsed time alone would count a case's wait behind the technician's other cases as its own
 * work, and the forecast, which queues the cases again, would count that wait twice.
 */
import type { Priority } from '../../../shared/domain';
import type { BusinessCalendar } from '../sla';
import type { Span } from '../availability/working-time';
import { effortShares, type WorkedCase } from './handling-effort';
import { subtractSpans } from './working-spans';
import { HandlingTimes, type HandlingSample } from './handling-times';

export interface ResolvedCase {
  id: number;
  /** Who resolved it (the assignee at resolution). */
  technicianId: number;
  categoryId: number | null;
  priority: Priority;
  /** Acknowledgement, or the clock start when that is later. */
  workFrom: number;
  resolvedAt: number;
  pauses: readonly { start: number; end: number | null }[];
}

export function handlingSamples(resolved: readonly ResolvedCase[], desk: BusinessCalendar): HandlingSample[] {
  if (resolved.length === 0) return [];
  const origin = Math.min(...resolved.map((c) => c.workFrom));
  // Instants as positions on the desk's working-time line: a night or a weekend has no length there.
  const x = (t: number) => desk.businessMsBetween(origin, t);
  const worked: WorkedCase[] = [];
  for (const c of resolved) {
    if (!(c.resolvedAt > c.workFrom)) {
      worked.push({ id: c.id, technicianId: c.technicianId, spans: [] });
      continue;
    }
    const pauses: Span[] = c.pauses.map((p) => [p.start, p.end ?? c.resolvedAt] as const).filter(([a, b]) => b > a);
    pauses.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [a, b] of pauses) {
      const last = merged[merged.length - 1];
      if (last && a <= last[1]) last[1] = Math.max(last[1], b);
      else merged.push([a, b]);
    }
    const active = subtractSpans([[c.workFrom, c.resolvedAt]], merged);
    worked.push({ id: c.id, technicianId: c.technicianId, spans: active.map(([a, b]) => [x(a), x(b)] as const) });
  }
  const shares = effortShares(worked);
  return resolved.map((c) => ({ categoryId: c.categoryId, priority: c.priority, workMs: Math.round(shares.get(c.id) ?? 0) }));
}

export function learnHandling(resolved: readonly ResolvedCase[], desk: BusinessCalendar): HandlingTimes {
  return new HandlingTimes(handlingSamples(resolved, desk));
}
