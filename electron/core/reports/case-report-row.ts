/**
 * One case as search, exports and drill-downs show it (CaseReportRow), read from the case, its
 * fact row and the names it points at. Figures are judged at `asOf`: an open target past due is
 * breached, and a pause still running counts up to `asOf`.
 */
import { formatCaseNumber, type CaseChannel, type CaseStatus, type Priority } from '../../../shared/domain';
import type { CaseReportRow, CaseTargetFigures, TargetOutcome, TimeUnit } from '../../../shared/reports';

const HOUR_MS = 3_600_000;

/** The columns a row is read from, over c = help_case and f = case_report_fact (left joined). */
export const ROW_SELECT = `SELECT c.id, c.summary, c.caller_id, rc.name AS caller_name, rb.name AS building_name, rk.name AS category_name,
    c.priority, c.status, c.channel, c.assignee_id, rs.name AS assignee_name, c.received_at, c.policy_version,
    f.clock_start_at, f.business_day_ms,
    f.response_unit, f.response_has_target, f.response_due_at, f.responded_at, f.response_elapsed_ms, f.response_outcome,
    f.resolution_unit, f.resolution_has_target, f.resolution_due_at, f.resolved_at AS fact_resolved_at, f.resolution_elapsed_ms, f.resolution_outcome,
    f.pending_ms, f.parts_ms, f.open_pause_status, f.open_pause_since, f.reopened, f.first_contact, c.closed_at
  FROM help_case c
  LEFT JOIN case_report_fact f ON f.case_id = c.id
  JOIN caller rc ON rc.id = c.caller_id
  LEFT JOIN building rb ON rb.id = c.building_id
  LEFT JOIN category rk ON rk.id = c.category_id
  LEFT JOIN staff_member rs ON rs.id = c.assignee_id`;

type Raw = Record<string, unknown>;

/** PostgreSQL answers BIGINT as text and SQLite booleans as 0/1. */
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const bool = (v: unknown) => v === true || v === 1 || v === '1' || v === 't';
const iso = (v: unknown): string | null => {
  const t = num(v);
  return t === null ? null : new Date(t).toISOString();
};
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Where a target stands at `asOf` (FactColumns.outcome's rule). */
export function outcomeAt(stored: TargetOutcome, dueAt: number | null, asOf: number): TargetOutcome {
  return stored === 'open' && dueAt !== null && dueAt < asOf ? 'breached' : stored;
}

function targetFigures(r: Raw, target: 'response' | 'resolution', asOf: number): CaseTargetFigures {
  const stored = r[`${target}_outcome`] as TargetOutcome | null | undefined;
  // No fact yet (the keeper has not seen the case): nothing to say about its targets.
  if (stored === null || stored === undefined) return { unit: null, dueAt: null, reachedAt: null, elapsed: null, outcome: 'none' };
  const hasTarget = bool(r[`${target}_has_target`]);
  const unit = hasTarget ? (r[`${target}_unit`] as TimeUnit) : null;
  const dueAt = num(r[`${target}_due_at`]);
  const elapsedMs = num(r[`${target}_elapsed_ms`]);
  const perUnit = unit === 'business-days' ? (num(r.business_day_ms) ?? 0) : HOUR_MS;
  return {
    unit,
    dueAt: iso(dueAt),
    reachedAt: iso(target === 'response' ? r.responded_at : r.fact_resolved_at),
    elapsed: unit === null || elapsedMs === null || perUnit <= 0 ? null : round3(elapsedMs / perUnit),
    outcome: outcomeAt(stored, dueAt, asOf),
  };
}

/** Hours in a side state: the ended pauses plus the one still running, up to `asOf`. */
function sideHours(r: Raw, column: 'pending_ms' | 'parts_ms', status: string, asOf: number): number {
  const since = num(r.open_pause_since);
  const running = r.open_pause_status === status && since !== null ? Math.max(0, asOf - since) : 0;
  return round3(((num(r[column]) ?? 0) + running) / HOUR_MS);
}

export function caseReportRow(r: Raw, asOf: number): CaseReportRow {
  const id = Number(r.id);
  const assigneeId = num(r.assignee_id);
  return {
    id,
    number: formatCaseNumber(id),
    summary: String(r.summary),
    callerId: Number(r.caller_id),
    callerName: String(r.caller_name),
    buildingName: (r.building_name as string | null) ?? null,
    categoryName: (r.category_name as string | null) ?? null,
    priority: Number(r.priority) as Priority,
    status: r.status as CaseStatus,
    channel: r.channel as CaseChannel,
    assigneeId,
    assigneeName: (r.assignee_name as string | null) ?? null,
    receivedAt: iso(r.received_at) as string,
    clockStartAt: iso(r.clock_start_at),
    policyVersion: (r.policy_version as string | null) ?? null,
    response: targetFigures(r, 'response', asOf),
    resolution: targetFigures(r, 'resolution', asOf),
    pendingHours: sideHours(r, 'pending_ms', 'pending_user_response', asOf),
    awaitingPartsHours: sideHours(r, 'parts_ms', 'awaiting_parts', asOf),
    reopened: num(r.reopened) ?? 0,
    firstContact: bool(r.first_contact),
    closedAt: iso(r.closed_at),
  };
}
