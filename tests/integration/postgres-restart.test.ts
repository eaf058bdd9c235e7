/**
 * PostgreSQL restarts under two consoles at work (a private cluster of the test's own, so the
 * shared test server is left alone): every edit made before, during and after it succeeds once,
 * nothing reaches a person as `internal`, and the consoles hear each other again afterwards.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueCase } from '../../shared/domain';
import type { Result } from '../../shared/result';
import { startCore, type Core } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/log/logger';
import { newCaseInput } from '../support/core-fixture';
import { startPrivateCluster, type PrivatePostgres } from '../support/postgres-server';

const EDITORS_PER_CONSOLE = 4;

describe('a PostgreSQL restart under two consoles', () => {
  let cluster: PrivatePostgres;
  beforeAll(async () => {
    cluster = await startPrivateCluster('restart');
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('every edit before, during and after the restart succeeds once, and live updates come back', { timeout: 120_000 }, async () => {
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE restart_under_load');
    await admin.end();
    const url = new URL(cluster.adminUrl);
    url.pathname = '/restart_under_load';
    const relay = { retryMs: 100, maxRetryMs: 500 };
    const a = await startCore({ database: { kind: 'postgres', url: url.toString() }, log: silentLogger, relay });
    const b = await startCore({ database: { kind: 'postgres', url: url.toString() }, log: silentLogger, relay });
    const cores: Core[] = [a, b];
    try {
      const tech = await a.services.staff.create({ name: 'Tom Tech', role: 'technician' });
      const failures: string[] = [];
      const record = (channel: string, r: Result<unknown>) => {
        if (!r.ok) failures.push(`${channel}: ${r.error.code}: ${r.error.message}`);
        return r;
      };
      let running = true;
      const edits = new Map<number, number>();
      const editors = cores.flatMap((core) =>
        Array.from({ length: EDITORS_PER_CONSOLE }, async (_, e) => {
          const created = record('cases.create', await core.dispatch('cases.create', newCaseInput({ summary: `Editor ${e}` }), { actorId: tech.id }));
          if (!created.ok) return;
          const c = created.value as QueueCase;
          let version = c.version;
          edits.set(c.id, 0);
          while (running) {
            const r = record('cases.update', await core.dispatch('cases.update', { id: c.id, version, room: `R${version}` }, { actorId: tech.id }));
            if (!r.ok) return;
            version = (r.value as QueueCase).version;
            edits.set(c.id, (edits.get(c.id) ?? 0) + 1);
            record('cases.addNote', await core.dispatch('cases.addNote', { id: c.id, note: `after version ${version}` }, { actorId: tech.id }));
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      await cluster.restart(2_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      running = false;
      await Promise.all(editors);

      expect(failures).toEqual([]);
      expect(edits.size).toBe(2 * EDITORS_PER_CONSOLE);
      for (const [id, count] of edits) {
        const r = await a.dispatch('cases.get', { id }, { actorId: tech.id });
        if (!r.ok) throw new Error(r.error.message);
        const detail = r.value as { case: QueueCase; events: { kind: string }[] };
        // Each edit once: no edit lost, none applied twice by a retry.
        expect(detail.case.version).toBe(1 + count);
        expect(detail.events.filter((event) => event.kind === 'note')).toHaveLength(count);
      }

      // The consoles hear each other again.
      await waitFor(() => a.liveStatus().state === 'live' && b.liveStatus().state === 'live');
      const heard: string[] = [];
      b.events.subscribe((name) => heard.push(name));
      record('cases.create', await a.dispatch('cases.create', newCaseInput({ summary: 'After the restart' }), { actorId: tech.id }));
      await waitFor(() => heard.includes('cases.changed'));
      expect(failures).toEqual([]);
    } finally {
      for (const core of cores) await core.close();
    }
  });

  it('a connection dropped while checked out between statements fails its next statement and never stops the process', { timeout: 60_000 }, async () => {
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE dropped_mid_transaction');
    const url = new URL(cluster.adminUrl);
    url.pathname = '/dropped_mid_transaction';
    const core = await startCore({ database: { kind: 'postgres', url: url.toString() }, log: silentLogger });
    const unhandled: unknown[] = [];
    const onError = (error: unknown) => unhandled.push(error);
    process.on('uncaughtException', onError);
    try {
      const runner = core.dataSource.createQueryRunner();
      await runner.connect();
      await runner.query('BEGIN');
      const [backend] = (await runner.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
      const pid = backend?.pid;
      // The server ends this backend while the connection sits checked out with no statement running.
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expect(runner.query('SELECT 1')).rejects.toThrow();
      await runner.release().catch(() => undefined);
      // The pool dropped the dead connection: the next call works.
      expect(await core.dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('uncaughtException', onError);
      await core.close();
      await admin.end();
    }
  });
});

async function waitFor(predicate: () => boolean, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out waiting for the consoles to come back live');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
