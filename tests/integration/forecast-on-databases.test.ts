import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardForecast } from '../../shared/forecast';
import type { QueueCase, StaffMember } from '../../shared/domain';
import { StaffAbsenceEntity } from '../../electron/core/db/availability-entities';
import { StaffEntity } from '../../electron/core/db/entities';
import { callAs, coreFixture, newCaseInput, refusalOf, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

const ZONE = 'America/Chicago';
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis();
const HOUR = 3_600_000;
const P2 = { priority: 2, priorityReason: 'A laptop down, no workaround' };

describe.each(DATABASE_KINDS)('the breach forecast read from %s', (kind) => {
  let f: CoreFixture;
  let boss: StaffMember;
  let alex: StaffMember;
  let jordan: StaffMember;
  let agent: StaffMember;
  const as = <T>(who: StaffMember, channel: string, input: unknown) => callAs<T>(f.core, who, channel, input);

  beforeEach(async () => {
    f = await coreFixture(kind);
    boss = await f.staff('supervisor', 'Dana Whitaker');
    alex = await f.staff('technician', 'Alex Kim');
    jordan = await f.staff('technician', 'Jordan Reyes');
    agent = await f.staff('agent', 'Maria Lopez');
  });
  afterEach(async () => {
    await f.dispose();
  });

  /** Six cases Alex worked one after another on Monday, each for exactly an hour: the typical handling time is an hour. */
  async function history(): Promise<void> {
    f.clock.set(at('2026-11-30T08:00'));
    for (let i = 0; i < 6; i++) {
      let c = await as<QueueCase>(boss, 'cases.create', newCaseInput({ summary: `Earlier case ${i}` }));
      [c] = (await as<QueueCase[]>(boss, 'cases.assign', { cases: [{ id: c.id, version: c.version }], assigneeId: alex.id })) as [QueueCase];
      c = await as<QueueCase>(alex, 'cases.transition', { id: c.id, version: c.version, action: 'acknowledge' });
      f.clock.advance(HOUR);
      await as<QueueCase>(alex, 'cases.transition', { id: c.id, version: c.version, action: 'resolve', notes: 'Fixed.' });
    }
  }

  it('learns handling times, reads hours, absences and open cases, and a committed move changes the forecast', async () => {
    await history();
    // Tuesday 2 PM: six new priority 2 cases for Alex, each to be acknowledged within 4 working hours (by Wednesday 8:00).
    f.clock.set(at('2026-12-01T14:00'));
    const mine: QueueCase[] = [];
    for (let i = 0; i < 6; i++) {
      let c = await as<QueueCase>(boss, 'cases.create', newCaseInput({ summary: `Laptop ${i} will not boot`, ...P2 }));
      [c] = (await as<QueueCase[]>(boss, 'cases.assign', { cases: [{ id: c.id, version: c.version }], assigneeId: alex.id })) as [QueueCase];
      mine.push(c);
    }
    // A case pending user response takes nobody's time.
    let paused = await as<QueueCase>(boss, 'cases.create', newCaseInput({ summary: 'Which room is the printer in?', ...P2 }));
    [paused] = (await as<QueueCase[]>(boss, 'cases.assign', { cases: [{ id: paused.id, version: paused.version }], assigneeId: alex.id })) as [QueueCase];
    paused = await as<QueueCase>(alex, 'cases.transition', { id: paused.id, version: paused.version, action: 'acknowledge' });
    await as<QueueCase>(alex, 'cases.transition', { id: paused.id, version: paused.version, action: 'pend', note: 'Asked which room' });
    // Jordan is at training until 4 PM; Alex works 7 to 5 (the desk's hours); a supervisor keeps half days.
    await f.core.dataSource.getRepository(StaffAbsenceEntity).insert({ staffId: jordan.id, kind: 'training', startsAt: at('2026-12-01T13:00'), endsAt: at('2026-12-01T16:00'), note: null, createdById: boss.id, createdAt: f.clock.now() });
    const halfDays = { mon: [{ open: '07:00', close: '12:00' }], tue: [{ open: '07:00', close: '12:00' }], wed: [{ open: '07:00', close: '12:00' }], thu: [], fri: [], sat: [], sun: [] };
    await f.core.dataSource.getRepository(StaffEntity).update({ id: boss.id }, { workingHours: JSON.stringify(halfDays) });
    f.core.events.publish('staff.changed', { staffId: boss.id });

    const board = await as<BoardForecast>(boss, 'forecast.board', {});
    expect(board.handling.resolvedCases).toBe(6);
    expect(board.horizonEnd).toBe(new Date(at('2026-12-02T17:00')).toISOString());
    const tech = (id: number) => board.technicians.find((t) => t.staffId === id);
    expect(tech(alex.id)).toMatchObject({ remainingMs: 13 * HOUR, committedMs: 6 * HOUR, openCases: 6 });
    expect(tech(jordan.id)).toMatchObject({ remainingMs: 11 * HOUR, openCases: 0 });
    expect(tech(boss.id)?.remainingMs).toBe(5 * HOUR);
    // Reached at 2, 3, 4 PM, then 7, 8 and 9 AM Wednesday: the sixth misses its 8:00 response target.
    const last = mine[5] as QueueCase;
    expect(board.cases.map((c) => [c.number, c.verdict, c.target, c.dueAt, c.day])).toEqual([[last.number, 'likely', 'response', new Date(at('2026-12-02T08:00')).toISOString(), 'next_business_day']]);
    expect(board.cases[0]?.reason).toContain('Alex Kim reaches it at Wed, Dec 2 9:00 AM after 5 earlier cases');
    expect(board.counts).toMatchObject({ likely: 1, notForecast: 1 });

    // Trying the sixth on Jordan (back from training at 4 PM): on track, nothing saved.
    const trial = await as<BoardForecast>(boss, 'forecast.board', { moves: [{ caseId: last.id, assigneeId: jordan.id }] });
    expect(trial.cases).toEqual([expect.objectContaining({ caseId: last.id, verdict: 'on_track', moved: true, assigneeId: jordan.id, reachAt: new Date(at('2026-12-01T16:00')).toISOString() })]);
    expect(trial.counts.likely).toBe(0);
    expect((await as<BoardForecast>(boss, 'forecast.board', {})).counts.likely).toBe(1);

    // Technicians read the forecast; agents do not; only supervisors commit.
    expect((await as<BoardForecast>(alex, 'forecast.board', {})).counts.likely).toBe(1);
    expect((await refusalOf(f.core, agent, 'forecast.board', {})).code).toBe('forbidden');
    const move = { caseId: last.id, version: last.version, assigneeId: jordan.id };
    expect((await refusalOf(f.core, alex, 'forecast.commit', { moves: [move], reason: 'Balancing' })).code).toBe('forbidden');
    expect(await refusalOf(f.core, boss, 'forecast.commit', { moves: [], reason: 'Balancing' })).toMatchObject({ code: 'invalid_input', field: 'moves' });
    expect(await refusalOf(f.core, boss, 'forecast.board', { moves: [{ caseId: 999_999, assigneeId: jordan.id }] })).toMatchObject({ code: 'invalid_input', field: 'moves.0.caseId' });

    // A stale version refuses the whole commit, and names the case.
    const other = mine[4] as QueueCase;
    await as(alex, 'cases.transition', { id: other.id, version: other.version, action: 'acknowledge' });
    const stale = await refusalOf(f.core, boss, 'forecast.commit', { moves: [move, { caseId: other.id, version: other.version, assigneeId: jordan.id }], reason: 'Balancing' });
    expect(stale.code).toBe('conflict');
    expect(stale.message).toContain(other.number);
    expect(stale.message).toContain('None of the moves was saved');
    expect((await as<QueueCase[]>(boss, 'queue.list', {})).find((c) => c.id === last.id)?.assigneeId).toBe(alex.id);

    const saved = await as<QueueCase[]>(boss, 'forecast.commit', { moves: [move], reason: 'Jordan is back at 4' });
    expect(saved.map((c) => [c.id, c.assigneeId])).toEqual([[last.id, jordan.id]]);
    const after = await as<BoardForecast>(boss, 'forecast.board', {});
    expect(after.counts.likely).toBe(0);
    expect(after.technicians.find((t) => t.staffId === jordan.id)?.openCases).toBe(1);
  });
});
