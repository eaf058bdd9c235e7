/**
 * `announcements.reminders`: the planned drafts whose notice deadline has passed, as supervisors
 * read them through the contract (the console's banner), and refused to everyone else.
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

  it('is refused to agents and technicians, and refuses input it does not take', async () => {
    for (const role of ['agent', 'technician'] as const) {
      const who = await f.staff(role);
      expect((await refusalOf(f.core, who, 'announcements.reminders', {})).code).toBe('forbidden');
    }
    const refusal = await refusalOf(f.core, supervisor, 'announcements.reminders', { authorId: supervisor.id });
    expect(refusal.code).toBe('invalid_input');
  });
});
