import type { DataSource } from 'typeorm';
import { candidatesFrom, recordProbe, type ArticleScope, type Candidate, type CaseScope, type ProbeResult, type SearchMatcher } from './matcher';
import type { Phrase } from './query-plan';
import { finalScoreSql, GROUP_WEIGHT_SQL, literal, lookupsOf, type ArticleField, type CaseField, type IndexName, type Lookup, type WeightedGroup } from './ranking';
import { articleBoostSql, articleFilterSql, caseBoostSql, integer } from './sql-kit';

const TABLE: Record<IndexName, string> = { articles: 'kb_article_fts', cases: 'case_fts' };

/** An FTS5 query that matches any of the phrases. Words are letters and digits only (fold.ts): quoting is enough. */
function anyOf(phrases: readonly Phrase[]): string {
  return phrases.map((p) => `"${p.join(' ')}"`).join(' OR ');
}

/** The same, within some columns: `{title} : ("printer" OR "copier")`. */
function inColumns(columns: readonly string[], phrases: readonly Phrase[]): string {
  return `{${columns.join(' ')}} : (${anyOf(phrases)})`;
}

/** A lookup with its FTS5 query. */
interface Branch extends Lookup {
  match: string;
}

function branchesOf(index: IndexName, groups: readonly WeightedGroup[], fields: readonly (ArticleField | CaseField)[]): Branch[] {
  return lookupsOf(index, groups, fields).map((l) => ({ ...l, match: inColumns(l.fields, l.phrases) }));
}

/**
 * The FTS5 side: each branch is a `MATCH` (run first, as FTS5 wants it), the hits are gathered
 * per document and group in SQL and only the best few come back. Nothing here lists a common
 * word's every document: the ranking (knowledge-search's ranker) asks only for groups within its
 * budget and probes the rest on the few documents it kept.
 */
export class SqliteMatcher implements SearchMatcher {
  constructor(private readonly db: DataSource) {}

  async articles(groups: readonly WeightedGroup[], scope: ArticleScope, totalIdf: number, limit: number, fields: readonly ArticleField[]): Promise<Candidate[]> {
    const branches = branchesOf('articles', groups, fields);
    if (!branches.length) return [];
    const filter = articleFilterSql(scope, () => '?');
    const boost = articleBoostSql(scope);
    const rows = await this.db.query(
      `WITH ${this.hits('articles', branches)}
       SELECT a.id AS id, ${boost} AS boost, group_concat(p.g || ':' || p.w) AS groups
       FROM per_group p JOIN kb_article a ON a.id = p.id
       WHERE ${filter.sql}
       GROUP BY a.id
       ORDER BY ${finalScoreSql('sum(p.w)', 'sum(p.idf)', totalIdf, boost)} DESC, a.id DESC
       LIMIT ${integer(limit)}`,
      [...branches.map((b) => b.match), ...filter.params],
    );
    return candidatesFrom(rows);
  }

  async cases(groups: readonly WeightedGroup[], scope: CaseScope, totalIdf: number, limit: number): Promise<Candidate[]> {
    const branches = branchesOf('cases', groups, ['summary', 'resolution_notes']);
    if (!branches.length) return [];
    return this.caseCandidates(branches, scope, totalIdf, limit, '');
  }

  async recentCases(groups: readonly WeightedGroup[], window: number, scope: CaseScope): Promise<Candidate[]> {
    const branches = branchesOf('cases', groups, ['summary']);
    if (!branches.length) return [];
    const totalIdf = groups.reduce((s, g) => s + g.idf, 0);
    // FTS5 seeks to a rowid bound: only the window's part of each word's list is read.
    const from = `(SELECT min(id) FROM (SELECT id FROM help_case WHERE resolved_at IS NOT NULL ORDER BY id DESC LIMIT ${integer(window)}))`;
    return this.caseCandidates(branches, scope, totalIdf, window, ` AND rowid >= ${from}`);
  }

  async probeArticles(ids: readonly number[], groups: readonly WeightedGroup[], fields: readonly ArticleField[]): Promise<ProbeResult> {
    return this.probe('articles', ids, branchesOf('articles', groups, fields));
  }

  async probeCases(ids: readonly number[], groups: readonly WeightedGroup[]): Promise<ProbeResult> {
    return this.probe('cases', ids, branchesOf('cases', groups, ['summary', 'resolution_notes']));
  }

  async countArticles(groups: readonly WeightedGroup[], scope: ArticleScope): Promise<number> {
    const phrases = groups.flatMap((g) => [...g.exact, ...g.related]);
    if (!phrases.length) return 0;
    const filter = articleFilterSql(scope, () => '?');
    const rows: { n: number }[] = await this.db.query(
      `SELECT count(*) AS n FROM kb_article a WHERE a.id IN (SELECT rowid FROM kb_article_fts WHERE kb_article_fts MATCH ?) AND ${filter.sql}`,
      [anyOf(phrases), ...filter.params],
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

  /** The CTEs `hits` (document, group, weight, idf per branch) and `per_group` (one weight per document and group). */
  private hits(index: IndexName, branches: readonly Branch[], where = ''): string {
    const table = TABLE[index];
    const selects = branches.map((b) => `SELECT rowid AS id, ${b.g} AS g, ${literal(b.w)} AS w, ${literal(b.idf)} AS idf FROM ${table} WHERE ${table} MATCH ?${where}`);
    return `hits(id, g, w, idf) AS (${selects.join(' UNION ALL ')}),
      per_group AS (SELECT id, g, ${GROUP_WEIGHT_SQL} AS w, max(idf) AS idf FROM hits GROUP BY id, g)`;
  }

  private async caseCandidates(branches: readonly Branch[], scope: CaseScope, totalIdf: number, limit: number, where: string): Promise<Candidate[]> {
    const boost = caseBoostSql(scope);
    const rows = await this.db.query(
      `WITH ${this.hits('cases', branches, where)}
       SELECT c.id AS id, ${boost} AS boost, group_concat(p.g || ':' || p.w) AS groups
       FROM per_group p JOIN help_case c ON c.id = p.id
       WHERE c.resolved_at IS NOT NULL AND c.status IN ('resolved', 'closed')
       GROUP BY c.id
       ORDER BY ${finalScoreSql('sum(p.w)', 'sum(p.idf)', totalIdf, boost)} DESC, c.id DESC
       LIMIT ${integer(limit)}`,
      branches.map((b) => b.match),
    );
    return candidatesFrom(rows);
  }

  /** One `MATCH` per branch, limited to the given documents (FTS5 looks each rowid up in the word's list). */
  private async probe(index: IndexName, ids: readonly number[], branches: readonly Branch[]): Promise<ProbeResult> {
    const result: ProbeResult = new Map();
    if (!ids.length || !branches.length) return result;
    const table = TABLE[index];
    const pool = ids.map((id) => `(${integer(id)})`).join(', ');
    const selects = branches.map((b, i) => `SELECT pool.id AS id, ${i} AS b FROM pool JOIN ${table} ON ${table}.rowid = pool.id WHERE ${table} MATCH ?`);
    const rows: { id: number; b: number }[] = await this.db.query(`WITH pool(id) AS (VALUES ${pool}) ${selects.join(' UNION ALL ')}`, branches.map((b) => b.match));
    for (const row of rows) {
      const branch = branches[Number(row.b)] as Branch;
      recordProbe(result, Number(row.id), branch.g, branch.w);
    }
    return result;
  }
}
