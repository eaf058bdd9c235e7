/** SQL pieces both matchers write the same way. */
import { ARTICLE_AUDIENCES, ARTICLE_STATES } from '../../../../shared/knowledge';
import type { ArticleScope } from './matcher';

/** An id or a count as an SQL literal: refused unless it is a whole number (ids come validated, this is the last guard). */
export function integer(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`Not a whole number: ${n}`);
  return String(n);
}

/**
 * The article filter (states, category, audience) over `a` = kb_article, as literal SQL: the
 * values are checked against the contract's own lists first.
 */
export function articleFilterSql(scope: ArticleScope): string {
  if (scope.states.some((s) => !(ARTICLE_STATES as readonly string[]).includes(s))) throw new Error(`Unknown article state in ${scope.states.join(', ')}`);
  if (!scope.states.length) return '1 = 0';
  const parts = [`a.state IN (${scope.states.map((s) => `'${s}'`).join(', ')})`];
  if (scope.categoryId !== undefined) parts.push(`a.category_id = ${integer(scope.categoryId)}`);
  if (scope.audience !== undefined) {
    if (!(ARTICLE_AUDIENCES as readonly string[]).includes(scope.audience)) throw new Error(`Unknown audience ${scope.audience}`);
    parts.push(`a.audience = '${scope.audience}'`);
  }
  return parts.join(' AND ');
}
