import type { DataSource } from 'typeorm';
import { candidatesFrom, recordProbe, type ArticleScope, type Candidate, type CaseScope, type ProbeResult, type SearchMatcher } from './matcher';
import type { Phrase } from './query-plan';
import { finalScoreSql, groupWeight, GROUP_WEIGHT_SQL, literal, lookupsOf, type ArticleField, type CaseField, type Lookup, type WeightedGroup } from './ranking';
import { articleBoostSql, articleFilterSql, caseBoost, caseBoostSql, integer } from './sql-kit';

/**
 * A field's vector, spelled as its index in migration 0010 spells it (PostgreSQL matches an index
 * by its expression; a table alias does not matter). `kb_english` is PostgreSQL's english
 * configuration with accents folded.
 */
function vector(field: ArticleField | CaseField, alias = ''): string {
  const column = `${alias}${field}`;
  return `to_tsvector('kb_english', ${field === 'resolution_notes' ? `coalesce(${column}, '')` : column})`;
}

/** A tsquery matching any of the phrases. Words are letters and digits only (fold.ts), so no operator can slip in. */
function anyOf(phrases: readonly Phrase[]): string {
  return phrases.map((p) => (p.length === 1 ? p[0] : `(${p.join(' <-> ')})`)).join(' | ');
}

/** Positional parameters ($1, $2…) handed out in the order the SQL text uses them. */
class Params {
  readonly values: unknown[] = [];
  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  query(phrases: readonly Phrase[]): string {
    return `to_tsquery('kb_english', ${this.bind(anyOf(phrases))})`;
  }
}

/** `field @@ query OR …` over the fields' indexed expressions: a BitmapOr of GIN index scans. */
function matchesAny(fields: readonly (ArticleField | CaseField)[], query: string, alias = ''): string {
  return `(${fields.map((f) => `${vector(f, alias)} @@ ${query}`).join(' OR ')})`;
}

/** A candidate as the pool queries return it. */
type PoolRow = { id: number | string; boost: number | string; groups: string | null };

/**
 * The PostgreSQL side. There is no stored vector (the entities describe every column): ranking a
 * document with ts_rank would compute its vector again (about 20 µs for a case's summary, 150 µs
 * for an article), which for a common word's thousands of documents blows any keystroke's budget.
 * So a document's score is built from the indexes alone (does this field hold the word?), and
 * vectors are computed only for the few documents the ranking keeps (probes, the recent window).
 */
export class PostgresMatcher implements SearchMatcher {
  constructor(private readonly db: DataSource) {}

  async articles(groups: readonly WeightedGroup[], scope: ArticleScope, totalIdf: number, limit: number, fields: readonly ArticleField[]): Promise<Candidate[]> {
    const branches = lookupsOf('articles', groups, fields);
    if (!branches.length) return [];
    const params = new Params();
    const hits = branches.map((b) => `SELECT id, ${b.g} AS g, ${literal(b.w)}::float8 AS w, ${literal(b.idf)}::float8 AS idf FROM kb_article WHERE ${matchesAny(b.fields, params.query(b.phrases))}`);
    const filter = articleFilterSql(scope, () => `$${params.values.length + 1}`);
    for (const v of filter.params) params.values.push(v);
    const boost = articleBoostSql(scope);
    const rows = await this.read<PoolRow[]>(
      `WITH hits(id, g, w, idf) AS (${hits.join(' UNION ALL ')}),
       per_group AS (SELECT id, g, ${GROUP_WEIGHT_SQL} AS w, max(idf) AS idf FROM hits GROUP BY id, g)
       SELECT a.id AS id, ${boost} AS boost, string_agg(p.g || ':' || p.w, ',') AS groups
       FROM per_group p JOIN kb_article a ON a.id = p.id
       WHERE ${filter.sql}
       GROUP BY a.id
       ORDER BY ${finalScoreSql('sum(p.w)', 'sum(p.idf)', totalIdf, boost)} DESC, a.id DESC
       LIMIT ${integer(limit)}`,
      params.values,
    );
    return candidatesFrom(rows);
  }

  async cases(groups: readonly WeightedGroup[], scope: CaseScope, totalIdf: number, limit: number): Promise<Candidate[]> {
    const branches = lookupsOf('cases', groups, ['summary', 'resolution_notes']);
    if (!branches.length) return [];
    const params = new Params();
    // resolved_at IS NOT NULL in each branch: the case indexes are partial (resolved cases only).
    const hits = branches.map(
      (b) => `SELECT id, ${b.g} AS g, ${literal(b.w)}::float8 AS w, ${literal(b.idf)}::float8 AS idf FROM help_case WHERE resolved_at IS NOT NULL AND ${matchesAny(b.fields, params.query(b.phrases))}`,
    );
    const boost = caseBoostSql(scope);
    const rows = await this.read<PoolRow[]>(
      `WITH hits(id, g, w, idf) AS (${hits.join(' UNION ALL ')}),
       per_group AS (SELECT id, g, ${GROUP_WEIGHT_SQL} AS w, max(idf) AS idf FROM hits GROUP BY id, g)
       SELECT c.id AS id, ${boost} AS boost, string_agg(p.g || ':' || p.w, ',') AS groups
       FROM per_group p JOIN help_case c ON c.id = p.id
       WHERE c.status IN ('resolved', 'closed')
       GROUP BY c.id
       ORDER BY ${finalScoreSql('sum(p.w)', 'sum(p.idf)', totalIdf, boost)} DESC, c.id DESC
       LIMIT ${integer(limit)}`,
      params.values,
    );
    return candidatesFrom(rows);
  }

