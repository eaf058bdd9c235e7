import path from 'node:path';
import { DATABASE_FILE_NAME, defaultUserDataDir } from '../paths';

/** Where the core's data lives: an embedded SQLite file, or a shared PostgreSQL server. */
export type DatabaseConfig =
  | { kind: 'sqlite'; file: string; /** Path to a better-sqlite3 build for another ABI (Electron). */ nativeBinding?: string }
  | { kind: 'postgres'; url: string };

export interface DatabaseChoice {
  /** `--db PATH`: a SQLite file; wins over everything else. */
  dbPath?: string;
  env?: NodeJS.ProcessEnv;
  /** The folder for the default SQLite file (Electron passes `app.getPath('userData')`). */
  userDataDir?: string;
  nativeBinding?: string;
}

/**
 * Picks the database: `--db PATH` first, then `DESKWATCH_DATABASE_URL` (a PostgreSQL URL, for a
 * team of consoles sharing one server), then `deskwatch.sqlite` in the user's data folder.
 */
export function resolveDatabaseConfig(choice: DatabaseChoice = {}): DatabaseConfig {
  const env = choice.env ?? process.env;
  const withBinding = (file: string): DatabaseConfig =>
    choice.nativeBinding ? { kind: 'sqlite', file, nativeBinding: choice.nativeBinding } : { kind: 'sqlite', file };
  if (choice.dbPath) return withBinding(path.resolve(choice.dbPath));
  const url = env.DESKWATCH_DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//i.test(url)) {
      throw new Error(`DESKWATCH_DATABASE_URL must be a postgres:// or postgresql:// URL, got "${redactUrl(url)}"`);
    }
    return { kind: 'postgres', url };
  }
  return withBinding(path.join(choice.userDataDir ?? defaultUserDataDir(env), DATABASE_FILE_NAME));
}

/** A URL fit for logs and messages: the password is replaced. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}

export function describeDatabase(config: DatabaseConfig): string {
  return config.kind === 'sqlite' ? `SQLite file ${config.file}` : `PostgreSQL ${redactUrl(config.url)}`;
}
