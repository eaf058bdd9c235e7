import type { DataSource } from 'typeorm';
import { ARTICLE_SIGNATURE_SQL, listedArticles, listedCases, textsOf, type ArticleAttributes, type ArticleScope, type CaseAttributes, type DocumentTexts, type Listed, type SearchMatcher } from './matcher';
import type { Phrase } from './query-plan';
import type { ArticleField, CaseField, Lookup } from './ranking';
import { articleFilterSql, integer } from './sql-kit';

/** An FTS5 query that matches any of the phrases. Words are letters and digits only (fold.ts): quoting is enough. */
function anyOf(phrases: readonly Phrase[]): string {
  return phrases.map((p) => `"${p.join(' ')}"`).join(' OR ');
}

/** The same, within some columns: `{title} : ("printer" OR "copier")`. */
function inColumns(columns: readonly string[], phrases: readonly Phrase[]): string {
  return `{${columns.join(' ')}} : (${anyOf(phrases)})`;
}

/**
 * The FTS5 side: each lookup is a `MATCH` (run first, as FTS5 wants it), capped, and the rows it
 * finds drive the join to their table (CROSS JOIN fixes that order: SQLite's planner would
 * otherwise read 200,000 cases by status and look each one up in the hits).
 */
export class SqliteMatcher implements SearchMatcher {
  constructor(private readonly db: DataSource) {}

  async listArticles(lookups: readonly Lookup[], cap: number): Promise<Listed<ArticleAttributes>[]> {
    if (!lookups.length) return [];
    const rows = await this.db.query(
      `SELECT f.k AS k, f.id AS id, a.state AS state, a.category_id AS category_id, a.audience AS audience
       FROM (${this.hits('kb_article_fts', lookups, cap)}) f CROSS JOIN kb_article a WHERE a.id = f.id`,
      lookups.map((l) => inColumns(l.fields, l.phrases)),
    );
    return listedArticles(rows);
  }

  async listCases(lookups: readonly Lookup[], cap: number): Promise<Listed<CaseAttributes>[]> {
    if (!lookups.length) return [];
    const rows = await this.db.query(
      `SELECT f.k AS k, f.id AS id, c.status AS status, c.category_id AS category_id, c.building_id AS building_id
       FROM (${this.hits('case_fts', lookups, cap)}) f CROSS JOIN help_case c WHERE c.id = f.id`,
      lookups.map((l) => inColumns(l.fields, l.phrases)),
    );
    return listedCases(rows);
  }

  articleTexts(ids: readonly number[], fields: readonly ArticleField[]): Promise<DocumentTexts<ArticleField>> {
    return textsOf((sql) => this.db.query(sql), 'kb_article', ids, fields);
  }

  caseTexts(ids: readonly number[]): Promise<DocumentTexts<CaseField>> {
    return textsOf((sql) => this.db.query(sql), 'help_case', ids, ['summary', 'resolution_notes']);
  }

  async countArticles(phrases: readonly Phrase[], scope: ArticleScope): Promise<number> {
    if (!phrases.length) return 0;
    const rows: { n: number }[] = await this.db.query(
      `SELECT count(*) AS n FROM kb_article a WHERE a.id IN (SELECT rowid FROM kb_article_fts WHERE kb_article_fts MATCH ?) AND ${articleFilterSql(scope)}`,
      [anyOf(phrases)],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async isIndexed(word: string): Promise<boolean> {
    const match = anyOf([[word]]);
    const rows: { found: number }[] = await this.db.query(
      `SELECT (EXISTS (SELECT 1 FROM kb_article_fts WHERE kb_article_fts MATCH ?) OR EXISTS (SELECT 1 FROM case_fts WHERE case_fts MATCH ?)) AS found`,
      [match, match],
    );
    return Number(rows[0]?.found ?? 0) === 1;
  }

  async resolvedCaseCount(): Promise<number> {
    const rows: { n: number }[] = await this.db.query(`SELECT count(*) AS n FROM help_case WHERE resolved_at IS NOT NULL`);
    return Number(rows[0]?.n ?? 0);
  }

  async articleSignature(): Promise<string> {
    return JSON.stringify((await this.db.query(ARTICLE_SIGNATURE_SQL))[0] ?? {});
  }

  /** Each lookup's rowids (at most `cap`), tagged with the lookup's place in the list. */
  private hits(table: string, lookups: readonly Lookup[], cap: number): string {
    return lookups.map((_, k) => `SELECT * FROM (SELECT ${k} AS k, rowid AS id FROM ${table} WHERE ${table} MATCH ? LIMIT ${integer(cap)})`).join(' UNION ALL ');
  }
}
