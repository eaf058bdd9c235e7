import { In, type DataSource, type EntityManager } from 'typeorm';
import type { CaseSummary, QueueCase } from '../../../shared/domain';
import type { Clock } from '../clock';
import { CallerEntity, CaseContactEntity, CasePauseEntity, StaffEntity, type CaseContactRow, type CasePauseRow, type CaseRow } from '../db/entities';
import type { ReferenceListService } from '../directory/reference-lists';
import { caseFacts, pendingClocks, toCaseSla } from './case-facts';
import { toCaseSummary } from './case-mapper';
import type { SlaFacade } from './sla-facade';
import { loadInChunks } from '../db/in-chunks';

/** Loads rows of a child table for many cases, grouped by case. */
async function byCase<T extends { caseId: number }>(load: (ids: number[]) => Promise<T[]>, ids: number[]): Promise<Map<number, T[]>> {
  const map = new Map<number, T[]>();
  for (const row of await loadInChunks(ids, load)) {
    const list = map.get(row.caseId) ?? [];
    list.push(row);
    map.set(row.caseId, list);
  }
  return map;
}

/** Turns case rows into what the renderer shows: names resolved and the SLA clocks read at now, in few queries. */
export class CaseReader {
  constructor(
    private readonly db: DataSource,
    private readonly lists: ReferenceListService,
    private readonly sla: SlaFacade,
    private readonly clock: Clock,
  ) {}

  async summarize(rows: readonly CaseRow[]): Promise<CaseSummary[]> {
    if (rows.length === 0) return [];
    const callerIds = [...new Set(rows.map((r) => r.callerId))];
    const callers = await loadInChunks(callerIds, (chunk) =>
      this.db.getRepository(CallerEntity).find({ where: { id: In(chunk) }, select: { id: true, name: true } }),
    );
    const callerNames = new Map(callers.map((c) => [c.id, c.name]));
    const [buildings, categories] = await Promise.all([
      this.lists.names('buildings', rows.map((r) => r.buildingId)),
      this.lists.names('categories', rows.map((r) => r.categoryId)),
    ]);
    return rows.map((r) =>
      toCaseSummary(r, {
        callerName: callerNames.get(r.callerId) ?? '',
        buildingName: r.buildingId === null ? null : (buildings.get(r.buildingId) ?? null),
        categoryName: r.categoryId === null ? null : (categories.get(r.categoryId) ?? null),
      }),
    );
  }

  async queueCases(rows: readonly CaseRow[]): Promise<QueueCase[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const pauses = await this.pausesOf(ids);
    const pendingIds = rows.filter((r) => r.status === 'pending_user_response').map((r) => r.id);
    const contacts = await this.contactsOf(pendingIds);
    const summaries = await this.summarize(rows);
    const staff = await this.db.getRepository(StaffEntity).find({ select: { id: true, name: true } });
    const staffNames = new Map(staff.map((s) => [s.id, s.name]));
    const now = this.clock.now();
    return rows.map((row, i) => {
      const casePauses = pauses.get(row.id) ?? [];
      const status = this.sla.status(caseFacts(row, casePauses), now);
      const pending = pendingClocks(row, casePauses, contacts.get(row.id) ?? [], this.sla);
      return {
        ...(summaries[i] as CaseSummary),
        assigneeName: row.assigneeId === null ? null : (staffNames.get(row.assigneeId) ?? null),
        sla: toCaseSla(status, pending),
      };
    });
  }

  async queueCase(row: CaseRow): Promise<QueueCase> {
    const [one] = await this.queueCases([row]);
    if (!one) throw new Error(`case ${row.id} could not be read`);
    return one;
  }

  pausesOf(ids: number[], m: DataSource | EntityManager = this.db): Promise<Map<number, CasePauseRow[]>> {
    return byCase((chunk) => m.getRepository(CasePauseEntity).find({ where: { caseId: In(chunk) }, order: { startedAt: 'ASC' } }), ids);
  }

  contactsOf(ids: number[], m: DataSource | EntityManager = this.db): Promise<Map<number, CaseContactRow[]>> {
    return byCase((chunk) => m.getRepository(CaseContactEntity).find({ where: { caseId: In(chunk) }, order: { at: 'ASC' } }), ids);
  }
}
