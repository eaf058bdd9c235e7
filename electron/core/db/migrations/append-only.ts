import type { QueryRunner } from 'typeorm';
import { isPostgres } from '../dialect';

/**
 * A table of evidence (the case audit log, the staff audit): the database itself refuses to
 * change or delete a row, on both dialects, whatever code runs against it.
 */
export async function makeAppendOnly(q: QueryRunner, table: string): Promise<void> {
  if (isPostgres(q)) {
    await q.query(`CREATE FUNCTION ${table}_append_only() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION '${table} is append-only'; END; $$ LANGUAGE plpgsql`);
    await q.query(`CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`);
  } else {
    await q.query(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
        BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`);
    await q.query(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
        BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`);
  }
}

/** What makeAppendOnly added that dropping the table does not remove (PostgreSQL's function). */
export async function dropAppendOnly(q: QueryRunner, table: string): Promise<void> {
  if (!isPostgres(q)) return;
  await q.query(`DROP TRIGGER IF EXISTS ${table}_no_change ON ${table}`);
  await q.query(`DROP FUNCTION IF EXISTS ${table}_append_only()`);
}
