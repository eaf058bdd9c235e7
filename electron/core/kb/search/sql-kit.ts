/** SQL pieces both matchers write the same way. */
import { BOOST } from './ranking';
import type { ArticleScope, CaseScope } from './matcher';

/** An id or a count as an SQL literal: refused unless it is a whole number (ids come validated, this is the last guard). */
export function integer(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`Not a whole number: ${n}`);
  return String(n);
}

/** The article filter (states, category, audience) over `a` = kb_article, with parameters from `next()`. */
export function articleFilterSql(scope: ArticleScope, next: () => string): { sql: string; params: unknown[] } {
  if (!scope.states.length) return { sql: '1 = 0', params: [] };
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return next();
  };
  const parts = [`a.state IN (${scope.states.map((s) => bind(s)).join(', ')})`];
  if (scope.categoryId !== undefined) parts.push(`a.category_id = ${integer(scope.categoryId)}`);
  if (scope.audience !== undefined) parts.push(`a.audience = ${bind(scope.audience)}`);
  return { sql: parts.join(' AND '), params };
}

/** The context boost of an article `a` = kb_article: its category like the call's. */
export function articleBoostSql(scope: ArticleScope): string {
  return scope.boostCategoryId ? `(CASE WHEN a.category_id = ${integer(scope.boostCategoryId)} THEN ${BOOST.articleCategory} ELSE 1.0 END)` : '1.0';
}

/** The context boost of a case `c` = help_case: its category and its building like the call's. */
export function caseBoostSql(scope: CaseScope): string {
  const parts: string[] = [];
  if (scope.categoryId) parts.push(`(CASE WHEN c.category_id = ${integer(scope.categoryId)} THEN ${BOOST.caseCategory} ELSE 1.0 END)`);
  if (scope.buildingId) parts.push(`(CASE WHEN c.building_id = ${integer(scope.buildingId)} THEN ${BOOST.caseBuilding} ELSE 1.0 END)`);
  return parts.length ? parts.join(' * ') : '1.0';
}

/** The same boost for a case already read. */
export function caseBoost(scope: CaseScope, row: { categoryId: number | null; buildingId: number | null }): number {
  let boost = 1;
  if (scope.categoryId && row.categoryId === scope.categoryId) boost *= BOOST.caseCategory;
  if (scope.buildingId && row.buildingId === scope.buildingId) boost *= BOOST.caseBuilding;
  return boost;
}