  async recentCases(groups: readonly WeightedGroup[], window: number, scope: CaseScope): Promise<Candidate[]> {
    const branches = lookupsOf('cases', groups, ['summary']);
    if (!branches.length) return [];
    const params = new Params();
    const columns = branches.map((b, i) => `(v.summary @@ ${params.query(b.phrases)}) AS m${i}`);
    const any = params.query(groups.flatMap((g) => [...g.exact, ...g.related]));
    // The window's summaries are turned into vectors here, once each (OFFSET 0 keeps PostgreSQL from inlining the vector into every use).
    const rows: Record<string, unknown>[] = await this.read(
      `WITH recent AS MATERIALIZED (SELECT id FROM help_case WHERE resolved_at IS NOT NULL ORDER BY id DESC LIMIT ${integer(window)})
       SELECT c.id AS id, c.category_id AS "categoryId", c.building_id AS "buildingId", ${columns.join(', ')}
       FROM recent JOIN help_case c ON c.id = recent.id
       CROSS JOIN LATERAL (SELECT ${vector('summary', 'c.')} AS summary OFFSET 0) v
       WHERE c.status IN ('resolved', 'closed') AND v.summary @@ ${any}`,
      params.values,
    );
    return rows.map((row) => {
      const found: ProbeResult = new Map();
      branches.forEach((b, i) => {
        if (row[`m${i}`] === true) recordProbe(found, 0, b.g, b.w);
      });
      const groupsOf = new Map([...(found.get(0) ?? new Map<number, number[]>())].map(([g, ws]) => [g, groupWeight(ws)]));
      const categoryId = row.categoryId === null ? null : Number(row.categoryId);
      const buildingId = row.buildingId === null ? null : Number(row.buildingId);
      return { id: Number(row.id), groups: groupsOf, boost: caseBoost(scope, { categoryId, buildingId }) };
    });
  }

  async probeArticles(ids: readonly number[], groups: readonly WeightedGroup[], fields: readonly ArticleField[]): Promise<ProbeResult> {
    return this.probe('kb_article', ids, lookupsOf('articles', groups, fields), fields);
  }

  async probeCases(ids: readonly number[], groups: readonly WeightedGroup[]): Promise<ProbeResult> {
    return this.probe('help_case', ids, lookupsOf('cases', groups, ['summary', 'resolution_notes']), ['summary', 'resolution_notes']);
  }

  async countArticles(groups: readonly WeightedGroup[], scope: ArticleScope): Promise<number> {
    const phrases = groups.flatMap((g) => [...g.exact, ...g.related]);
    if (!phrases.length) return 0;
    const params = new Params();
    const match = matchesAny(['title', 'problem', 'systems', 'solution'], params.query(phrases), 'a.');
    const filter = articleFilterSql(scope, () => `$${params.values.length + 1}`);
    for (const v of filter.params) params.values.push(v);
    const rows: { n: string }[] = await this.read(`SELECT count(*) AS n FROM kb_article a WHERE ${match} AND ${filter.sql}`, params.values);
    return Number(rows[0]?.n ?? 0);
  }

  async isIndexed(word: string): Promise<boolean> {
    const params = new Params();
    const q = params.query([[word]]);
    const rows: { found: boolean }[] = await this.read(
      `SELECT EXISTS (SELECT 1 FROM kb_article WHERE ${matchesAny(['title', 'problem', 'systems', 'solution'], q)})
           OR EXISTS (SELECT 1 FROM help_case WHERE resolved_at IS NOT NULL AND ${matchesAny(['summary', 'resolution_notes'], q)}) AS found`,
      params.values,
    );
    return rows[0]?.found === true;
  }

  async resolvedCaseCount(): Promise<number> {
    const rows: { n: string }[] = await this.db.query(`SELECT count(*) AS n FROM help_case WHERE resolved_at IS NOT NULL`);
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Runs a search statement with sequential scans ruled out. The planner prices to_tsvector far
   * below its real cost (tens to hundreds of µs a row), so on a small or freshly loaded table it
   * scans every row and computes every vector instead of asking the GIN index: 100 ms for 60
   * articles. JIT is off too: with seq scans priced out, the estimated cost crosses JIT's
   * threshold and compiling would cost more than the query.
   */
  private async read<T>(sql: string, params: unknown[]): Promise<T> {
    const runner = this.db.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off');
      await runner.query('SET LOCAL jit = off');
      const rows = (await runner.query(sql, params)) as T;
      await runner.commitTransaction();
      return rows;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Vectors for the given documents only, once each, tested against every branch's query. */
  private async probe(table: 'kb_article' | 'help_case', ids: readonly number[], branches: readonly Lookup[], fields: readonly (ArticleField | CaseField)[]): Promise<ProbeResult> {
    const result: ProbeResult = new Map();
    if (!ids.length || !branches.length) return result;
    const params = new Params();
    const idList = params.bind(ids.map(integer).map(Number));
    const vectors = fields.map((f) => `${vector(f, 'd.')} AS ${f}`);
    const columns = branches.map((b, i) => {
      const q = params.query(b.phrases);
      return `(${b.fields.map((f) => `v.${f} @@ ${q}`).join(' OR ')}) AS m${i}`;
    });
    const rows: Record<string, unknown>[] = await this.read(
      `SELECT d.id AS id, ${columns.join(', ')} FROM ${table} d
       CROSS JOIN LATERAL (SELECT ${vectors.join(', ')} OFFSET 0) v
       WHERE d.id = ANY(${idList}::int[])`,
      params.values,
    );
    for (const row of rows) {
      branches.forEach((b, i) => {
        if (row[`m${i}`] === true) recordProbe(result, Number(row.id), b.g, b.w);
      });
    }
    return result;
  }
}
