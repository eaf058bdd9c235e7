/**
 * How the employee rates a resolved or closed request: 1 to 5 stars and a comment. One rating per
 * request; a later one replaces it. It changes nothing of the case, so it needs no version.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { CaseRatingInfo } from '../../../shared/contract';
import type { RequestView } from '../../../shared/support';
import type { Clock } from '../clock';
import { CaseRatingEntity } from '../db/support-entities';
import { writeTransaction } from '../db/write-transaction';
import { DomainError } from '../errors';
import type { MyRequests } from './my-requests';
import { ownCase } from './own-request';

export class RequestRatings {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly requests: MyRequests,
  ) {}

  async rate(callerId: number, input: { caseId: number; stars: number; comment?: string | null | undefined }): Promise<RequestView> {
    await writeTransaction(this.db, async (m) => {
      const row = await ownCase(m, callerId, input.caseId);
      if (row.status !== 'resolved' && row.status !== 'closed') {
        throw new DomainError('invalid_input', 'A request can be rated once it is resolved', 'caseId');
      }
      const repo = m.getRepository(CaseRatingEntity);
      await repo.delete({ caseId: row.id });
      await repo.insert({ caseId: row.id, callerId, stars: input.stars, comment: input.comment?.trim() || null, ratedAt: this.clock.now() });
    });
    return this.requests.get(callerId, input.caseId);
  }
}

/** The rating of a case, for the desk's view of it; null when the caller has not rated it. */
export async function ratingOf(m: DataSource | EntityManager, caseId: number): Promise<CaseRatingInfo | null> {
  const row = await m.getRepository(CaseRatingEntity).findOneBy({ caseId });
  return row ? { stars: row.stars, comment: row.comment, ratedAt: new Date(Number(row.ratedAt)).toISOString() } : null;
}
