/**
 * The case search: every case, open or closed, by its words (summary, description, resolution
 * notes, work notes), number and fields, sorted and paged, with the total of matches; and the
 * same matches whole for an export. Relies on the fact rows being fresh (the report service runs
 * the keeper first) for the received date and the SLA outcomes.
 *
 * Three statements, each cheap at a million cases: the count (from indexes alone where it can),
 * the page's ids, and the page's rows by id.
 */
import type { DataSource } from 'typeorm';
import type { CaseReportRow, CaseSearchInput, CaseSearchResult } from '../../../shared/reports';
import { isPostgres } from '../db/dialect';
import { IN_CHUNK } from '../db/in-chunks';
import { DomainError } from '../errors';
import { caseReportRow, ROW_SELECT } from './case-report-row';
import { matchSql, orderSql, Params, type MatchSql } from './case-search-sql';

export const DEFAULT_PAGE = 50;

/** The fields idx_case_filters holds (migration 0012). */
const FILTER_INDEX_FIELDS: ReadonlySet<string> = new Set(['priority', 'channel', 'status', 'building', 'category', 'assignee']);

export class CaseSearch {
  private readonly postgres: boolean;

  constructor(private readonly db: DataSource) {
    this.postgres = isPostgres(db);
  }

  async search(input: CaseSearchInput, asOf: number): Promise<CaseSearchResult> {
    const limit = input.limit ?? DEFAULT_PAGE;
    const offset = input.offset ?? 0;
    // Counted first: the count reads indexes only, and how many match decides how the page is best read.
    const total = await this.count(input, asOf);
    const ids = offset >= total ? [] : await this.matchingIds(input, asOf, { limit, offset, total });
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

  private async matchingIds(input: CaseSearchInput, asOf: number, page: { limit: number; offset: number; total: number } | null): Promise<number[]> {
    const p = new Params(this.postgres);
    const match = matchSql(input, asOf, p, this.postgres);
    const order = orderSql(input.sort);
    const index = page && !this.postgres ? await this.sqlitePageIndex(input, match, page) : null;
    const from = index ? `help_case c INDEXED BY ${index}` : match.from;
    const paging = page ? ` LIMIT ${p.bind(page.limit)} OFFSET ${p.bind(page.offset)}` : '';
    const rows: { id: number | string }[] = await this.db.query(`SELECT c.id AS id FROM ${from} ${order.join} WHERE ${match.where} ORDER BY ${order.orderBy}${paging}`, p.values);
    return rows.map((r) => Number(r.id));
  }

  /**
   * SQLite's planner cannot know how many cases a word or a mix of fields matches, and guesses
   * wrong both ways at a million cases; the count just read tells. Newest first, a page is read
   * either by walking idx_case_received from the newest (fields and word matches checked in the
   * index; about (offset + limit) × cases / matches entries), or by taking every match and
   * sorting it (one row lookup per match for words; none for fields, from idx_case_filters).
   * Walking wins unless the matches are few.
   */
  private async sqlitePageIndex(input: CaseSearchInput, match: MatchSql, page: { limit: number; offset: number; total: number }): Promise<string | null> {
    if ((input.sort?.field ?? 'receivedAt') !== 'receivedAt' || match.needsFacts || match.fields.has('number') || match.fields.has('caller')) return null;
    const [row] = await this.db.query('SELECT max(id) AS n FROM help_case');
    const cases = Number(row?.n ?? 0);
    const walked = ((page.offset + page.limit) * cases) / Math.max(1, page.total);
    if (walked < 5 * page.total) return 'idx_case_received';
    return match.text === null && match.fields.size > 0 && [...match.fields].every((f) => FILTER_INDEX_FIELDS.has(f)) ? 'idx_case_filters' : null;
  }

  private async count(input: CaseSearchInput, asOf: number): Promise<number> {
    const p = new Params(this.postgres);
    const match = matchSql(input, asOf, p, this.postgres);
    const [row] = await this.db.query(this.postgres ? `SELECT count(*) AS n FROM ${match.from} WHERE ${match.where}` : sqliteCountSql(match), p.values);
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

/**
 * A count SQLite answers from an index alone: words only, from the word index; fields only, from
 * idx_case_filters (skipping over its leading columns not asked for), unless one field with its
 * own index (state, technician) is all. Otherwise the planner's choice.
 */
function sqliteCountSql(match: MatchSql): string {
  if (match.text !== null && match.fields.size === 0 && !match.needsFacts) return `SELECT count(*) AS n FROM (${match.text})`;
  const fields = [...match.fields];
  const ownIndex = fields.length === 1 && (fields[0] === 'status' || fields[0] === 'assignee');
  if (match.text === null && !match.needsFacts && fields.length > 0 && !ownIndex && fields.every((f) => FILTER_INDEX_FIELDS.has(f))) {
    return `SELECT count(*) AS n FROM help_case c INDEXED BY idx_case_filters WHERE ${match.where}`;
  }
  return `SELECT count(*) AS n FROM ${match.from} WHERE ${match.where}`;
}
