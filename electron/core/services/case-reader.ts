import { In, type DataSource } from 'typeorm';
import type { CaseSummary } from '../../../shared/domain';
import { CallerEntity, type CaseRow } from '../db/entities';
import type { ReferenceListService } from '../directory/reference-lists';
import { toCaseSummary } from './case-mapper';

/** Turns case rows into what the renderer shows, with caller, building and category names, in few queries. */
export class CaseReader {
  constructor(
    private readonly db: DataSource,
    private readonly lists: ReferenceListService,
  ) {}

  async summarize(rows: readonly CaseRow[]): Promise<CaseSummary[]> {
    if (rows.length === 0) return [];
    const callerIds = [...new Set(rows.map((r) => r.callerId))];
    const callers = await this.db.getRepository(CallerEntity).find({ where: { id: In(callerIds) }, select: { id: true, name: true } });
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

  async summarizeOne(row: CaseRow): Promise<CaseSummary> {
    const [summary] = await this.summarize([row]);
    if (!summary) throw new Error(`case ${row.id} could not be summarized`);
    return summary;
  }
}
