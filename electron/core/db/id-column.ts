import type { DataSource } from 'typeorm';
import { isPostgres } from './dialect';

interface PluckingStatement {
  pluck(on: boolean): { all(...params: unknown[]): unknown[] };
}
interface SqliteConnection {
  prepare(sql: string): PluckingStatement;
}

/**
 * The first column of every row as numbers (ids). On SQLite straight from the driver, one value a
 * row: a word held by 150,000 cases answers in a tenth of the time TypeORM takes to build an
 * object for each row. PostgreSQL's answer goes through TypeORM as any other.
 */
export async function idColumn(db: DataSource, sql: string, params: readonly unknown[]): Promise<number[]> {
  if (isPostgres(db)) {
    const rows: Record<string, unknown>[] = await db.query(sql, [...params]);
    return rows.map((row) => Number(Object.values(row)[0]));
  }
  const connection = (db.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
  return connection.prepare(sql).pluck(true).all(...params).map(Number);
}
