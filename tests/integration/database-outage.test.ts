/**
 * The database goes away under people's work (a PostgreSQL restart, a dropped network): calls
 * made meanwhile wait and succeed once it is back, or, if it stays away, answer `unavailable`
 * in words. None answers `internal`, and nothing is written twice or lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/result';
import { startCore, type Core } from '../../electron/core/core';
import { withTransientRetry } from '../../electron/core/db/write-transaction';
import { isTransientError } from '../../electron/core/db/transient-errors';
import { coreFixture, newCaseInput } from '../support/core-fixture';
import { postgresBehindProxy, type PostgresBehindProxy } from '../support/tcp-proxy';

describe('a PostgreSQL outage under load', () => {
  let database: PostgresBehindProxy | null = null;
  let core: Core | null = null;
  afterEach(async () => {
    database?.proxy.restore();
    await core?.close();
    await database?.dispose();
    core = null;
    database = null;
  });

  it('calls made while the database is down succeed once it is back, each exactly once', { timeout: 60_000 }, async () => {
    database = await postgresBehindProxy();
    const { proxy } = database;
    core = await startCore({ database: { kind: 'postgres', url: database.url }, log: () => undefined });
    const agent = await core.services.staff.create({ name: 'Ann Agent', role: 'agent' });
    const first = await core.dispatch('cases.create', newCaseInput({ summary: 'Before the outage' }), { actorId: agent.id });
    expect(first.ok).toBe(true);

    proxy.cut();
    const during: Array<Promise<Result<unknown>>> = [];
    for (let i = 0; i < 10; i++) during.push(core.dispatch('cases.create', newCaseInput({ summary: `During the outage ${i}` }), { actorId: agent.id }));
    for (let i = 0; i < 5; i++) during.push(core.dispatch('queue.list', {}, { actorId: agent.id }));
    // A restart's few seconds.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    proxy.restore();
    const results = await Promise.all(during);
    expect(results.filter((r) => !r.ok)).toEqual([]);

    const created = await core.dataSource.query(`SELECT summary FROM help_case ORDER BY id`);
    expect(created.map((r: { summary: string }) => r.summary).sort()).toEqual(['Before the outage', ...Array.from({ length: 10 }, (_, i) => `During the outage ${i}`)].sort());
  });

  it('a database that stays away answers `unavailable` in words, never `internal`', { timeout: 60_000 }, async () => {
    database = await postgresBehindProxy();
    const { proxy } = database;
    core = await startCore({ database: { kind: 'postgres', url: database.url }, log: () => undefined });
    const agent = await core.services.staff.create({ name: 'Ann Agent', role: 'agent' });
    proxy.cut();
    const r = await core.dispatch('cases.create', newCaseInput(), { actorId: agent.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/cannot be reached.*nothing was changed/) } });
  });
});

describe('a SQLite file that stops taking writes while Deskwatch runs', () => {
  it('answers `unavailable` saying why, never `internal`, and still answers reads', async () => {
    const f = await coreFixture('sqlite');
    try {
      const agent = await f.staff('agent', 'Ann Agent');
      // What a file made read-only (or a full disk) looks like to the connection: SQLITE_READONLY on every write.
      await f.core.dataSource.query('PRAGMA query_only = ON');
      const r = await f.core.dispatch('cases.create', newCaseInput(), { actorId: agent.id });
      expect(r).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/cannot save changes.*read-only.*nothing was changed/) } });
      expect((await f.core.dispatch('staff.list', {}, {})).ok).toBe(true);
      await f.core.dataSource.query('PRAGMA query_only = OFF');
    } finally {
      await f.dispose();
    }
  });
});

describe('transient error retry', () => {
  it('retries what says "not now" and reports at once what says "not this"', async () => {
    let calls = 0;
    const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    await expect(withTransientRetry(async () => (++calls < 3 ? Promise.reject(deadlock) : 'done'), isTransientError, [1, 1, 1])).resolves.toBe('done');
    expect(calls).toBe(3);
    calls = 0;
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    await expect(withTransientRetry(async () => (++calls, Promise.reject(unique)), isTransientError, [1, 1, 1])).rejects.toBe(unique);
    expect(calls).toBe(1);
    const wrapped = { message: 'Query failed', driverError: { code: 'SQLITE_BUSY' } };
    expect(isTransientError(wrapped)).toBe(true);
    expect(isTransientError(new Error('Connection terminated unexpectedly'))).toBe(true);
    // What TypeORM throws at the next statement of a transaction whose connection a restart ended.
    expect(isTransientError(Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), { name: 'QueryRunnerAlreadyReleasedError' }))).toBe(true);
    expect(isTransientError(new Error('syntax error at or near'))).toBe(false);
  });
});
