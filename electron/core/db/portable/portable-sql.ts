/** The few SQL texts an export and an import need, in either dialect. */
import type { DataSource } from 'typeorm';
import { isPostgres } from '../dialect';
import type { PortableTable } from './portable-tables';

export interface Statement {
  sql: string;
  params: unknown[];
}

/** Placeholder n (1-based) of a statement. */
export function placeholder(db: DataSource, n: number): string {
  return isPostgres(db) ? `$${n}` : '?';
}

const quoted = (db: DataSource, names: readonly string[]) => names.map((n) => db.driver.escape(n)).join(', ');

/**
 * The page of a table after the row whose key is `after` (null: the first page), in key order.
 * Reading by key rather than by offset keeps each page as quick as the first on a large table.
 */
export function pageQuery(db: DataSource, table: PortableTable, after: readonly unknown[] | null, size: number): Statement {
  const key = table.key.map((k) => db.driver.escape(k));
  const select = `SELECT ${quoted(db, table.columns.map((c) => c.name))} FROM ${db.driver.escape(table.name)}`;
  const order = `ORDER BY ${key.join(', ')} LIMIT ${placeholder(db, (after?.length ?? 0) + 1)}`;
  if (after === null) return { sql: `${select} ${order}`, params: [size] };
  const marks = after.map((_, i) => placeholder(db, i + 1));
  // A row value comparison ((a, b) > (?, ?)) for a key of several columns; both dialects have it.
  const where = key.length === 1 ? `${key[0]} > ${marks[0]}` : `(${key.join(', ')}) > (${marks.join(', ')})`;
  return { sql: `${select} WHERE ${where} ${order}`, params: [...after, size] };
}

/** One INSERT of several rows (each a list of values in the table's column order). */
export function insertRows(db: DataSource, table: PortableTable, rows: readonly unknown[][]): Statement {
  const width = table.columns.length;
  const values = rows.map((_, r) => `(${table.columns.map((_c, c) => placeholder(db, r * width + c + 1)).join(', ')})`);
  return {
    sql: `INSERT INTO ${db.driver.escape(table.name)} (${quoted(db, table.columns.map((c) => c.name))}) VALUES ${values.join(', ')}`,
    params: rows.flat(),
  };
}

/** Sets one column of one row, found by its one-column key. */
export function updateColumn(db: DataSource, table: PortableTable, column: string, value: unknown, key: unknown): Statement {
  return {
    sql: `UPDATE ${db.driver.escape(table.name)} SET ${db.driver.escape(column)} = ${placeholder(db, 1)} WHERE ${db.driver.escape(table.key[0] ?? 'id')} = ${placeholder(db, 2)}`,
    params: [value, key],
  };
}

/** Whether the table has any row (cheaper than counting a large one). */
export function anyRow(db: DataSource, table: PortableTable): string {
  return `SELECT 1 AS found FROM ${db.driver.escape(table.name)} LIMIT 1`;
}

/**
 * PostgreSQL: moves the table's id sequence past its highest id, so the next row the console adds
 * does not take an imported id. (SQLite's AUTOINCREMENT counter follows explicit ids by itself.)
 */
export function resetSequence(db: DataSource, table: PortableTable, column: string): Statement {
  const t = db.driver.escape(table.name);
  const c = db.driver.escape(column);
  return {
    sql: `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX(${c}) FROM ${t}), 0) + 1, false) AS next`,
    params: [t, column],
  };
}

/** The largest number of values one statement binds here: well under both dialects' limits (SQLite 32,766, PostgreSQL 65,535). */
export const MAX_BOUND_VALUES = 8_000;
