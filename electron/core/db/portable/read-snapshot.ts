import type { DataSource } from 'typeorm';
import { isPostgres } from '../dialect';
import type { Query } from './schema-version';

/**
 * Runs reads that all see the database as it was at one moment, however long they take, without
 * stopping anyone's writes: an export read in pages must not carry a case without the events
 * written meanwhile, nor events of a case it did not carry.
 *
 * PostgreSQL: a REPEATABLE READ, READ ONLY transaction on a connection of its own.
 * SQLite (WAL): a deferred transaction, which reads one snapshot and takes no write lock (the
 * transaction TypeORM begins would be IMMEDIATE: see installSqliteDiscipline). It is begun by hand
 * on the one connection TypeORM shares, so the data source must be this export's own, with no
 * other work running on it (the CLI opens one per command).
 */
export async function inReadSnapshot<T>(db: DataSource, work: (query: Query) => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner();
  const query: Query = (sql, params) => runner.query(sql, params);
  try {
    await runner.query(isPostgres(db) ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN DEFERRED TRANSACTION');
    let result: T;
    try {
      result = await work(query);
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    await runner.query('COMMIT');
    return result;
  } finally {
    await runner.release();
  }
}
