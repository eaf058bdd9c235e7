/**
 * The reports recomputed by a deliberately simple route, to check the core's figures against:
 * straight from the tables the lifecycle writes (cases with their stored deadlines, pauses,
 * status events), outcomes by comparing stored instants, and working time by walking the
 * minutes one by one against the agreement's desk hours. Slow and obvious on purpose; shares
 * no code with electron/core/reports.
 */
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';

const ZONE = 'America/Chicago';
const MINUTE = 60_000;
/** Public holidays that close the desk in the weeks the tests cover (federal and Missouri). */
const HOLIDAYS = new Set(['2026-11-11', '2026-11-26', '2026-12-25', '2027-01-01']);
const UNITS: Record<number, { response: string; resolution: string }> = {
  1: { response: 'clock-hours', resolution: 'clock-hours' },
  2: { response: 'business-hours', resolution: 'business-days' },
  3: { response: 'clock-hours', resolution: 'business-days' },
  4: { response: 'business-days', resolution: 'business-days' },
  5: { response: 'business-days', resolution: 'business-days' },
};

export interface SimpleCase {
  id: number;
  priority: number;
  status: string;
  assigneeId: number;
  buildingId: number;
  categoryId: number;
  callerId: number;
  receivedDate: string;
  receivedHour: number;
  weekday: number;
  response: { outcome: string; elapsed: number | null; unit: string };
  resolution: { outcome: string; elapsed: number | null; unit: string };
  pendingHours: number;
  partsHours: number;
  everPending: boolean;
  everParts: boolean;
  firstContact: boolean;
  reopened: number;
  doneDate: string | null;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Desk hours change only on the hour (7:00, 17:00, midnight, DST shifts): one answer per clock hour. */
const openByHour = new Map<number, boolean>();

function deskOpen(t: number): boolean {
  const hour = Math.floor(t / 3_600_000);
  let open = openByHour.get(hour);
  if (open === undefined) openByHour.set(hour, (open = deskOpenAt(hour * 3_600_000)));
  return open;
}

function deskOpenAt(t: number): boolean {
  const local = DateTime.fromMillis(t, { zone: ZONE });
  if (local.weekday > 5 || HOLIDAYS.has(local.toISODate() as string)) return false;
  const minutes = local.hour * 60 + local.minute;
  return minutes >= 7 * 60 && minutes < 17 * 60;
}

/** Minutes from `start` to `end` not in a pause (and, for business time, while the desk is open). */
function walk(start: number, end: number, pauses: { start: number; end: number }[], business: boolean): number {
  let minutes = 0;
  for (let t = start; t < end; t += MINUTE) {
    if (pauses.some((p) => t >= p.start && t < p.end)) continue;
    if (business && !deskOpen(t)) continue;
    minutes += 1;
  }
  return minutes;
}

export async function simpleCases(db: DataSource, asOf: number): Promise<SimpleCase[]> {
  const cases: Record<string, unknown>[] = await db.query('SELECT * FROM help_case ORDER BY id');
  const pauses: Record<string, unknown>[] = await db.query('SELECT * FROM case_pause ORDER BY id');
  const events: Record<string, unknown>[] = await db.query(`SELECT case_id, detail FROM case_event WHERE kind = 'status_changed' ORDER BY id`);
  return cases.map((c) => {
    const id = Number(c.id);
    const priority = Number(c.priority);
    const status = String(c.status);
    const own = pauses.filter((p) => Number(p.case_id) === id).map((p) => ({ status: String(p.status), start: Number(p.started_at), end: num(p.ended_at) ?? asOf }));
    const changes = events.filter((e) => Number(e.case_id) === id).map((e) => JSON.parse(String(e.detail)) as { action?: string; from?: string; to?: string });
    const clockStart = Number(c.clock_start_at);
    const target = (due: number | null, reached: number | null, unit: string, hasTarget: boolean) => {
      let outcome: string;
      if (!hasTarget) outcome = 'none';
      else if (reached !== null) outcome = due !== null && reached > due ? 'breached' : 'met';
      else if (due !== null && asOf > due) outcome = 'breached';
      else outcome = status === 'closed' ? 'none' : 'open';
      const minutes = reached === null ? null : walk(clockStart, reached, own, unit !== 'clock-hours');
      const elapsed = minutes === null ? null : unit === 'business-days' ? minutes / 600 : minutes / 60;
      return { outcome, elapsed, unit };
    };
    const units = UNITS[priority] as { response: string; resolution: string };
    const ownDate = status === 'long_term_project' || status === 'planned_maintenance';
    const received = DateTime.fromMillis(Number(c.received_at), { zone: ZONE });
    const resolvedAt = num(c.resolved_at);
    const closedAt = num(c.closed_at);
    const done = resolvedAt ?? closedAt;
    const hours = (kind: string) => own.filter((p) => p.status === kind).reduce((s, p) => s + (p.end - p.start), 0) / 3_600_000;
    const first = changes[0];
    return {
      id,
      priority,
      status,
      assigneeId: num(c.assignee_id) ?? 0,
      buildingId: num(c.building_id) ?? 0,
      categoryId: num(c.category_id) ?? 0,
      callerId: Number(c.caller_id),
      receivedDate: received.toISODate() as string,
      receivedHour: received.hour,
      weekday: received.weekday,
      response: target(num(c.response_due_at), num(c.responded_at), units.response, true),
      resolution: target(num(c.resolution_due_at), resolvedAt, units.resolution, priority !== 5 || ownDate),
      pendingHours: hours('pending_user_response'),
      partsHours: hours('awaiting_parts'),
      everPending: own.some((p) => p.status === 'pending_user_response'),
      everParts: own.some((p) => p.status === 'awaiting_parts'),
      firstContact: resolvedAt !== null && first?.from === 'new' && first?.to === 'resolved',
      reopened: changes.filter((x) => x.action === 'reopen').length,
      doneDate: done === null ? null : (DateTime.fromMillis(done, { zone: ZONE }).toISODate() as string),
    };
  });
}

/** Linear interpolation between closest ranks. */
export function simplePercentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * p;
  const low = sorted[Math.floor(rank)] as number;
  const high = sorted[Math.ceil(rank)] as number;
  return low + (high - low) * (rank - Math.floor(rank));
}

