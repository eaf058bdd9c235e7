import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCore, type Core } from '../../electron/core/core';
import { compileFilter } from '../../renderer/src/lib/queue-filter';
import { byNextBreach, displayTarget } from '../../renderer/src/lib/sla-display';
import { useQueueStore } from '../../renderer/src/stores/queue-store';
import type { DirectoryLists } from '../../shared/contract';
import type { QueueCase, QueueFilter, QueueRow, StaffMember } from '../../shared/domain';
import { decodeQueueRow, type QueuePage } from '../../shared/queue-rows';
import { coreFixture, newCaseInput, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';
import { realConsole, type RealConsole } from '../support/real-core-console';

/**
 * Every field the queue grid, its filters, its order and the workload board read from a row
 * (QueueGrid.vue, lib/queue-filter.ts, lib/sla-display.ts, views/board). Taking one out of the
 * lean row makes the first test below fail.
 */
const ROW_FIELDS_USED = [
  'id',
  'number',
  'version',
  'priority',
  'status',
  'callerName',
  'summary',
  'buildingId',
  'buildingName',
  'categoryId',
  'assigneeId',
  'assigneeName',
  'sla.response.dueAt',
  'sla.response.warnAt',
  'sla.response.state',
  'sla.resolution.dueAt',
  'sla.resolution.warnAt',
  'sla.resolution.state',
  'sla.nextDueAt',
  'sla.paused',
] as const;

const at = (value: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], value);

