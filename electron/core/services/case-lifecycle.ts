import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { ChannelParsedInput, TransitionInput } from '../../../shared/contract';
import { formatCaseNumber, type QueueCase, type StaffMember } from '../../../shared/domain';
import { ACTION_RULES, EMPLOYEE_ACTION_RULES, PAUSING_STATUSES, REOPEN_WINDOW_DAYS, type EmployeeAction } from '../../../shared/lifecycle';
import type { Clock } from '../clock';
import { DAY_MS } from '../instants';
import { CaseEntity, CasePauseEntity, CasePhaseEntity, StaffEntity, type CaseRow } from '../db/entities';
import { DomainError } from '../errors';
import type { EventBus } from '../event-bus';
import { caseFacts, pendingClocks } from './case-facts';
import type { CaseReader } from './case-reader';
import { choosePriority } from './case-service';
import { appendEvent, deskInstantWords, loadForChange, writeCaseChange, type InstantWords } from './case-writer';
import type { SlaFacade } from './sla-facade';
import { readAfterCommit, writeTransaction } from '../db/write-transaction';
import { yieldToEventLoop } from '../yield';
import { caseKnowledge, type TouchedArticles } from '../kb/case-knowledge';
import { TransitionObservers, type TransitionCause } from './transition-observers';
import { windowsColumn } from '../caller-availability/case-availability';

const AUTO_CLOSE_REASON = 'No reply from the user in 3 business days: closed as the agreement provides for Pending user response.';

/** The employee who asked, acting on their own request at the Tech Support Center. */
export interface EmployeeParty {
  callerId: number;
  name: string;
}
export type EmployeeTransitionInput = Extract<TransitionInput, { action: EmployeeAction }>;

type Change = { changes: Partial<CaseRow>; detail: Record<string, unknown>; reason?: string | null; after?: (m: EntityManager, row: CaseRow) => Promise<void> };

/**
 * Working a case: every transition of the lifecycle (checked against ACTION_RULES: from where,
 * by whom, with what data), contact attempts, notes, project phases, priority changes and
 * assignment. Each change is one transaction: the guarded update, the pauses, the recomputed
 * deadlines and the audit event together.
 */
