/** The employee's own requests: their list, newest first, and one request as they see it. */
import { In, type DataSource } from 'typeorm';
import { CASE_STATUSES, OPEN_CASE_STATUSES } from '../../../shared/domain';
import type { RequestRow, RequestView } from '../../../shared/support';
import { CaseEntity } from '../db/entities';
import { ownCase } from './own-request';
import { requestRow, type RequestViews } from './request-view';

/** The list shows this many; older requests are in the confirmation emails and at the desk. */
const LIST_LIMIT = 200;

export class MyRequests {
  constructor(
    private readonly db: DataSource,
    private readonly views: RequestViews,
  ) {}

  /** Own requests only; `open` true: not yet resolved, false: resolved or closed, absent: all. */
  async mine(callerId: number, open?: boolean): Promise<RequestRow[]> {
    const statuses = open === undefined ? CASE_STATUSES : open ? OPEN_CASE_STATUSES : CASE_STATUSES.filter((s) => !OPEN_CASE_STATUSES.includes(s));
    const rows = await this.db.getRepository(CaseEntity).find({
      where: { callerId, status: In([...statuses]) },
      order: { receivedAt: 'DESC', id: 'DESC' },
      take: LIST_LIMIT,
    });
    return rows.map(requestRow);
  }

  async get(callerId: number, caseId: number): Promise<RequestView> {
    return this.views.view(await ownCase(this.db, callerId, caseId));
  }
}
