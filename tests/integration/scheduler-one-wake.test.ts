/**
 * Several district server processes on one PostgreSQL database: each runs the SLA scheduler, but
 * a wake's work (reading, planning and writing the due cases) is done by one of them; the ledger
 * still makes each delivery exactly once. The cores here are two processes' worth: each has its
 * own connection pool, so PostgreSQL sees them as separate sessions.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert, AlertBatch } from '../../shared/alerts';
import type { QueueCase, StaffMember } from '../../shared/domain';
import { ManualClock } from '../../electron/core/clock';
import { startCore, type Core } from '../../electron/core/core';
import { ADVISORY_LOCKS, withAdvisoryLock } from '../../electron/core/db/advisory-lock';
import { silentLogger } from '../../electron/core/log/logger';
import type { WakeReport } from '../../electron/core/scheduler/sla-scheduler';
import { MONDAY_MORNING, newCaseInput, RecordingTimers } from '../support/core-fixture';
import { freshDatabase, type FreshDatabase } from '../support/databases';

const HOUR = 3600_000;
const local = (monthDay: string, hour: number) => Date.parse(`2026-${monthDay}T00:00:00Z`) + (hour + 6) * HOUR;
/** Priority 2: response due 1:00 PM after a Monday 9:00 call; warnings at 12:00 and 12:30. */
const P2 = { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'stopped' } as const;
const CASES = 200;

interface Process {
  core: Core;
  timers: RecordingTimers;
  /** Every alert this process's bus published: its own and, through the relay, the other's. */
  heard: Alert[];
  reports: WakeReport[];
}

