/**
 * `announcements.reminders`: the planned drafts whose notice deadline has passed, as supervisors
 * read them through the contract (the console's banner), and refused to everyone else; and the
 * email that reminds the author, once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Announcement, AnnouncementReminder } from '../../shared/announcements';
import type { StaffMember } from '../../shared/domain';
import { callAs, coreFixture, refusalOf, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

/** Saturday 2026-12-05, 8 a.m. in Chicago (CST): the next maintenance period after the fixture's Monday morning. */
const SATURDAY_8AM = '2026-12-05T14:00:00.000Z';

describe.each(DATABASE_KINDS)('announcement reminders on %s', (kind) => {
  let f: CoreFixture;
  let supervisor: StaffMember;

  beforeEach(async () => {
    f = await coreFixture(kind);
    supervisor = await f.staff('supervisor', 'Sam Supervisor');
  }, 60_000);
  afterEach(async () => f.dispose());

  const save = (title: string) =>
    callAs<Announcement>(f.core, supervisor, 'announcements.save', {
      kind: 'planned_maintenance',
      title,
      description: '',
      affectedServices: ['Email'],
      buildingIds: [],
      startAt: SATURDAY_8AM,
      expectedMinutes: 120,
    });

  it('answers supervisors the drafts past their notice deadline, naming the author', async () => {
    const draft = await save('Email server patches');
    expect(await callAs<AnnouncementReminder[]>(f.core, supervisor, 'announcements.reminders', {})).toEqual([]);
    // Wednesday's opening: three business days before Saturday's work.
    f.clock.set(Date.parse('2026-12-02T13:00:00Z'));
    expect(await callAs<AnnouncementReminder[]>(f.core, supervisor, 'announcements.reminders', {})).toEqual([
      { announcementId: draft.id, authorId: supervisor.id, title: 'Email server patches', startAt: SATURDAY_8AM, noticeDeadline: '2026-12-02T13:00:00.000Z' },
    ]);
  });

  it("emails the draft's author once when its notice deadline passes, again only for a new start, and nobody without an address", async () => {
    await f.core.services.staff.update(supervisor.id, { id: supervisor.id, email: 'sam.supervisor@district.example' });
    const draft = await save('Email server patches');
    const noEmail = await f.staff('supervisor', 'Nia No-Address');
    await callAs<Announcement>(f.core, noEmail, 'announcements.save', { kind: 'planned_maintenance', title: 'Printer firmware', description: '', affectedServices: [], buildingIds: [], startAt: SATURDAY_8AM, expectedMinutes: 60 });
    const reminders = () => f.core.dataSource.query("SELECT to_address AS \"to\", subject, text_body AS \"text\" FROM mail_outbox WHERE kind = 'announcement_reminder' ORDER BY id") as Promise<{ to: string; subject: string; text: string }[]>;

    expect(await f.core.services.draftReminders.remindAuthors()).toBe(0);
    f.clock.set(Date.parse('2026-12-02T13:00:00Z'));
    expect(await f.core.services.draftReminders.remindAuthors()).toBe(1);
    expect(await f.core.services.draftReminders.remindAuthors()).toBe(0);
    const [mail] = await reminders();
    expect(mail).toMatchObject({ to: 'sam.supervisor@district.example', subject: `N-${String(draft.id).padStart(4, '0')} is still a draft: publish it to give notice` });
    expect(mail?.text).toContain('"Email server patches" starts');

    // Moved a week on, and still a draft when that deadline passes: reminded again.
    const moved = await callAs<Announcement>(f.core, supervisor, 'announcements.save', { id: draft.id, version: draft.version, kind: 'planned_maintenance', title: 'Email server patches', description: '', affectedServices: ['Email'], buildingIds: [], startAt: '2026-12-12T14:00:00.000Z', expectedMinutes: 120 });
    expect(moved.state).toBe('draft');
    expect(await f.core.services.draftReminders.remindAuthors()).toBe(0);
    f.clock.set(Date.parse('2026-12-09T13:00:00Z'));
    expect(await f.core.services.draftReminders.remindAuthors()).toBe(1);
    expect((await reminders()).map((r) => r.to)).toEqual(['sam.supervisor@district.example', 'sam.supervisor@district.example']);
  });

  it('is refused to agents and technicians, and refuses input it does not take', async () => {
    for (const role of ['agent', 'technician'] as const) {
      const who = await f.staff(role);
      expect((await refusalOf(f.core, who, 'announcements.reminders', {})).code).toBe('forbidden');
    }
    const refusal = await refusalOf(f.core, supervisor, 'announcements.reminders', { authorId: supervisor.id });
    expect(refusal.code).toBe('invalid_input');
  });
});
