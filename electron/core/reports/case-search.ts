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
import type { CaseReportRow, CaseSearchInput, CaseSearchResult, CaseSortField } from '../../../shared/reports';
import { isPostgres } from '../db/dialect';
import { idColumn } from '../db/id-column';
import { IN_CHUNK } from '../db/in-chunks';
import { DomainError } from '../errors';
import { caseReportRow, ROW_SELECT } from './case-report-row';
import { matchSql, orderSql, parseCaseNumber, Params, searchWords, type MatchSql } from './case-search-sql';
import type { CaseWordIndex } from './case-words';
import type { FactColumns } from './fact-columns';
import { allSlotsInOrder, factsAnswer, matchingSlots, pageOfSlots, slotOrder, type NameRanks, type SlotOrder } from './fact-search';

export const DEFAULT_PAGE = 50;

/** The fields idx_case_filters holds (migration 0012). */
const FILTER_INDEX_FIELDS: ReadonlySet<string> = new Set(['priority', 'channel', 'status', 'building', 'category', 'assignee']);

export class CaseSearch {
  private readonly postgres: boolean;
  private readonly commonWords: (words: number | null) => boolean;

  /** `tuning.commonWords`: past how many cases holding the words the plans for common words are taken (tests take them always). */
  constructor(
    private readonly db: DataSource,
    tuning: { commonWords?: number } = {},
  ) {
    this.postgres = isPostgres(db);
    const threshold = tuning.commonWords ?? COMMON_WORDS;
    this.commonWords = (words) => words !== null && words > threshold;
  }

  /**
   * One page of the search and its total. With the report facts in memory (`facts`, fresh), the
   * matches come from them (see fact-search.ts); otherwise, as before they are read after a
   * start, from the database alone. Both give the same answer. `inMemory` (PostgreSQL's words in
   * memory, once read) answers the words in place of the database's word index.
   */
  async search(input: CaseSearchInput, asOf: number, facts: FactColumns | null = null, inMemory: CaseWordIndex | null = null): Promise<CaseSearchResult> {
    const limit = input.limit ?? DEFAULT_PAGE;
    const offset = input.offset ?? 0;
    if (facts && this.factsFit(input, inMemory !== null)) {
      const { slots, order } = await this.matchingFacts(input, asOf, facts, inMemory);
      const page = pageOfSlots(facts, slots, order, offset, limit);
      return { rows: await this.rowsOf(Array.from(page, (slot) => facts.int32.caseId[slot] as number), asOf), total: slots.length };
    }
    const words = await this.wordMatches(input);
    // Counted first: the count reads indexes where it can, and how many match decides how the page is best read.
    const total = await this.count(input, asOf, words);
    const ids = offset >= total ? [] : await this.matchingIds(input, asOf, words, { limit, offset, total });
    return { rows: await this.rowsOf(ids, asOf), total };
  }

  /** Every matching case in the search's order (its paging ignored); refused when more than `max` match. */
  async exportRows(input: CaseSearchInput, asOf: number, max: number, facts: FactColumns | null = null, inMemory: CaseWordIndex | null = null): Promise<CaseReportRow[]> {
    if (facts && factsAnswer(input)) {
      const { slots, order } = await this.matchingFacts(input, asOf, facts, inMemory);
      tooManyToExport(slots.length, max);
      return this.rowsOf(Array.from(allSlotsInOrder(facts, slots, order), (slot) => facts.int32.caseId[slot] as number), asOf);
    }
    const words = await this.wordMatches(input);
    tooManyToExport(await this.count(input, asOf, words), max);
    return this.rowsOf(await this.matchingIds(input, asOf, words, null), asOf);
  }

  /**
   * Whether the facts answer this search best: always, unless it asks words and nothing else
   * with no words in memory. Then the database's word index counts the matches and a walk newest
   * first finds the page, where the facts would wait for every matching case's id.
   */
  private factsFit(input: CaseSearchInput, wordsInMemory: boolean): boolean {
    if (!factsAnswer(input)) return false;
    if (wordsInMemory || input.text === undefined || searchWords(input.text).words.length === 0) return true;
    const { text: _text, sort: _sort, limit: _limit, offset: _offset, ...criteria } = input;
    return Object.values(criteria).some((value) => value !== undefined && (!Array.isArray(value) || value.length > 0));
  }

