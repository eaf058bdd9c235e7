import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertBatch } from '../../shared/alerts';
import type { LiveStatus } from '../../shared/contract';
import { ManualClock } from '../../electron/core/clock';
import { startCore, type Core } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/log/logger';
import { SlaDesk } from '../../electron/core/sla-desk';
import { freshDatabase, type FreshDatabase } from '../support/databases';
import { MONDAY_MORNING, newCaseInput } from '../support/core-fixture';
import { TcpProxy } from '../support/tcp-proxy';

/** Waits until `predicate` holds for what a listener collected (events arrive asynchronously). */
async function eventually(predicate: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out waiting for a relayed event');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a team of consoles on one PostgreSQL database', () => {
  const cores: Core[] = [];
  let db: FreshDatabase | null = null;
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.close();
    await db?.dispose();
  });

  it('hears live, at every console, the changes made at another', async () => {
    db = await freshDatabase('postgres');
    const clock = new ManualClock(MONDAY_MORNING);
    const a = await startCore({ database: db.config, clock, log: () => undefined });
    const b = await startCore({ database: db.config, clock, log: () => undefined });
    cores.push(a, b);
    const heardByB: string[] = [];
    const heardByA: string[] = [];
    b.events.subscribe((name) => heardByB.push(name));
    a.events.subscribe((name) => heardByA.push(name));

    const agent = await a.services.staff.create({ name: 'Ann', role: 'agent' });
    const created = await a.dispatch('cases.create', newCaseInput(), { actorId: agent.id });
    expect(created.ok).toBe(true);
    await eventually(() => heardByB.includes('cases.changed') && heardByB.includes('staff.changed'));
    // A console hears its own change once: its local bus, not an echo from the database.
    expect(heardByA.filter((n) => n === 'cases.changed')).toHaveLength(1);
  });

  it('carries a large alert batch to the other consoles one alert at a time', async () => {
    db = await freshDatabase('postgres');
    const clock = new ManualClock(MONDAY_MORNING);
    const a = await startCore({ database: db.config, clock, log: () => undefined });
    const b = await startCore({ database: db.config, clock, log: () => undefined });
    cores.push(a, b);
    const received: AlertBatch[] = [];
    b.events.subscribe((name, payload) => name === 'alerts.raised' && received.push(payload as AlertBatch));
    const alert = (i: number) => ({
      id: i, caseId: i, caseNumber: `DW-${i}`, kind: 'response_breach' as const, recipientId: 1, dueAt: '', deliveredAt: '',
      title: 'x'.repeat(150), body: 'y'.repeat(150), missed: true, muted: false, sound: true, seenAt: null, dismissedAt: null,
    });
    a.events.publish('alerts.raised', { alerts: Array.from({ length: 40 }, (_, i) => alert(i + 1)), digests: [] });
    await eventually(() => received.flatMap((r) => r.alerts).length === 40);
  });

  it('reconnects after losing its LISTEN connection, says so to the console, and hears the others again', async () => {
    db = await freshDatabase('postgres');
    const clock = new ManualClock(MONDAY_MORNING);
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => warnings.push(message) };
    const relay = { retryMs: 50, maxRetryMs: 400 };
    const a = await startCore({ database: db.config, clock, log: silentLogger, relay });
    const b = await startCore({ database: db.config, clock, log: logger, relay });
    cores.push(a, b);
    const statusAtB: LiveStatus[] = [];
    const heardByB: string[] = [];
    b.events.subscribe((name, payload) => {
      if (name === 'live.status') statusAtB.push(payload as LiveStatus);
      else heardByB.push(name);
    });
    expect(b.liveStatus()).toEqual({ state: 'live' });

    // What a database restart does to every session: the server ends the relays' LISTEN connections.
    const admin = new pg.Client({ connectionString: (db.config as { url: string }).url });
    await admin.connect();
    try {
      const ended = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`);
      expect(ended.rowCount).toBe(2);
    } finally {
      await admin.end();
    }

    await eventually(() => statusAtB.some((s) => s.state === 'reconnecting'));
    await eventually(() => b.liveStatus().state === 'live' && statusAtB.at(-1)?.state === 'live');
    expect(statusAtB[0]).toMatchObject({ state: 'reconnecting', retryInMs: 50 });
    expect(warnings.some((w) => w.includes('event relay lost its connection'))).toBe(true);
    await eventually(() => a.liveStatus().state === 'live');

    const agent = await a.services.staff.create({ name: 'Ann', role: 'agent' });
    const created = await a.dispatch('cases.create', newCaseInput(), { actorId: agent.id });
    expect(created.ok).toBe(true);
    await eventually(() => heardByB.includes('cases.changed'));
  });

  it('reads the closures again when live updates come back: a snow day closed meanwhile at another console counts', async () => {
    db = await freshDatabase('postgres');
    const clock = new ManualClock(MONDAY_MORNING);
    const relay = { retryMs: 300, maxRetryMs: 600 };
    const slaAtB = new SlaDesk();
    const a = await startCore({ database: db.config, clock, log: silentLogger, relay });
    const b = await startCore({ database: db.config, clock, log: silentLogger, relay, sla: slaAtB });
    cores.push(a, b);
    const mondayMorning = Date.parse('2026-12-07T16:00:00Z'); // Monday 7 December, 10:00 in Chicago
    expect(slaAtB.isWithinBusinessHours(mondayMorning)).toBe(true);
    const supervisor = await a.services.staff.create({ name: 'Sue', role: 'supervisor' });

    // Only B's LISTEN connection goes: B cannot hear the closure A adds while it reconnects.
    const admin = new pg.Client({ connectionString: (db.config as { url: string }).url });
    await admin.connect();
    try {
      const listeners = await admin.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %' ORDER BY backend_start DESC LIMIT 1`);
      await admin.query('SELECT pg_terminate_backend($1)', [listeners.rows[0].pid]);
    } finally {
      await admin.end();
    }
    await eventually(() => b.liveStatus().state === 'reconnecting');
    const added = await a.dispatch('calendar.addClosure', { date: '2026-12-07', name: 'Snow day' }, { actorId: supervisor.id });
    expect(added.ok).toBe(true);
    await eventually(() => b.liveStatus().state === 'live');
    await eventually(() => !slaAtB.isWithinBusinessHours(mondayMorning));
  });

  it('keeps trying while the database refuses connections, then comes back live', async () => {
    db = await freshDatabase('postgres');
    const url = (db.config as { url: string }).url;
    const target = new URL(url);
    const proxy = await TcpProxy.start(target.hostname, Number(target.port));
    try {
      const clock = new ManualClock(MONDAY_MORNING);
      const a = await startCore({ database: db.config, clock, log: silentLogger });
      const b = await startCore({ database: { kind: 'postgres', url: proxy.urlFor(url) }, clock, log: silentLogger, relay: { retryMs: 50, maxRetryMs: 200 } });
      cores.push(a, b);
      const statusAtB: LiveStatus[] = [];
      const heardByB: string[] = [];
      b.events.subscribe((name, payload) => (name === 'live.status' ? statusAtB.push(payload as LiveStatus) : heardByB.push(name)));

      proxy.cut();
      // Several attempts fail while it is down, each waiting longer (up to the cap).
      await eventually(() => statusAtB.filter((s) => s.state === 'reconnecting').length >= 4);
      expect(statusAtB.slice(0, 4).map((s) => s.retryInMs)).toEqual([50, 100, 200, 200]);
      expect(b.liveStatus().state).toBe('reconnecting');
      proxy.restore();
      await eventually(() => statusAtB.at(-1)?.state === 'live');

      await a.services.staff.create({ name: 'Ann', role: 'agent' });
      await eventually(() => heardByB.includes('staff.changed'));
    } finally {
      for (const c of cores.splice(0)) await c.close();
      await proxy.close();
    }
  });
});
