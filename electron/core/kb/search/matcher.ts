/**
 * What the ranking asks of a database's full-text index. Two implementations answer it the same
 * way: sqlite-matcher.ts (FTS5) and postgres-matcher.ts (GIN expression indexes).
 */
import type { ArticleAudience, ArticleState } from '../../../../shared/knowledge';
import type { ArticleField, WeightedGroup } from './ranking';

export interface ArticleScope {
  states: readonly ArticleState[];
  categoryId?: number;
  audience?: ArticleAudience;
  /** Articles of this category rank higher (a boost, not a filter). */
  boostCategoryId?: number | null;
}

export interface CaseScope {
  /** Cases of the same category and building rank higher (boosts, not filters). */
  categoryId?: number | null;
  buildingId?: number | null;
}

/** A document the index found, with what it matched. */
export interface Candidate {
  id: number;
  /** The weight it earned per group (its idf included), by group number. */
  groups: Map<number, number>;
  /** The context boost (1 without one). */
  boost: number;
}

/** Group weights found by probing known documents: document id → group → weights of each field (and kind) matched. */
export type ProbeResult = Map<number, Map<number, number[]>>;

export interface SearchMatcher {
  /**
   * Articles matching any of the groups in any of the fields, in scope, the best `limit` by
   * finalScore (its coverage measured against `totalIdf`, the whole query's).
   */
  articles(groups: readonly WeightedGroup[], scope: ArticleScope, totalIdf: number, limit: number, fields: readonly ArticleField[]): Promise<Candidate[]>;
  /** Resolved cases matching any of the groups in summary or resolution notes, the best `limit`. */
  cases(groups: readonly WeightedGroup[], scope: CaseScope, totalIdf: number, limit: number): Promise<Candidate[]>;
  /** Which of these articles match which groups, in the given fields. */
  probeArticles(ids: readonly number[], groups: readonly WeightedGroup[], fields: readonly ArticleField[]): Promise<ProbeResult>;
  /** Which of these resolved cases match which groups, in summary and resolution notes. */
  probeCases(ids: readonly number[], groups: readonly WeightedGroup[]): Promise<ProbeResult>;
  /** Of the `window` most recently resolved cases, those whose summary matches any group. */
  recentCases(groups: readonly WeightedGroup[], window: number, scope: CaseScope): Promise<Candidate[]>;
  /** How many articles in scope match any group. */
  countArticles(groups: readonly WeightedGroup[], scope: ArticleScope): Promise<number>;
  /** Whether either index holds the word (with its stem): a word it holds is not a typo. */
  isIndexed(word: string): Promise<boolean>;
  /** Resolved cases in the index. */
  resolvedCaseCount(): Promise<number>;
}

/** Candidates from SQL rows of (id, boost, groups as "g:w,g:w"). */
export function candidatesFrom(rows: readonly { id: number | string; boost: number | string; groups: string | null }[]): Candidate[] {
  return rows.map((r) => {
    const groups = new Map<number, number>();
    for (const part of (r.groups ?? '').split(',')) {
      if (!part) continue;
      const [g, w] = part.split(':');
      groups.set(Number(g), Number(w));
    }
    return { id: Number(r.id), groups, boost: Number(r.boost) };
  });
}

/** Adds a probe's finding to a probe result. */
export function recordProbe(result: ProbeResult, id: number, g: number, weight: number): void {
  const byGroup = result.get(id) ?? new Map<number, number[]>();
  const weights = byGroup.get(g) ?? [];
  weights.push(weight);
  byGroup.set(g, weights);
  result.set(id, byGroup);
}