  /** The search's matching slots of the facts and their order. Everything awaited comes first: the pass over the facts is one synchronous step. */
  private async matchingFacts(input: CaseSearchInput, asOf: number, facts: FactColumns, words: CaseWordIndex | null): Promise<{ slots: Int32Array; order: SlotOrder }> {
    const caseNumber = input.number === undefined ? null : parseCaseNumber(input.number);
    const [wordCases, ranks] = await Promise.all([this.wordCases(input, words), this.nameRanks(input.sort?.field)]);
    let wordSlots: Uint8Array | null = null;
    if (wordCases) {
      wordSlots = new Uint8Array(facts.size);
      for (const id of wordCases) {
        const slot = facts.slotOfCase(id);
        if (slot !== undefined) wordSlots[slot] = 1;
      }
    }
    return { slots: matchingSlots(facts, input, asOf, wordSlots, caseNumber), order: slotOrder(facts, input.sort, ranks) };
  }

  /** The ids of the cases holding the search's words (null when it asks none), from the words in memory or the database's word index. */
  private async wordCases(input: CaseSearchInput, inMemory: CaseWordIndex | null): Promise<ArrayLike<number> & Iterable<number> | null> {
    if (input.text === undefined) return null;
    const { words, lastIsPrefix } = searchWords(input.text);
    if (!words.length) return null;
    const held = await inMemory?.casesHolding(words, lastIsPrefix);
    if (held) return held;
    const p = new Params(this.postgres);
    const { text } = matchSql({ text: input.text }, 0, p, this.postgres);
    if (text === null) return null;
    return idColumn(this.db, text, p.values);
  }

  /** For a sort by a name: each id's rank in the database's own order of the names (equal names, equal ranks). */
  private async nameRanks(field: CaseSortField | undefined): Promise<NameRanks | null> {
    const table = field === undefined ? undefined : NAMED_TABLES[field];
    if (!table) return null;
    const rows: { id: number | string; name: string }[] = await this.db.query(`SELECT id, name FROM ${table} ORDER BY name`);
    const ranks = new Map<number, number>();
    let rank = -1;
    let previous: string | null = null;
    for (const row of rows) {
      if (row.name !== previous) rank++;
      previous = row.name;
      ranks.set(Number(row.id), rank);
    }
    return ranks;
  }

  /** How many cases hold the search's words (null without words), from the word indexes alone. */
  private async wordMatches(input: CaseSearchInput): Promise<number | null> {
    if (input.text === undefined) return null;
    const p = new Params(this.postgres);
    const { text } = matchSql({ text: input.text }, 0, p, this.postgres);
    if (text === null) return null;
    const [row] = await this.db.query(`SELECT count(*) AS n FROM (${text}) w`, p.values);
    return Number(row?.n ?? 0);
  }

  private async matchingIds(input: CaseSearchInput, asOf: number, words: number | null, page: Page | null): Promise<number[]> {
    const p = new Params(this.postgres);
    const newestFirst = (input.sort?.field ?? 'receivedAt') === 'receivedAt';
    const wordsOnRow = this.postgres && page !== null && newestFirst && input.from === undefined && input.to === undefined && !input.outcome && (await this.walkIsShort(words, page));
    const match = matchSql(input, asOf, p, this.postgres, { wordsOnRow });
    const order = orderSql(input.sort);
    const from = page && !this.postgres ? await this.sqlitePageFrom(input, match, words, page) : match.from;
    const paging = page ? ` LIMIT ${p.bind(page.limit)} OFFSET ${p.bind(page.offset)}` : '';
    const rows: { id: number | string }[] = await this.db.query(`SELECT c.id AS id FROM ${from} ${order.join} WHERE ${match.where} ORDER BY ${order.orderBy}${paging}`, p.values);
    return rows.map((r) => Number(r.id));
  }

