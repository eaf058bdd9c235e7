import type { Command } from 'commander';
import { resolveDatabaseConfig, type DatabaseConfig } from '../core/db/database-config';

/** Every command that touches data takes `--db PATH`, else `DESKWATCH_DATABASE_URL`, else the app's default file. */
export function databaseOption(command: Command): Command {
  return command.option('--db <path>', 'SQLite database file (default: DESKWATCH_DATABASE_URL, else the app data folder)');
}

export function resolveCliDatabase(options: { db?: string }, env: NodeJS.ProcessEnv): DatabaseConfig {
  return resolveDatabaseConfig(options.db ? { dbPath: options.db, env } : { env });
}
