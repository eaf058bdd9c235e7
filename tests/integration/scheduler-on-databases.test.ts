import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert, AlertBatch } from '../../shared/alerts';
import type { QueueCase, StaffMember } from '../../shared/domain';
import { ManualClock } from '../../electron/core/clock';
import { startCore, type Core } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/log/logger';
import { coreFixture, MONDAY_MORNING, newCaseInput, RecordingTimers, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS, freshDatabase, type FreshDatabase } from '../support/databases';
import { postgresBehindProxy, type PostgresBehindProxy } from '../support/tcp-proxy';

const HOUR = 3600_000;
const MIN = 60_000;
const local = (monthDay: string, hour: number) => Date.parse(`2026-${monthDay}T00:00:00Z`) + (hour + 6) * HOUR;
const P2 = { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'stopped' } as const;
const P4 = { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'minimal' } as const;
const P1 = { securityOrSafety: true, missionCritical: false, affected: 'one', workEffect: 'stopped' } as const;
const kinds = (alerts: readonly Alert[]) => alerts.map((a) => `${a.kind}→${a.recipientId}`).sort();

describe.each(DATABASE_KINDS)('SLA scheduler on %s', (kind) => {
  let f: CoreFixture;
  let timers: RecordingTimers;
  let agent: StaffMember;
  let tech: StaffMember;
  let supervisor: StaffMember;
  let raised: AlertBatch[];
  const scheduler = () => f.core.services.scheduler;
  const open = async (wizard: object, extra: object = {}) => {
    const r = await f.core.dispatch('cases.create', newCaseInput({ wizard, ...extra }), { actorId: agent.id });
    if (!r.ok) throw new Error(r.error.message);
    return r.value as QueueCase;
  };
  const listen = () => f.core.events.subscribe((name, payload) => name === 'alerts.raised' && raised.push(payload as AlertBatch));

  beforeEach(async () => {
    timers = new RecordingTimers();
    f = await coreFixture(kind, { timers });
    agent = await f.staff('agent', 'Ann Agent');
    tech = await f.staff('technician', 'Tom Tech');
    supervisor = await f.staff('supervisor', 'Sue Supervisor');
    raised = [];
    listen();
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('warns at 75% used and 30 minutes before, breaches after, each exactly once, and sleeps until the next instant', async () => {
    await open(P2); // Monday 9:00: response due 1:00 PM (4 business hours)
    const first = await scheduler().start();
    expect(first.delivered).toEqual([]);
    expect(first.nextWakeAt).toBe(local('11-30', 12)); // 75% of 4 hours
    expect(timers.armed.at(-1)).toBe(HOUR); // at most an hour between looks at the earliest instant

    f.clock.set(local('11-30', 12));
    const warn = await scheduler().wake();
    expect(kinds(warn.delivered)).toEqual([`response_warning→${agent.id}`]); // unassigned: the desk's agents
    expect(warn.delivered[0]).toMatchObject({ caseNumber: 'DW-000001', title: 'DW-000001 · Response target at risk', body: expect.stringContaining('response due today 1:00 PM (75% used)') });
    expect((await scheduler().wake()).delivered).toEqual([]);

    f.clock.set(local('11-30', 12.5));
    expect(kinds((await scheduler().wake()).delivered)).toEqual([`response_warning→${agent.id}`]);
    f.clock.set(local('11-30', 13) + 1);
    const breach = await scheduler().wake();
    expect(kinds(breach.delivered)).toEqual([`response_breach→${agent.id}`, `response_breach→${supervisor.id}`]);
    expect(raised.flatMap((b) => b.alerts)).toHaveLength(4);
  });

  it('pages every technician when a priority 1 case arrives', async () => {
    await scheduler().start();
    await open(P1, { onCallNotified: true });
    const report = await scheduler().wake();
    // Nobody is on call in this desk's roster: the supervisors are paged too (docs/escalation.md).
    expect(kinds(report.delivered)).toEqual([`p1_page→${supervisor.id}`, `p1_received→${tech.id}`]);
    expect(report.delivered.every((a) => !a.missed)).toBe(true);
  });

  it('reschedules a case when it changes: an acknowledged case raises no response warning', async () => {
    const c = await open(P2);
    await scheduler().start();
    f.clock.set(local('11-30', 10));
    await f.core.dispatch('cases.transition', { id: c.id, version: c.version, action: 'acknowledge' }, { actorId: tech.id });
    const after = await scheduler().wake();
    // Next is the resolution target's 75% (Tuesday 2:00 PM), no longer the response's.
    expect(after.nextWakeAt).toBe(local('12-01', 14));
    f.clock.set(local('11-30', 13) + 1);
    expect((await scheduler().wake()).delivered).toEqual([]);
  });

  it('raises nothing for a paused case, and wants a daily contact while pending', async () => {
    let c = await open(P2);
    const ack = await f.core.dispatch('cases.transition', { id: c.id, version: c.version, action: 'acknowledge' }, { actorId: tech.id });
    c = (ack as { value: QueueCase }).value;
    await f.core.dispatch('cases.assign', { cases: [{ id: c.id, version: c.version }], assigneeId: tech.id }, { actorId: tech.id });
    await f.core.dispatch('cases.transition', { id: c.id, version: c.version + 1, action: 'pend', note: 'Need the error text' }, { actorId: tech.id });
    await scheduler().start();
    f.clock.set(local('12-01', 9));
    const contact = await scheduler().wake();
    expect(kinds(contact.delivered)).toEqual([`contact_due→${tech.id}`]);
    f.clock.set(local('12-01', 16.99));
    expect((await scheduler().wake()).delivered).toEqual([]); // the resolution warning would have been Tuesday 2 PM
    f.clock.set(local('12-02', 9));
    expect(kinds((await scheduler().wake()).delivered)).toEqual([`contact_due→${tech.id}`]); // still no contact logged
  });

  it('closes a pending case after three business days without reply and tells its technician', async () => {
    const c = await open(P2);
    await f.core.dispatch('cases.assign', { cases: [{ id: c.id, version: 1 }], assigneeId: tech.id }, { actorId: tech.id });
    await f.core.dispatch('cases.transition', { id: c.id, version: 2, action: 'acknowledge' }, { actorId: tech.id });
    const pended = await f.core.dispatch('cases.transition', { id: c.id, version: 3, action: 'pend', note: 'Screenshot please' }, { actorId: tech.id });
    expect(pended.ok).toBe(true);
    await scheduler().start();
    f.clock.set(local('12-03', 9)); // Monday 9:00 + 30 business hours
    const report = await scheduler().wake();
    expect(report.closed).toEqual([c.id]);
    expect(kinds(report.delivered.filter((a) => a.kind === 'auto_closed'))).toEqual([`auto_closed→${tech.id}`]);
    const after = await f.core.dispatch('cases.get', { id: c.id }, { actorId: tech.id });
    expect(after).toMatchObject({ ok: true, value: { case: { status: 'closed' } } });
  });

  it('delivers nothing twice across a restart, and groups what fell due while closed', async () => {
    await open(P2);
    await open(P2);
    await open(P2);
    await scheduler().start();
    f.clock.set(local('11-30', 12));
    expect((await scheduler().wake()).delivered).toHaveLength(3);
    await scheduler().stop();

    // Closed over lunch; restarted at 2 PM: the 12:30 warnings are overtaken by the 1 PM breaches.
    f.clock.set(local('11-30', 14));
    const core = await f.restart();
    const batches: AlertBatch[] = [];
    core.events.subscribe((name, payload) => name === 'alerts.raised' && batches.push(payload as AlertBatch));
    const catchUp = await core.services.scheduler.start();
    expect(kinds(catchUp.delivered)).toEqual([...Array(3).fill(`response_breach→${agent.id}`), ...Array(3).fill(`response_breach→${supervisor.id}`)].sort());
    expect(catchUp.delivered.every((a) => a.missed)).toBe(true);
    expect(catchUp.digests.find((d) => d.recipientId === supervisor.id)).toMatchObject({ count: 3, text: '3 cases breached their response target while Deskwatch was closed' });
    expect(batches).toHaveLength(1);
    // The warnings the breaches overtook are in the ledger (never raised later) but not in anyone's list.
    const listed = await core.dispatch('alerts.list', {}, { actorId: agent.id });
    expect((listed as { value: Alert[] }).value.map((a) => a.kind).filter((k) => k === 'response_warning')).toHaveLength(3);
    const ledger: { n: string | number }[] = await core.dataSource.query(`SELECT COUNT(*) AS n FROM alert_delivery WHERE superseded = ${kind === 'postgres' ? 'true' : '1'}`);
    expect(Number(ledger[0]?.n)).toBe(3);

    await core.services.scheduler.stop();
    const again = await (await f.restart()).services.scheduler.start();
    expect(again.delivered).toEqual([]);
  });

  it('keeps business-time warnings for business hours (but not priority 1 ones)', async () => {
    await open(P4); // response 1 business day: 75% at Monday 4:30 PM
    await scheduler().start();
    await scheduler().stop();
    f.clock.set(local('11-30', 20)); // the app was closed at 4:30 PM; reopened at 8 PM
    const core = await f.restart();
    const evening = await core.services.scheduler.start();
    expect(evening.delivered).toEqual([]);
    expect(evening.nextWakeAt).toBe(local('12-01', 7));
    f.clock.set(local('12-01', 7));
    const morning = await core.services.scheduler.wake();
    expect(kinds(morning.delivered)).toEqual([`response_warning→${agent.id}`]);
    expect(morning.delivered[0]?.missed).toBe(true);
  });

  it('honours per-person preferences: muted alerts are recorded, not shown', async () => {
    await f.core.dispatch('alerts.savePreferences', { kinds: ['response_breach'], sound: false, muteUntil: null }, { actorId: agent.id });
    await open(P2);
    await scheduler().start();
    f.clock.set(local('11-30', 12));
    const [warning] = (await scheduler().wake()).delivered;
    expect(warning).toMatchObject({ kind: 'response_warning', muted: true, sound: false });
    const listed = await f.core.dispatch('alerts.list', {}, { actorId: agent.id });
    expect(listed).toMatchObject({ ok: true, value: [{ kind: 'response_warning' }] });
    const summary = await f.core.dispatch('alerts.summary', {}, { actorId: agent.id });
    expect(summary).toEqual({ ok: true, value: { atRisk: 1, breached: 0 } });
  });

  it('reads only due cases on a wake: a thousand quiet cases are not looked at', async () => {
    for (let i = 0; i < 30; i++) await open(P4);
    await scheduler().start();
    f.clock.advance(10 * MIN);
    expect((await scheduler().wake()).casesLooked).toBe(0);
  });
});

describe('SLA scheduler when PostgreSQL goes away', () => {
  let database: PostgresBehindProxy | null = null;
  let core: Core | null = null;
  afterEach(async () => {
    database?.proxy.restore();
    await core?.close();
    await database?.dispose();
    core = null;
    database = null;
  });

  it('logs the failed wake, tries again with backoff, and delivers what fell due meanwhile once it is back', async () => {
    database = await postgresBehindProxy();
    const { proxy } = database;
    const clock = new ManualClock(MONDAY_MORNING);
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => warnings.push(message) };
    // Real timers: the retry after a failure is the scheduler's own, not the test's.
    core = await startCore({ database: { kind: 'postgres', url: database.url }, clock, log: logger });
    const agent = await core.services.staff.create({ name: 'Ann Agent', role: 'agent' });
    const CASES = 24;
    for (let i = 0; i < CASES; i++) {
      const r = await core.dispatch('cases.create', newCaseInput({ wizard: P2 }), { actorId: agent.id });
      expect(r.ok).toBe(true);
    }
    const raised: Alert[] = [];
    core.events.subscribe((name, payload) => name === 'alerts.raised' && raised.push(...(payload as AlertBatch).alerts));
    expect((await core.services.scheduler.start()).delivered).toEqual([]);

    // The database is down over the instant the 75% warnings fall due.
    proxy.cut();
    clock.set(local('11-30', 12));
    await expect(core.services.scheduler.wake()).rejects.toThrow();
    expect(warnings.some((w) => w.startsWith('deskwatch: SLA scheduler wake failed; trying again in 1 s'))).toBe(true);
    proxy.restore();

    await eventually(() => raised.length >= CASES, 15_000);
    expect(kinds(raised)).toEqual(Array(CASES).fill(`response_warning→${agent.id}`));
    // Exactly once: nothing more on a later wake (the first call may join the retry still finishing), one ledger row per warning.
    await core.services.scheduler.wake();
    expect((await core.services.scheduler.wake()).delivered).toEqual([]);
    expect(raised).toHaveLength(CASES);
    const ledger: { n: string }[] = await core.dataSource.query(`SELECT COUNT(*) AS n FROM alert_delivery WHERE kind = 'response_warning'`);
    expect(Number(ledger[0]?.n)).toBe(CASES);
  });
});

/** Waits until `predicate` holds (the scheduler works on its own timers). */
async function eventually(predicate: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out waiting for the scheduler to deliver');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("two consoles' schedulers on one PostgreSQL database", () => {
  let db: FreshDatabase | null = null;
  const cores: Core[] = [];
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.close();
    await db?.dispose();
    db = null;
  });

  it('wake, reschedule after a calendar change and take edits at once without a single deadlock in the database', { timeout: 120_000 }, async () => {
    db = await freshDatabase('postgres');
    const url = (db.config as { url: string }).url;
    const clock = new ManualClock(MONDAY_MORNING);
    const start = () => startCore({ database: db!.config, clock, log: silentLogger, timers: new RecordingTimers() });
    const a = await start();
    const b = await start();
    cores.push(a, b);
    const agent = await a.services.staff.create({ name: 'Ann Agent', role: 'agent' });
    const tech = await a.services.staff.create({ name: 'Tom Tech', role: 'technician' });
    const supervisor = await a.services.staff.create({ name: 'Sue Supervisor', role: 'supervisor' });
    const cases: QueueCase[] = [];
    // The older half is priority 4, the newer priority 2: the newer cases fall due first, so an
    // order by due instant is not the order of ids.
    for (let i = 0; i < 160; i++) {
      const r = await a.dispatch('cases.create', newCaseInput({ summary: `Case ${i}`, wizard: i < 80 ? P4 : P2 }), { actorId: agent.id });
      if (!r.ok) throw new Error(r.error.message);
      cases.push(r.value as QueueCase);
    }
    await Promise.all([a.services.scheduler.start(), b.services.scheduler.start()]);
    const deadlocks = () => deadlockCount(url);
    const before = await deadlocks();

    // 4:45 PM: every case has something due on both consoles at once (priority 2 breaches,
    // priority 4 warnings), while a supervisor adds a closure (each console reschedules every open
    // case) and technicians acknowledge cases from the highest id down.
    clock.set(local('11-30', 16.75));
    const edits = [...cases].reverse().slice(0, 60).map((c, i) =>
      (i % 2 ? a : b).dispatch('cases.transition', { id: c.id, version: c.version, action: 'acknowledge' }, { actorId: tech.id }),
    );
    const results = await Promise.all([
      a.services.scheduler.wake(),
      b.services.scheduler.wake(),
      a.dispatch('calendar.addClosure', { date: '2026-12-24', name: 'Winter break' }, { actorId: supervisor.id }),
      ...edits,
      a.services.scheduler.wake(),
      b.services.scheduler.wake(),
    ]);
    for (const r of results) if ('ok' in r) expect(r).toMatchObject({ ok: true });
    // Let both consoles finish what the calendar change set going.
    for (let i = 0; i < 3; i++) await Promise.all([a.services.scheduler.wake(), b.services.scheduler.wake()]);

    // Every warning of a case not acknowledged in time is in the ledger once.
    const ledger: { n: string; distinct: string }[] = await a.dataSource.query(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT (case_id, kind, recipient_id, due_at)) AS distinct FROM alert_delivery`,
    );
    expect(Number(ledger[0]?.n)).toBe(Number(ledger[0]?.distinct));
    expect(Number(ledger[0]?.n)).toBeGreaterThanOrEqual(100);

    for (const c of cores.splice(0)) await c.close();
    expect(await deadlocks()).toBe(before);
  });
});

/**
 * Deadlocks PostgreSQL detected in this database. A backend reports its counts when it ends, so
 * this waits until no other session of the database is left before reading.
 */
async function deadlockCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const until = Date.now() + 10_000;
    for (;;) {
      const others = await client.query(`SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      if (others.rows[0].n === 0 || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await client.query('SELECT pg_stat_clear_snapshot()');
    const r = await client.query(`SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()`);
    return r.rows[0].n as number;
  } finally {
    await client.end();
  }
}

describe('SLA scheduler at start', () => {
  let db: FreshDatabase | null = null;
  afterEach(async () => {
    await db?.dispose();
    db = null;
  });

  it('does not hold up the console: startCore returns before the catch-up, which then delivers what fell due while closed', async () => {
    db = await freshDatabase('sqlite');
    const clock = new ManualClock(MONDAY_MORNING);
    const first = await startCore({ database: db.config, clock, log: silentLogger });
    const agent = await first.services.staff.create({ name: 'Ann Agent', role: 'agent' });
    for (let i = 0; i < 3; i++) await first.dispatch('cases.create', newCaseInput({ wizard: P2 }), { actorId: agent.id });
    await first.close();

    // Started again after the warnings fell due: the catch-up has them, and runs behind.
    clock.set(local('11-30', 12.2));
    const core = await startCore({ database: db.config, clock, log: silentLogger, scheduler: true });
    try {
      const raised: Alert[] = [];
      core.events.subscribe((name, payload) => name === 'alerts.raised' && raised.push(...(payload as AlertBatch).alerts));
      expect(raised).toEqual([]);
      expect((await core.dispatch('staff.list', {})).ok).toBe(true);
      await eventually(() => raised.length === 3, 15_000);
      expect(raised.every((a) => a.kind === 'response_warning' && a.missed)).toBe(true);
    } finally {
      await core.close();
    }
  });
});
