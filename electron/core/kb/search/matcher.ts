/**
 * What the ranking asks of a database's full-text index. Two implementations answer it the same
 * way: sqlite-matcher.ts (FTS5) and postgres-matcher.ts (GIN expression indexes).
 */
import { ARTICLE_STATES, type ArticleAudience, type ArticleState } from '../../../../shared/knowledge';
import type { CaseStatus } from '../../../../shared/domain';
import { integer } from './sql-kit';
import type { Phrase } from './query-plan';
import type { ArticleField, CaseField, Lookup } from './ranking';

/** Which articles a search may return. */
export interface ArticleScope {
  states: readonly ArticleState[];
  categoryId?: number;
  audience?: ArticleAudience;
}

/** What the ranking filters and boosts an article on. */
export interface ArticleAttributes {
  state: ArticleState;
  categoryId: number | null;
  audience: ArticleAudience;
}

/** What the ranking filters and boosts a case on. */
export interface CaseAttributes {
  status: CaseStatus;
  categoryId: number | null;
  buildingId: number | null;
}

/** A document a lookup found: which lookup (its place in the list asked), the document, and its attributes. */
export interface Listed<A> {
  lookup: number;
  id: number;
  attributes: A;
}

/** Documents' fields as text: id → field → text. */
export type DocumentTexts<F extends string> = Map<number, Partial<Record<F, string>>>;

export interface SearchMatcher {
  /** Every article each lookup matches (at most `cap` per lookup), with its attributes. */
  listArticles(lookups: readonly Lookup[], cap: number): Promise<Listed<ArticleAttributes>[]>;
  /** Every resolved case each lookup matches (at most `cap` per lookup), with its attributes. */
  listCases(lookups: readonly Lookup[], cap: number): Promise<Listed<CaseAttributes>[]>;
  /** The given articles' fields as stored (the ranking checks common words on them itself). */
  articleTexts(ids: readonly number[], fields: readonly ArticleField[]): Promise<DocumentTexts<ArticleField>>;
  /** The given cases' summary and resolution notes. */
  caseTexts(ids: readonly number[]): Promise<DocumentTexts<CaseField>>;
  /** How many articles in scope match any of the phrases (the KB screen's total, when the ranking could not list every match). */
  countArticles(phrases: readonly Phrase[], scope: ArticleScope): Promise<number>;
  /** Whether either index holds the word (with its stem): a word it holds is not a typo. */
  isIndexed(word: string): Promise<boolean>;
  /** Resolved cases in the index. */
  resolvedCaseCount(): Promise<number>;
  /** What changes when an article is written: the last id, the last change in each state (cheap: index probes). */
  articleSignature(): Promise<string>;
}

/** The articles' signature query (the same on both databases). */
export const ARTICLE_SIGNATURE_SQL = `SELECT (SELECT max(id) FROM kb_article) AS m, ${ARTICLE_STATES.map(
  (s) => `(SELECT max(updated_at) FROM kb_article WHERE state = '${s}') AS ${s}`,
).join(', ')}`;

type Row = Record<string, unknown>;

const nullableId = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Listed articles from rows of (k, id, state, category_id, audience). */
export function listedArticles(rows: readonly Row[]): Listed<ArticleAttributes>[] {
  return rows.map((r) => ({
    lookup: Number(r.k),
    id: Number(r.id),
    attributes: { state: r.state as ArticleState, categoryId: nullableId(r.category_id), audience: r.audience as ArticleAudience },
  }));
}

/** Listed cases from rows of (k, id, status, category_id, building_id). */
export function listedCases(rows: readonly Row[]): Listed<CaseAttributes>[] {
  return rows.map((r) => ({
    lookup: Number(r.k),
    id: Number(r.id),
    attributes: { status: r.status as CaseStatus, categoryId: nullableId(r.category_id), buildingId: nullableId(r.building_id) },
  }));
}

/** The given documents' columns, read by id (the same SQL on both databases). */
export async function textsOf<F extends string>(
  query: (sql: string) => Promise<Row[]>,
  table: 'kb_article' | 'help_case',
  ids: readonly number[],
  fields: readonly F[],
): Promise<DocumentTexts<F>> {
  const out: DocumentTexts<F> = new Map();
  if (!ids.length) return out;
  const rows = await query(`SELECT id, ${fields.join(', ')} FROM ${table} WHERE id IN (${ids.map(integer).join(', ')})`);
  for (const row of rows) {
    const texts: Partial<Record<F, string>> = {};
    for (const f of fields) texts[f] = typeof row[f] === 'string' ? (row[f] as string) : '';
    out.set(Number(row.id), texts);
  }
  return out;
}
