import { awayMarksAt } from '../availability/away-marks';
import type { Difficulty } from '../../../shared/availability';
import { In, MoreThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import type { CaseDetail, ChannelParsedInput, RelatedCases } from '../../../shared/contract';
import { OPEN_CASE_STATUSES, type CaseContact, type CaseStatus, type CaseSummary, type Priority, type QueueCase, type StaffMember } from '../../../shared/domain';
import { allowedActions } from '../../../shared/lifecycle';
import { decidePriority, type WizardDecision } from '../../../shared/priority-wizard';
import type { Clock } from '../clock';
import { DAY_MS, toIsoOrNull as iso } from '../instants';
import { callerRowFields } from '../callers/caller-row';
import {
  BuildingEntity,
  CallerEntity,
  CaseContactEntity,
  CaseEntity,
  CaseEventEntity,
  CasePhaseEntity,
  CategoryEntity,
  StaffEntity,
  type CaseEventRow,
  type CaseRow,
} from '../db/entities';
import { caseFacts } from './case-facts';
import { DomainError } from '../errors';
import type { EventBus } from '../event-bus';
import { toCaseEvent } from './case-mapper';
import type { CaseReader } from './case-reader';
import { NEW_CASE_LIFECYCLE } from './case-row-defaults';
import type { SlaFacade } from './sla-facade';
import { readAfterCommit, writeTransaction } from '../db/write-transaction';
import { attachmentsOf } from '../support/case-attachments';
import { ratingOf } from '../support/request-rating';
import { caseAvailability, windowsColumn } from '../caller-availability/case-availability';

export type NewCase = ChannelParsedInput<'cases.create'>;

/**
 * Who opened a case: a staff member at the console (an agent taking a call), or the caller
 * themselves at the Tech Support Center (no staff member; the case's channel is the web).
 */
export type CaseOpener = { staff: StaffMember } | { callerId: number };

/** More writes that belong with a new case (its confirmation email), in the transaction that opens it. */
export type WithinOpening = (m: EntityManager, created: CaseRow) => Promise<void>;

/** Open cases in one building and category within a day, from this many on, suggest an outage. */
const OUTAGE_THRESHOLD = 2;

/** Cases: opening them and reading them. Every change writes its audit event in the same transaction. */
export class CaseService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly sla: SlaFacade,
    private readonly reader: CaseReader,
  ) {}

  async create(input: NewCase, actor: StaffMember): Promise<QueueCase> {
    return this.open(input, { staff: actor });
  }

  /**
   * A case the caller opened themselves (the Tech Support Center), received now. Priority 1 is
   * recorded as any other: nobody at the desk has called the on-call technician yet, so no page
   * is logged (the agreement asks the caller to phone the desk as well).
   */
  async openForCaller(
    callerId: number,
    input: Omit<NewCase, 'callerId' | 'callerName' | 'channel' | 'onCallNotified' | 'priority' | 'priorityReason' | 'solvedWithArticleId'>,
    within?: WithinOpening,
  ): Promise<QueueCase> {
    return this.open({ ...input, callerId, channel: 'web' }, { callerId }, within);
  }

  private async open(input: NewCase, opener: CaseOpener, within?: WithinOpening): Promise<QueueCase> {
    const now = this.clock.now();
    const actor = 'staff' in opener ? opener.staff : null;
    const { priority, decision } = choosePriority(input);
    if (actor && priority === 1 && input.onCallNotified !== true) {
      throw new DomainError('invalid_input', 'Priority 1: call the on-call technician now, then confirm you did', 'onCallNotified');
    }
    const plan = this.sla.plan(priority, now);

    const row = await writeTransaction(this.db, async (m) => {
      await this.checkReferences(m, input);
      const callerId = input.callerId ?? (await this.createCaller(m, input, now));
      const created = await m.getRepository(CaseEntity).save(
        m.getRepository(CaseEntity).create({
          ...NEW_CASE_LIFECYCLE,
          callerId,
          summary: input.summary,
          description: input.description ?? '',
          priority,
          status: 'new',
          channel: input.channel ?? 'phone',
          assigneeId: null,
          createdById: actor?.id ?? null,
          callbackNumber: input.callbackNumber ?? null,
          buildingId: input.buildingId ?? null,
          room: input.room ?? null,
          categoryId: input.categoryId ?? null,
          assetTag: input.assetTag ?? null,
          wizardAnswers: input.wizard ? JSON.stringify(input.wizard) : null,
          priorityReason: input.priorityReason ?? null,
          relatedCaseId: input.relatedCaseId ?? null,
          callerAvailability: input.callerAvailability ?? null,
          availabilityWindows: windowsColumn(input.availabilityWindows) ?? null,
          receivedAt: now,
          clockStartAt: plan.clockStartAt,
          responseDueAt: plan.responseDueAt,
          resolutionDueAt: plan.resolutionDueAt,
          policyVersion: plan.policyVersion,
          onCallNotifiedAt: actor && priority === 1 ? now : null,
          version: 1,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await appendCaseEvent(m, {
        caseId: created.id,
        actorId: actor?.id ?? null,
        kind: 'created',
        at: now,
        detail: {
          ...(actor ? {} : { via: 'tech_support_center' }),
          summary: created.summary,
          priority,
          callerId,
          wizard: input.wizard ?? null,
          wizardDecision: decision,
          overridden: decision !== null && decision.priority !== priority,
          relatedCaseId: created.relatedCaseId,
          policyVersion: plan.policyVersion,
          clockStartAt: new Date(plan.clockStartAt).toISOString(),
        },
        reason: input.priorityReason ?? null,
      });
      if (actor && priority === 1) {
        await appendCaseEvent(m, { caseId: created.id, actorId: actor.id, kind: 'on_call_paged', at: now, detail: { by: 'phone' }, reason: null });
      }
      await within?.(m, created);
      return created;
    });
    this.events.publish('cases.changed', { caseId: row.id, version: row.version, change: 'created' });
    return readAfterCommit(() => this.reader.queueCase(row));
  }

  async list(filter: { statuses?: CaseStatus[]; limit?: number } = {}): Promise<CaseSummary[]> {
    const rows = await this.db.getRepository(CaseEntity).find({
      where: { status: In(filter.statuses ?? [...OPEN_CASE_STATUSES]) },
      order: { id: 'DESC' },
      ...(filter.limit ? { take: filter.limit } : {}),
    });
    return this.reader.summarize(rows);
  }

  async get(id: number, viewer: StaffMember): Promise<CaseDetail> {
    const row = await this.db.getRepository(CaseEntity).findOneBy({ id });
    if (!row) throw new DomainError('not_found', `No case has id ${id}`, 'id');
    const [eventRows, contactRows, phaseRows, pauses] = await Promise.all([
      this.db.getRepository(CaseEventEntity).find({ where: { caseId: id }, order: { id: 'ASC' } }),
      this.db.getRepository(CaseContactEntity).find({ where: { caseId: id }, order: { at: 'ASC' } }),
      this.db.getRepository(CasePhaseEntity).find({ where: { caseId: id }, order: { position: 'ASC' } }),
      this.reader.pausesOf([id]).then((p) => p.get(id) ?? []),
    ]);
    const actorIds = [...new Set([...eventRows, ...contactRows].map((e) => e.actorId).filter((a): a is number => a !== null))];
    const actors = actorIds.length ? await this.db.getRepository(StaffEntity).findBy({ id: In(actorIds) }) : [];
    const actorNames = new Map(actors.map((a) => [a.id, a.name]));
    const nameOf = (actorId: number | null) => (actorId === null ? null : (actorNames.get(actorId) ?? null));
    // The caller's own moves at the Tech Support Center have no staff actor; the event names them.
    const eventActor = (e: CaseEventRow) => nameOf(e.actorId) ?? techSupportCenterCaller(e.detail);
    return {
      case: await this.reader.queueCase(row),
      events: eventRows.map((e) => toCaseEvent(e, eventActor(e))),
      contacts: contactRows.map((c) => ({
        id: c.id,
        at: new Date(c.at).toISOString(),
        actorName: nameOf(c.actorId),
        method: c.method as CaseContact['method'],
        outcome: c.outcome as CaseContact['outcome'],
        note: c.note,
      })),
      phases: phaseRows.map((p) => ({ id: p.id, position: p.position, title: p.title, targetDate: p.targetDate, done: Boolean(p.done) })),
      lifecycle: {
        respondedAt: iso(row.respondedAt),
        resolvedAt: iso(row.resolvedAt),
        closedAt: iso(row.closedAt),
        resolutionNotes: row.resolutionNotes,
        kbCandidate: Boolean(row.kbCandidate),
        parts: row.partsVendor === null ? null : { vendor: row.partsVendor, orderNumber: row.partsOrderNumber, expectedDate: row.partsExpectedDate, arrivedAt: iso(row.partsArrivedAt) },
        maintenanceWindow:
          row.maintenanceStartAt === null || row.maintenanceEndAt === null
            ? null
            : { startAt: new Date(row.maintenanceStartAt).toISOString(), endAt: new Date(row.maintenanceEndAt).toISOString() },
      },
      allowedActions: allowedActions(row.status, viewer.role),
      assigneeAway: row.assigneeId === null ? null : ((await awayMarksAt(this.db, this.clock.now(), [row.assigneeId])).marks.get(row.assigneeId) ?? null),
      difficulty: row.difficulty as Difficulty | null,
      ledger: row.policyVersion === null ? [] : this.sla.explain(caseFacts(row, pauses)),
      attachments: await attachmentsOf(this.db, id),
      rating: await ratingOf(this.db, id),
      availability: caseAvailability(row, this.sla.timeZone),
    };
  }

  /** What an agent should see while filing: the caller's open cases, and a possible outage nearby. */
  async related(input: { callerId?: number; buildingId?: number; categoryId?: number }): Promise<RelatedCases> {
    const repo = this.db.getRepository(CaseEntity);
    const open = In([...OPEN_CASE_STATUSES]);
    const callerRows = input.callerId ? await repo.find({ where: { callerId: input.callerId, status: open }, order: { id: 'DESC' } }) : [];
    const nearbyRows =
      input.buildingId && input.categoryId
        ? await repo.find({
            where: { buildingId: input.buildingId, categoryId: input.categoryId, status: open, receivedAt: MoreThanOrEqual(this.clock.now() - DAY_MS) },
            order: { id: 'DESC' },
          })
        : [];
    const [callerOpenCases, sameBuildingAndCategory] = await Promise.all([this.reader.summarize(callerRows), this.reader.summarize(nearbyRows)]);
    const first = sameBuildingAndCategory[0];
    const outageNote =
      first && sameBuildingAndCategory.length >= OUTAGE_THRESHOLD
        ? `possible outage: ${sameBuildingAndCategory.length} open cases at ${first.buildingName} · ${first.categoryName}`
        : null;
    return { callerOpenCases, sameBuildingAndCategory, outageNote };
  }

  private async checkReferences(m: EntityManager, input: NewCase): Promise<void> {
    if (input.callerId !== undefined && !(await m.getRepository(CallerEntity).existsBy({ id: input.callerId }))) {
      throw new DomainError('not_found', `No caller has id ${input.callerId}`, 'callerId');
    }
    if (input.buildingId && !(await m.getRepository(BuildingEntity).existsBy({ id: input.buildingId, active: true }))) {
      throw new DomainError('invalid_input', `No active building has id ${input.buildingId}`, 'buildingId');
    }
    if (input.categoryId && !(await m.getRepository(CategoryEntity).existsBy({ id: input.categoryId, active: true }))) {
      throw new DomainError('invalid_input', `No active category has id ${input.categoryId}`, 'categoryId');
    }
    if (input.relatedCaseId !== undefined && !(await m.getRepository(CaseEntity).existsBy({ id: input.relatedCaseId }))) {
      throw new DomainError('not_found', `No case has id ${input.relatedCaseId}`, 'relatedCaseId');
    }
  }

  /** A caller not yet in the directory, filed with the case from what the agent typed. */
  private async createCaller(m: EntityManager, input: NewCase, now: number): Promise<number> {
    const name = input.callerName ?? '';
    const buildingName = input.buildingId ? ((await m.getRepository(BuildingEntity).findOneBy({ id: input.buildingId }))?.name ?? null) : null;
    const fields = callerRowFields({ name, phone: input.callbackNumber ?? null, buildingId: input.buildingId ?? null, room: input.room ?? null }, buildingName);
    const repo = m.getRepository(CallerEntity);
    const saved = await repo.save(repo.create({ ...fields, createdAt: now, updatedAt: now }));
    return saved.id;
  }
}

/**
 * The wizard decides; the agent may override with a reason (the agreement leaves priority to
 * TS's discretion, but the audit log must say why it differs from the criteria).
 */
export function choosePriority(input: Pick<NewCase, 'wizard' | 'priority' | 'priorityReason'>): { priority: Priority; decision: WizardDecision | null } {
  const decision = input.wizard ? decidePriority(input.wizard) : null;
  const priority = input.priority ?? decision?.priority;
  if (priority === undefined) throw new DomainError('invalid_input', 'Answer the priority wizard or set a priority', 'wizard');
  const isOverride = input.priority !== undefined && (decision === null || decision.priority !== input.priority);
  if (isOverride && !input.priorityReason) {
    const what = decision ? `the wizard's priority ${decision.priority}` : 'the wizard';
    throw new DomainError('invalid_input', `Give a reason for choosing priority ${priority} over ${what}`, 'priorityReason');
  }
  return { priority, decision };
}

/** "Robin Teacher (Tech Support Center)" for an event the caller made there, else null. */
function techSupportCenterCaller(detail: string): string | null {
  const d = JSON.parse(detail) as { via?: unknown; by?: { name?: unknown } };
  return d.via === 'tech_support_center' && typeof d.by?.name === 'string' ? `${d.by.name} (Tech Support Center)` : null;
}

/** The only way an audit event is written: inside the caller's transaction, never updated afterwards. */
export async function appendCaseEvent(
  m: EntityManager,
  event: Omit<CaseEventRow, 'id' | 'detail'> & { detail: Record<string, unknown> },
): Promise<void> {
  await m.getRepository(CaseEventEntity).insert({ ...event, detail: JSON.stringify(event.detail) });
}
