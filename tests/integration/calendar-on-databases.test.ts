import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalendarClosures, IcsImportReport } from '../../shared/contract';
import type { QueueCase, StaffMember } from '../../shared/domain';
import { startCore } from '../../electron/core/core';
import { coreFixture, newCaseInput, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';
import { DISTRICT_ICS } from '../support/district-calendar';

const P2 = { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'stopped' } as const;

describe.each(DATABASE_KINDS)('district closures on %s', (kind) => {
  let f: CoreFixture;
  let agent: StaffMember;
  let supervisor: StaffMember;
  const as = (who: StaffMember) => async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await f.core.dispatch(channel, input, { actorId: who.id });
    if (!r.ok) throw Object.assign(new Error(r.error.message), { error: r.error });
    return r.value as T;
  };

  beforeEach(async () => {
    f = await coreFixture(kind);
    agent = await f.staff('agent');
    supervisor = await f.staff('supervisor');
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('a snow day stops business-time clocks of open cases, and removing it gives the time back', async () => {
    const c = await as(agent)<QueueCase>('cases.create', newCaseInput({ wizard: P2 })); // Monday 9:00
    expect(c.resolutionDueAt).toBe('2026-12-02T15:00:00.000Z'); // Wednesday 9:00
    const refused = await f.core.dispatch('calendar.addClosure', { date: '2026-12-01', name: 'Snow day' }, { actorId: agent.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const listed = await as(supervisor)<CalendarClosures>('calendar.addClosure', { date: '2026-12-01', name: 'Snow day' });
    expect(listed.closures).toEqual([{ date: '2026-12-01', name: 'Snow day', source: 'district' }]);
    const [moved] = await as(agent)<QueueCase[]>('queue.list', {});
    expect(moved).toMatchObject({ resolutionDueAt: '2026-12-03T15:00:00.000Z', sla: { resolution: { dueAt: '2026-12-03T15:00:00.000Z' } } });
    // The next case filed on the snow day's eve counts from Wednesday.
    await as(supervisor)('calendar.removeClosure', { date: '2026-12-01' });
    const [back] = await as(agent)<QueueCase[]>('queue.list', {});
    expect(back?.resolutionDueAt).toBe('2026-12-02T15:00:00.000Z');
    expect(back?.version).toBe(c.version);
  });

  it('saves a closure only together with every open deadline it moves: a failed recompute saves nothing', async () => {
    const c = await as(agent)<QueueCase>('cases.create', newCaseInput({ wizard: P2 })); // due Wednesday 9:00
    const db = f.core.dataSource;
    // The database refuses to store a moved deadline (as a full disk or a lost connection would, mid-way).
    if (kind === 'postgres') {
      await db.query(`CREATE FUNCTION refuse_deadline() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'deadline write refused'; END; $$ LANGUAGE plpgsql`);
      await db.query('CREATE TRIGGER refuse_deadline BEFORE UPDATE OF resolution_due_at ON help_case FOR EACH ROW EXECUTE FUNCTION refuse_deadline()');
    } else {
      await db.query(`CREATE TRIGGER refuse_deadline BEFORE UPDATE OF resolution_due_at ON help_case BEGIN SELECT RAISE(ABORT, 'deadline write refused'); END`);
    }
    const snowIcs = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:snow-1@cpsk12.org', 'DTSTART;VALUE=DATE:20261201', 'DTEND;VALUE=DATE:20261202', 'SUMMARY:Snow day', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    const attempts = [
      await f.core.dispatch('calendar.addClosure', { date: '2026-12-01', name: 'Snow day' }, { actorId: supervisor.id }),
      await f.core.dispatch('calendar.importIcs', { ics: snowIcs }, { actorId: supervisor.id }),
    ];
    for (const attempt of attempts) expect(attempt, JSON.stringify(attempt)).toMatchObject({ ok: false });
    expect((await as(agent)<CalendarClosures>('calendar.closures', {})).closures).toEqual([]);
    const [unchanged] = await as(agent)<QueueCase[]>('queue.list', {});
    expect(unchanged?.resolutionDueAt).toBe('2026-12-02T15:00:00.000Z');
    // The engine's calendar is back to what is stored: a new case is not counted around the unsaved snow day.
    const next = await as(agent)<QueueCase>('cases.create', newCaseInput({ wizard: P2, summary: 'Projector dead' }));
    expect(next.resolutionDueAt).toBe(c.resolutionDueAt);

    await db.query(kind === 'postgres' ? 'DROP TRIGGER refuse_deadline ON help_case' : 'DROP TRIGGER refuse_deadline');
    await as(supervisor)('calendar.addClosure', { date: '2026-12-01', name: 'Snow day' });
    if (kind === 'postgres') {
      await db.query('CREATE TRIGGER refuse_deadline BEFORE UPDATE OF resolution_due_at ON help_case FOR EACH ROW EXECUTE FUNCTION refuse_deadline()');
    } else {
      await db.query(`CREATE TRIGGER refuse_deadline BEFORE UPDATE OF resolution_due_at ON help_case BEGIN SELECT RAISE(ABORT, 'deadline write refused'); END`);
    }
    const removal = await f.core.dispatch('calendar.removeClosure', { date: '2026-12-01' }, { actorId: supervisor.id });
    expect(removal).toMatchObject({ ok: false });
    expect((await as(agent)<CalendarClosures>('calendar.closures', {})).closures.map((x) => x.date)).toEqual(['2026-12-01']);
    expect((await as(agent)<QueueCase[]>('queue.list', {})).map((x) => x.resolutionDueAt)).toEqual(['2026-12-03T15:00:00.000Z', '2026-12-03T15:00:00.000Z']);
  });

  it('two consoles closing the same day at once both succeed, and the day is closed once', async () => {
    const other = await startCore({ database: f.db.config, clock: f.clock, log: () => undefined });
    try {
      const otherSupervisor = await other.services.staff.create({ name: 'Second Supervisor', role: 'supervisor' });
      const snowIcs = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:snow-2@cpsk12.org', 'DTSTART;VALUE=DATE:20261201', 'DTEND;VALUE=DATE:20261202', 'SUMMARY:Snow day', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
      const results = await Promise.all([
        f.core.dispatch('calendar.addClosure', { date: '2026-12-01', name: 'Snow day' }, { actorId: supervisor.id }),
        other.dispatch('calendar.importIcs', { ics: snowIcs }, { actorId: otherSupervisor.id }),
      ]);
      for (const r of results) expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
      expect((await as(agent)<CalendarClosures>('calendar.closures', {})).closures.map((c) => c.date)).toEqual(['2026-12-01']);
    } finally {
      await other.close();
    }
    // Two SQLite connections in one process: the collision waits out the busy timeout (5 s).
  }, 30_000);

  it('keeps closures across a restart, and refuses an impossible date', async () => {
    await as(supervisor)('calendar.addClosure', { date: '2026-12-01', name: 'Snow day' });
    const core = await f.restart();
    const c = await core.dispatch('cases.create', newCaseInput({ wizard: P2 }), { actorId: agent.id });
    expect(c).toMatchObject({ ok: true, value: { resolutionDueAt: '2026-12-03T15:00:00.000Z' } });
    const bad = await core.dispatch('calendar.addClosure', { date: '2026-02-30', name: 'Nope' }, { actorId: supervisor.id });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'date' } });
  });

  it('imports the all-day events of a district calendar file, reporting timed ones, with a dry run first', async () => {
    const dry = await as(supervisor)<IcsImportReport>('calendar.importIcs', { ics: DISTRICT_ICS, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, added: [{ date: '2026-12-21' }, { date: '2026-12-22' }, { date: '2026-12-23' }], skipped: [{ summary: 'Early release' }] });
    expect((await as(agent)<CalendarClosures>('calendar.closures', {})).closures).toEqual([]);
    const done = await as(supervisor)<IcsImportReport>('calendar.importIcs', { ics: DISTRICT_ICS });
    expect(done.added.map((c) => c.name)).toEqual(['Winter break', 'Winter break', 'Winter break']);
    expect((await as(agent)<CalendarClosures>('calendar.closures', {})).closures.map((c) => c.source)).toEqual(['ics', 'ics', 'ics']);
    const again = await as(supervisor)<IcsImportReport>('calendar.importIcs', { ics: DISTRICT_ICS });
    expect(again).toMatchObject({ added: [], alreadyClosed: ['2026-12-21', '2026-12-22', '2026-12-23'] });
    const garbage = await f.core.dispatch('calendar.importIcs', { ics: 'hello' }, { actorId: supervisor.id });
    expect(garbage).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
