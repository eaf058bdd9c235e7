/**
 * A real PostgreSQL server for the integration tests, on loopback.
 *
 * `DESKWATCH_TEST_PG_URL` (an admin URL, e.g. postgres://user:pw@127.0.0.1:5432/postgres) wins;
 * otherwise a private cluster is created in the temp folder from Debian's `postgresql` binaries
 * and started for the run. When neither works the PostgreSQL tests fail with HOW_TO_START.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';

export const HOW_TO_START = [
  'PostgreSQL is needed by the integration tests and was not reachable.',
  'Either install the server (Debian: `apt-get install postgresql`; npm test then starts a private cluster itself),',
  'or start one and point the tests at it: DESKWATCH_TEST_PG_URL=postgres://USER:PASSWORD@127.0.0.1:5432/postgres npm test',
  '(the user needs CREATEDB: each test gets a fresh database).',
].join('\n');

export interface TestPostgres {
  adminUrl: string;
  stop(): Promise<void>;
}

export async function canConnect(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function ensureTestPostgres(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgres> {
  const given = env.DESKWATCH_TEST_PG_URL?.trim();
  if (given) {
    const problem = await canConnect(given);
    if (problem) throw new Error(`Cannot connect to DESKWATCH_TEST_PG_URL (${problem}).\n${HOW_TO_START}`);
    return { adminUrl: given, stop: async () => undefined };
  }
  return startPrivateCluster();
}

function findBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = fromConfig.status === 0 ? fromConfig.stdout.trim() : '';
  return dir && fs.existsSync(path.join(dir, 'pg_ctl')) ? dir : null;
}


/** A private cluster that a test may also take down and bring back (a database restart). */
export interface PrivatePostgres extends TestPostgres {
  /** Stops the server (fast shutdown: sessions are ended), waits `downMs`, starts it again on the same port. */
  restart(downMs: number): Promise<void>;
}

export async function startPrivateCluster(name = 'run'): Promise<PrivatePostgres> {
  const binDir = findBinDir();
  if (!binDir) throw new Error(`No PostgreSQL server binaries found.\n${HOW_TO_START}`);
  const isRoot = process.getuid?.() === 0;
  // initdb and postgres refuse to run as root; Debian's package creates the `postgres` user for that.
  const runAs = (cmd: string, args: string[]) =>
    isRoot ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' });
  const dataDir = path.join(os.tmpdir(), `deskwatch-test-pg-${process.getuid?.() ?? 'user'}-${process.pid}-${name}`);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (isRoot) execFileSync('chown', ['postgres:', dataDir]);
  try {
    runAs(path.join(binDir, 'initdb'), ['-D', dataDir, '-U', 'deskwatch', '--auth=trust', '--encoding=UTF8', '--no-sync']);
    const port = await freePort();
    const options = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    const start = () => runAs(path.join(binDir, 'pg_ctl'), ['-D', dataDir, '-o', options, '-l', path.join(dataDir, 'server.log'), '-w', 'start']);
    start();
    const adminUrl = `postgres://deskwatch@127.0.0.1:${port}/postgres`;
    const problem = await canConnect(adminUrl);
    if (problem) throw new Error(`Started a private PostgreSQL cluster but cannot connect: ${problem}`);
    return {
      adminUrl,
      restart: async (downMs) => {
        runAs(path.join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
        await new Promise((resolve) => setTimeout(resolve, downMs));
        start();
      },
      stop: async () => {
        try {
          runAs(path.join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
        } finally {
          fs.rmSync(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    const detail = error instanceof Error ? ((error as { stderr?: Buffer }).stderr?.toString() || error.message) : String(error);
    throw new Error(`Could not start a private PostgreSQL cluster from ${binDir}: ${detail}\n${HOW_TO_START}`, { cause: error });
  }
}

/** A fresh, empty database on the test server; `drop()` removes it. */
export async function createTestDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `dw_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropTestDatabase(adminUrl, name) };
}

/** "database is being accessed by other users" */
const OBJECT_IN_USE = '55006';
/** Each DROP itself waits up to 5 s for other sessions to leave before it gives up. */
const DROP_ATTEMPTS = 3;

/**
 * Drops a test database without `WITH (FORCE)`: FORCE signals every backend on it, which a
 * CREATEDB role that is not a superuser may not do ("must be a member of the role whose process
 * is being terminated", e.g. for another role's session or a worker). The test has closed its
 * own connections by now; any of this role's still on the database (a pool shutting down, a
 * leak) are ended first, which a role may always do to its own. A plain DROP ends autovacuum
 * workers itself and waits a few seconds for anyone else to leave.
 */
export async function dropTestDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = current_user AND pid <> pg_backend_pid()`,
        [name],
      );
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== OBJECT_IN_USE || attempt >= DROP_ATTEMPTS) {
          throw new Error(`Could not drop the test database ${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }
    }
  } finally {
    await admin.end();
  }
}
