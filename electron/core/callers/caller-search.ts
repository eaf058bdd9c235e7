import type { DataSource } from 'typeorm';
import { isPostgres } from '../db/dialect';
import type { CallerQuery } from './search-text';

/**
 * Finds caller ids for a parsed query, best first. The one place where the dialects differ:
 * SQLite answers from an FTS5 index (prefix queries, MATCH first, ordered by rank); PostgreSQL
 * from a trigram index on the same folded text (`LIKE '% word%'` matches the start of a word).
 */
export async function searchCallerIds(db: DataSource, query: CallerQuery, limit: number): Promise<number[]> {
  if (query.kind === 'empty') return [];
  const terms = query.kind === 'digits' ? [query.digits] : query.words;
  const rows: { id: number | string }[] = isPostgres(db) ? await searchPostgres(db, terms, limit) : await searchSqlite(db, terms, limit);
  return rows.map((r) => Number(r.id));
}

function searchSqlite(db: DataSource, terms: string[], limit: number) {
  const match = terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' AND ');
  return db.query(
    `WITH hits AS (SELECT rowid AS id, rank FROM caller_fts WHERE caller_fts MATCH ? ORDER BY rank LIMIT 500)
     SELECT c.id FROM hits JOIN caller c ON c.id = hits.id ORDER BY hits.rank, c.name, c.id LIMIT ?`,
    [match, limit],
  );
}

function searchPostgres(db: DataSource, terms: string[], limit: number) {
  const escape = (t: string) => t.replace(/[\\%_]/g, (m) => `\\${m}`);
  const conditions = terms.map((_, i) => `search_text LIKE $${i + 1}`).join(' AND ');
  const params: (string | number)[] = terms.map((t) => `% ${escape(t)}%`);
  params.push(`${escape(terms[0] ?? '')}%`, limit);
  return db.query(
    `SELECT id FROM caller WHERE ${conditions}
     ORDER BY (lower(name) LIKE $${terms.length + 1}) DESC, name, id LIMIT $${terms.length + 2}`,
    params,
  );
}