export interface SimpleRow {
  cases: number;
  response: Record<string, number>;
  resolution: Record<string, number>;
  times: Record<number, { response: { median: number | null; p90: number | null; count: number }; resolution: { median: number | null; p90: number | null; count: number } }>;
  pendingCases: number;
  pendingHours: number;
  partsCases: number;
  partsHours: number;
}

export function simpleRow(cases: SimpleCase[]): SimpleRow {
  const count = (target: 'response' | 'resolution') => {
    const c: Record<string, number> = { met: 0, breached: 0, open: 0, none: 0 };
    for (const k of cases) c[k[target].outcome] = (c[k[target].outcome] ?? 0) + 1;
    return c;
  };
  const times: SimpleRow['times'] = {};
  for (const p of [1, 2, 3, 4, 5]) {
    const mine = cases.filter((k) => k.priority === p);
    if (!mine.length) continue;
    const of = (target: 'response' | 'resolution') => {
      const values = mine.map((k) => k[target].elapsed).filter((v): v is number => v !== null);
      return { median: simplePercentile(values, 0.5), p90: simplePercentile(values, 0.9), count: values.length };
    };
    times[p] = { response: of('response'), resolution: of('resolution') };
  }
  const pending = cases.filter((k) => k.everPending);
  const parts = cases.filter((k) => k.everParts);
  return {
    cases: cases.length,
    response: count('response'),
    resolution: count('resolution'),
    times,
    pendingCases: pending.length,
    pendingHours: pending.reduce((s, k) => s + k.pendingHours, 0),
    partsCases: parts.length,
    partsHours: parts.reduce((s, k) => s + k.partsHours, 0),
  };
}
