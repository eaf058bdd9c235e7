/**
 * What an employee does to their own request: answer the desk's question (logged as their reply,
 * visible to staff and to them, and the request resumes so the SLA clock runs again), confirm a
 * resolved request is fixed (it closes), or reopen it within the reopen window with what is still
 * wrong. Each is one transaction through the lifecycle (EMPLOYEE_ACTION_RULES), checked against
 * the version the employee saw.
 */
import type { DataSource } from 'typeorm';
import { formatCaseNumber } from '../../../shared/domain';
import { REOPEN_WINDOW_DAYS } from '../../../shared/lifecycle';
import type { RequestView } from '../../../shared/support';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { CaseLifecycleService, EmployeeParty, EmployeeTransitionInput } from '../services/case-lifecycle';
import { appendEvent } from '../services/case-writer';
import type { MyRequests } from './my-requests';
import { employeeCaller, ownCase } from './own-request';
import { reopenUntil } from './request-view';

const VIA = 'tech_support_center';

export class EmployeeActions {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly lifecycle: CaseLifecycleService,
    private readonly requests: MyRequests,
  ) {}

  async answer(callerId: number, input: { caseId: number; version: number; answer: string }): Promise<RequestView> {
    const { party } = await this.checked(callerId, input.caseId);
    const by = { callerId: party.callerId, name: party.name };
    await this.move({ id: input.caseId, version: input.version, action: 'resume' }, party, async (m, current) => {
      // The reply first, then the resume it causes: the history reads in the order it happened.
      await appendEvent(m, { caseId: current.id, kind: 'note', actorId: null, at: this.clock.now(), detail: { note: input.answer, public: true, answer: true, by, via: VIA } });
    });
    return this.requests.get(callerId, input.caseId);
  }

  async confirm(callerId: number, input: { caseId: number; version: number }): Promise<RequestView> {
    const { party } = await this.checked(callerId, input.caseId);
    await this.move({ id: input.caseId, version: input.version, action: 'close', note: 'Confirmed fixed by the caller at the Tech Support Center' }, party);
    return this.requests.get(callerId, input.caseId);
  }

  async reopen(callerId: number, input: { caseId: number; version: number; reason: string }): Promise<RequestView> {
    const { party, row } = await this.checked(callerId, input.caseId);
    if ((row.status === 'resolved' || row.status === 'closed') && reopenUntil(row, this.clock.now()) === null) {
      throw new DomainError(
        'invalid_input',
        `${formatCaseNumber(row.id)} was resolved more than ${REOPEN_WINDOW_DAYS} days ago and can no longer be reopened. Submit a new request and mention ${formatCaseNumber(row.id)} in it.`,
        'caseId',
      );
    }
    await this.move({ id: input.caseId, version: input.version, action: 'reopen', reason: input.reason }, party);
    return this.requests.get(callerId, input.caseId);
  }

  /** Own request first (another caller's answers not_found before any version is compared), and who is acting. */
  private async checked(callerId: number, caseId: number) {
    const row = await ownCase(this.db, callerId, caseId);
    const caller = await employeeCaller(this.db, callerId);
    const party: EmployeeParty = { callerId, name: caller.name };
    return { row, party };
  }

  /** The lifecycle's move, with a conflict said in the employee's words (no staff names). */
  private async move(input: EmployeeTransitionInput, party: EmployeeParty, withMove?: Parameters<CaseLifecycleService['employeeTransition']>[2]): Promise<void> {
    try {
      await this.lifecycle.employeeTransition(input, party, withMove);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'conflict') {
        throw new DomainError('conflict', `${formatCaseNumber(input.id)} changed since you opened it. Reload it to see what changed, then try again.`, 'version');
      }
      throw error;
    }
  }
}
