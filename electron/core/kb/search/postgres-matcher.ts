import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ARTICLE_SIGNATURE_SQL, listedArticles, listedCases, textsOf, type ArticleAttributes, type ArticleScope, type CaseAttributes, type DocumentTexts, type Listed, type SearchMatcher } from './matcher';
import type { Phrase } from './query-plan';
import type { ArticleField, CaseField, Lookup } from './ranking';
import { articleFilterSql } from './sql-kit';

/**
 * A field's vector, spelled as its index in migration 0010 spells it (PostgreSQL matches an index
 * by its expression; a table alias does not matter). `kb_english` is PostgreSQL's english
 * configuration with accents folded.
 */
export function vectorSql(field: ArticleField | CaseField, alias = ''): string {
  const column = `${alias}${field}`;
  return `to_tsvector('kb_english', ${field === 'resolution_notes' ? `coalesce(${column}, '')` : column})`;
}

/**
 * A tsquery matching any of the phrases. Words are letters and digits only (fold.ts), so no
 * operator can slip in. A phrase's words are asked for together (`&`), not in order (`<->`): the
 * GIN index cannot tell word order, so PostgreSQL would compute the vector of every document
 * holding the words to check it (40 ms for 200 solutions). In one field the two are nearly the
 * same; SQLite's index knows positions and matches the phrase exactly.
 */
function anyOf(phrases: readonly Phrase[]): string {
  return phrases.map((p) => (p.length === 1 ? p[0] : `(${p.join(' & ')})`)).join(' | ');
}

/**
 * Positional parameters ($1, $2…) handed out in the order the SQL text uses them. Every value is
 * a parameter, numbers and lists included, so a statement's text is the same for every query and
 * its plan can be kept (see `read`).
 */
class Params {
  readonly values: unknown[] = [];
  bind(value: unknown, type: 'int' | 'text' | 'text[]' | 'int[]'): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
  query(phrases: readonly Phrase[]): string {
    return `to_tsquery('kb_english', ${this.bind(anyOf(phrases), 'text')})`;
  }
}

/** `field @@ query OR …` over the fields' indexed expressions: a BitmapOr of GIN index scans. */
function matchesAny(fields: readonly (ArticleField | CaseField)[], query: string, alias = ''): string {
  return `(${fields.map((f) => `${vectorSql(f, alias)} @@ ${query}`).join(' OR ')})`;
}

/** The field classes lookups come in (fields of equal weight, asked together): see ranking.ts's lookupsOf. */
const ARTICLE_CLASSES: readonly (readonly ArticleField[])[] = [['title'], ['problem', 'systems'], ['solution']];
const CASE_CLASSES: readonly (readonly CaseField[])[] = [['summary'], ['resolution_notes']];
/** The columns a listed row brings for the ranking's filter and boost. */
const ARTICLE_COLUMNS = 'state, category_id, audience';
const CASE_COLUMNS = 'status, category_id, building_id';

/** A pg client as TypeORM's query runner hands it out: named statements keep their plan per connection. */
interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * The PostgreSQL side. There is no stored vector (the entities describe every column): ranking a
 * document with ts_rank would compute its vector again (about 20 µs for a case's summary, 150 µs
 * for an article), which for a common word's thousands of documents blows any keystroke's budget.
 * So a document's score is built from the indexes alone (does this field hold the word?), and no
 * vector is ever computed for ranking.
 */
export class PostgresMatcher implements SearchMatcher {
  constructor(private readonly db: DataSource) {}

  async listArticles(lookups: readonly Lookup[], cap: number): Promise<Listed<ArticleAttributes>[]> {
    if (!lookups.length) return [];
    const params = new Params();
    return listedArticles(await this.read(this.hits('kb_article', '', ARTICLE_COLUMNS, ARTICLE_CLASSES, lookups, params, cap), params.values));
  }

  async listCases(lookups: readonly Lookup[], cap: number): Promise<Listed<CaseAttributes>[]> {
    if (!lookups.length) return [];
    const params = new Params();
    // resolved_at IS NOT NULL in each lookup: the case indexes are partial (resolved cases only).
    return listedCases(await this.read(this.hits('help_case', 'resolved_at IS NOT NULL AND ', CASE_COLUMNS, CASE_CLASSES, lookups, params, cap), params.values));
  }