describe.each(DATABASE_KINDS)('the queue as lean rows and deltas on %s', (kind) => {
  let f: CoreFixture;
  let tech: StaffMember;
  let other: StaffMember;
  const as = (who: StaffMember, core?: Core) => async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await (core ?? f.core).dispatch(channel, input, { actorId: who.id });
    if (!r.ok) throw Object.assign(new Error(r.error.message), { error: r.error });
    return r.value as T;
  };

  beforeEach(async () => {
    f = await coreFixture(kind);
    tech = await f.staff('technician', 'Ann Ortiz');
    other = await f.staff('technician', 'Ben Yu');
  });
  afterEach(async () => {
    await f.dispose();
  });

  async function fileCases(): Promise<QueueCase[]> {
    const lists = await as(tech)<DirectoryLists>('directory.lists', {});
    const building = lists.buildings[0];
    const category = lists.categories[0];
    const filed: QueueCase[] = [];
    filed.push(await as(tech)<QueueCase>('cases.create', newCaseInput({ callerName: 'Lee Chan', buildingId: building?.id, categoryId: category?.id, room: '114' })));
    filed.push(await as(tech)<QueueCase>('cases.create', newCaseInput({ summary: 'Projector has no signal', wizard: { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'stopped' } })));
    filed.push(await as(tech)<QueueCase>('cases.create', newCaseInput({ summary: 'Door badge reader offline', priority: 2, priorityReason: 'Building entrance locked out' })));
    const [first] = await as(tech)<QueueCase[]>('cases.assign', { cases: [{ id: filed[0]?.id, version: filed[0]?.version }], assigneeId: tech.id });
    filed[0] = first as QueueCase;
    await as(tech)('cases.transition', { id: filed[1]?.id, version: filed[1]?.version, action: 'acknowledge' });
    return filed;
  }

  it('carries every field the grid, the filters and the order use, as the full case has them', async () => {
    await fileCases();
    const full = await as(tech)<QueueCase[]>('queue.list', {});
    const page = await as(tech)<QueuePage>('queue.rows', {});
    const rows = page.rows.map(decodeQueueRow);

    expect(page.full).toBe(true);
    expect(rows.map((r) => r.id)).toEqual(full.map((c) => c.id));
    for (const [i, row] of rows.entries()) {
      const c = full[i] as QueueCase;
      for (const path of ROW_FIELDS_USED) {
        expect(at(row, path), `${path} of ${c.number}`).not.toBeUndefined();
        expect(at(row, path), `${path} of ${c.number}`).toEqual(at(c, path));
      }
    }
    // Far lighter than the full cases: no description, audit trail or names of fields.
    expect(JSON.stringify(page).length).toBeLessThan(JSON.stringify(full).length / 2);

    // The grid and the filters answer the same over the rows as over the full cases.
    const now = f.clock.now();
    const filters: QueueFilter[] = [
      { mine: true },
      { unassigned: true },
      { priorities: [2] },
      { statuses: ['acknowledged'] },
      { buildingIds: [rows.find((r) => r.buildingId !== null)?.buildingId ?? 0] },
      { categoryIds: [rows.find((r) => r.categoryId !== null)?.categoryId ?? 0] },
      { text: 'lee chan' },
      { text: 'DW-' },
      { risk: 'at_risk_or_breached' },
    ];
    for (const filter of filters) {
      const ctx = { meId: tech.id, now: now + 5 * 3_600_000 };
      const ids = (list: readonly QueueRow[]) => list.filter(compileFilter(filter, ctx)).map((c) => c.id);
      expect(ids(rows), JSON.stringify(filter)).toEqual(ids(full));
    }
    for (const [i, row] of rows.entries()) {
      const c = full[i] as QueueCase;
      expect(displayTarget(row.sla.response, now)).toEqual(displayTarget(c.sla.response, now));
      expect(displayTarget(row.sla.resolution, now + 30 * 3_600_000)).toEqual(displayTarget(c.sla.resolution, now + 30 * 3_600_000));
    }
    expect([...rows].sort(byNextBreach).map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });

  it('answers only what changed since a cursor: changed rows, new cases, closed ids', async () => {
    const [, b, c] = await fileCases();
    const first = await as(tech)<QueuePage>('queue.rows', {});
    const quiet = await as(tech)<QueuePage>('queue.changes', { since: first.cursor });
    expect(quiet).toEqual({ cursor: first.cursor, full: false, rows: [], removed: [], total: 3 });

    const [moved] = await as(other)<QueueCase[]>('cases.assign', { cases: [{ id: c?.id, version: c?.version }], assigneeId: other.id });
    const current = (await as(tech)<{ case: QueueCase }>('cases.get', { id: b?.id })).case;
    await as(other)('cases.transition', { id: b?.id, version: current.version, action: 'resolve', notes: 'Cable reseated' });
    const added = await as(other)<QueueCase>('cases.create', newCaseInput({ summary: 'Laptop will not boot' }));

    const delta = await as(tech)<QueuePage>('queue.changes', { since: first.cursor });
    expect(delta.full).toBe(false);
    expect(delta.removed).toEqual([b?.id]);
    expect(delta.rows.map(decodeQueueRow).map((r) => [r.id, r.version, r.assigneeName])).toEqual(
      expect.arrayContaining([
        [moved?.id, moved?.version, 'Ben Yu'],
        [added.id, added.version, null],
      ]),
    );
    expect(delta.rows).toHaveLength(2);
    expect(delta.total).toBe(3);
    expect(await as(tech)<QueuePage>('queue.changes', { since: delta.cursor })).toMatchObject({ full: false, rows: [], removed: [] });
  });

  it('gives the whole queue for a cursor it cannot answer from (another core, a restart)', async () => {
    await fileCases();
    const first = await as(tech)<QueuePage>('queue.rows', {});
    await f.restart();
    const after = await as(tech)<QueuePage>('queue.changes', { since: first.cursor });
    expect(after.full).toBe(true);
    expect(after.rows).toEqual(first.rows);
    expect(await as(tech)<QueuePage>('queue.changes', { since: 'not a cursor' })).toMatchObject({ full: true });
    const head = await as(tech)<QueuePage>('queue.rows', { limit: 2 });
    expect(head).toMatchObject({ full: true, total: 3, rows: first.rows.slice(0, 2) });
    const refused = await f.core.dispatch('queue.changes', { since: 7 }, { actorId: tech.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await f.core.dispatch('queue.rows', { limit: 0 }, { actorId: tech.id })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('sees what another process committed to the same database, though it heard no event of it', async () => {
    const [a] = await fileCases();
    const first = await as(tech)<QueuePage>('queue.rows', {});
    // On SQLite no event crosses between processes; on PostgreSQL the queue is read every time anyway.
    const elsewhere = await startCore({ database: f.db.config, clock: f.clock, log: () => undefined });
    try {
      await as(other, elsewhere)('cases.update', { id: a?.id, version: a?.version, summary: 'Changed by the other process' });
      const delta = await as(tech)<QueuePage>('queue.changes', { since: first.cursor });
      expect(delta.rows.map(decodeQueueRow).map((r) => [r.id, r.summary])).toEqual([[a?.id, 'Changed by the other process']]);
      const list = await as(tech)<QueueCase[]>('queue.list', {});
      expect(list.find((c) => c.id === a?.id)?.summary).toBe('Changed by the other process');
    } finally {
      await elsewhere.close();
    }
  });

  describe('in the console', () => {
    let second: Core;
    let desk: RealConsole;
    let stop: (() => void) | null = null;

    beforeEach(async () => {
      // On PostgreSQL the change is made through another core (another console's server), so it
      // reaches this one by LISTEN/NOTIFY.
      second = kind === 'postgres' ? await startCore({ database: f.db.config, clock: f.clock, log: () => undefined }) : f.core;
    });
    afterEach(async () => {
      stop?.();
      desk?.api.close();
      if (second !== f.core) await second.close();
    });

    it('after the first read, a change made elsewhere reaches the queue as a delta, never as a second full read', async () => {
      const [a] = await fileCases();
      desk = await realConsole(f.core, tech.id);
      const calls = vi.spyOn(desk.api, 'invoke');
      const queue = useQueueStore();
      stop = queue.follow();
      // The most urgent rows, then the whole queue.
      await vi.waitFor(() => expect(calls.mock.calls.filter(([channel]) => channel === 'queue.rows')).toHaveLength(2));
      await vi.waitFor(() => expect(queue.loadCount).toBe(2));
      expect(queue.cases).toHaveLength(3);

      await as(other, second)('cases.update', { id: a?.id, version: a?.version, summary: 'Printer offline in room 114' });
      await vi.waitFor(() => expect(queue.byId.get(a?.id ?? 0)?.summary).toBe('Printer offline in room 114'), { timeout: 5_000 });

      const channels = calls.mock.calls.map(([channel]) => channel);
      expect(channels.filter((c) => c === 'queue.rows')).toHaveLength(2);
      // The core pushed the delta (`queue.changed`): the console did not have to ask for it.
      expect(channels).not.toContain('queue.changes');
      expect(channels).not.toContain('queue.list');
      expect(channels).not.toContain('cases.get');
    });
  });
});