  /**
   * SQLite's planner cannot know how many cases a word or a mix of fields matches, and guesses
   * wrong both ways at a million cases; the counts just read tell. Newest first, a page is read
   * either by walking idx_case_received from the newest (fields and word matches checked in the
   * index; about (offset + limit) × cases / matches entries), or by taking every match and
   * sorting it (one row lookup per match for words; none for fields, from idx_case_filters).
   * Walking wins unless the matches are few. With received dates, a common word is checked
   * against the period's cases (from the fact's date index) rather than the other way round.
   */
  private async sqlitePageFrom(input: CaseSearchInput, match: MatchSql, words: number | null, page: Page): Promise<string> {
    if ((input.sort?.field ?? 'receivedAt') !== 'receivedAt' || match.fields.has('number') || match.fields.has('caller')) return match.from;
    if (match.needsFacts) return this.commonWords(words) && (input.from !== undefined || input.to !== undefined) ? PERIOD_FIRST : match.from;
    const [row] = await this.db.query('SELECT max(id) AS n FROM help_case');
    const cases = Number(row?.n ?? 0);
    const walked = ((page.offset + page.limit) * cases) / Math.max(1, page.total);
    if (walked < 5 * page.total) return 'help_case c INDEXED BY idx_case_received';
    return match.text === null && indexedFieldsOnly(match) ? 'help_case c INDEXED BY idx_case_filters' : match.from;
  }

  /** PostgreSQL: whether a page of a common word is reached by walking a few thousand cases at most. */
  private async walkIsShort(words: number | null, page: Page): Promise<boolean> {
    if (!this.commonWords(words)) return false;
    const [row] = await this.db.query('SELECT max(id) AS n FROM help_case');
    return ((page.offset + page.limit) * Number(row?.n ?? 0)) / Math.max(1, words ?? 0) <= WALK_LIMIT;
  }

  private async count(input: CaseSearchInput, asOf: number, words: number | null): Promise<number> {
    const p = new Params(this.postgres);
    const match = matchSql(input, asOf, p, this.postgres);
    if (words !== null && match.fields.size === 0 && !match.needsFacts) return words;
    const [row] = await this.db.query(this.postgres ? `SELECT count(*) AS n FROM ${match.from} WHERE ${match.where}` : sqliteCountSql(input, match, this.commonWords(words)), p.values);
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

const NAMED_TABLES: Partial<Record<CaseSortField, string>> = { building: 'building', category: 'category', assignee: 'staff_member', caller: 'caller' };

function tooManyToExport(total: number, max: number): void {
  if (total > max) throw new DomainError('invalid_input', `${total} cases match; an export holds at most ${max}. Narrow the search (dates, states, fields) and export again.`);
}

interface Page {
  limit: number;
  offset: number;
  total: number;
}

/** Past this many cases holding the words, reading each case's row costs more than reading an index whole. */
const COMMON_WORDS = 5_000;
/** Cases PostgreSQL checks the words on, one by one, for a page (each a vector computed: about 30 µs). */
const WALK_LIMIT = 3_000;

/** The period's facts first (their received-date index), then their cases: SQLite's CROSS JOIN keeps that order. */
const PERIOD_FIRST = 'case_report_fact f CROSS JOIN help_case c ON c.id = f.case_id';

const indexedFieldsOnly = (match: MatchSql) => !match.needsFacts && match.fields.size > 0 && [...match.fields].every((f) => FILTER_INDEX_FIELDS.has(f));

/**
 * A count SQLite answers from indexes: fields only, from idx_case_filters (skipping over its
 * leading columns not asked for), unless one field with its own index (state, technician) is all;
 * a common word with fields, the same index checked against the word's matches; a common word in
 * a period, the period's cases first. Otherwise the planner's choice.
 */
function sqliteCountSql(input: CaseSearchInput, match: MatchSql, commonWords: boolean): string {
  const fields = [...match.fields];
  const ownIndex = fields.length === 1 && (fields[0] === 'status' || fields[0] === 'assignee');
  if (indexedFieldsOnly(match) && (match.text === null ? !ownIndex : commonWords)) {
    return `SELECT count(*) AS n FROM help_case c INDEXED BY idx_case_filters WHERE ${match.where}`;
  }
  if (match.needsFacts && commonWords && (input.from !== undefined || input.to !== undefined)) return `SELECT count(*) AS n FROM ${PERIOD_FIRST} WHERE ${match.where}`;
  return `SELECT count(*) AS n FROM ${match.from} WHERE ${match.where}`;
}
