/**
 * The case search's SQL: which cases match a search (words, number, fields, dates, outcome) and in
 * what order, for both dialects. Every value is a bound parameter; only names this file chooses
 * (columns, directions) are spelled into the text.
 */
import type { CaseSearchInput, CaseSortField, SlaTargetName } from '../../../shared/reports';
import { DomainError } from '../errors';
import { wordsOf } from '../kb/search/fold';
import { isStopWord } from '../kb/search/stop-words';

/** The case's own text as migration 0012 indexes it on PostgreSQL (spelled exactly so the GIN index is used). */
export const CASE_TEXT_VECTOR = `to_tsvector('kb_english', summary || ' ' || description || ' ' || coalesce(resolution_notes, ''))`;
/** A work note's text as migration 0012 indexes it on PostgreSQL (partial index: kind = 'note'). */
export const NOTE_VECTOR = `to_tsvector('kb_english', coalesce(detail::jsonb ->> 'note', ''))`;

/** Bound parameters in the order the SQL text uses them: `?` for SQLite, `$n` for PostgreSQL. */
export class Params {
  readonly values: unknown[] = [];
  constructor(private readonly postgres: boolean) {}
  bind(value: unknown): string {
    this.values.push(value);
    return this.postgres ? `$${this.values.length}` : '?';
  }
  list(values: readonly unknown[]): string {
    return `(${values.map((v) => this.bind(v)).join(', ')})`;
  }
}

