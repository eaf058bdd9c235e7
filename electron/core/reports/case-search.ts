/**
 * The case search: every case, open or closed, by its words (summary, description, resolution
 * notes, work notes), number and fields, sorted and paged, with the total of matches; and the
 * same matches whole for an export. Relies on the fact rows being fresh (the report service runs
 * the keeper first) for the received date and the SLA outcomes.
 *
 * Three statements, each cheap at a million cases: the page's ids (an index walk in the sort's
 * order), the count (skipped when the page shows it is every match), and the page's rows by id.
 */
import type { DataSource } from 'typeorm';
import type { CaseReportRow, CaseSearchInput, CaseSearchResult } from '../../../shared/reports';
import { isPostgres } from '../db/dialect';
import { IN_CHUNK } from '../db/in-chunks';
import { DomainError } from '../errors';
import { caseReportRow, ROW_SELECT } from './case-report-row';
import { matchSql, orderSql, Params } from './case-search-sql';

export const DEFAULT_PAGE = 50;

export class CaseSearch {
  private readonly postgres: boolean;

  constructor(private readonly db: DataSource) {
    this.postgres = isPostgres(db);
  }

  async search(input: CaseSearchInput, asOf: number): Promise<CaseSearchResult> {
    const limit = input.limit ?? DEFAULT_PAGE;
    const offset = input.offset ?? 0;
    const ids = await this.matchingIds(input, asOf, { limit, offset });
    // A page shorter than asked, with something on it (or from the start), ends the matches: it tells the total.
    const total = ids.length < limit && (ids.length > 0 || offset === 0) ? offset + ids.length : await this.count(input, asOf);
    return { rows: await this.rowsOf(ids, asOf), total };
  }

  /** Every matching case in the search's order (its paging ignored); refused when more than `max` match. */
  async exportRows(input: CaseSearchInput, asOf: number, max: number): Promise<CaseReportRow[]> {
    const total = await this.count(input, asOf);
    if (total > max) {
      throw new DomainError('invalid_input', `${total} cases match; an export holds at most ${max}. Narrow the search (dates, states, fields) and export again.`);
    }
    return this.rowsOf(await this.matchingIds(input, asOf, null), asOf);
  }

  private async matchingIds(input: CaseSearchInput, asOf: number, page: { limit: number; offset: number } | null): Promise<number[]> {
    const p = new Params(this.postgres);
    const match = matchSql(input, asOf, p, this.postgres);
    const order = orderSql(input.sort);
    const paging = page ? ` LIMIT ${p.bind(page.limit)} OFFSET ${p.bind(page.offset)}` : '';
    const rows: { id: number | string }[] = await this.db.query(
      `SELECT c.id AS id FROM ${match.from} ${order.join} WHERE ${match.where} ORDER BY ${order.orderBy}${paging}`,
      p.values,
    );
    return rows.map((r) => Number(r.id));
  }

  private async count(input: CaseSearchInput, asOf: number): Promise<number> {
    const p = new Params(this.postgres);
    const match = matchSql(input, asOf, p, this.postgres);
    const [row] = await this.db.query(`SELECT count(*) AS n FROM ${match.from} WHERE ${match.where}`, p.values);
    return Number(row?.n ?? 0);
  }

  /** The rows of these cases, in the order given. */
  private async rowsOf(ids: readonly number[], asOf: number): Promise<CaseReportRow[]> {
    const byId = new Map<number, CaseReportRow>();
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const p = new Params(this.postgres);
      const chunk = ids.slice(i, i + IN_CHUNK);
      const raws: Record<string, unknown>[] = await this.db.query(`${ROW_SELECT} WHERE c.id IN ${p.list(chunk)}`, p.values);
      for (const r of raws) {
        const row = caseReportRow(r, asOf);
        byId.set(row.id, row);
      }
    }
    return ids.flatMap((id) => byId.get(id) ?? []);
  }
}
