/**
 * Which schema a database has: the name of the last migration applied to it. An export records it,
 * and an import goes only into a database with the same one, since rows are carried column by
 * column as that schema has them.
 */
import type { DataSource } from 'typeorm';

export type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** The last migration applied, or null when none has been. */
export async function appliedSchema(db: DataSource, query: Query): Promise<string | null> {
  const table = db.driver.escape(db.options.migrationsTableName ?? 'migrations');
  const rows = await query(`SELECT name FROM ${table} ORDER BY id DESC LIMIT 1`);
  const name = rows[0]?.name;
  return typeof name === 'string' ? name : null;
}

/** The migrations this Deskwatch knows, oldest first. */
export function knownSchemas(db: DataSource): string[] {
  return db.migrations.map((m) => m.name ?? m.constructor.name);
}

/**
 * Why a file of schema `file` cannot go into a database of schema `database`, and what to do
 * about it; null when they are the same.
 */
export function schemaMismatch(file: string, database: string, known: readonly string[]): string | null {
  if (file === database) return null;
  const fileAt = known.indexOf(file);
  const databaseAt = known.indexOf(database);
  const both = `the file's rows have schema ${file}, this database has ${database}`;
  if (fileAt === -1) {
    return `${both}, which is newer than this Deskwatch knows (it knows up to ${known.at(-1) ?? 'none'}): upgrade Deskwatch to the version that exported the file, then import again`;
  }
  if (databaseAt === -1) return `${both}, newer than this Deskwatch knows: import with the Deskwatch version this database was migrated with`;
  if (fileAt < databaseAt) {
    // An export brings its database's schema up to date first, so a new export with this version matches.
    return `${both}; the file is older: export the desk's database again with this version of Deskwatch (it runs \`db migrate\` on it first), then import the new file`;
  }
  return `${both}; the database is older: run \`deskwatch db migrate\` on it with this version of Deskwatch, then import again`;
}