const MAX_CASE_ID = 2_147_483_647;
const HOUR_MS = 3_600_000;
const CASE_NUMBER = /^(?:dw)?[\s#-]*0*(\d{1,10})$/i;

/** "DW-001234", "dw1234", "#1234" or "1234" as the case id; anything else is refused by name. */
export function parseCaseNumber(text: string): number {
  const m = CASE_NUMBER.exec(text.trim());
  const id = m ? Number(m[1]) : NaN;
  if (!Number.isSafeInteger(id) || id < 1 || id > MAX_CASE_ID) {
    throw new DomainError('invalid_input', `"${text}" is not a case number: write it as DW-001234 or 1234`, 'number');
  }
  return id;
}

/**
 * The words a search asks for: folded as both indexes fold them, stop words left out (PostgreSQL's
 * index drops them, so asking them on SQLite alone would make the two databases differ). The last
 * word is a prefix: the search runs while it is being typed.
 */
export function searchWords(text: string): { words: string[]; lastIsPrefix: boolean } {
  const all = wordsOf(text);
  const words = all.filter((w) => !isStopWord(w));
  return { words, lastIsPrefix: words.length > 0 && words.at(-1) === all.at(-1) };
}

/**
 * The ids of the cases holding every word, in their own text or a work note. SQLite: one MATCH
 * over the case's document (migration 0012). PostgreSQL: per word, the cases whose text holds it
 * and those with a note holding it; then the cases found for every word.
 */
function textSql(words: readonly string[], lastIsPrefix: boolean, p: Params, postgres: boolean): string {
  const isPrefix = (i: number) => lastIsPrefix && i === words.length - 1;
  if (!postgres) {
    // Words are letters and digits only (fold.ts): quoted, no FTS5 operator can slip in.
    const match = words.map((w, i) => `"${w}"${isPrefix(i) ? '*' : ''}`).join(' AND ');
    return `SELECT rowid FROM case_search_fts WHERE case_search_fts MATCH ${p.bind(match)}`;
  }
  const sets = words.map((w, i) => {
    const q = `${w}${isPrefix(i) ? ':*' : ''}`;
    return `SELECT id FROM help_case WHERE ${CASE_TEXT_VECTOR} @@ to_tsquery('kb_english', ${p.bind(q)})
      UNION SELECT case_id FROM case_event WHERE kind = 'note' AND ${NOTE_VECTOR} @@ to_tsquery('kb_english', ${p.bind(q)})`;
  });
  return sets.map((set, i) => `SELECT id FROM (${set}) w${i}`).join(' INTERSECT ');
}

/**
 * PostgreSQL, for a page of a common word newest first: the words checked on each case as the
 * received index is walked (a few hundred cases for a word one case in ten holds), rather than
 * every case holding them gathered first.
 */
function textOnRowSql(words: readonly string[], lastIsPrefix: boolean, p: Params): string {
  return words
    .map((w, i) => {
      const q = `to_tsquery('kb_english', ${p.bind(`${w}${lastIsPrefix && i === words.length - 1 ? ':*' : ''}`)})`;
      return `(${CASE_TEXT_VECTOR.replace(/\b(summary|description|resolution_notes)\b/g, 'c.$1')} @@ ${q}
        OR EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.kind = 'note' AND ${NOTE_VECTOR.replace('detail', 'e.detail')} @@ ${q}))`;
    })
    .join(' AND ');
}

/** Where one target stands at `asOf`, in SQL: a stored 'open' past its due instant is breached (as FactColumns.outcome). */
function outcomeSql(target: SlaTargetName, is: string, asOf: number, p: Params): string {
  const outcome = target === 'response' ? 'f.response_outcome' : 'f.resolution_outcome';
  const due = target === 'response' ? 'f.response_due_at' : 'f.resolution_due_at';
  if (is === 'breached') return `(${outcome} = 'breached' OR (${outcome} = 'open' AND ${due} < ${p.bind(asOf)}))`;
  if (is === 'open') return `(${outcome} = 'open' AND (${due} IS NULL OR ${due} >= ${p.bind(asOf)}))`;
  return `${outcome} = ${p.bind(is)}`;
}

/**
 * Open at the end of `date` (CaseSearchInput.openOn, the trends' backlog): received by then, and
 * done after it or not yet, done being the latest resolution or, with none, the closing (as
 * FactColumns.doneDay). Local dates as YYYY-MM-DD text, so they compare in calendar order.
 */
function openOnSql(date: string, p: Params): string {
  const day = p.bind(date);
  return `(f.received_date <= ${day} AND (COALESCE(f.resolved_date, f.closed_date) IS NULL OR COALESCE(f.resolved_date, f.closed_date) > ${p.bind(date)}))`;
}

/** Whole numbers from min to max (the contract checks them too; the core refuses them by name if called directly). */
function wholeIn(values: readonly number[], min: number, max: number, field: string): number[] {
  const bad = values.find((v) => !Number.isInteger(v) || v < min || v > max);
  if (bad !== undefined) throw new DomainError('invalid_input', `${field}: ${bad} is not a whole number from ${min} to ${max}`, field);
  return [...values];
}

export interface MatchSql {
  /** `FROM … WHERE …` over `c` = help_case (and `f` = case_report_fact when a filter needs it). */
  from: string;
  where: string;
  needsFacts: boolean;
  /** The word match's own SQL (ids), when the search has words. */
  text: string | null;
  /** The case fields narrowed (priority, channel, status, building, category, assignee, caller, number). */
  fields: ReadonlySet<string>;
}

/** The cases a search matches as SQL, outcomes judged at `asOf`. */
export function matchSql(input: CaseSearchInput, asOf: number, p: Params, postgres: boolean, options: { wordsOnRow?: boolean } = {}): MatchSql {
  const where: string[] = [];
  const fields = new Set<string>();
  let needsFacts = false;
  let text: string | null = null;
  if (input.text !== undefined) {
    const { words, lastIsPrefix } = searchWords(input.text);
    // A search of punctuation or stop words only narrows nothing (the box shows every case, as when empty).
    if (words.length) {
      if (postgres && options.wordsOnRow) {
        where.push(textOnRowSql(words, lastIsPrefix, p));
      } else {
        text = textSql(words, lastIsPrefix, p, postgres);
        where.push(`c.id IN (${text})`);
      }
    }
  }
  const field = (name: string, sql: string) => {
    fields.add(name);
    where.push(sql);
  };
  if (input.number !== undefined) field('number', `c.id = ${p.bind(parseCaseNumber(input.number))}`);
  if (input.callerId !== undefined) field('caller', `c.caller_id = ${p.bind(input.callerId)}`);
  const inList = (name: string, column: string, values: readonly unknown[] | undefined) => {
    if (values?.length) field(name, `${column} IN ${p.list(values)}`);
  };
  inList('priority', 'c.priority', input.priorities);
  inList('status', 'c.status', input.statuses);
  // 0 in a list is "none", as for the technician below.
  const orNone = (name: string, column: string, values: readonly number[] | undefined) => {
    if (!values?.length) return;
    const real = values.filter((id) => id !== 0);
    const either = [...(real.length ? [`${column} IN ${p.list(real)}`] : []), ...(values.includes(0) ? [`${column} IS NULL`] : [])];
    field(name, either.length > 1 ? `(${either.join(' OR ')})` : (either[0] as string));
  };
  orNone('building', 'c.building_id', input.buildingIds);
  orNone('category', 'c.category_id', input.categoryIds);
  inList('channel', 'c.channel', input.channels);
  if (input.assigneeIds?.length) {
    const staff = input.assigneeIds.filter((id) => id !== 0);
    const either = [...(staff.length ? [`c.assignee_id IN ${p.list(staff)}`] : []), ...(input.assigneeIds.includes(0) ? ['c.assignee_id IS NULL'] : [])];
    field('assignee', either.length > 1 ? `(${either.join(' OR ')})` : (either[0] as string));
  }
  // The received date is the desk's local date, which only the fact row holds. Each bound also
  // narrows the received instant by what that date spans in any zone (UTC−12 to UTC+14), a
  // range idx_case_received reads, so a period's cases are found without a look at every fact.
  for (const [name, value] of [['from', input.from], ['to', input.to]] as const) {
    if (value !== undefined && Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new DomainError('invalid_input', `${value} is not a date (YYYY-MM-DD)`, name);
  }
  if (input.from !== undefined) {
    needsFacts = true;
    where.push(`f.received_date >= ${p.bind(input.from)}`, `c.received_at >= ${p.bind(Date.parse(`${input.from}T00:00:00Z`) - 14 * HOUR_MS)}`);
  }
  if (input.to !== undefined) {
    needsFacts = true;
    where.push(`f.received_date <= ${p.bind(input.to)}`, `c.received_at < ${p.bind(Date.parse(`${input.to}T00:00:00Z`) + 36 * HOUR_MS)}`);
  }
  if (input.outcome) {
    needsFacts = true;
    where.push(outcomeSql(input.outcome.target, input.outcome.is, asOf, p));
  }
  // Arrivals by hour and weekday, and the backlog, as the trends count them (desk-local fields of the fact).
  if (input.receivedHours?.length) {
    needsFacts = true;
    where.push(`(f.received_minute / 60) IN ${p.list(wholeIn(input.receivedHours, 0, 23, 'receivedHours'))}`);
  }
  if (input.receivedWeekdays?.length) {
    needsFacts = true;
    where.push(`f.received_weekday IN ${p.list(wholeIn(input.receivedWeekdays, 1, 7, 'receivedWeekdays'))}`);
  }
  if (input.openOn !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.openOn) || Number.isNaN(Date.parse(`${input.openOn}T00:00:00Z`))) {
      throw new DomainError('invalid_input', `${input.openOn} is not a date (YYYY-MM-DD)`, 'openOn');
    }
    needsFacts = true;
    where.push(openOnSql(input.openOn, p));
  }
  return {
    from: needsFacts ? 'help_case c JOIN case_report_fact f ON f.case_id = c.id' : 'help_case c',
    where: where.length ? where.join(' AND ') : '1 = 1',
    needsFacts,
    text,
    fields,
  };
}

