import { In, type DataSource } from 'typeorm';
import { OPEN_CASE_STATUSES, type QueueCase, type QueueFilter, type SavedView, type StaffMember, type WorkloadRow } from '../../../shared/domain';
import type { Clock } from '../clock';
import { CaseEntity, SavedViewEntity, StaffEntity } from '../db/entities';
import { DomainError } from '../errors';
import type { CaseReader } from './case-reader';
import type { SlaFacade } from './sla-facade';

const HOUR_MS = 3_600_000;

/** Sorts by the next unmet due instant: soonest to breach first, paused and fully met cases last. */
export function byNextBreach(a: QueueCase, b: QueueCase): number {
  const ta = a.sla.nextDueAt === null ? Number.POSITIVE_INFINITY : Date.parse(a.sla.nextDueAt);
  const tb = b.sla.nextDueAt === null ? Number.POSITIVE_INFINITY : Date.parse(b.sla.nextDueAt);
  return ta - tb || a.priority - b.priority || a.id - b.id;
}

/** The queue of open cases, the supervisors' workload board, and each person's saved views. */
export class QueueService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly sla: SlaFacade,
    private readonly reader: CaseReader,
  ) {}

  async openCases(): Promise<QueueCase[]> {
    const rows = await this.db.getRepository(CaseEntity).findBy({ status: In([...OPEN_CASE_STATUSES]) });
    return (await this.reader.queueCases(rows)).sort(byNextBreach);
  }

  async workload(): Promise<WorkloadRow[]> {
    const cases = await this.openCases();
    const staff = await this.db.getRepository(StaffEntity).find({ where: { active: true }, order: { name: 'ASC' } });
    const now = this.clock.now();
    const rows = new Map<number | null, WorkloadRow>();
    for (const s of staff.filter((s) => s.role !== 'agent')) {
      rows.set(s.id, { staffId: s.id, name: s.name, openCases: 0, atRisk: 0, breached: 0, remainingBusinessHours: 0 });
    }
    rows.set(null, { staffId: null, name: 'Unassigned', openCases: 0, atRisk: 0, breached: 0, remainingBusinessHours: 0 });
    for (const c of cases) {
      const row = rows.get(c.assigneeId) ?? rows.get(null);
      if (!row) continue;
      row.openCases += 1;
      const states = [c.sla.response.state, c.sla.resolution.state];
      if (states.includes('breached')) row.breached += 1;
      else if (states.includes('at_risk')) row.atRisk += 1;
      const due = c.sla.resolution.dueAt;
      if (due !== null && !c.sla.paused) row.remainingBusinessHours += this.sla.businessMsBetween(now, Date.parse(due)) / HOUR_MS;
    }
    return [...rows.values()].map((r) => ({ ...r, remainingBusinessHours: Math.round(r.remainingBusinessHours * 10) / 10 }));
  }

  async views(viewer: StaffMember): Promise<SavedView[]> {
    const rows = await this.db.getRepository(SavedViewEntity).find({ where: { staffId: viewer.id }, order: { name: 'ASC' } });
    return rows.map((r) => ({ id: r.id, name: r.name, filter: JSON.parse(r.filter) as QueueFilter }));
  }

  /** Saves a view under its name; the same name replaces the person's earlier view. */
  async saveView(viewer: StaffMember, name: string, filter: QueueFilter): Promise<SavedView> {
    const repo = this.db.getRepository(SavedViewEntity);
    const existing = await repo.findOneBy({ staffId: viewer.id, name });
    const saved = await repo.save({ ...(existing ?? {}), staffId: viewer.id, name, filter: JSON.stringify(filter) });
    return { id: saved.id, name: saved.name, filter };
  }

  async deleteView(viewer: StaffMember, id: number): Promise<{ id: number }> {
    const result = await this.db.getRepository(SavedViewEntity).delete({ id, staffId: viewer.id });
    if (!result.affected) throw new DomainError('not_found', `You have no saved view ${id}`, 'id');
    return { id };
  }
}
