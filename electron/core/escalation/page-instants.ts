/**
 * When the scheduler must look at a case for paging: the escalation instant of an unacknowledged
 * priority 1, and the instant a vendor's expected parts date has passed. Pure.
 */
import type { CaseRow } from '../db/entities';
import { instantOfLocal, localMsOf } from '../sla/zone-time';
import { DAY_MS } from '../instants';

/** What the case's pages say so far (case_page). */
export interface PageState {
  /** When its priority 1 page went out, or null. */
  p1PagedAt: number | null;
  escalated: boolean;
}

/**
 * A priority 1 not acknowledged (respondedAt null: the acknowledge transition) `afterMs` after its
 * page is escalated. The page goes out at the wake that finds it due (`pagingNow`), so a case
 * paged in this wake escalates `afterMs` from now. A case never paged (opened before paging
 * existed) has nothing to escalate.
 */
export function escalationAt(
  row: Pick<CaseRow, 'priority' | 'respondedAt'>,
  state: PageState | undefined,
  pagingNow: boolean,
  now: number,
  afterMs: number,
): number | null {
  if (row.priority !== 1 || row.respondedAt !== null || state?.escalated) return null;
  const pagedAt = state?.p1PagedAt ?? (pagingNow ? now : null);
  return pagedAt === null ? null : pagedAt + afterMs;
}

/**
 * The vendor's expected date (a local date in the desk's zone) has passed once the next local day
 * has begun: midnight. The reminder itself waits for business hours (the planner holds it until
 * the desk opens at 7:00), since nobody can call a vendor at midnight; the instant stays midnight
 * so the ledger keys it on the date, and a new date is a new reminder.
 */
export function partsOverdueAt(row: Pick<CaseRow, 'status' | 'partsExpectedDate' | 'partsArrivedAt'>, zone: string): number | null {
  if (row.status !== 'awaiting_parts' || row.partsArrivedAt !== null || row.partsExpectedDate === null) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(row.partsExpectedDate);
  if (!match) return null;
  return instantOfLocal(zone, localMsOf(Number(match[1]), Number(match[2]), Number(match[3]), 0) + DAY_MS);
}