interface SortKey {
  expression: string;
  join: string;
  nullable: boolean;
}

const SORT_KEYS: Record<CaseSortField, SortKey> = {
  receivedAt: { expression: 'c.received_at', join: '', nullable: false },
  id: { expression: 'c.id', join: '', nullable: false },
  priority: { expression: 'c.priority', join: '', nullable: false },
  status: { expression: 'c.status', join: '', nullable: false },
  resolvedAt: { expression: 'c.resolved_at', join: '', nullable: true },
  building: { expression: 'sb.name', join: 'LEFT JOIN building sb ON sb.id = c.building_id', nullable: true },
  category: { expression: 'sk.name', join: 'LEFT JOIN category sk ON sk.id = c.category_id', nullable: true },
  assignee: { expression: 'sa.name', join: 'LEFT JOIN staff_member sa ON sa.id = c.assignee_id', nullable: true },
  caller: { expression: 'sc.name', join: 'JOIN caller sc ON sc.id = c.caller_id', nullable: false },
};

/** The order of a search: its field (received newest first by default), ties by id the same way; cases without the field last. */
export function orderSql(sort: CaseSearchInput['sort']): { join: string; orderBy: string } {
  const field = sort?.field ?? 'receivedAt';
  const key = SORT_KEYS[field];
  if (!key) throw new DomainError('invalid_input', `Unknown sort field ${String(field)}`, 'sort');
  const direction = (sort?.direction ?? 'desc') === 'asc' ? 'ASC' : 'DESC';
  const first = `${key.expression} ${direction}${key.nullable ? ' NULLS LAST' : ''}`;
  return { join: key.join, orderBy: field === 'id' ? first : `${first}, c.id ${direction}` };
}