export class CaseLifecycleService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly sla: SlaFacade,
    private readonly reader: CaseReader,
  ) {}

  /** Instants in conflict messages: in words, in the desk's time zone. */
  private get when(): InstantWords {
    return deskInstantWords(this.sla, this.clock.now());
  }

  /** Told of every transition inside its transaction (the caller's email is queued so). */
  readonly observers = new TransitionObservers();

  async transition(input: TransitionInput, actor: StaffMember | null, cause: TransitionCause | null = null): Promise<QueueCase> {
    const now = this.clock.now();
    const touched: TouchedArticles = [];
    const row = await writeTransaction(this.db, async (m) => {
      touched.length = 0;
      const current = await loadForChange(this.when, m, input.id, input.version);
      const rule = ACTION_RULES[input.action];
      if (!rule.from.includes(current.status)) {
        throw new DomainError('invalid_input', `"${rule.label}" is not possible while the case is ${current.status.replace(/_/g, ' ')}`, 'action');
      }
      if (actor && !rule.roles.includes(actor.role)) {
        throw new DomainError('forbidden', `A ${actor.role} may not ${rule.label.toLowerCase()} a case`);
      }
      const written = await this.apply(m, current, input.version, rule.to, input.action, this.plan(input, current, actor, now, touched), actor, now);
      await this.observers.notify({ m, input, before: current, after: written, actor, cause });
      return written;
    });
    for (const article of touched) this.events.publish('kb.changed', { articleId: article.id, version: article.version, change: 'updated' });
    return this.published(row);
  }

  /**
   * The employee who asked moves their own request at the Tech Support Center (answer, confirm,
   * reopen) under EMPLOYEE_ACTION_RULES: no staff actor; the event says who and where from.
   * `withMove` writes what belongs with the move (the employee's answer) in the same transaction.
   */
  async employeeTransition(input: EmployeeTransitionInput, employee: EmployeeParty, withMove?: (m: EntityManager, current: CaseRow) => Promise<void>): Promise<QueueCase> {
    const now = this.clock.now();
    const touched: TouchedArticles = [];
    const row = await writeTransaction(this.db, async (m) => {
      touched.length = 0;
      const current = await loadForChange(this.when, m, input.id, input.version);
      const rule = EMPLOYEE_ACTION_RULES[input.action];
      if (current.callerId !== employee.callerId) throw new DomainError('not_found', `No request has id ${input.id}`, 'caseId');
      if (!(rule.from as readonly CaseRow['status'][]).includes(current.status)) {
        throw new DomainError('invalid_input', `"${rule.label}" is not possible while the request is ${current.status.replace(/_/g, ' ')}`);
      }
      await withMove?.(m, current);
      const plan = this.plan(input, current, null, now, touched);
      const by = { by: { callerId: employee.callerId, name: employee.name }, via: 'tech_support_center' };
      return this.apply(m, current, input.version, ACTION_RULES[input.action].to, input.action, { ...plan, detail: { ...plan.detail, ...by } }, null, now);
    });
    for (const article of touched) this.events.publish('kb.changed', { articleId: article.id, version: article.version, change: 'updated' });
    return this.published(row);
  }

  /** Moves a case to `to` with the plan's changes: pauses, met targets, recomputed deadlines and the audit event together. */
  private async apply(m: EntityManager, current: CaseRow, version: number, to: CaseRow['status'], action: string, plan: Change, actor: StaffMember | null, now: number): Promise<CaseRow> {
    const pauseChange = await this.updatePauses(m, current, to, now);
    const leavingNew = current.status === 'new' && to !== 'new';
    let changes: Partial<CaseRow> = {
      status: to,
      // The response target is met at the first acknowledgement, or whatever first moved the case on.
      ...(leavingNew && current.respondedAt === null ? { respondedAt: now } : {}),
      ...plan.changes,
    };
    changes = { ...changes, ...(await this.recomputedDeadlines(m, { ...current, ...changes })) };
    const written = await writeCaseChange(this.when, m, current, version, changes, {
      kind: 'status_changed',
      actorId: actor?.id ?? null,
      at: now,
      detail: { action, from: current.status, to, ...pauseChange, ...plan.detail },
      reason: plan.reason ?? null,
    });
    await plan.after?.(m, written);
    return written;
  }

  async logContact(input: ChannelParsedInput<'cases.logContact'>, actor: StaffMember): Promise<QueueCase> {
    const now = this.clock.now();
    const row = await writeTransaction(this.db, async (m) => {
      const current = await loadForChange(this.when, m, input.id, input.version);
      if (current.status === 'resolved' || current.status === 'closed') {
        throw new DomainError('invalid_input', `Case ${formatCaseNumber(current.id)} is ${current.status}; reopen it first`, 'id');
      }
      await m.getRepository('CaseContact').insert({ caseId: current.id, actorId: actor.id, at: now, method: input.method, outcome: input.outcome, note: input.note ?? null });
      // A reply ends Pending user response: the clock resumes.
      const resumes = input.outcome === 'replied' && current.status === 'pending_user_response';
      let changes: Partial<CaseRow> = {};
      let pauseChange = {};
      if (resumes) {
        pauseChange = await this.updatePauses(m, current, 'in_progress', now);
        changes = { status: 'in_progress' };
        changes = { ...changes, ...(await this.recomputedDeadlines(m, { ...current, ...changes })) };
      }
      return writeCaseChange(this.when, m, current, input.version, changes, {
        kind: resumes ? 'status_changed' : 'contact',
        actorId: actor.id,
        at: now,
        detail: { method: input.method, outcome: input.outcome, note: input.note ?? null, ...(resumes ? { from: current.status, to: 'in_progress', action: 'user_replied', ...pauseChange } : {}) },
      });
    });
    return this.published(row);
  }

  async addNote(id: number, note: string, actor: StaffMember, options: { public?: boolean } = {}): Promise<QueueCase> {
    // A note changes nothing of the case itself, so it needs no version and never conflicts. The
    // case is read with the note, not before it: the answer and the event carry its version now.
    const row = await writeTransaction(this.db, async (m) => {
      const current = await m.getRepository(CaseEntity).findOneBy({ id });
      if (!current) throw new DomainError('not_found', `No case has id ${id}`, 'id');
      await appendEvent(m, { caseId: id, kind: 'note', actorId: actor.id, at: this.clock.now(), detail: { note, ...(options.public ? { public: true } : {}) } });
      return current;
    });
    // Said to be a note, so every open view reads it whatever version it has seen meanwhile.
    this.events.publish('cases.changed', { caseId: row.id, version: row.version, change: 'note' });
    return readAfterCommit(() => this.reader.queueCase(row));
  }

  async setPhaseDone(input: ChannelParsedInput<'cases.setPhaseDone'>, actor: StaffMember): Promise<QueueCase> {
    const now = this.clock.now();
    const row = await writeTransaction(this.db, async (m) => {
      const current = await loadForChange(this.when, m, input.id, input.version);
      const phase = await m.getRepository(CasePhaseEntity).findOneBy({ id: input.phaseId, caseId: current.id });
      if (!phase) throw new DomainError('not_found', `Case ${formatCaseNumber(current.id)} has no phase ${input.phaseId}`, 'phaseId');
      await m.getRepository(CasePhaseEntity).update({ id: phase.id }, { done: input.done });
      return writeCaseChange(this.when, m, current, input.version, {}, {
        kind: 'phase_changed',
        actorId: actor.id,
        at: now,
        detail: { phaseId: phase.id, title: phase.title, done: input.done },
      });
    });
    return this.published(row);
  }

  /** A new priority, decided by the wizard or overridden with a reason; deadlines recomputed under the case's own policy from its original clock start. */
  async changePriority(input: ChannelParsedInput<'cases.changePriority'>, actor: StaffMember): Promise<QueueCase> {
    const now = this.clock.now();
    const { priority, decision } = choosePriority(input);
    const row = await writeTransaction(this.db, async (m) => {
      const current = await loadForChange(this.when, m, input.id, input.version);
      if (current.status === 'closed') throw new DomainError('invalid_input', 'A closed case keeps its priority; reopen it first', 'id');
      let changes: Partial<CaseRow> = { priority, priorityReason: input.priorityReason ?? null, wizardAnswers: input.wizard ? JSON.stringify(input.wizard) : current.wizardAnswers };
      changes = { ...changes, ...(await this.recomputedDeadlines(m, { ...current, ...changes })) };
      return writeCaseChange(this.when, m, current, input.version, changes, {
        kind: 'priority_changed',
        actorId: actor.id,
        at: now,
        detail: { from: current.priority, to: priority, wizard: input.wizard ?? null, wizardDecision: decision },
        reason: input.priorityReason ?? null,
      });
    });
    return this.published(row);
  }

  async update(input: ChannelParsedInput<'cases.update'>, actor: StaffMember): Promise<QueueCase> {
    const { id, version, availabilityWindows, ...fields } = input;
    const now = this.clock.now();
    const row = await writeTransaction(this.db, async (m) => {
      const current = await loadForChange(this.when, m, id, version);
      // The windows are kept as JSON text: compared as stored, so the same list is no change.
      const stored = { ...fields, availabilityWindows: windowsColumn(availabilityWindows) };
      const changes = Object.fromEntries(Object.entries(stored).filter(([, v]) => v !== undefined)) as Partial<CaseRow>;
      const changed = Object.keys(changes).filter((k) => (current as unknown as Record<string, unknown>)[k] !== (changes as Record<string, unknown>)[k]);
      if (changed.length === 0) return current;
      return writeCaseChange(this.when, m, current, version, changes, { kind: 'updated', actorId: actor.id, at: now, detail: { fields: changed } });
    });
    return this.published(row);
  }

  /**
   * Supervisors reassign any case; technicians take unassigned cases or hand back their own.
   * All or nothing: one stale or refused case leaves every case as it was.
   */
  async assign(input: ChannelParsedInput<'cases.assign'>, actor: StaffMember): Promise<QueueCase[]> {
    return this.assignEach(input.cases.map((ref) => ({ ...ref, assigneeId: input.assigneeId })), actor, input.reason ?? null);
  }

  /**
   * Each case to its own assignee (the board's committed trial moves), by the same rules and all
   * or nothing: one stale or refused case leaves every case as it was.
   */
  async assignEach(moves: readonly { id: number; version: number; assigneeId: number | null }[], actor: StaffMember, reason: string | null): Promise<QueueCase[]> {
    const now = this.clock.now();
    for (const assigneeId of new Set(moves.map((move) => move.assigneeId))) {
      if (assigneeId === null) continue;
      const assignee = await this.db.getRepository(StaffEntity).findOneBy({ id: assigneeId });
      if (!assignee || !assignee.active || assignee.role === 'agent') {
        throw new DomainError('invalid_input', `Staff member ${assigneeId} is not an active technician or supervisor`, 'assigneeId');
      }
    }
    const rows = await writeTransaction(this.db, async (m) => {
      const written: CaseRow[] = [];
      // In id order, whatever order they were picked in: two bulk moves lock rows the same way round.
      for (const ref of [...moves].sort((a, b) => a.id - b.id)) {
        const current = await loadForChange(this.when, m, ref.id, ref.version);
        this.checkAssignment(current, ref.assigneeId, actor);
        if (current.assigneeId === ref.assigneeId) {
          written.push(current);
          continue;
        }
        written.push(
          await writeCaseChange(this.when, m, current, ref.version, { assigneeId: ref.assigneeId }, {
            kind: 'assigned',
            actorId: actor.id,
            at: now,
            detail: { from: current.assigneeId, to: ref.assigneeId, bulk: moves.length > 1 },
            reason,
          }),
        );
      }
      return written;
    });
    for (const row of rows) this.events.publish('cases.changed', { caseId: row.id, version: row.version, change: 'updated' });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return readAfterCommit(() => this.reader.queueCases(moves.map((ref) => byId.get(ref.id) as CaseRow)));
  }

  /**
   * Closes every case pending user response whose three business days passed with no reply.
   * Returns the ids closed. Run by the scheduler at each case's auto-close instant.
   */
  async closeStalePending(): Promise<number[]> {
    const now = this.clock.now();
    const pending = await this.db.getRepository(CaseEntity).findBy({ status: 'pending_user_response' });
    const ids = pending.map((r) => r.id);
    const [pauses, contacts] = await Promise.all([this.reader.pausesOf(ids), this.reader.contactsOf(ids)]);
    const closed: number[] = [];
    for (const row of pending) {
      const { autoCloseAt } = pendingClocks(row, pauses.get(row.id) ?? [], contacts.get(row.id) ?? [], this.sla);
      if (autoCloseAt === null || autoCloseAt > now) continue;
      // Dozens may close at once after a long weekend: the console is answered between them.
      await yieldToEventLoop();
      try {
        const written = await writeTransaction(this.db, async (m) => {
          const current = await loadForChange(this.when, m, row.id, row.version);
          const plan: Change = { changes: { closedAt: now }, detail: { auto: true }, reason: AUTO_CLOSE_REASON };
          return this.apply(m, current, row.version, 'closed', 'auto_close', plan, null, now);
        });
        this.events.publish('cases.changed', { caseId: written.id, version: written.version, change: 'updated' });
      } catch (error) {
        // Someone changed the case meanwhile: their change wins, the next sweep looks again.
        if (!(error instanceof DomainError && error.code === 'conflict')) throw error;
        continue;
      }
      closed.push(row.id);
    }
    return closed;
  }

  private plan(input: TransitionInput, current: CaseRow, actor: StaffMember | null, now: number, touched: TouchedArticles): Change {
    switch (input.action) {
      case 'acknowledge':
      case 'start':
      case 'close':
      case 'resume':
        return { changes: input.action === 'close' ? { closedAt: now } : {}, detail: {}, reason: input.note ?? null };
      case 'pend':
        return { changes: {}, detail: { asked: input.note }, reason: input.note };
      case 'await_parts':
        return {
          changes: { partsVendor: input.vendor, partsOrderNumber: input.orderNumber ?? null, partsExpectedDate: input.expectedDate, partsArrivedAt: null },
          detail: { vendor: input.vendor, orderNumber: input.orderNumber ?? null, expectedDate: input.expectedDate },
          reason: input.note ?? null,
        };
      case 'parts_arrived':
        return { changes: { partsArrivedAt: now }, detail: { arrivedAt: new Date(now).toISOString() }, reason: input.note ?? null };
      case 'make_project': {
        if (actor?.role === 'technician' && current.priority !== 5) {
          throw new DomainError('forbidden', `Only a supervisor may make a priority ${current.priority} case a long-term project`);
        }
        const phases = [...input.phases].sort((a, b) => a.targetDate.localeCompare(b.targetDate));
        const last = phases[phases.length - 1] as { targetDate: string };
        return {
          changes: { resolutionDueAt: this.sla.endOfBusinessOn(last.targetDate) },
          detail: { phases },
          reason: input.reason ?? null,
          after: async (m, row) => {
            await m.getRepository(CasePhaseEntity).delete({ caseId: row.id });
            await m.getRepository(CasePhaseEntity).insert(phases.map((p, i) => ({ caseId: row.id, position: i + 1, title: p.title, targetDate: p.targetDate, done: false })));
          },
        };
      }
      case 'plan_maintenance': {
        const window = this.maintenanceWindow(input, now);
        return {
          changes: { maintenanceStartAt: window.startAt, maintenanceEndAt: window.endAt, resolutionDueAt: window.endAt },
          detail: { window: { startAt: new Date(window.startAt).toISOString(), endAt: new Date(window.endAt).toISOString() } },
          reason: input.note ?? null,
        };
      }
      case 'resolve':
        return {
          changes: { resolvedAt: now, resolutionNotes: input.notes, kbCandidate: input.kbCandidate ?? false },
          detail: { kbCandidate: input.kbCandidate ?? false, ...(input.articleId ? { articleId: input.articleId } : {}) },
          reason: input.notes,
          // The knowledge the case leaves: a citation of the article it was solved with, a draft from it, or both.
          after: async (m, row) => {
            // Resolved straight from new, citing an article: solved with it at first contact.
            if (input.articleId) touched.push(await caseKnowledge.cite(m, row.id, input.articleId, current.status === 'new' ? 'solved_with' : 'cited', actor, now));
            if (input.kbCandidate) touched.push(await caseKnowledge.draftFrom(m, row, actor, now));
          },
        };
      case 'reopen': {
        const resolvedAt = current.resolvedAt ?? current.closedAt ?? current.updatedAt;
        if (now - resolvedAt > REOPEN_WINDOW_DAYS * DAY_MS) {
          throw new DomainError('invalid_input', `Case ${formatCaseNumber(current.id)} was resolved more than ${REOPEN_WINDOW_DAYS} days ago; open a new case and link it`, 'action');
        }
        return {
          changes: { resolvedAt: null, closedAt: null },
          detail: {},
          reason: input.reason,
          // The articles it cited learn that they did not settle it.
          after: async (m, row) => void touched.push(...(await caseKnowledge.markReopened(m, row.id, now))),
        };
      }
    }
  }

  private maintenanceWindow(input: Extract<TransitionInput, { action: 'plan_maintenance' }>, now: number): { startAt: number; endAt: number } {
    if (input.startAt === undefined && input.endAt === undefined) return this.sla.nextMaintenanceWindow(now);
    if (input.startAt === undefined || input.endAt === undefined) {
      throw new DomainError('invalid_input', 'Give both the start and the end of the maintenance window, or neither for the next Saturday period', input.startAt ? 'endAt' : 'startAt');
    }
    const startAt = Date.parse(input.startAt);
    const endAt = Date.parse(input.endAt);
    if (endAt <= startAt) throw new DomainError('invalid_input', 'The maintenance window must end after it starts', 'endAt');
    if (endAt <= now) throw new DomainError('invalid_input', 'The maintenance window has already ended', 'endAt');
    return { startAt, endAt };
  }

  /** Entering a pausing state opens a pause; leaving one closes it. */
  private async updatePauses(m: EntityManager, current: CaseRow, to: CaseRow['status'], now: number): Promise<Record<string, unknown>> {
    const wasPaused = PAUSING_STATUSES.includes(current.status);
    const willPause = PAUSING_STATUSES.includes(to);
    const repo = m.getRepository(CasePauseEntity);
    if (wasPaused && current.status !== to) {
      await repo.update({ caseId: current.id, endedAt: IsNull() }, { endedAt: now });
    }
    if (willPause && current.status !== to) {
      await repo.insert({ caseId: current.id, status: to, startedAt: now, endedAt: null });
      return { pauseStarted: new Date(now).toISOString() };
    }
    return wasPaused && current.status !== to ? { pauseEnded: new Date(now).toISOString() } : {};
  }

  private async recomputedDeadlines(m: EntityManager, next: CaseRow): Promise<Partial<CaseRow>> {
    if (next.policyVersion === null) return {};
    const pauses = (await this.reader.pausesOf([next.id], m)).get(next.id) ?? [];
    const due = this.sla.deadlines(caseFacts(next, pauses));
    return { responseDueAt: due.responseDueAt, resolutionDueAt: due.resolutionDueAt };
  }

  private checkAssignment(current: CaseRow, assigneeId: number | null, actor: StaffMember): void {
    if (actor.role === 'supervisor') return;
    const takesUnassigned = current.assigneeId === null && assigneeId === actor.id;
    const handsBackOwn = current.assigneeId === actor.id && assigneeId === null;
    if (!takesUnassigned && !handsBackOwn) {
      throw new DomainError('forbidden', `Only supervisors reassign other people's cases; a technician takes unassigned cases or hands back their own (${formatCaseNumber(current.id)})`);
    }
  }

  private async published(row: CaseRow): Promise<QueueCase> {
    this.events.publish('cases.changed', { caseId: row.id, version: row.version, change: 'updated' });
    return readAfterCommit(() => this.reader.queueCase(row));
  }
}

