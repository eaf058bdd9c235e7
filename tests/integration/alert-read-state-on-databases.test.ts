import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/alerts';
import type { LastStaff } from '../../shared/contract';
import type { StaffMember } from '../../shared/domain';
import { coreFixture, newCaseInput, RecordingTimers, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

const P1 = { securityOrSafety: true, missionCritical: false, affected: 'one', workEffect: 'stopped' } as const;

/** Seen and dismissed alerts, and who sat at the console last, are kept by the core: a new browser or a restart knows them. */
describe.each(DATABASE_KINDS)('alert read state and the console’s last person on %s', (kind) => {
  let f: CoreFixture;
  let agent: StaffMember;
  let tom: StaffMember;
  let tia: StaffMember;
  const call = async <T>(channel: string, input: unknown, actorId?: number): Promise<T> => {
    const result = await f.core.dispatch(channel, input, actorId === undefined ? {} : { actorId });
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  const list = (who: StaffMember) => call<Alert[]>('alerts.list', {}, who.id);

  beforeEach(async () => {
    f = await coreFixture(kind, { timers: new RecordingTimers() });
    agent = await f.staff('agent', 'Ann Agent');
    tom = await f.staff('technician', 'Tom Tech');
    tia = await f.staff('technician', 'Tia Tech');
    await f.core.services.scheduler.start();
    for (const summary of ['Fire alarm panel offline', 'Phones down at Battle']) {
      await call('cases.create', newCaseInput({ wizard: P1, onCallNotified: true, summary }), agent.id);
    }
    await f.core.services.scheduler.wake();
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('lists a new alert as neither seen nor dismissed', async () => {
    const alerts = await list(tom);
    expect(alerts).toHaveLength(2);
    for (const alert of alerts) expect(alert).toMatchObject({ seenAt: null, dismissedAt: null });
  });

  it('keeps what a person saw and dismissed across a restart, for that person only', async () => {
    const [second, first] = await list(tom);
    const seenAt = new Date(f.clock.now()).toISOString();
    const marked = await call<Alert[]>('alerts.markSeen', { ids: [first!.id, second!.id] }, tom.id);
    expect(marked.map((a) => [a.id, a.seenAt, a.dismissedAt])).toEqual([
      [first!.id, seenAt, null],
      [second!.id, seenAt, null],
    ]);
    f.clock.advance(60_000);
    const dismissed = await call<Alert[]>('alerts.dismiss', { ids: [second!.id] }, tom.id);
    expect(dismissed).toEqual([expect.objectContaining({ id: second!.id, seenAt, dismissedAt: new Date(f.clock.now()).toISOString() })]);

    await f.restart();
    const after = await list(tom);
    expect(after.map((a) => [a.id, a.seenAt !== null, a.dismissedAt !== null])).toEqual([
      [second!.id, true, true],
      [first!.id, true, false],
    ]);
    // Tia's pages are hers: Tom's marks do not touch them, and Tom cannot mark them.
    const tias = await list(tia);
    expect(tias.every((a) => a.seenAt === null)).toBe(true);
    expect(await call<Alert[]>('alerts.markSeen', { ids: tias.map((a) => a.id) }, tom.id)).toEqual([]);
    expect((await list(tia)).every((a) => a.seenAt === null)).toBe(true);
  });

  it('tells the person’s other consoles what was seen', async () => {
    const heard: unknown[] = [];
    f.core.events.subscribe((name, payload) => name === 'alerts.read' && heard.push(payload));
    const [alert] = await list(tom);
    await call('alerts.dismiss', { ids: [alert!.id] }, tom.id);
    expect(heard).toEqual([{ recipientId: tom.id, alerts: [expect.objectContaining({ id: alert!.id, dismissedAt: expect.any(String) })] }]);
  });

  it('tells of a large dismissal in events small enough for a PostgreSQL notification', async () => {
    const [first] = await list(tom);
    const rows = Array.from({ length: 120 }, (_, i) => ({
      caseId: first!.caseId, kind: 'response_warning', recipientId: tom.id, dueAt: f.clock.now() - (i + 1) * 60_000,
      deliveredAt: f.clock.now(), missed: false, superseded: false, title: 'x'.repeat(150), body: 'y'.repeat(400),
    }));
    await f.core.services.scheduler.ledger.record(rows);
    const ids = (await f.core.dispatch('alerts.list', { limit: 200 }, { actorId: tom.id })) as { ok: true; value: Alert[] };
    const heard: string[] = [];
    f.core.events.subscribe((name, payload) => name === 'alerts.read' && heard.push(JSON.stringify(payload)));
    const dismissed = await call<Alert[]>('alerts.dismiss', { ids: ids.value.map((a) => a.id) }, tom.id);
    expect(dismissed).toHaveLength(122);
    expect(heard).toHaveLength(3);
    for (const event of heard) expect(event.length).toBeLessThan(7_000);
  });

  it('refuses an empty or oversized list of ids, naming the field', async () => {
    const empty = await f.core.dispatch('alerts.markSeen', { ids: [] }, { actorId: tom.id });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'ids' } });
    const many = await f.core.dispatch('alerts.dismiss', { ids: Array.from({ length: 501 }, (_, i) => i + 1) }, { actorId: tom.id });
    expect(many).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'ids' } });
  });

  it('remembers who sat at a standalone console last, across a restart; on a team’s shared database, nobody', async () => {
    if (kind === 'postgres') {
      // The last person chosen at one console of a team is not the person at another.
      expect(await call<LastStaff>('console.rememberStaff', { staffId: tom.id })).toEqual({ staffId: null });
      expect(await call<LastStaff>('console.lastStaff', {})).toEqual({ staffId: null });
      return;
    }
    expect(await call<LastStaff>('console.lastStaff', {})).toEqual({ staffId: null });
    expect(await call<LastStaff>('console.rememberStaff', { staffId: tom.id })).toEqual({ staffId: tom.id });
    await f.restart();
    expect(await call<LastStaff>('console.lastStaff', {})).toEqual({ staffId: tom.id });
    await call('console.rememberStaff', { staffId: null });
    expect(await call<LastStaff>('console.lastStaff', {})).toEqual({ staffId: null });
    const unknown = await f.core.dispatch('console.rememberStaff', { staffId: 999_999 }, {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', field: 'staffId' } });
  });
});
