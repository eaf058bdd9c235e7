/**
 * The core reads what changed in the queue once per change and sends it to every console as
 * `queue.changed` (the answer `queue.changes` since `from` would give), so a district server's
 * consoles need not each ask for the same delta. The event names the core's own ledger: it is
 * never relayed to another server.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../electron/core/clock';
import { startCore, type Core } from '../../electron/core/core';
import type { EventPayload } from '../../shared/contract';
import type { QueueCase, StaffMember } from '../../shared/domain';
import { decodeQueueRow, type QueuePage } from '../../shared/queue-rows';
import { coreFixture, MONDAY_MORNING, newCaseInput, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS, freshDatabase, type FreshDatabase } from '../support/databases';

type Delta = EventPayload<'queue.changed'>;

/** Every `queue.changed` the core publishes on its bus, in order. */
function deltasOf(core: Core): Delta[] {
  const seen: Delta[] = [];
  core.events.subscribe((name, payload) => {
    if (name === 'queue.changed') seen.push(payload as Delta);
  });
  return seen;
}

const call = (core: Core, who: StaffMember) => async <T>(channel: string, input: unknown): Promise<T> => {
  const r = await core.dispatch(channel, input, { actorId: who.id });
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

const summaries = (page: QueuePage) => page.rows.map(decodeQueueRow).map((r): [number, string] => [r.id, r.summary]);

describe.each(DATABASE_KINDS)('the queue’s deltas pushed to the consoles on %s', (kind) => {
  let f: CoreFixture;
  let tech: StaffMember;

  beforeEach(async () => {
    f = await coreFixture(kind);
    tech = await f.staff('technician', 'Ann Ortiz');
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('publishes, after a case changes, exactly what queue.changes since the earlier cursor answers', async () => {
    const as = call(f.core, tech);
    const filed = await as<QueueCase>('cases.create', newCaseInput());
    await as<QueuePage>('queue.rows', {});
    const seen = deltasOf(f.core);

    await as('cases.update', { id: filed.id, version: filed.version, summary: 'Printer jams on tray 2' });
    await vi.waitFor(() => expect(seen.some((d) => summaries(d.page).some(([id, s]) => id === filed.id && s === 'Printer jams on tray 2'))).toBe(true));

    const delta = seen.find((d) => summaries(d.page).some(([id]) => id === filed.id)) as Delta;
    expect(delta.page.full).toBe(false);
    expect(delta.page.total).toBe(1);
    expect(delta.page.cursor).not.toBe(delta.from);
    // Nothing changed since: the answer to the same question is the same page.
    expect(await as<QueuePage>('queue.changes', { since: delta.from })).toEqual(delta.page);
    // A case that closes leaves the queue: the delta names it as removed.
    const current = (await as<{ case: QueueCase }>('cases.get', { id: filed.id })).case;
    await as('cases.transition', { id: filed.id, version: current.version, action: 'resolve', notes: 'Tray cleaned' });
    await vi.waitFor(() => expect(seen.some((d) => d.page.removed.includes(filed.id))).toBe(true));
  });

  it('folds a burst of edits into a few deltas, each following on from the one before', async () => {
    const as = call(f.core, tech);
    const filed: QueueCase[] = [];
    for (let i = 0; i < 12; i += 1) filed.push(await as<QueueCase>('cases.create', newCaseInput({ summary: `Case ${i}` })));
    const start = await as<QueuePage>('queue.rows', {});
    const seen = deltasOf(f.core);

    await Promise.all(filed.map((c, i) => as('cases.update', { id: c.id, version: c.version, summary: `Edited ${i}` })));
    const now = await as<QueuePage>('queue.changes', { since: start.cursor });
    expect(now.rows).toHaveLength(12);
    // The last delta reaches the ledger's cursor of now.
    await vi.waitFor(() => expect(seen.at(-1)?.page.cursor).toBe(now.cursor));

    expect(seen.length).toBeLessThan(filed.length);
    // A console that takes each delta in turn has every edit without asking.
    for (const [i, d] of seen.entries()) if (i > 0) expect(d.from).toBe(seen[i - 1]?.page.cursor);
    const edited = new Map(seen.flatMap((d) => summaries(d.page)));
    for (const [i, c] of filed.entries()) expect(edited.get(c.id)).toBe(`Edited ${i}`);
  });

  it('publishes the deadlines a calendar change moved', async () => {
    const as = call(f.core, tech);
    await as<QueueCase>('cases.create', newCaseInput());
    const before = await as<QueuePage>('queue.rows', {});
    const seen = deltasOf(f.core);
    const supervisor = await f.staff('supervisor', 'Sue Lead');
    // Tomorrow closed: the resolution deadline moves a business day later.
    await call(f.core, supervisor)('calendar.addClosure', { date: '2026-12-01', name: 'Snow day' });

    await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0));
    const delta = seen.at(-1) as Delta;
    const [moved] = delta.page.rows.map(decodeQueueRow);
    const [was] = before.rows.map(decodeQueueRow);
    expect(moved?.id).toBe(was?.id);
    expect(moved?.sla.resolution.dueAt).not.toBe(was?.sla.resolution.dueAt);
  });
});

describe('two cores on one PostgreSQL database', () => {
  let db: FreshDatabase;
  let a: Core;
  let b: Core;
  beforeEach(async () => {
    db = await freshDatabase('postgres');
    const clock = new ManualClock(MONDAY_MORNING);
    const start = () => startCore({ database: db.config, clock, log: () => undefined });
    a = await start();
    b = await start();
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await db.dispose();
  });

  it('the core hearing a relayed change publishes its own delta; no delta crosses to the other core', async () => {
    const tech = await a.services.staff.create({ name: 'Tom Tech', role: 'technician' });
    const atA = call(a, tech);
    const atB = call(b, tech);
    const filed = await atA<QueueCase>('cases.create', newCaseInput());
    const ledgerOf = async (ask: typeof atA) => (await ask<QueuePage>('queue.rows', {})).cursor.split('.')[0];
    const ledgerA = await ledgerOf(atA);
    const ledgerB = await ledgerOf(atB);
    expect(ledgerA).not.toBe(ledgerB);
    const seenA = deltasOf(a);
    const seenB = deltasOf(b);
    const heardB: number[] = [];
    a.events.subscribe((name, payload) => {
      if (name === 'cases.changed') heardB.push((payload as EventPayload<'cases.changed'>).version);
    });

    // Changed at A: B hears `cases.changed` through PostgreSQL and reads its own ledger.
    await atA('cases.update', { id: filed.id, version: filed.version, summary: 'Changed at the other server' });
    await vi.waitFor(() => expect(seenB.some((d) => summaries(d.page).some(([, s]) => s === 'Changed at the other server'))).toBe(true), { timeout: 5_000 });
    const delta = seenB.find((d) => summaries(d.page).length > 0) as Delta;
    expect(delta.from.split('.')[0]).toBe(ledgerB);
    expect(await atB<QueuePage>('queue.changes', { since: delta.from })).toEqual(delta.page);

    // A change made at B after its delta: once A hears it, anything B relayed before has arrived too.
    const current = (await atB<{ case: QueueCase }>('cases.get', { id: filed.id })).case;
    await atB('cases.update', { id: filed.id, version: current.version, summary: 'Changed at B' });
    await vi.waitFor(() => expect(heardB).toContain(current.version + 1), { timeout: 5_000 });
    expect(seenA.length).toBeGreaterThan(0);
    for (const d of seenA) expect(d.from.split('.')[0]).toBe(ledgerA);
    for (const d of seenB) expect(d.from.split('.')[0]).toBe(ledgerB);
  });
});
