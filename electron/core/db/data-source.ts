import fs from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from './database-config';
import { checkSqliteDatabase, describeOpenError } from './database-health';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { installSqliteDiscipline } from './write-transaction';

const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export function dataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false } as const;
  if (config.kind === 'postgres') {
    return { ...common, type: 'postgres', url: config.url, extra: { max: 10 } };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.file,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    enableWAL: true,
    ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}),
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      // WAL with NORMAL may lose the last commits on power loss; a help desk's cases may not.
      db.pragma('synchronous = FULL');
      db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      db.pragma('foreign_keys = ON');
    },
  };
}

/** Opens the database and brings its schema up to date by running pending migrations. */
export async function openDatabase(config: DatabaseConfig): Promise<DataSource> {
  if (config.kind === 'sqlite') {
    fs.mkdirSync(path.dirname(config.file), { recursive: true });
    // A damaged or read-only file is refused before anything (WAL, migrations) touches it.
    checkSqliteDatabase(config.file, config.nativeBinding ? { nativeBinding: config.nativeBinding } : {});
  }
  const dataSource = new DataSource(dataSourceOptions(config));
  try {
    await dataSource.initialize();
  } catch (error) {
    throw config.kind === 'sqlite' ? describeOpenError(config.file, error) : error;
  }
  installSqliteDiscipline(dataSource);
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
