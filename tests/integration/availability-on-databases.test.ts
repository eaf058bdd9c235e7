/**
 * Staff availability through the contract on a real SQLite file and a real PostgreSQL database:
 * absences and presence at instants (the desk's zone, daylight saving time), working hours, the
 * on-call roster (overlap refused, hand-over, who is on call), skills, suggestions, a case's
 * difficulty, the away flag on the case and its queue row, and who may edit what.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onCallAt } from '../../electron/core/availability/on-call-roster';
import type { AssignmentSuggestions, PresenceBoard, RosterShift, StaffAbsence, StaffAvailabilityProfile } from '../../shared/availability';
import type { CaseDetail } from '../../shared/contract';
import type { QueueCase, StaffMember } from '../../shared/domain';
import { decodeQueueRow, type QueuePage } from '../../shared/queue-rows';
import { callAs, coreFixture, newCaseInput, refusalOf, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

/** Mon–Fri 7:00–11:00: a part-timer's mornings. */
const MORNINGS = { mon: [{ open: '07:00', close: '11:00' }], tue: [{ open: '07:00', close: '11:00' }], wed: [{ open: '07:00', close: '11:00' }], thu: [{ open: '07:00', close: '11:00' }], fri: [{ open: '07:00', close: '11:00' }], sat: [], sun: [] };

