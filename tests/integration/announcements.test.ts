import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseEntity } from '../../electron/core/db/entities';
import { DomainError } from '../../electron/core/errors';
import type { Announcement, OutageResolution } from '../../shared/announcements';
import type { EventPayload } from '../../shared/contract';
import type { QueueCase, StaffMember } from '../../shared/domain';
import type { ContractError } from '../../shared/result';
import { callAs, coreFixture, newCaseInput, refusalOf, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

/** Saturday 2026-12-05, 8 a.m. in Chicago (CST): the next maintenance period after the fixture's Monday morning. */
const SATURDAY_8AM = '2026-12-05T14:00:00.000Z';
/** Wednesday 2026-12-09, 2 p.m. in Chicago: outside the maintenance window. */
const WEDNESDAY_2PM = '2026-12-09T20:00:00.000Z';

describe.each(DATABASE_KINDS)('announcements on %s', (kind) => {
  let f: CoreFixture;
  let supervisor: StaffMember;
  let technician: StaffMember;
  let agent: StaffMember;
  let buildings: number[];
  let categories: number[];
  let heard: EventPayload<'announcements.changed'>[];

  const as =
    (who: StaffMember) =>
    <T>(channel: string, input: unknown): Promise<T> =>
      callAs<T>(f.core, who, channel, input);
  const refused = (who: StaffMember, channel: string, input: unknown): Promise<ContractError> => refusalOf(f.core, who, channel, input);
  const draft = (over: Record<string, unknown> = {}) => ({
    kind: 'planned_maintenance',
    title: 'Email server patches',
    description: 'Monthly patches; email unavailable meanwhile.',
    affectedServices: ['Email', 'Webmail'],
    buildingIds: [],
    startAt: SATURDAY_8AM,
    expectedMinutes: 120,
    ...over,
  });
  const save = (over: Record<string, unknown> = {}) => as(supervisor)<Announcement>('announcements.save', draft(over));
  const publish = (a: Announcement, extra: Record<string, unknown> = {}) => as(supervisor)<Announcement>('announcements.publish', { id: a.id, version: a.version, ...extra });
  const caseRow = async (id: number) => f.core.dataSource.getRepository(CaseEntity).findOneByOrFail({ id });

  beforeEach(async () => {
    f = await coreFixture(kind);
    supervisor = await f.staff('supervisor', 'Sam Supervisor');
    technician = await f.staff('technician', 'Tia Tech');
    agent = await f.staff('agent', 'Ann Agent');
    const ids = async (table: string) => ((await f.core.dataSource.query(`SELECT id FROM ${table} ORDER BY id`)) as { id: number | string }[]).map((r) => Number(r.id));
    buildings = await ids('building');
    categories = await ids('category');
    heard = [];
    f.core.events.subscribe((name, payload) => {
      if (name === 'announcements.changed') heard.push(payload as EventPayload<'announcements.changed'>);
    });
  }, 60_000);
  afterEach(async () => f.dispose());

  describe('the maintenance window', () => {
    it('publishes planned maintenance inside it, unflagged', async () => {
      const published = await publish(await save());
      expect(published).toMatchObject({ state: 'published', outsideWindow: false, outsideWindowReason: null, lateNotice: false, authorName: 'Sam Supervisor' });
      expect(published.expectedEndAt).toBe('2026-12-05T16:00:00.000Z');
    });

    it('refuses to publish outside it without a reason, and publishes it flagged with one', async () => {
      const outside = await save({ startAt: WEDNESDAY_2PM });
      expect(outside.outsideWindow).toBe(true);
      const error = await refused(supervisor, 'announcements.publish', { id: outside.id, version: outside.version });
      expect(error).toMatchObject({ code: 'invalid_input', field: 'outsideWindowReason' });
      expect((await as(supervisor)<Announcement>('announcements.get', { id: outside.id })).state).toBe('draft');
      const published = await publish(outside, { outsideWindowReason: 'The vendor can only come on Wednesday' });
      expect(published).toMatchObject({ state: 'published', outsideWindow: true, outsideWindowReason: 'The vendor can only come on Wednesday' });
    });

    it('counts the window in desk time across the change to daylight saving time', async () => {
      f.clock.set(Date.parse('2027-03-01T15:00:00Z'));
      // 13:00Z is 7 a.m. on Saturday March 13 (CST) but 8 a.m. on Saturday March 20 (CDT, after March 14).
      const before = await save({ startAt: '2027-03-13T13:00:00.000Z', expectedMinutes: 60 });
      const after = await save({ startAt: '2027-03-20T13:00:00.000Z', expectedMinutes: 240 });
      expect(before.outsideWindow).toBe(true);
      expect(after.outsideWindow).toBe(false);
      expect((await refused(supervisor, 'announcements.publish', { id: before.id, version: before.version })).field).toBe('outsideWindowReason');
      expect((await publish(after)).outsideWindow).toBe(false);
    });
  });

  describe('advance notice', () => {
    it('flags planned work published after its deadline (three business days by default, configurable)', async () => {
      const early = await save();
      expect(early.noticeDeadline).toBe('2026-12-02T13:00:00.000Z'); // Wednesday 7 a.m.
      expect((await publish(early)).lateNotice).toBe(false);
      f.clock.set(Date.parse('2026-12-03T15:00:00Z')); // Thursday 9 a.m.
      expect((await publish(await save({ title: 'Late patches' }))).lateNotice).toBe(true);
      await as(supervisor)('announcements.saveSettings', { noticeBusinessDays: 1 });
      expect(await as(agent)('announcements.settings', {})).toEqual({ noticeBusinessDays: 1, distributionList: null });
      expect((await publish(await save({ title: 'Patches, one day ahead' }))).lateNotice).toBe(false);
      expect((await refused(agent, 'announcements.saveSettings', { noticeBusinessDays: 2 })).code).toBe('forbidden');
    });

    it('reminds the author of a draft whose notice deadline has passed, until it is published', async () => {
      const pending = await save();
      await publish(await save({ title: 'Already published' }));
      await save({ kind: 'unplanned_outage', title: 'An outage draft' });
      expect(await f.core.services.announcements.dueReminders()).toEqual([]);
      f.clock.set(Date.parse('2026-12-02T13:00:00Z'));
      const reminders = await f.core.services.announcements.dueReminders();
      expect(reminders).toEqual([{ announcementId: pending.id, authorId: supervisor.id, title: 'Email server patches', startAt: SATURDAY_8AM, noticeDeadline: '2026-12-02T13:00:00.000Z' }]);
      await publish(pending);
      expect(await f.core.services.announcements.dueReminders()).toEqual([]);
    });
  });

  describe('who may do what', () => {
    it('agents read published announcements and match outages; only supervisors write, publish and close', async () => {
      const a = await save();
      expect((await refused(agent, 'announcements.save', draft())).code).toBe('forbidden');
      expect((await refused(agent, 'announcements.publish', { id: a.id, version: a.version })).code).toBe('forbidden');
      expect((await refused(technician, 'announcements.publish', { id: a.id, version: a.version })).code).toBe('forbidden');
      expect((await refused(agent, 'announcements.get', { id: a.id })).code).toBe('not_found');
      expect(await as(agent)<Announcement[]>('announcements.list', { scope: 'all' })).toEqual([]);
      expect((await as(technician)<Announcement[]>('announcements.list', { scope: 'all' })).map((x) => x.id)).toEqual([a.id]);
      const published = await publish(a);
      expect((await as(agent)<Announcement>('announcements.get', { id: a.id })).state).toBe('published');
      expect((await refused(agent, 'announcements.addUpdate', { id: a.id, text: 'Running late' })).code).toBe('forbidden');
      const updated = await as(technician)<Announcement>('announcements.addUpdate', { id: a.id, text: 'Running 30 minutes late' });
      expect(updated.updates).toMatchObject([{ text: 'Running 30 minutes late', authorName: 'Tia Tech' }]);
      expect((await refused(agent, 'announcements.close', { id: a.id, version: updated.version })).code).toBe('forbidden');
      expect((await as(supervisor)<Announcement>('announcements.close', { id: a.id, version: updated.version })).state).toBe('closed');
      expect((await refused(technician, 'announcements.addUpdate', { id: a.id, text: 'after the end' })).field).toBe('id');
      expect(published.version).toBeLessThan(updated.version);
    });
  });

  describe('bad input', () => {
    it('names the field at fault', async () => {
      expect(await refused(supervisor, 'announcements.save', draft({ expectedMinutes: 0 }))).toMatchObject({ code: 'invalid_input', field: 'expectedMinutes' });
      expect(await refused(supervisor, 'announcements.save', draft({ startAt: '2026-11-29T15:00:00Z' }))).toMatchObject({ code: 'invalid_input', field: 'startAt' });
      expect(await refused(supervisor, 'announcements.save', draft({ buildingIds: [buildings[0], 99_999] }))).toMatchObject({ code: 'invalid_input', field: 'buildingIds' });
      expect(await refused(supervisor, 'announcements.save', draft({ categoryId: 99_999 }))).toMatchObject({ code: 'invalid_input', field: 'categoryId' });
      expect(await refused(supervisor, 'announcements.save', draft({ kind: 'party' }))).toMatchObject({ code: 'invalid_input', field: 'kind' });
      expect(await refused(supervisor, 'announcements.save', draft({ id: 1 }))).toMatchObject({ code: 'invalid_input', field: 'version' });
      // The service refuses on its own too, not only the contract's schema.
      const direct = f.core.services.announcements.save({ ...draft(), kind: 'planned_maintenance', expectedMinutes: -1 }, supervisor);
      await expect(direct).rejects.toBeInstanceOf(DomainError);
      await expect(direct).rejects.toMatchObject({ field: 'expectedMinutes' });
      // An outage may have begun already.
      expect((await save({ kind: 'unplanned_outage', startAt: '2026-11-30T14:00:00Z' })).state).toBe('draft');
      expect(await f.core.dataSource.query('SELECT id FROM announcement')).toHaveLength(1);
    });
  });

  it('refuses a stale edit: two supervisors editing the same draft, the second sees a conflict', async () => {
    const other = await f.staff('supervisor', 'Sue Second');
    const a = await save();
    const first = await as(supervisor)<Announcement>('announcements.save', draft({ id: a.id, version: a.version, title: 'Email patches (moved)' }));
    const error = await refused(other, 'announcements.save', draft({ id: a.id, version: a.version, title: 'Email patches (edited)' }));
    expect(error).toMatchObject({ code: 'conflict', field: 'version' });
    expect((await as(other)<Announcement>('announcements.get', { id: a.id })).title).toBe('Email patches (moved)');
    expect(first.version).toBe(a.version + 1);
    // Publishing with the stale version is refused the same way.
    expect((await refused(supervisor, 'announcements.publish', { id: a.id, version: a.version })).code).toBe('conflict');
  });

  it('lists current announcements: published, not closed, starting within a day or already started', async () => {
    const saturday = await publish(await save());
    const outage = await publish(await save({ kind: 'unplanned_outage', title: 'Internet down', startAt: '2026-11-30T14:30:00Z', expectedMinutes: 60 }));
    await save({ kind: 'unplanned_outage', title: 'A draft outage', startAt: '2026-11-30T14:30:00Z' });
    const current = async () => (await as(agent)<Announcement[]>('announcements.list', {})).map((a) => a.title);
    expect(await current()).toEqual(['Internet down']);
    f.clock.set(Date.parse('2026-12-04T15:00:00Z')); // Friday 9 a.m.: Saturday's maintenance is within a day.
    expect(await current()).toEqual(['Internet down', 'Email server patches']);
    await as(supervisor)('announcements.close', { id: outage.id, version: outage.version });
    expect(await current()).toEqual(['Email server patches']);
    expect(saturday.state).toBe('published');
  });

  describe('outages as one incident', () => {
    let b1: number;
    let b2: number;
    let c1: number;
    let c2: number;
    const outage = async (title: string, buildingIds: number[], categoryId: number | null) =>
      publish(await save({ kind: 'unplanned_outage', title, buildingIds, categoryId, startAt: '2026-11-30T14:30:00Z', expectedMinutes: 90 }));
    const newCase = (summary: string, buildingId: number, categoryId: number) => as(agent)<QueueCase>('cases.create', newCaseInput({ summary, buildingId, categoryId }));
    const matching = async (input: Record<string, unknown>) => (await as(agent)<Announcement[]>('announcements.matchingOutages', input)).map((a) => a.title).sort();

    beforeEach(() => {
      [b1, b2] = buildings as [number, number];
      [c1, c2] = categories as [number, number];
    });

    it('matches a call by building (or district-wide) and category, never drafts, closed outages or planned work', async () => {
      await outage('Network down in building 1', [b1], c1);
      await outage('District phones down', [], null);
      const closed = await outage('Old outage', [b1], null);
      await as(supervisor)('announcements.close', { id: closed.id, version: closed.version });
      await save({ kind: 'unplanned_outage', title: 'Draft outage', buildingIds: [b1] });
      await publish(await save({ title: 'Saturday maintenance', buildingIds: [b1] }));
      expect(await matching({ buildingId: b1, categoryId: c1 })).toEqual(['District phones down', 'Network down in building 1']);
      expect(await matching({ buildingId: b2, categoryId: c1 })).toEqual(['District phones down']);
      expect(await matching({ buildingId: b1, categoryId: c2 })).toEqual(['District phones down']);
      expect(await matching({})).toEqual(['District phones down']);
    });

    it('links cases, and resolving the outage resolves only its linked open cases, with a note naming it', async () => {
      const down = await outage('Network down in building 1', [b1], c1);
      const linked = await newCase('No network in room 4', b1, c1);
      const alreadyResolved = await newCase('No network in the library', b1, c1);
      const unlinked = await newCase('No network in the office', b1, c1);
      const linkedThenUnlinked = await newCase('Printer offline', b1, c1);
      await as(agent)('announcements.linkCase', { id: down.id, caseId: linked.id });
      await as(agent)('announcements.linkCase', { id: down.id, caseId: alreadyResolved.id });
      await as(agent)('announcements.linkCase', { id: down.id, caseId: linkedThenUnlinked.id });
      // Linking twice is harmless; unlinking takes the case out again.
      await as(agent)('announcements.linkCase', { id: down.id, caseId: linked.id });
      const shown = await as(agent)<Announcement>('announcements.unlinkCase', { id: down.id, caseId: linkedThenUnlinked.id });
      expect(shown.linkedCaseIds).toEqual([linked.id, alreadyResolved.id]);
      expect(await refused(agent, 'announcements.linkCase', { id: down.id, caseId: 99_999 })).toMatchObject({ code: 'not_found', field: 'caseId' });
      await as(technician)('cases.transition', { id: alreadyResolved.id, version: alreadyResolved.version, action: 'resolve', notes: 'Cable reseated' });

      expect((await refused(agent, 'announcements.resolveOutage', { id: down.id, version: shown.version, note: 'Switch replaced' })).code).toBe('forbidden');
      const result = await as(supervisor)<OutageResolution>('announcements.resolveOutage', { id: down.id, version: shown.version, note: 'Switch replaced' });
      expect(result.resolvedCaseIds).toEqual([linked.id]);
      expect(result.skipped).toEqual([{ caseId: alreadyResolved.id, reason: 'already resolved or closed' }]);
      expect(result.announcement).toMatchObject({ state: 'closed' });
      expect(result.announcement.updates.at(-1)?.text).toBe('Resolved: Switch replaced');

      const resolved = await caseRow(linked.id);
      expect(resolved.status).toBe('resolved');
      expect(resolved.resolutionNotes).toContain(`outage N-${String(down.id).padStart(4, '0')} "Network down in building 1": Switch replaced`);
      expect((await caseRow(alreadyResolved.id)).resolutionNotes).toBe('Cable reseated');
      expect((await caseRow(unlinked.id)).status).toBe('new');
      expect((await caseRow(linkedThenUnlinked.id)).status).toBe('new');
      // Through the lifecycle: the resolution is in the case's audit log, by the supervisor.
      const events = (await f.core.dataSource.query(`SELECT actor_id, detail FROM case_event WHERE case_id = ${linked.id} AND kind = 'status_changed'`)) as { actor_id: number | string; detail: string }[];
      expect(events.map((e) => [Number(e.actor_id), (JSON.parse(e.detail) as { to: string }).to])).toEqual([[supervisor.id, 'resolved']]);
      // A closed outage takes no more cases.
      expect((await refused(agent, 'announcements.linkCase', { id: down.id, caseId: unlinked.id })).field).toBe('id');
    });

    it('refuses to link a case to planned work', async () => {
      const planned = await publish(await save());
      const kase = await newCase('No email', b1, c1);
      expect(await refused(agent, 'announcements.linkCase', { id: planned.id, caseId: kase.id })).toMatchObject({ code: 'invalid_input', field: 'id' });
    });
  });

  it('tells open consoles of every change (announcements.changed)', async () => {
    const a = await save({ kind: 'unplanned_outage', title: 'Internet down', startAt: '2026-11-30T14:30:00Z' });
    const edited = await as(supervisor)<Announcement>('announcements.save', draft({ id: a.id, version: a.version, kind: 'unplanned_outage', title: 'Internet down (all)', startAt: '2026-11-30T14:30:00Z' }));
    const published = await publish(edited);
    await as(technician)('announcements.addUpdate', { id: a.id, text: 'ISP engaged' });
    const kase = await as(agent)<QueueCase>('cases.create', newCaseInput());
    const linked = await as(agent)<Announcement>('announcements.linkCase', { id: a.id, caseId: kase.id });
    await as(supervisor)('announcements.close', { id: a.id, version: linked.version });
    expect(heard.map((e) => e.change)).toEqual(['created', 'updated', 'published', 'updated', 'linked', 'closed']);
    expect(heard.every((e) => e.announcementId === a.id)).toBe(true);
    expect(heard[2]?.version).toBe(published.version);
    // A refused change is not announced.
    await refused(supervisor, 'announcements.close', { id: a.id, version: linked.version });
    expect(heard).toHaveLength(6);
  });
});