describe('SLA scheduler wakes of several processes on one PostgreSQL database', () => {
  let db: FreshDatabase;
  let clock: ManualClock;
  let a: Process;
  let b: Process;
  let agent: StaffMember;
  let tech: StaffMember;
  const start = async (): Promise<Process> => {
    const timers = new RecordingTimers();
    const core = await startCore({ database: db.config, clock, log: silentLogger, timers });
    const heard: Alert[] = [];
    core.events.subscribe((name, payload) => name === 'alerts.raised' && heard.push(...(payload as AlertBatch).alerts));
    return { core, timers, heard, reports: [] };
  };
  const wake = async (p: Process) => {
    const report = await p.core.services.scheduler.wake();
    p.reports.push(report);
    return report;
  };
  const open = async (core: Core) => {
    const r = await core.dispatch('cases.create', newCaseInput({ wizard: P2 }), { actorId: agent.id });
    if (!r.ok) throw new Error(r.error.message);
    return r.value as QueueCase;
  };
  const count = async (sql: string) => Number(((await a.core.dataSource.query(sql)) as { n: string | number }[])[0]?.n);

  beforeEach(async () => {
    db = await freshDatabase('postgres');
    clock = new ManualClock(MONDAY_MORNING);
    a = await start();
    b = await start();
    agent = await a.core.services.staff.create({ name: 'Ann Agent', role: 'agent' });
    tech = await a.core.services.staff.create({ name: 'Tom Tech', role: 'technician' });
    await a.core.services.staff.create({ name: 'Sue Supervisor', role: 'supervisor' });
  });
  afterEach(async () => {
    await a.core.close();
    await b.core.close();
    await db.dispose();
  });

  it('both woken at once: one plans the due cases, the other skips; every alert delivered and heard once', { timeout: 120_000 }, async () => {
    for (let i = 0; i < CASES; i++) await open(a.core);
    // A new case is due at once: the catch-up at start is a wake like any other.
    const rounds: [WakeReport, WakeReport][] = [await Promise.all([a.core.services.scheduler.start(), b.core.services.scheduler.start()])];
    // 12:00 (75% warnings), 12:30 (30 minutes before), 1:00 PM (breaches to agents and supervisors).
    for (const at of [12, 12.5, 13 + 1 / 60]) {
      clock.set(local('11-30', at));
      rounds.push(await Promise.all([wake(a), wake(b)]));
    }
    for (const [ra, rb] of rounds) {
      // The work of a wake was done once: every case planned by exactly one of the two.
      expect(ra.casesLooked + rb.casesLooked).toBe(CASES);
      expect([ra, rb].filter((r) => r.casesLooked > 0)).toHaveLength(1);
    }
    // Both were woken at once; the one that found the other at work said so and armed a retry.
    const skipped = rounds.flat().filter((r) => r.skipped);
    expect(skipped.length).toBeGreaterThanOrEqual(3);
    expect(a.timers.armed.includes(1_000) || b.timers.armed.includes(1_000)).toBe(true);

    // The skipped process's retry finds nothing left to do: the stored next instants are the truth.
    const retry = await Promise.all([wake(a), wake(b)]);
    expect(retry.map((r) => r.casesLooked)).toEqual([0, 0]);

    const delivered = rounds.flat().flatMap((r) => r.delivered);
    // Two warnings to the agent and a breach to the agent and the supervisor, for each case.
    expect(delivered).toHaveLength(4 * CASES);
    const keys = delivered.map((x) => `${x.caseId}:${x.kind}:${x.recipientId}:${x.dueAt}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(await count('SELECT COUNT(*) AS n FROM alert_delivery')).toBe(4 * CASES);
    expect(await count('SELECT COUNT(DISTINCT (case_id, kind, recipient_id, due_at)) AS n FROM alert_delivery')).toBe(4 * CASES);
    // Each process's bus heard every alert once: its own, and the other's through the relay.
    await eventually(() => a.heard.length >= 4 * CASES && b.heard.length >= 4 * CASES);
    for (const p of [a, b]) {
      expect(p.heard).toHaveLength(4 * CASES);
      expect(new Set(p.heard.map((x) => x.id)).size).toBe(4 * CASES);
    }
  });

  it('a process that skipped keeps the changes it heard of and sees them, and what fell due, once the lock is free', async () => {
    const c = await open(b.core);
    expect((await b.core.services.scheduler.start()).skipped).toBe(false);

    // Another process holds the wake lock (here: a third session of the same database) while a
    // technician acknowledges the case at 10:00 and the clock passes a second case's 75% instant.
    let free!: () => void;
    const held = new Promise<void>((resolve) => (free = resolve));
    const other = await startCore({ database: db.config, clock, log: silentLogger, timers: new RecordingTimers() });
    let holding!: () => void;
    const taken = new Promise<void>((resolve) => (holding = resolve));
    const holder = withAdvisoryLock(other.dataSource, ADVISORY_LOCKS.schedulerWake, async () => {
      holding();
      await held;
    });
    let late: QueueCase | undefined;
    try {
      await taken;
      late = await open(b.core);
      clock.set(local('11-30', 10));
      const ack = await b.core.dispatch('cases.transition', { id: c.id, version: c.version, action: 'acknowledge' }, { actorId: tech.id });
      expect(ack.ok).toBe(true);
      const armedBefore = b.timers.armed.length;
      const skipped = await wake(b);
      expect(skipped).toMatchObject({ skipped: true, casesLooked: 0, delivered: [] });
      expect(b.timers.armed.slice(armedBefore)).toEqual([1_000]);
      // A change heard while the retry is armed does not wake at once (it would put the retry off).
      const moved = await b.core.dispatch('cases.update', { id: late.id, version: late.version, room: 'B12' }, { actorId: tech.id });
      expect(moved.ok).toBe(true);
      expect(b.timers.armed.slice(armedBefore)).toEqual([1_000]);
      clock.set(local('11-30', 12));
      expect((await wake(b)).skipped).toBe(true);
    } finally {
      free();
      await holder;
      await other.close();
    }

    // The lock is free: the acknowledged case is looked at again (its next instant is now the
    // resolution target's 75%), and the other case's warning, due meanwhile, is delivered.
    const after = await wake(b);
    expect(after.skipped).toBe(false);
    expect(after.casesLooked).toBe(2);
    expect(after.delivered.map((x) => `${x.caseId}:${x.kind}`)).toEqual([`${late?.id}:response_warning`]);
    const stored = (await b.core.dataSource.query('SELECT next_alert_at AS at FROM help_case WHERE id = $1', [c.id])) as { at: string }[];
    expect(Number(stored[0]?.at)).toBe(local('12-01', 14));
  });

  it('gives the lock back when the work fails, and when its connection is lost during the work', async () => {
    const run = (work: () => Promise<void>) => withAdvisoryLock(a.core.dataSource, ADVISORY_LOCKS.schedulerWake, work);
    await expect(run(() => Promise.reject(new Error('planning failed')))).rejects.toThrow('planning failed');
    expect((await wake(b)).skipped).toBe(false);

    // An administrator ends the lock's session mid-work: the work goes on (on other pooled
    // connections), the lock is the server's to drop, and the broken connection is not reused.
    const admin = new pg.Client({ connectionString: (db.config as { url: string }).url });
    await admin.connect();
    try {
      const outcome = await run(async () => {
        const r = await admin.query(`SELECT pg_terminate_backend(pid) AS ended FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
        expect(r.rows).toEqual([{ ended: true }]);
        await a.core.dataSource.query('SELECT 1');
      });
      expect(outcome.held).toBe(true);
    } finally {
      await admin.end();
    }
    expect((await wake(b)).skipped).toBe(false);
    // The pool of the process that lost the connection still works, and takes the lock again.
    for (let i = 0; i < 12; i++) expect((await run(async () => undefined)).held).toBe(true);
    expect((await wake(a)).skipped).toBe(false);
  });
});

async function eventually(predicate: () => boolean, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out waiting for the relay');
    await new Promise((r) => setTimeout(r, 25));
  }
}
