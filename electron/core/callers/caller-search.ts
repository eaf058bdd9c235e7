import type { DataSource } from 'typeorm';
import { isPostgres } from '../db/dialect';
import type { CallerQuery } from './search-text';

/** The best matches (up to the limit asked for) and how many callers match in all. */
export interface CallerIdPage {
  ids: number[];
  total: number;
}

/**
 * Finds caller ids for a parsed query, best first, and counts every match so the console can
 * say "first 8 of 84" (counted only when the page is full: a shorter page is every match). The one place where the dialects differ: SQLite answers from an FTS5 index
 * (prefix queries, MATCH first, ordered by rank); PostgreSQL from a trigram index on the same
 * folded text (`LIKE '% word%'` matches the start of a word).
 */
export async function searchCallerIds(db: DataSource, query: CallerQuery, limit: number): Promise<CallerIdPage> {
  if (query.kind === 'empty') return { ids: [], total: 0 };
  // Every term must match; a term is met by any of its spellings (a phone number with or without its country code).
  const terms = query.kind === 'digits' ? [[query.digits, ...query.alternatives]] : query.words.map((w) => [w]);
  return isPostgres(db) ? searchPostgres(db, terms, limit) : searchSqlite(db, terms, limit);
}

async function searchSqlite(db: DataSource, terms: string[][], limit: number): Promise<CallerIdPage> {
  const prefix = (t: string) => `"${t.replace(/"/g, '""')}"*`;
  const match = terms.map((spellings) => `(${spellings.map(prefix).join(' OR ')})`).join(' AND ');
  const rows: { id: number }[] = await db.query(
    `WITH hits AS (SELECT rowid AS id, rank FROM caller_fts WHERE caller_fts MATCH ? ORDER BY rank LIMIT 500)
     SELECT c.id FROM hits JOIN caller c ON c.id = hits.id ORDER BY hits.rank, c.name, c.id LIMIT ?`,
    [match, limit],
  );
  const ids = rows.map((r) => Number(r.id));
  if (ids.length < limit) return { ids, total: ids.length };
  const counted: { n: number }[] = await db.query(`SELECT count(*) AS n FROM caller_fts WHERE caller_fts MATCH ?`, [match]);
  return { ids, total: Number(counted[0]?.n ?? ids.length) };
}

async function searchPostgres(db: DataSource, terms: string[][], limit: number): Promise<CallerIdPage> {
  const escape = (t: string) => t.replace(/[\\%_]/g, (m) => `\\${m}`);
  const params: (string | number)[] = [];
  const conditions = terms
    .map((spellings) => {
      const likes = spellings.map((t) => {
        params.push(`% ${escape(t)}%`);
        return `search_text LIKE $${params.length}`;
      });
      return `(${likes.join(' OR ')})`;
    })
    .join(' AND ');
  const where = params.length;
  const rows: { id: number | string }[] = await db.query(
    `SELECT id FROM caller WHERE ${conditions}
     ORDER BY (lower(name) LIKE $${where + 1}) DESC, name, id LIMIT $${where + 2}`,
    [...params, `${escape(terms[0]?.[0] ?? '')}%`, limit],
  );
  const ids = rows.map((r) => Number(r.id));
  if (ids.length < limit) return { ids, total: ids.length };
  const counted: { n: number | string }[] = await db.query(`SELECT count(*) AS n FROM caller WHERE ${conditions}`, params);
  return { ids, total: Number(counted[0]?.n ?? ids.length) };
}
