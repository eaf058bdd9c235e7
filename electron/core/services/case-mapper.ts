import { formatCaseNumber, type CaseEvent, type CaseSummary } from '../../../shared/domain';
import type { CaseEventRow, CaseRow } from '../db/entities';
import { toIso as iso, toIsoOrNull as isoOrNull } from '../instants';


export interface CaseNames {
  callerName: string;
  buildingName: string | null;
  categoryName: string | null;
}

export function toCaseSummary(row: CaseRow, names: CaseNames): CaseSummary {
  return {
    id: row.id,
    number: formatCaseNumber(row.id),
    callerId: row.callerId,
    callerName: names.callerName,
    callbackNumber: row.callbackNumber,
    buildingId: row.buildingId,
    buildingName: names.buildingName,
    room: row.room,
    categoryId: row.categoryId,
    categoryName: names.categoryName,
    assetTag: row.assetTag,
    summary: row.summary,
    description: row.description,
    priority: row.priority,
    status: row.status,
    channel: row.channel,
    assigneeId: row.assigneeId,
    receivedAt: iso(row.receivedAt),
    clockStartAt: isoOrNull(row.clockStartAt),
    responseDueAt: isoOrNull(row.responseDueAt),
    resolutionDueAt: isoOrNull(row.resolutionDueAt),
    policyVersion: row.policyVersion,
    priorityReason: row.priorityReason,
    relatedCaseId: row.relatedCaseId,
    onCallNotifiedAt: isoOrNull(row.onCallNotifiedAt),
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export function toCaseEvent(row: CaseEventRow, actorName: string | null): CaseEvent {
  return {
    id: row.id,
    caseId: row.caseId,
    actorId: row.actorId,
    actorName,
    kind: row.kind,
    at: iso(row.at),
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    reason: row.reason,
  };
}
