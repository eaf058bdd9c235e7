/**
 * Two consoles on one PostgreSQL database, each with its own SLA scheduler, while people edit
 * the same cases: scheduler wakes, bulk assignments in opposite orders and single-case edits run
 * at once. No deadlock (or any other error) may reach a user, nothing may be lost, and every
 * alert is delivered exactly once across both consoles.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert, AlertBatch } from '../../shared/alerts';
import type { QueueCase, StaffMember } from '../../shared/domain';
import { ManualClock } from '../../electron/core/clock';
import { startCore, type Core } from '../../electron/core/core';
import { CaseEntity } from '../../electron/core/db/entities';
import { MONDAY_MORNING, newCaseInput, RecordingTimers } from '../support/core-fixture';
import { freshDatabase, type FreshDatabase } from '../support/databases';

const HOUR = 3600_000;
/** Priority 2: response due 4 business hours after a Monday 9:00 call. */
const STOPPED = { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'stopped' } as const;
const CASES = 120;
const EDITORS = 8;
const EDITS = 10;

describe('two consoles on one PostgreSQL database', () => {
  let db: FreshDatabase;
  let clock: ManualClock;
  let a: Core;
  let b: Core;
  beforeEach(async () => {
    db = await freshDatabase('postgres');
    clock = new ManualClock(MONDAY_MORNING);
    const start = () => startCore({ database: db.config, clock, log: () => undefined, timers: new RecordingTimers() });
    a = await start();
    b = await start();
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await db.dispose();
  });

  it('scheduler wakes on both consoles, bulk assignments and edits at once: no error, nothing lost, each alert once', { timeout: 180_000 }, async () => {
    const agent = await a.services.staff.create({ name: 'Ann Agent', role: 'agent' });
    const tech = await a.services.staff.create({ name: 'Tom Tech', role: 'technician' });
    const supervisor = await a.services.staff.create({ name: 'Sue Supervisor', role: 'supervisor' });
    const call = async <T>(core: Core, who: StaffMember, channel: string, input: unknown): Promise<T> => {
      const r = await core.dispatch(channel, input, { actorId: who.id });
      if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
      return r.value as T;
    };
    const cases: QueueCase[] = [];
    for (let i = 0; i < CASES; i++) cases.push(await call<QueueCase>(a, agent, 'cases.create', newCaseInput({ summary: `Case ${i}`, wizard: STOPPED })));
    // What each console's scheduler itself delivered (the relay also shows it on the other console's bus).
    const delivered: Alert[] = [];
    const wake = async (core: Core) => delivered.push(...(await core.services.scheduler.wake()).delivered);
    const onBus: Alert[] = [];
    a.events.subscribe((name, payload) => name === 'alerts.raised' && onBus.push(...(payload as AlertBatch).alerts));
    await Promise.all([a.services.scheduler.start(), b.services.scheduler.start()]);
    // Monday 4 PM: every case's response target has breached.
    clock.advance(7 * HOUR);

    const editors = Array.from({ length: EDITORS }, async (_, e) => {
      const core = e % 2 ? a : b;
      const mine = cases.filter((_, i) => i % EDITORS === e);
      for (let i = 0; i < EDITS; i++) {
        const target = mine[i % mine.length]!;
        // A supervisor's bulk assignment may move the case meanwhile: read again and redo, as a person would.
        for (let attempt = 0; ; attempt++) {
          const fresh = await call<{ case: QueueCase }>(core, tech, 'cases.get', { id: target.id });
          const r = await core.dispatch('cases.update', { id: target.id, version: fresh.case.version, room: `R${e}-${i}` }, { actorId: tech.id });
          if (r.ok) break;
          if (r.error.code !== 'conflict' || attempt > 5) throw new Error(`cases.update: ${r.error.code}: ${r.error.message}`);
        }
        await call(core, tech, 'cases.addNote', { id: target.id, note: `note ${e}-${i}` });
      }
    });
    const bulk = [0, 1].map(async (k) => {
      const core = k ? a : b;
      for (let round = 0; round < 4; round++) {
        const picked = cases.filter((_, i) => i % 4 === round);
        const ordered = k ? picked : [...picked].reverse();
        // Versions move under other people's edits: a conflict is the honest answer, never a deadlock.
        const refs = await Promise.all(ordered.map(async (c) => ({ id: c.id, version: (await call<{ case: QueueCase }>(core, supervisor, 'cases.get', { id: c.id })).case.version })));
        const r = await core.dispatch('cases.assign', { cases: refs, assigneeId: tech.id }, { actorId: supervisor.id });
        if (!r.ok && r.error.code !== 'conflict') throw new Error(`cases.assign: ${r.error.code}: ${r.error.message}`);
      }
    });
    const wakes = [a, b].map(async (core) => {
      for (let i = 0; i < 6; i++) await wake(core);
    });
    await Promise.all([...editors, ...bulk, ...wakes]);
    // Whatever is still due is taken by one more wake on each.
    await wake(a);
    await wake(b);

    // Every alert one console delivered reached the other console's bus through the relay, once.
    expect(onBus.length).toBe(delivered.length);
    const keys = delivered.map((x) => `${x.caseId}:${x.kind}:${x.recipientId}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(delivered.filter((x) => x.kind === 'response_breach').length).toBeGreaterThanOrEqual(CASES);
    const notes = await a.dataSource.query(`SELECT count(*)::int AS n FROM case_event WHERE kind = 'note'`);
    expect(notes[0].n).toBe(EDITORS * EDITS);
    const due = await a.dataSource.getRepository(CaseEntity).count({ where: {} });
    expect(due).toBe(CASES);
  });
});
