import { describeDatabase, redactUrl, type DatabaseConfig } from '../../core/db/database-config';
import { DatabaseRefusedError } from '../../core/db/database-health';

/**
 * What the user reads when the app cannot start. A help desk agent must learn from the dialog
 * what is wrong and where to look, instead of facing a blank window; the details (the
 * underlying error) follow the explanation, with any database password masked.
 */

export type StartupStage =
  /** DESKWATCH_DATABASE_URL or the data folder is unusable. */
  | { stage: 'configuration' }
  /** Team mode: DESKWATCH_SERVER_URL or team.json names no usable Deskwatch server. */
  | { stage: 'team-setting' }
  /** Development only: the Electron build of better-sqlite3 is not there. */
  | { stage: 'native-module'; path: string; hint: string }
  /** Opening the database or bringing its schema up to date failed. */
  | { stage: 'database'; database: DatabaseConfig }
  /** The window's page could not be loaded (in development: the renderer was not built, or the dev server is down). */
  | { stage: 'renderer'; url: string }
  /** Anything else before the window opened. */
  | { stage: 'other' };

export interface StartupFailure {
  title: string;
  message: string;
}

export const STARTUP_FAILURE_TITLE = 'Deskwatch could not start';
const WEB_MODE_HINT = 'The console can also run in a browser on this computer: "npm run web".';

export function describeStartupFailure(where: StartupStage, error: unknown): StartupFailure {
  // A refused database (damaged, read-only) already says in one line what is wrong and what to do.
  if (error instanceof DatabaseRefusedError) return { title: STARTUP_FAILURE_TITLE, message: error.message };
  const detail = redactUrl(errorText(error));
  return { title: STARTUP_FAILURE_TITLE, message: explain(where, detail) };
}

function explain(where: StartupStage, detail: string): string {
  switch (where.stage) {
    case 'configuration':
      return `The database setting is not usable.\n\n${detail}\n\nCheck the DESKWATCH_DATABASE_URL environment variable, or unset it to use the local SQLite file.`;
    case 'team-setting':
      return `The Deskwatch server setting is not usable.\n\n${detail}`;
    case 'native-module':
      return `The SQLite engine built for the desktop app is missing:\n${where.path}\n\n${where.hint}\n\n${WEB_MODE_HINT}`;
    case 'database':
      return where.database.kind === 'postgres'
        ? `Deskwatch could not open or update its database (${describeDatabase(where.database)}).\n\n${detail}\n\n` +
            'Check that the PostgreSQL server is running and reachable from this computer, and that DESKWATCH_DATABASE_URL names the right server, database, user and password.'
        : `Deskwatch could not open or update its database (${describeDatabase(where.database)}).\n\n${detail}\n\n${sqliteHint(detail)}`;
    case 'renderer':
      return `The console's page could not be loaded:\n${where.url}\n\n${detail}\n\nIf you are running from source, build it first ("npm run build"), or start "npm run dev".`;
    case 'other':
      return `Something went wrong while starting.\n\n${detail}`;
  }
}

function sqliteHint(detail: string): string {
  if (/NODE_MODULE_VERSION|compiled against a different Node\.js version|invalid ELF header|not a valid Win32 application/i.test(detail)) {
    return 'The SQLite engine was built for another runtime than this Electron. In development, run "node scripts/electron-native.mjs" to build the right one.';
  }
  if (/SQLITE_BUSY|database is locked/i.test(detail)) {
    return 'Another program is holding the database file. Close other Deskwatch windows or tools (the CLI, the browser mode) and try again.';
  }
  return 'Check that the data folder exists, is writable and that the disk has free space. If the database was made by a newer Deskwatch, use that version.';
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
