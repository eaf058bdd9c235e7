import { In, type DataSource, type EntityManager } from 'typeorm';
import {
  OPEN_CASE_STATUSES,
  type CaseChannel,
  type CaseStatus,
  type CaseSummary,
  type Priority,
  type StaffMember,
} from '../../../shared/domain';
import type { CaseDetail } from '../../../shared/contract';
import type { Clock } from '../clock';
import { CallerEntity, CaseEntity, CaseEventEntity, StaffEntity, type CaseEventRow, type CaseRow } from '../db/entities';
import { DomainError } from '../errors';
import type { EventBus } from '../event-bus';
import { toCaseEvent, toCaseSummary } from './case-mapper';
import type { DeadlinePlanner } from './deadline-planner';

export interface NewCase {
  callerName: string;
  summary: string;
  description?: string;
  priority?: Priority;
  channel?: CaseChannel;
}

/** Until the priority wizard decides, a case without a priority is taken as affecting one person with a workaround. */
const DEFAULT_PRIORITY: Priority = 3;

/** Cases: opening them, reading them. Every change writes its audit event in the same transaction. */
export class CaseService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly deadlines: DeadlinePlanner,
  ) {}

  async create(input: NewCase, actor: StaffMember): Promise<CaseSummary> {
    const now = this.clock.now();
    const priority = input.priority ?? DEFAULT_PRIORITY;
    const planned = this.deadlines.plan(priority, now);
    const { row, callerName } = await this.db.transaction(async (m) => {
      const caller = await this.findOrCreateCaller(m, input.callerName, now);
      const row = await m.getRepository(CaseEntity).save(
        m.getRepository(CaseEntity).create({
          callerId: caller.id,
          summary: input.summary,
          description: input.description ?? '',
          priority,
          status: 'new',
          channel: input.channel ?? 'phone',
          assigneeId: null,
          createdById: actor.id,
          receivedAt: now,
          responseDueAt: planned.responseDueAt,
          resolutionDueAt: planned.resolutionDueAt,
          policyVersion: planned.policyVersion,
          version: 1,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await appendCaseEvent(m, {
        caseId: row.id,
        actorId: actor.id,
        kind: 'created',
        at: now,
        detail: { summary: row.summary, priority, callerId: caller.id },
        reason: null,
      });
      return { row, callerName: caller.name };
    });
    this.events.publish('cases.changed', { caseId: row.id, version: row.version, change: 'created' });
    return toCaseSummary(row, callerName);
  }

  async list(filter: { statuses?: CaseStatus[]; limit?: number } = {}): Promise<CaseSummary[]> {
    const statuses = filter.statuses ?? [...OPEN_CASE_STATUSES];
    const rows = await this.db.getRepository(CaseEntity).find({
      where: { status: In(statuses) },
      order: { id: 'DESC' },
      ...(filter.limit ? { take: filter.limit } : {}),
    });
    const names = await this.callerNames(rows.map((r) => r.callerId));
    return rows.map((r) => toCaseSummary(r, names.get(r.callerId) ?? ''));
  }

  async get(id: number): Promise<CaseDetail> {
    const row = await this.db.getRepository(CaseEntity).findOneBy({ id });
    if (!row) throw new DomainError('not_found', `No case has id ${id}`, 'id');
    const eventRows = await this.db.getRepository(CaseEventEntity).find({ where: { caseId: id }, order: { id: 'ASC' } });
    const actorIds = [...new Set(eventRows.map((e) => e.actorId).filter((a): a is number => a !== null))];
    const actors = actorIds.length ? await this.db.getRepository(StaffEntity).findBy({ id: In(actorIds) }) : [];
    const actorNames = new Map(actors.map((a) => [a.id, a.name]));
    const callerNames = await this.callerNames([row.callerId]);
    return {
      case: toCaseSummary(row, callerNames.get(row.callerId) ?? ''),
      events: eventRows.map((e) => toCaseEvent(e, e.actorId === null ? null : (actorNames.get(e.actorId) ?? null))),
    };
  }

  private async callerNames(ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const callers = await this.db.getRepository(CallerEntity).find({ where: { id: In(unique) }, select: { id: true, name: true } });
    return new Map(callers.map((c) => [c.id, c.name]));
  }

  private async findOrCreateCaller(m: EntityManager, name: string, now: number) {
    const repo = m.getRepository(CallerEntity);
    const existing = await repo.findOneBy({ name });
    if (existing) return existing;
    return repo.save(repo.create({ name, email: null, phone: null, building: null, createdAt: now, updatedAt: now }));
  }
}

/** The only way an audit event is written: inside the caller's transaction, never updated afterwards. */
export async function appendCaseEvent(
  m: EntityManager,
  event: Omit<CaseEventRow, 'id' | 'detail'> & { detail: Record<string, unknown> },
): Promise<void> {
  await m.getRepository(CaseEventEntity).insert({ ...event, detail: JSON.stringify(event.detail) });
}

export type { CaseRow };
