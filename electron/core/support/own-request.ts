/**
 * An employee's own request, or nothing: another caller's case answers exactly as a case that
 * does not exist, so the Tech Support Center never reveals that it does.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { CallerEntity, CaseEntity, type CallerRow, type CaseRow } from '../db/entities';
import { DomainError } from '../errors';

export async function ownCase(m: DataSource | EntityManager, callerId: number, caseId: number): Promise<CaseRow> {
  const row = await m.getRepository(CaseEntity).findOneBy({ id: caseId });
  if (!row || row.callerId !== callerId) throw new DomainError('not_found', `You have no request with id ${caseId}`, 'caseId');
  return row;
}

/** The signed-in employee's caller record (the session names it; it may have been removed since). */
export async function employeeCaller(m: DataSource | EntityManager, callerId: number): Promise<CallerRow> {
  const caller = await m.getRepository(CallerEntity).findOneBy({ id: callerId });
  if (!caller) throw new DomainError('not_found', 'Your record is no longer in the district directory; call the Help Desk.');
  return caller;
}
