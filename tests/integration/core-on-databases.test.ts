import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/channel-names';
import { contract } from '../../shared/contract';
import { coreFixture, newCaseInput, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

async function rowCounts(f: CoreFixture): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['staff_member', 'caller', 'help_case', 'case_event']) {
    const rows: { n: string | number }[] = await f.core.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
    counts[table] = Number(rows[0]?.n);
  }
  return counts;
}

describe.each(DATABASE_KINDS)('core on %s', (kind) => {
  let f: CoreFixture;
  beforeEach(async () => {
    f = await coreFixture(kind);
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('creates a case with its audit event, and keeps it across a restart', async () => {
    const agent = await f.staff('agent', 'Ann Agent');
    const created = await f.core.dispatch('cases.create', newCaseInput({ callerName: 'Bob Teacher', summary: 'Projector dark in room 12' }), { actorId: agent.id });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const value = created.value as { id: number; number: string; status: string; version: number };
    expect(value).toMatchObject({ status: 'new', version: 1 });
    expect(value.number).toBe(`DW-${String(value.id).padStart(6, '0')}`);

    const core = await f.restart();
    const listed = await core.dispatch('cases.list', {}, { actorId: agent.id });
    expect(listed).toMatchObject({ ok: true, value: [{ id: value.id, callerName: 'Bob Teacher', summary: 'Projector dark in room 12' }] });
    const detail = await core.dispatch('cases.get', { id: value.id }, { actorId: agent.id });
    expect(detail).toMatchObject({ ok: true, value: { events: [{ kind: 'created', actorId: agent.id, actorName: 'Ann Agent' }] } });
  });

  it('files a later case against the directory caller chosen by id, never a duplicate', async () => {
    const agent = await f.staff('agent');
    const first = await f.core.dispatch('cases.create', newCaseInput({ callerName: 'Dana Office', summary: 'Printer jam' }), { actorId: agent.id });
    if (!first.ok) throw new Error(first.error.message);
    const callerId = (first.value as { callerId: number }).callerId;
    const second = await f.core.dispatch('cases.create', newCaseInput({ callerName: undefined, callerId, summary: 'Toner low' }), { actorId: agent.id });
    expect(second).toMatchObject({ ok: true, value: { callerId, callerName: 'Dana Office' } });
    expect((await rowCounts(f)).caller).toBe(1);
  });

  it('refuses to change or delete an audit event', async () => {
    const agent = await f.staff('agent');
    await f.core.dispatch('cases.create', newCaseInput({ callerName: 'Eve', summary: 'Login fails' }), { actorId: agent.id });
    await expect(f.core.dataSource.query(`UPDATE case_event SET reason = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(f.core.dataSource.query(`DELETE FROM case_event`)).rejects.toThrow(/append-only/);
    expect((await rowCounts(f)).case_event).toBe(1);
  });

  it('asks who is at the console before a staff-only call, and refuses inactive profiles', async () => {
    const noActor = await f.core.dispatch('cases.list', {});
    expect(noActor).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const unknown = await f.core.dispatch('cases.list', {}, { actorId: 999 });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: 'No staff member has id 999' } });
    const tech = await f.staff('technician');
    await f.core.dataSource.query(`UPDATE staff_member SET active = ${kind === 'postgres' ? 'false' : '0'} WHERE id = ${tech.id}`);
    expect(await f.core.dispatch('cases.list', {}, { actorId: tech.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('rejects a malformed payload on every channel, naming the field, and writes nothing', async () => {
    const agent = await f.staff('supervisor');
    const before = await rowCounts(f);
    const malformed: unknown[] = [42, 'text', [], { __bogus__: true }];
    for (const channel of CHANNEL_NAMES) {
      for (const payload of malformed) {
        const result = await f.core.dispatch(channel, payload, { actorId: agent.id });
        expect(result.ok, `${channel} accepted ${JSON.stringify(payload)}`).toBe(false);
        if (result.ok) continue;
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.field, `${channel} with ${JSON.stringify(payload)}`).toMatch(/^(input|__bogus__|[a-zA-Z.]+)$/);
        // In words a desk user reads (the field's label), never its key in front.
        expect(result.error.message.length).toBeGreaterThan(0);
        expect(result.error.message).not.toMatch(/^[a-z][a-zA-Z.]*: /);
      }
    }
    expect(await rowCounts(f)).toEqual(before);
    expect(Object.keys(contract).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('names the offending field and its problem', async () => {
    const agent = await f.staff('agent');
    const blank = await f.core.dispatch('cases.create', newCaseInput({ callerName: 'Al', summary: '   ' }), { actorId: agent.id });
    expect(blank).toEqual({ ok: false, error: { code: 'invalid_input', field: 'summary', message: 'Summary is required' } });
    const priority = await f.core.dispatch('cases.create', newCaseInput({ callerName: 'Al', summary: 'x', priority: 9 }), { actorId: agent.id });
    expect(priority).toMatchObject({ ok: false, error: { field: 'priority', message: 'Priority must be 1, 2, 3, 4 or 5' } });
    const badCaller = await f.core.dispatch('cases.list', {}, { actorId: 'me' as unknown as number });
    expect(badCaller).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'caller.actorId' } });
    expect(await f.core.dispatch('cases.nope', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('publishes cases.changed only after the case is committed', async () => {
    const agent = await f.staff('agent');
    const heard: unknown[] = [];
    // The queue's own delta (queue.changed) may follow; this test is about cases.changed.
    f.core.events.subscribe((name, payload) => {
      if (name === 'cases.changed') heard.push({ name, payload });
    });
    await f.core.dispatch('cases.create', newCaseInput({ callerName: 'Fay', summary: 'Wi-Fi drops' }), { actorId: agent.id });
    await f.core.dispatch('cases.create', newCaseInput({ callerName: 'Fay', summary: '' }), { actorId: agent.id });
    expect(heard).toEqual([{ name: 'cases.changed', payload: { caseId: expect.any(Number), version: 1, change: 'created' } }]);
  });
});