  articleTexts(ids: readonly number[], fields: readonly ArticleField[]): Promise<DocumentTexts<ArticleField>> {
    return textsOf((sql) => this.db.query(sql), 'kb_article', ids, fields);
  }

  caseTexts(ids: readonly number[]): Promise<DocumentTexts<CaseField>> {
    return textsOf((sql) => this.db.query(sql), 'help_case', ids, ['summary', 'resolution_notes']);
  }

  async countArticles(phrases: readonly Phrase[], scope: ArticleScope): Promise<number> {
    if (!phrases.length) return 0;
    const params = new Params();
    const match = matchesAny(['title', 'problem', 'systems', 'solution'], params.query(phrases), 'a.');
    const rows = await this.read(`SELECT count(*) AS n FROM kb_article a WHERE ${match} AND ${articleFilterSql(scope)}`, params.values);
    return Number(rows[0]?.n ?? 0);
  }

  async isIndexed(word: string): Promise<boolean> {
    const params = new Params();
    const q = params.query([[word]]);
    const rows = await this.read(
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

  async articleSignature(): Promise<string> {
    // Asked before every search: a named statement, planned once per connection, one round trip.
    const runner = this.db.createQueryRunner();
    try {
      const client = (await runner.connect()) as PgClient;
      const result = await client.query({ name: 'kb_article_signature', text: ARTICLE_SIGNATURE_SQL, values: [] });
      return JSON.stringify(result.rows[0] ?? {});
    } finally {
      await runner.release();
    }
  }

  /**
   * Each lookup's documents (at most `cap`) as rows of (k = the lookup's place, id, the ranking's
   * columns). The lookups travel as arrays, one row each, and each field class's index is asked
   * once per row (a lateral join): the statement's text is the same whatever the query, so its
   * plan is made once (see `read`). The columns come with each row the lookup visits anyway.
   */
  private hits(
    table: string,
    where: string,
    columns: string,
    classes: readonly (readonly (ArticleField | CaseField)[])[],
    lookups: readonly Lookup[],
    params: Params,
    cap: number,
  ): string {
    const classOf = (l: Lookup) => classes.findIndex((c) => c.length === l.fields.length && c.every((f) => l.fields.includes(f)));
    for (const l of lookups) if (classOf(l) < 0) throw new Error(`No index class for ${l.fields.join(', ')}`);
    const list = `unnest(${params.bind(lookups.map(classOf), 'int[]')}, ${params.bind(lookups.map((l) => anyOf(l.phrases)), 'text[]')}) WITH ORDINALITY AS l(fc, q, n)`;
    const limit = params.bind(cap, 'int');
    return classes
      .map(
        (fields, fc) => `SELECT l.n - 1 AS k, x.* FROM ${list}
          CROSS JOIN LATERAL (SELECT id, ${columns} FROM ${table} WHERE ${where}${matchesAny(fields, `to_tsquery('kb_english', l.q)`)} LIMIT ${limit}) x
          WHERE l.fc = ${fc}`,
      )
      .join(' UNION ALL ');
  }

  /**
   * Runs a search statement as a named prepared statement, with its plan kept (generic plans),
   * sequential scans ruled out, and neither JIT nor parallel workers.
   *
   * - The planner prices to_tsvector far below its real cost (tens to hundreds of µs a row), so on
   *   a small or freshly loaded table it scans every row and computes every vector instead of
   *   asking the GIN index: 100 ms for 60 articles.
   * - Planning a search's lookups took about 5 ms, more than running them; every value is a
   *   parameter, so each connection plans each of the few statements once.
   * - With seq scans priced out, the estimated cost crosses JIT's threshold; parallel workers take
   *   longer to start than these statements take to run.
   *
   * The settings hold for this transaction only (SET LOCAL): set per connection, they would leak
   * into every other statement the pool runs on it.
   */
  private async read(sql: string, values: unknown[]): Promise<Record<string, unknown>[]> {
    const runner = this.db.createQueryRunner();
    let open = false;
    try {
      const client = (await runner.connect()) as PgClient;
      // One round trip: the simple protocol takes the statements at once.
      await runner.query(
        'BEGIN; SET LOCAL enable_seqscan = off; SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL plan_cache_mode = force_generic_plan',
      );
      open = true;
      const name = `kb_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      const result = await client.query({ name, text: sql, values });
      await runner.query('COMMIT');
      open = false;
      return result.rows;
    } finally {
      if (open) await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }
}
