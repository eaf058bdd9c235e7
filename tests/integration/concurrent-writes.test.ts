/**
 * Several people at one core at once is the normal case. Every write below is started before any
 * finishes (`Promise.all`), on both databases: none may fail, none may be lost.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/contract';
import type { QueueCase, StaffMember } from '../../shared/domain';
import { CaseEntity } from '../../electron/core/db/entities';
import { writeTransaction } from '../../electron/core/db/write-transaction';
import { coreFixture, newCaseInput, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

describe.each(DATABASE_KINDS)('concurrent writes on %s', (kind) => {
  let f: CoreFixture;
  let agent: StaffMember;
  let tech: StaffMember;
  let supervisor: StaffMember;

  const call = async <T>(who: StaffMember, channel: string, input: unknown): Promise<T> => {
    const r = await f.core.dispatch(channel, input, { actorId: who.id });
    if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };

  beforeEach(async () => {
    f = await coreFixture(kind);
    agent = await f.staff('agent', 'Ann Agent');
    tech = await f.staff('technician', 'Tom Tech');
    supervisor = await f.staff('supervisor', 'Sue Supervisor');
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('runs creates, transitions, notes, assignments, callers, views, closures and scheduler wakes side by side with no error and no lost update', async () => {
    const seeded = await Promise.all(Array.from({ length: 12 }, (_, i) => call<QueueCase>(agent, 'cases.create', newCaseInput({ summary: `Seeded case ${i}` }))));
    await f.core.services.scheduler.start();

    const work: Array<Promise<unknown>> = [];
    for (let i = 0; i < 20; i++) work.push(call(agent, 'cases.create', newCaseInput({ summary: `Concurrent case ${i}` })));
    for (const c of seeded.slice(0, 6)) work.push(call(tech, 'cases.transition', { id: c.id, version: c.version, action: 'acknowledge' }));
    for (const c of seeded) for (let n = 0; n < 3; n++) work.push(call(tech, 'cases.addNote', { id: c.id, note: `Note ${n} on ${c.id}` }));
    work.push(call(supervisor, 'cases.assign', { cases: seeded.slice(6).map((c) => ({ id: c.id, version: c.version })), assigneeId: tech.id }));
    for (let i = 0; i < 8; i++) work.push(call(agent, 'callers.create', { name: `Caller ${i}`, email: `caller${i}@district.example` }));
    for (let i = 0; i < 4; i++) work.push(call(tech, 'views.save', { name: `View ${i}`, filter: {} }));
    work.push(call(supervisor, 'calendar.addClosure', { date: '2026-12-07', name: 'Snow day' }));
    for (let i = 0; i < 5; i++) work.push(f.core.services.scheduler.wake());

    const settled = await Promise.allSettled(work);
    const failures = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => String(s.reason));
    expect(failures).toEqual([]);

    const cases = await f.core.dataSource.getRepository(CaseEntity).count();
    expect(cases).toBe(12 + 20);
    for (const c of seeded) {
      const detail = await call<CaseDetail>(tech, 'cases.get', { id: c.id });
      expect(detail.events.filter((e) => e.kind === 'note')).toHaveLength(3);
    }
    const acknowledged = await Promise.all(seeded.slice(0, 6).map((c) => call<CaseDetail>(tech, 'cases.get', { id: c.id })));
    expect(acknowledged.map((d) => d.case.status)).toEqual(Array(6).fill('acknowledged'));
    const assigned = await Promise.all(seeded.slice(6).map((c) => call<CaseDetail>(tech, 'cases.get', { id: c.id })));
    expect(assigned.map((d) => d.case.assigneeId)).toEqual(Array(6).fill(tech.id));
    expect(await call<unknown[]>(tech, 'views.list', {})).toHaveLength(4);
  });

  it('never interleaves two transactions on one connection: a rolled-back write takes nothing of another with it', async () => {
    const repo = () => f.core.dataSource.getRepository(CaseEntity);
    const c = await call<QueueCase>(agent, 'cases.create', newCaseInput());
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // A writes, then waits while B starts and commits; then A fails and rolls back.
    const a = writeTransaction(f.core.dataSource, async (m) => {
      await m.getRepository(CaseEntity).update({ id: c.id }, { room: 'A was here' });
      await held;
      throw new Error('A gives up');
    });
    const b = writeTransaction(f.core.dataSource, (m) => m.getRepository(CaseEntity).update({ id: c.id }, { assetTag: 'B-committed' }));
    // Give B every chance to run inside A's transaction if the gate did not hold it back.
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await expect(a).rejects.toThrow('A gives up');
    await b;
    const row = await repo().findOneByOrFail({ id: c.id });
    expect(row.room).not.toBe('A was here');
    expect(row.assetTag).toBe('B-committed');
  });

  it('a write inside a write joins it instead of waiting for itself', async () => {
    const c = await call<QueueCase>(agent, 'cases.create', newCaseInput());
    await writeTransaction(f.core.dataSource, async (m) => {
      await m.getRepository(CaseEntity).update({ id: c.id }, { room: 'outer' });
      await writeTransaction(f.core.dataSource, (inner) => inner.getRepository(CaseEntity).update({ id: c.id }, { assetTag: 'inner' }));
    });
    expect(await f.core.dataSource.getRepository(CaseEntity).findOneByOrFail({ id: c.id })).toMatchObject({ room: 'outer', assetTag: 'inner' });
  });
});