describe.each(DATABASE_KINDS)('staff availability on %s', (kind) => {
  let f: CoreFixture;
  let boss: StaffMember;
  let ann: StaffMember;
  let ben: StaffMember;
  let agent: StaffMember;
  let network: number;
  let printers: number;

  const as =
    (who: StaffMember) =>
    <T>(channel: string, input: unknown): Promise<T> =>
      callAs<T>(f.core, who, channel, input);
  const presenceOf = async (who: StaffMember) => (await as(boss)<PresenceBoard>('availability.now', {})).people.find((p) => p.staffId === who.id)!;

  beforeEach(async () => {
    f = await coreFixture(kind); // Monday 2026-11-30 09:00 in Chicago (CST, UTC−6)
    boss = await f.staff('supervisor', 'Sam Supervisor');
    ann = await f.staff('technician', 'Ann Ortiz');
    ben = await f.staff('technician', 'Ben Okafor');
    agent = await f.staff('agent', 'Ada Agent');
    const categories = ((await f.core.dataSource.query('SELECT id, name FROM category ORDER BY id')) as { id: number | string; name: string }[]).map((r) => Number(r.id));
    [network, printers] = categories as [number, number];
  }, 60_000);
  afterEach(async () => f.dispose());

  describe('absences and presence', () => {
    it('takes whole days in the desk zone and shows the person out until the midnight after the last day', async () => {
      const saved = await as(boss)<StaffAbsence>('availability.saveAbsence', { staffId: ann.id, kind: 'sick', fromDate: '2026-11-30', toDate: '2026-12-01' });
      expect(saved).toMatchObject({ startsAt: '2026-11-30T06:00:00.000Z', endsAt: '2026-12-02T06:00:00.000Z', staffName: 'Ann Ortiz', createdByName: 'Sam Supervisor' });
      expect(await presenceOf(ann)).toMatchObject({ state: 'out', away: { kind: 'sick', until: '2026-12-02T06:00:00.000Z' } });
      expect(await presenceOf(ben)).toMatchObject({ state: 'in', away: null });
      f.clock.set(Date.parse('2026-12-02T13:00:00Z')); // Wednesday 7:00: back
      expect((await presenceOf(ann)).state).toBe('in');
    });

    it('counts whole days across the change to daylight saving time (a 23-hour Sunday)', async () => {
      const saved = await as(boss)<StaffAbsence>('availability.saveAbsence', { staffId: ann.id, kind: 'vacation', fromDate: '2027-03-13', toDate: '2027-03-14' });
      expect(saved.startsAt).toBe('2027-03-13T06:00:00.000Z'); // CST midnight
      expect(saved.endsAt).toBe('2027-03-15T05:00:00.000Z'); // CDT midnight
    });

    it('joins back-to-back absences: out until the last one ends', async () => {
      await as(boss)('availability.saveAbsence', { staffId: ann.id, kind: 'sick', startsAt: '2026-11-30T13:00:00Z', endsAt: '2026-12-01T06:00:00Z' });
      await as(boss)('availability.saveAbsence', { staffId: ann.id, kind: 'vacation', startsAt: '2026-12-01T06:00:00Z', endsAt: '2026-12-05T06:00:00Z' });
      expect((await presenceOf(ann)).away).toEqual({ kind: 'sick', until: '2026-12-05T06:00:00.000Z' });
    });

    it('is off outside their own working hours, and says when they are back', async () => {
      await as(boss)('availability.setHours', { staffId: ben.id, workingHours: MORNINGS, pagerAddress: null });
      f.clock.set(Date.parse('2026-11-30T18:00:00Z')); // Monday noon
      expect(await presenceOf(ben)).toMatchObject({ state: 'off', backAt: '2026-12-01T13:00:00.000Z' });
      expect((await presenceOf(ann)).state).toBe('in'); // desk hours until 17:00
      f.clock.set(Date.parse('2026-11-30T23:30:00Z')); // 17:30
      expect((await presenceOf(ann)).state).toBe('off');
    });

    it('refuses a bad absence naming the field', async () => {
      expect(await refusalOf(f.core, boss, 'availability.saveAbsence', { staffId: ann.id, kind: 'sick', startsAt: '2026-12-01T13:00:00Z', endsAt: '2026-12-01T12:00:00Z' })).toMatchObject({ code: 'invalid_input', field: 'endsAt' });
      expect(await refusalOf(f.core, boss, 'availability.saveAbsence', { staffId: ann.id, kind: 'holiday', fromDate: '2026-12-01', toDate: '2026-12-01' })).toMatchObject({ code: 'invalid_input', field: 'kind' });
      expect(await refusalOf(f.core, boss, 'availability.saveAbsence', { staffId: ann.id, kind: 'sick', fromDate: '2026-12-01' })).toMatchObject({ code: 'invalid_input' });
      expect(await refusalOf(f.core, boss, 'availability.saveAbsence', { staffId: ann.id, kind: 'sick', fromDate: '2026-12-03', toDate: '2026-12-01' })).toMatchObject({ code: 'invalid_input', field: 'toDate' });
      expect(await refusalOf(f.core, boss, 'availability.saveAbsence', { staffId: ann.id, kind: 'sick', fromDate: '2026-01-01', toDate: '2026-12-31' })).toMatchObject({ code: 'invalid_input', field: 'toDate' });
    });
  });

  describe('who may edit', () => {
    it('lets anyone record their own absence, and only a supervisor someone else’s', async () => {
      const own = await as(agent)<StaffAbsence>('availability.saveAbsence', { staffId: agent.id, kind: 'training', fromDate: '2026-12-03', toDate: '2026-12-03' });
      expect(own.staffName).toBe('Ada Agent');
      expect(await refusalOf(f.core, agent, 'availability.saveAbsence', { staffId: ann.id, kind: 'sick', fromDate: '2026-12-03', toDate: '2026-12-03' })).toMatchObject({ code: 'forbidden' });
      const anns = await as(ann)<StaffAbsence>('availability.saveAbsence', { staffId: ann.id, kind: 'sick', fromDate: '2026-12-03', toDate: '2026-12-03' });
      expect(await refusalOf(f.core, agent, 'availability.deleteAbsence', { id: anns.id })).toMatchObject({ code: 'forbidden' });
      expect(await refusalOf(f.core, agent, 'availability.saveAbsence', { id: anns.id, staffId: agent.id, kind: 'sick', fromDate: '2026-12-03', toDate: '2026-12-03' })).toMatchObject({ code: 'forbidden' });
      await as(boss)('availability.deleteAbsence', { id: anns.id });
      await as(agent)('availability.deleteAbsence', { id: own.id });
      expect(await as(boss)<StaffAbsence[]>('availability.absences', {})).toEqual([]);
      expect(await refusalOf(f.core, ann, 'availability.saveShift', { staffId: ann.id, startsAt: '2026-12-07T13:00:00Z', endsAt: '2026-12-14T13:00:00Z' })).toMatchObject({ code: 'forbidden' });
      expect(await refusalOf(f.core, ann, 'availability.setHours', { staffId: ann.id, workingHours: null, pagerAddress: null })).toMatchObject({ code: 'forbidden' });
    });
  });

  describe('working hours, pager and skills', () => {
    it('validates hours with the SLA calendar’s rules and audits the change', async () => {
      const bad = { ...MORNINGS, tue: [{ open: '11:00', close: '07:00' }] };
      expect(await refusalOf(f.core, boss, 'availability.setHours', { staffId: ben.id, workingHours: bad, pagerAddress: null })).toMatchObject({ code: 'invalid_input', field: 'workingHours.tue[0]' });
      expect(await refusalOf(f.core, boss, 'availability.setHours', { staffId: ben.id, workingHours: { ...MORNINGS, mon: [{ open: '7am', close: '11:00' }] }, pagerAddress: null })).toMatchObject({ code: 'invalid_input', field: 'workingHours.mon[0].open' });
      expect(await refusalOf(f.core, boss, 'availability.setHours', { staffId: ben.id, workingHours: null, pagerAddress: 'not a pager' })).toMatchObject({ code: 'invalid_input', field: 'pagerAddress' });
      const saved = await as(boss)<StaffAvailabilityProfile>('availability.setHours', { staffId: ben.id, workingHours: MORNINGS, pagerAddress: '5735550101@txt.example.net' });
      expect(saved).toMatchObject({ workingHours: MORNINGS, pagerAddress: '5735550101@txt.example.net' });
      const audit = await as(boss)<{ change: string; after: Record<string, unknown> | null }[]>('staff.audit', { staffId: ben.id });
      expect(audit[0]).toMatchObject({ change: 'updated', after: { pagerAddress: '5735550101@txt.example.net' } });
    });

    it('refuses a skill without a subject, a level out of range, an unknown category or the same subject twice', async () => {
      const set = (skills: unknown[]) => refusalOf(f.core, boss, 'availability.setSkills', { staffId: ann.id, skills });
      expect(await set([{ level: 2 }])).toMatchObject({ code: 'invalid_input' });
      expect(await set([{ categoryId: network, level: 4 }])).toMatchObject({ code: 'invalid_input', field: 'skills.0.level' });
      expect(await set([{ categoryId: 999_999, level: 1 }])).toMatchObject({ code: 'invalid_input', field: 'skills.0.categoryId' });
      expect(await set([{ system: 'Infinite Campus', level: 1 }, { system: 'infinite campus', level: 2 }])).toMatchObject({ code: 'invalid_input', field: 'skills.1' });
      const saved = await as(boss)<StaffAvailabilityProfile>('availability.setSkills', { staffId: ann.id, skills: [{ categoryId: network, level: 3 }, { system: 'Infinite Campus', level: 2 }] });
      expect(saved.skills).toEqual([
        expect.objectContaining({ categoryId: network, level: 3, system: null }),
        expect.objectContaining({ categoryId: null, system: 'Infinite Campus', level: 2 }),
      ]);
    });
  });

  describe('the on-call roster', () => {
    const week = (staffId: number, start: string, end: string, extra: Record<string, unknown> = {}) => as(boss)<RosterShift>('availability.saveShift', { staffId, startsAt: start, endsAt: end, ...extra });

    it('refuses an overlapping shift naming startsAt, unless it is a deliberate second line', async () => {
      await week(ann.id, '2026-11-30T13:00:00Z', '2026-12-07T13:00:00Z');
      const refused = await refusalOf(f.core, boss, 'availability.saveShift', { staffId: ben.id, startsAt: '2026-12-06T13:00:00Z', endsAt: '2026-12-14T13:00:00Z' });
      expect(refused).toMatchObject({ code: 'invalid_input', field: 'startsAt' });
      expect(refused.message).toContain('Ann Ortiz is on call');
      const second = await week(ben.id, '2026-12-06T13:00:00Z', '2026-12-14T13:00:00Z', { secondLine: true });
      expect(second.staffName).toBe('Ben Okafor');
      // The same person twice, never.
      expect(await refusalOf(f.core, boss, 'availability.saveShift', { staffId: ann.id, startsAt: '2026-12-01T13:00:00Z', endsAt: '2026-12-02T13:00:00Z', secondLine: true })).toMatchObject({ code: 'invalid_input', field: 'startsAt' });
      // Touching shifts do not overlap.
      await week(ann.id, '2026-12-14T13:00:00Z', '2026-12-21T13:00:00Z');
    });

    it('shows who hands over to whom, and lets the person on call (or a supervisor) write the note', async () => {
      const first = await week(ann.id, '2026-11-30T13:00:00Z', '2026-12-07T13:00:00Z');
      await week(ben.id, '2026-12-07T13:00:00Z', '2026-12-14T13:00:00Z');
      expect(await refusalOf(f.core, ben, 'availability.handover', { shiftId: first.id, note: 'x' })).toMatchObject({ code: 'forbidden' });
      await as(ann)('availability.handover', { shiftId: first.id, note: 'Hickman core switch flaps; vendor ticket 4411.' });
      const roster = await as(ben)<RosterShift[]>('availability.roster', { from: '2026-11-30T06:00:00Z', to: '2026-12-14T06:00:00Z' });
      expect(roster.map((s) => s.staffName)).toEqual(['Ann Ortiz', 'Ben Okafor']);
      expect(roster[0]).toMatchObject({ handoverNote: 'Hickman core switch flaps; vendor ticket 4411.', handsOverTo: { staffId: ben.id, staffName: 'Ben Okafor', at: '2026-12-07T13:00:00.000Z' } });
      expect(roster[1]!.handsOverTo).toBeNull();
    });

    it('says who is on call at an instant, flags one who is away, and shows on call in presence', async () => {
      await as(boss)('availability.setHours', { staffId: ann.id, workingHours: null, pagerAddress: '5735550101@txt.example.net' });
      await week(ann.id, '2026-11-30T13:00:00Z', '2026-12-07T13:00:00Z');
      const now = f.clock.now();
      expect(await onCallAt(f.core.dataSource.manager, now)).toEqual([expect.objectContaining({ staffId: ann.id, pagerAddress: '5735550101@txt.example.net', away: false, shiftEndsAt: Date.parse('2026-12-07T13:00:00Z') })]);
      expect(await presenceOf(ann)).toMatchObject({ onCall: true, onCallUntil: '2026-12-07T13:00:00.000Z' });
      expect((await presenceOf(ben)).onCall).toBe(false);
      await as(boss)('availability.saveAbsence', { staffId: ann.id, kind: 'sick', fromDate: '2026-11-30', toDate: '2026-11-30' });
      expect((await onCallAt(f.core.dataSource.manager, now))[0]!.away).toBe(true);
      expect(await onCallAt(f.core.dataSource.manager, Date.parse('2026-12-07T13:00:00Z'))).toEqual([]);
    });
  });

  describe('suggestions and the away flag', () => {
    const newCase = async (over: Record<string, unknown> = {}) => as(boss)<QueueCase>('cases.create', newCaseInput({ categoryId: network, summary: 'Switch down in room 12', ...over }));

    it('ranks a skilled, in, lightly loaded technician above an away one, and below-level skill lower', async () => {
      const carl = await f.staff('technician', 'Carl Diaz');
      await as(boss)('availability.setSkills', { staffId: ann.id, skills: [{ categoryId: network, level: 3 }] });
      await as(boss)('availability.setSkills', { staffId: ben.id, skills: [{ categoryId: network, level: 3 }] });
      await as(boss)('availability.setSkills', { staffId: carl.id, skills: [{ categoryId: network, level: 1 }] });
      await as(boss)('availability.saveAbsence', { staffId: ben.id, kind: 'vacation', fromDate: '2026-11-30', toDate: '2026-12-04' });
      const c = await newCase();
      const hard = await as(ann)<QueueCase>('cases.setDifficulty', { id: c.id, version: c.version, difficulty: 3 });
      expect(hard.version).toBe(c.version + 1);
      const s = await as(ann)<AssignmentSuggestions>('availability.suggest', { caseId: c.id });
      expect(s.difficulty).toBe(3);
      expect(s.suggestions.map((x) => x.name)).toEqual(['Ann Ortiz', 'Carl Diaz', 'Ben Okafor']);
      expect(s.suggestions[0]!.reasons).toContain('In now');
      expect(s.suggestions[0]!.reasons.some((r) => r.includes('Skilled in'))).toBe(true);
      expect(s.suggestions[1]!.reasons.some((r) => r.includes('above their level'))).toBe(true);
      expect(s.suggestions[2]!.reasons.some((r) => r.startsWith('Out: Vacation until'))).toBe(true);
      // Load counts: three priority 2 cases lower Ann's score.
      for (let i = 0; i < 3; i++) {
        const busy = await newCase({ categoryId: printers, summary: `Printer ${i}`, wizard: undefined, priority: 2, priorityReason: 'test' });
        await as(boss)('cases.assign', { cases: [{ id: busy.id, version: busy.version }], assigneeId: ann.id });
      }
      const loaded = await as(ann)<AssignmentSuggestions>('availability.suggest', { caseId: c.id });
      const annNow = loaded.suggestions.find((x) => x.staffId === ann.id)!;
      expect(annNow.reasons).toContain('3 open cases (3 priority 2)');
      expect(annNow.score).toBeLessThan(s.suggestions[0]!.score);
      expect(await refusalOf(f.core, agent, 'availability.suggest', { caseId: c.id })).toMatchObject({ code: 'forbidden' });
    });

    it('refuses a stale difficulty change and a level out of range', async () => {
      const c = await newCase();
      await as(ann)('cases.setDifficulty', { id: c.id, version: c.version, difficulty: 2 });
      expect(await refusalOf(f.core, ann, 'cases.setDifficulty', { id: c.id, version: c.version, difficulty: 1 })).toMatchObject({ code: 'conflict', field: 'version' });
      expect(await refusalOf(f.core, ann, 'cases.setDifficulty', { id: c.id, version: c.version + 1, difficulty: 5 })).toMatchObject({ code: 'invalid_input', field: 'difficulty' });
      expect((await as(ann)<CaseDetail>('cases.get', { id: c.id })).difficulty).toBe(2);
    });

    it('flags a case whose assignee becomes absent, on the case and its queue row (as a change)', async () => {
      const c = await newCase();
      await as(boss)('cases.assign', { cases: [{ id: c.id, version: c.version }], assigneeId: ann.id });
      const before = await as(boss)<QueuePage>('queue.rows', {});
      expect(decodeQueueRow(before.rows[0]!).assigneeAway ?? null).toBeNull();
      expect((await as(boss)<CaseDetail>('cases.get', { id: c.id })).assigneeAway ?? null).toBeNull();

      await as(ann)('availability.saveAbsence', { staffId: ann.id, kind: 'sick', startsAt: '2026-11-30T16:00:00Z', endsAt: '2026-12-01T23:00:00Z' });
      // Not yet: the absence starts at 10:00.
      expect((await as(boss)<CaseDetail>('cases.get', { id: c.id })).assigneeAway ?? null).toBeNull();
      const early = await as(boss)<QueuePage>('queue.changes', { since: before.cursor });
      expect(early.rows).toEqual([]);

      f.clock.set(Date.parse('2026-11-30T16:30:00Z'));
      const flag = { kind: 'sick', until: '2026-12-01T23:00:00.000Z' };
      expect((await as(boss)<CaseDetail>('cases.get', { id: c.id })).assigneeAway).toEqual(flag);
      const delta = await as(boss)<QueuePage>('queue.changes', { since: before.cursor });
      expect(delta.full).toBe(false);
      expect(delta.rows.map(decodeQueueRow).map((r) => [r.id, r.assigneeAway ?? null])).toEqual([[c.id, flag]]);

      // Reassigned to someone present: the flag goes.
      const now = (await as(boss)<CaseDetail>('cases.get', { id: c.id })).case;
      await as(boss)('cases.assign', { cases: [{ id: c.id, version: now.version }], assigneeId: ben.id, reason: 'Ann is out' });
      const after = await as(boss)<QueuePage>('queue.changes', { since: delta.cursor });
      expect(decodeQueueRow(after.rows[0]!).assigneeAway ?? null).toBeNull();

      // Deleting an absence clears the flag at once (the event, not the clock).
      await as(boss)('cases.assign', { cases: [{ id: c.id, version: now.version + 1 }], assigneeId: ann.id, reason: 'back' });
      const absences = await as(boss)<StaffAbsence[]>('availability.absences', { staffId: ann.id });
      expect(decodeQueueRow((await as(boss)<QueuePage>('queue.rows', {})).rows[0]!).assigneeAway).toEqual(flag);
      await as(boss)('availability.deleteAbsence', { id: absences[0]!.id });
      expect(decodeQueueRow((await as(boss)<QueuePage>('queue.rows', {})).rows[0]!).assigneeAway ?? null).toBeNull();
    });
  });
});

