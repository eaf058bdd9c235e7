/**
 * The one place a case becomes the figures the reports count: its dimensions, each SLA target's
 * outcome and unpaused time (as the SLA ledger counts them: the case's own policy version, its
 * recorded clock start, its current priority, pauses excluded), and the side states' time.
 * Everything else in reports/ adds these up.
 */
import type { CaseAction } from '../../../shared/lifecycle';
import type { CasePauseRow, CaseRow } from '../db/entities';
import type { CaseReportFactRow } from '../db/report-entities';
import { caseFacts } from '../services/case-facts';
import type { SlaFacade } from '../services/sla-facade';
import { formatIsoDate, isoWeekdayOf } from '../sla/civil-date';
import { localDateTimeOf } from '../sla/zone-time';

/** "Calls received after 4 PM will be considered as received the next business day." */
export const CUTOFF_MINUTE = 16 * 60;

/** The status changes of a case, oldest first, as its events recorded them. */
export interface StatusChange {
  action: CaseAction | string | undefined;
  from: string | undefined;
  to: string | undefined;
}

export interface CaseHistory {
  row: CaseRow;
  pauses: readonly CasePauseRow[];
  statusChanges: readonly StatusChange[];
}

/** Local date, minute of the day and ISO weekday of an instant in a zone. */
export function localStamp(zone: string, t: number): { date: string; minute: number; weekday: number } {
  const local = localDateTimeOf(zone, t);
  return { date: formatIsoDate(local.civilDay), minute: local.hour * 60 + local.minute, weekday: isoWeekdayOf(local.civilDay) };
}

export function caseReportFacts({ row, pauses, statusChanges }: CaseHistory, sla: SlaFacade, now: number): CaseReportFactRow {
  const ledger = sla.reportLedger(caseFacts(row, pauses), now);
  const zone = sla.timeZone;
  const received = localStamp(zone, row.receivedAt);
  let pendingMs = 0;
  let partsMs = 0;
  let openPause: CasePauseRow | null = null;
  for (const p of pauses) {
    if (p.endedAt === null) openPause = p;
    else if (p.status === 'pending_user_response') pendingMs += p.endedAt - p.startedAt;
    else if (p.status === 'awaiting_parts') partsMs += p.endedAt - p.startedAt;
  }
  const first = statusChanges[0];
  // Closed without reaching a target (a pending case closed after three days without a reply): nothing to judge.
  const closedUnreached = (t: typeof ledger.response) => (row.status === 'closed' && t.reachedAt === null && t.outcome !== 'breached' ? 'none' : t.outcome);
  return {
    caseId: row.id,
    caseVersion: row.version,
    receivedAt: row.receivedAt,
    receivedDate: received.date,
    receivedMinute: received.minute,
    receivedWeekday: received.weekday,
    afterCutoff: received.minute >= CUTOFF_MINUTE,
    priority: row.priority,
    policyVersion: row.policyVersion ?? '2026.1',
    status: row.status,
    channel: row.channel,
    buildingId: row.buildingId,
    categoryId: row.categoryId,
    assigneeId: row.assigneeId,
    callerId: row.callerId,
    clockStartAt: ledger.clockStartAt,
    businessDayMs: ledger.businessDayMs,
    responseUnit: ledger.response.unit,
    responseHasTarget: ledger.response.hasTarget,
    responseDueAt: ledger.response.dueAt,
    respondedAt: ledger.response.reachedAt,
    responseElapsedMs: ledger.response.elapsedMs,
    responseOutcome: closedUnreached(ledger.response),
    resolutionUnit: ledger.resolution.unit,
    resolutionHasTarget: ledger.resolution.hasTarget,
    resolutionDueAt: ledger.resolution.dueAt,
    resolvedAt: ledger.resolution.reachedAt,
    resolutionElapsedMs: ledger.resolution.elapsedMs,
    resolutionOutcome: closedUnreached(ledger.resolution),
    resolvedDate: ledger.resolution.reachedAt === null ? null : localStamp(zone, ledger.resolution.reachedAt).date,
    pendingMs,
    partsMs,
    everPending: pendingMs > 0 || pauses.some((p) => p.status === 'pending_user_response'),
    everParts: partsMs > 0 || pauses.some((p) => p.status === 'awaiting_parts'),
    openPauseStatus: openPause?.status ?? null,
    openPauseSince: openPause?.startedAt ?? null,
    firstContact: row.resolvedAt !== null && first !== undefined && first.from === 'new' && first.to === 'resolved',
    reopened: statusChanges.filter((c) => c.action === 'reopen').length,
    closedAt: row.closedAt,
    closedDate: row.closedAt === null ? null : localStamp(zone, row.closedAt).date,
  };
}
