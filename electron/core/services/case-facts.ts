import type { CaseSla } from '../../../shared/domain';
import { PENDING_AUTO_CLOSE_BUSINESS_DAYS } from '../../../shared/lifecycle';
import type { CaseContactRow, CasePauseRow, CaseRow } from '../db/entities';
import { toIsoOrNull as iso } from '../instants';
import type { CaseSlaFacts, CaseSlaMs, SlaFacade } from './sla-facade';


/** Long-term projects and planned maintenance carry their own resolution date (phases, window). */
const OWN_RESOLUTION_DATE = new Set(['long_term_project', 'planned_maintenance']);

export function caseFacts(row: CaseRow, pauses: readonly CasePauseRow[]): CaseSlaFacts {
  return {
    priority: row.priority,
    receivedAt: row.receivedAt,
    clockStartAt: row.clockStartAt,
    policyVersion: row.policyVersion ?? '2026.1',
    pauses: pauses.map((p) => ({ start: p.startedAt, end: p.endedAt })),
    partsArrivedAt: row.partsArrivedAt,
    respondedAt: row.respondedAt,
    resolvedAt: row.resolvedAt,
    resolutionDueOverride: OWN_RESOLUTION_DATE.has(row.status) ? row.resolutionDueAt : null,
  };
}

/** When a pending case is next due a contact, and when it closes itself, per the agreement. */
export function pendingClocks(
  row: CaseRow,
  pauses: readonly CasePauseRow[],
  contacts: readonly CaseContactRow[],
  sla: SlaFacade,
): { nextContactDueAt: number | null; autoCloseAt: number | null; pendingSince: number | null; contactDueTimes: number[] } {
  if (row.status !== 'pending_user_response') return { nextContactDueAt: null, autoCloseAt: null, pendingSince: null, contactDueTimes: [] };
  const open = pauses.find((p) => p.endedAt === null && p.status === 'pending_user_response');
  const since = open?.startedAt ?? row.updatedAt;
  const lastContact = contacts.filter((c) => c.at >= since).reduce((latest, c) => Math.max(latest, c.at), since);
  // "After 3 days of no response we will close the work order."
  const autoCloseAt = sla.addBusinessDays(since, PENDING_AUTO_CLOSE_BUSINESS_DAYS);
  // "We will … make contact each day it is in Pending response": a contact is due one business day
  // after the last one, and each business day after that while none is logged.
  const contactDueTimes: number[] = [];
  for (let day = 1; day <= PENDING_AUTO_CLOSE_BUSINESS_DAYS; day++) {
    const at = sla.addBusinessDays(lastContact, day);
    if (at >= autoCloseAt) break;
    contactDueTimes.push(at);
  }
  return { pendingSince: since, nextContactDueAt: contactDueTimes[0] ?? null, autoCloseAt, contactDueTimes };
}

export function toCaseSla(ms: CaseSlaMs, pending: { nextContactDueAt: number | null; autoCloseAt: number | null }): CaseSla {
  const open = [ms.response, ms.resolution].filter((t) => t.state !== 'met' && t.state !== 'none' && t.state !== 'paused' && t.dueAt !== null);
  const nextDue = open.reduce<number | null>((min, t) => (min === null || (t.dueAt as number) < min ? (t.dueAt as number) : min), null);
  const clock = (t: CaseSlaMs['response']) => ({ dueAt: iso(t.dueAt), warnAt: iso(t.warnAt), metAt: iso(t.metAt), state: t.state });
  return {
    response: clock(ms.response),
    resolution: clock(ms.resolution),
    nextDueAt: iso(nextDue),
    paused: ms.paused,
    nextContactDueAt: iso(pending.nextContactDueAt),
    autoCloseAt: iso(pending.autoCloseAt),
  };
}
