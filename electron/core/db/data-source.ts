import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from './database-config';
import { checkSqliteDatabase, describeOpenError } from './database-health';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { installSqliteDiscipline } from './write-transaction';

const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * A pooled PostgreSQL connection that always has an error listener. The pool listens to idle
 * connections and TypeORM to the ones its query runners hold, but a new connection is handed
 * over from inside the socket read that completed it: if the same read also carries the server's
 * "terminating connection due to administrator command" (a restart), the error is raised before
 * TypeORM's listener is attached, and an 'error' event without a listener stops the process (seen
 * once in CI under the restart test). The failed statement is answered as `unavailable` and the
 * pool discards the connection when it comes back.
 */
class GuardedClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

export function dataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false } as const;
  if (config.kind === 'postgres') {
    // No JIT: the desk's statements are short, and compiling one costs more than it saves (140 ms
    // of the 600 ms a case search for two words held by 70,000 and 95,000 cases took).
    return { ...common, type: 'postgres', url: config.url, extra: { max: 10, Client: GuardedClient, options: '-c jit=off' } };
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
