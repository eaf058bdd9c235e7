import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { checkSqliteDatabase } from '../../core/db/database-health';
import { describeDatabase, redactUrl, type DatabaseConfig } from '../../core/db/database-config';
import { MIGRATIONS } from '../../core/db/migrations';
import { logFileIn } from '../../core/log/rotating-file';
import { defaultUserDataDir } from '../../core/paths';
import { APP_VERSION } from '../../core/version';

export interface DoctorReport {
  healthy: boolean;
  text: string;
}

interface Check {
  ok: boolean;
  text: string;
}

/** Migration names in the order this version applies them. */
const KNOWN_MIGRATIONS: readonly string[] = MIGRATIONS.map((m) => new m().name ?? m.name);

export async function runDoctor(database: DatabaseConfig, env: NodeJS.ProcessEnv): Promise<DoctorReport> {
  const lines: string[] = [];
  const row = (label: string, text: string) => lines.push(`${`${label}:`.padEnd(10)} ${text}`);
  row('versions', versions());
  const logFile = logFileIn(defaultUserDataDir(env));
  row('log', `${logFile} (desktop app${describeFile(logFile)}); the browser mode and the CLI log to their terminal`);
  row('database', describeDatabase(database));
  const { health, applied } = database.kind === 'sqlite' ? sqliteState(database.file, database.nativeBinding) : await postgresState(database.url);
  row('health', health.text);
  const schema = health.ok ? describeSchema(applied) : { ok: false, text: 'not read (the database is not healthy)' };
  row('schema', schema.text);
  const healthy = health.ok && schema.ok;
  lines.push(healthy ? 'Deskwatch looks healthy.' : 'Deskwatch is NOT healthy: see above.');
  return { healthy, text: `${lines.join('\n')}\n` };
}

function versions(): string {
  const library = (name: string) => `${name} ${packageVersion(name)}`;
  return [`Deskwatch ${APP_VERSION}`, `Node ${process.version}`, library('better-sqlite3'), library('typeorm'), library('pg')].join(', ');
}

/** A dependency's version from its package.json in node_modules (the CLI bundle keeps them external). */
function packageVersion(name: string): string {
  try {
    const require = createRequire(__filename);
    let dir = path.dirname(require.resolve(name));
    while (!fs.existsSync(path.join(dir, 'package.json')) || readName(dir) !== name) {
      const parent = path.dirname(dir);
      if (parent === dir) return 'unknown';
      dir = parent;
    }
    return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function readName(dir: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}

function describeFile(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `, ${Math.max(1, Math.round(stat.size / 1024))} KB, last written ${stat.mtime.toISOString()}`;
  } catch {
    return ', not written yet';
  }
}

interface DatabaseState {
  health: Check;
  /** Migration names applied, oldest first; null when the database has none yet. */
  applied: string[] | null;
}

function sqliteState(file: string, nativeBinding: string | undefined): DatabaseState {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) {
    return { health: { ok: true, text: 'ok (no database yet: it is created at first start)' }, applied: null };
  }
  try {
    // The app's own start-up check: permissions, the file header, PRAGMA quick_check. It changes nothing.
    checkSqliteDatabase(file, nativeBinding ? { nativeBinding } : {});
  } catch (error) {
    return { health: { ok: false, text: `FAILED: ${error instanceof Error ? error.message : String(error)}` }, applied: null };
  }
  const db = new Database(file, { fileMustExist: true, timeout: 5_000, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'`).get() !== undefined;
    const applied = hasTable ? (db.prepare('SELECT name FROM migrations ORDER BY id').all() as { name: string }[]).map((r) => r.name) : null;
    return { health: { ok: true, text: 'ok (PRAGMA quick_check)' }, applied };
  } finally {
    db.close();
  }
}

async function postgresState(url: string): Promise<DatabaseState> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    const started = performance.now();
    await client.connect();
    const server = await client.query<{ version: string }>("SELECT current_setting('server_version') AS version");
    const ms = performance.now() - started;
    const table = await client.query<{ name: string | null }>(`SELECT to_regclass('migrations')::text AS name`);
    const applied = table.rows[0]?.name ? (await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id')).rows.map((r) => r.name) : null;
    return { health: { ok: true, text: `ok (PostgreSQL ${server.rows[0]?.version ?? '?'}, round trip ${ms.toFixed(0)} ms)` }, applied };
  } catch (error) {
    const message = redactUrl(error instanceof Error ? error.message : String(error));
    return { health: { ok: false, text: `FAILED: cannot reach the server (${message})` }, applied: null };
  } finally {
    await client.end().catch(() => undefined);
  }
}

function describeSchema(applied: string[] | null): Check {
  if (applied === null || applied.length === 0) return { ok: true, text: `none yet (${KNOWN_MIGRATIONS.length} migrations are applied at first start)` };
  const unknown = applied.filter((name) => !KNOWN_MIGRATIONS.includes(name));
  const last = applied[applied.length - 1] as string;
  if (unknown.length) {
    return { ok: false, text: `${last}, made by a newer Deskwatch (unknown to this version: ${unknown.join(', ')}); use that version` };
  }
  const pending = KNOWN_MIGRATIONS.filter((name) => !applied.includes(name));
  return {
    ok: true,
    text: pending.length ? `${last}; ${pending.length} pending (${pending.join(', ')}), applied at the next start or by "db migrate"` : `${last} (up to date, ${applied.length} migrations)`,
  };
}
