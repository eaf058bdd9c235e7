import { afterEach, describe, expect, it } from 'vitest';
import type { AlertBatch } from '../../shared/alerts';
import { ManualClock } from '../../electron/core/clock';
import { startCore, type Core } from '../../electron/core/core';
import { freshDatabase, type FreshDatabase } from '../support/databases';
import { MONDAY_MORNING, newCaseInput } from '../support/core-fixture';

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
});
