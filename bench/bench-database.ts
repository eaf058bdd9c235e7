/**
 * A benchmark's database: a fresh SQLite file or a fresh PostgreSQL database (on the cluster
 * given by DESKWATCH_BENCH_PG_URL, else a private one started for the run), a core on it, and a
 * restart that opens a new core on the same data (as a console started the next morning).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../electron/core/clock';
import { startCore, type Core } from '../electron/core/core';
import type { DatabaseConfig } from '../electron/core/db/database-config';
import { createTestDatabase, startPrivateCluster } from '../tests/support/postgres-server';

export type BenchDatabaseKind = 'sqlite' | 'postgres';

/** The PostgreSQL admin URL for benchmarks, starting a private cluster at first need; `stop` ends it. */
export function benchPostgres(name: string): { adminUrl: () => Promise<string>; stop: () => Promise<void> } {
  let cluster: Awaited<ReturnType<typeof startPrivateCluster>> | null = null;
  return {
    adminUrl: async () => {
      const given = process.env.DESKWATCH_BENCH_PG_URL;
      if (given) return given;
      cluster ??= await startPrivateCluster(name);
      return cluster.adminUrl;
    },
    stop: async () => {
      await cluster?.stop();
    },
  };
}

export async function onFreshDatabase<T>(
  kind: BenchDatabaseKind,
  adminUrl: () => Promise<string>,
  now: number,
  work: (core: Core, restart: () => Promise<Core>) => Promise<T>,
  options: { keepSqlite?: boolean } = {},
): Promise<T> {
  let config: DatabaseConfig;
  let drop: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-bench-'));
    config = { kind: 'sqlite', file: path.join(dir, 'bench.sqlite') };
    // Kept on request, for a look at the plans afterwards (its path is printed).
    drop = async () => (options.keepSqlite ? console.log(`  kept ${dir}`) : fs.rmSync(dir, { recursive: true, force: true }));
  } else {
    const db = await createTestDatabase(await adminUrl());
    config = { kind: 'postgres', url: db.url };
    drop = db.drop;
  }
  const start = () => startCore({ database: config, clock: new ManualClock(now), log: () => undefined });
  let core = await start();
  try {
    return await work(core, async () => {
      await core.close();
      core = await start();
      return core;
    });
  } finally {
    await core.close();
    await drop();
  }
}
