/**
 * The demo district's availability, seen through the contract: skills for every technician, a
 * part-timer, pagers for the on-call people, a weekly roster handed over Monday 7:00 for the coming
 * weeks, someone out now (their cases flagged), and a difficulty on every open case; the same
 * every time it is seeded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemoDistrict } from '../../electron/core/demo/demo-district';
import { SlaDesk } from '../../electron/core/sla-desk';
import type { PresenceBoard, RosterShift, StaffAvailabilityProfile } from '../../shared/availability';
import { OPEN_CASE_STATUSES } from '../../shared/domain';
import { decodeQueueRow, type QueuePage } from '../../shared/queue-rows';
import { callAs, coreFixture, MONDAY_MORNING, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

const SMALL = { callers: 120, openCases: 40, closedCases: 120 };

describe.each(DATABASE_KINDS)('the demo district’s availability on %s', (kind) => {
  const fixtures: CoreFixture[] = [];
  const seeded = async () => {
    const f = await coreFixture(kind);
    fixtures.push(f);
    await seedDemoDistrict(f.core.dataSource, new SlaDesk(), MONDAY_MORNING, SMALL);
    const boss = (await f.core.services.staff.list()).find((s) => s.role === 'supervisor')!;
    return { f, as: <T>(channel: string, input: unknown) => callAs<T>(f.core, boss, channel, input) };
  };
  afterEach(async () => {
    for (const f of fixtures.splice(0)) await f.dispose();
  });

  it('has skills, a part-timer, pagers, a weekly roster, someone out now with flagged cases, and difficulties', async () => {
    const { f, as } = await seeded();
    const profiles = await as<StaffAvailabilityProfile[]>('availability.skills', {});
    for (const tech of profiles.filter((p) => p.role === 'technician')) expect(tech.skills.length, tech.name).toBeGreaterThan(0);
    expect(profiles.filter((p) => p.workingHours !== null).map((p) => p.name)).toEqual(['Riley Nguyen']);

    const roster = await as<RosterShift[]>('availability.roster', { from: new Date(MONDAY_MORNING).toISOString(), to: new Date(MONDAY_MORNING + 28 * 86_400_000).toISOString() });
    expect(roster.length).toBeGreaterThanOrEqual(4);
    for (const s of roster) {
      // Monday 7:00 in Chicago (CST in these weeks: 13:00 UTC), a week long.
      expect(new Date(s.startsAt).getUTCDay()).toBe(1);
      expect(s.startsAt.slice(11, 16)).toBe('13:00');
      expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBe(7 * 86_400_000);
      expect(profiles.find((p) => p.staffId === s.staffId)?.pagerAddress).toMatch(/^57355501\d\d@txt\.example\.net$/);
    }
    expect(roster[0]!.handsOverTo?.staffName).toBe(roster[1]!.staffName);
    expect(roster[0]!.handoverNote).not.toBeNull();

    const now = await as<PresenceBoard>('availability.now', {});
    const out = now.people.filter((p) => p.state === 'out');
    expect(out.map((p) => [p.name, p.away?.kind])).toEqual([['Taylor Brooks', 'sick']]);
    expect(now.people.filter((p) => p.onCall)).toHaveLength(1);

    const rows = (await as<QueuePage>('queue.rows', {})).rows.map(decodeQueueRow);
    const taylor = out[0]!.staffId;
    const flagged = rows.filter((r) => r.assigneeAway);
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.every((r) => r.assigneeId === taylor)).toBe(true);
    expect(rows.filter((r) => r.assigneeId === taylor).every((r) => r.assigneeAway?.kind === 'sick')).toBe(true);

    const unjudged = (await f.core.dataSource.query(
      `SELECT COUNT(*) AS n FROM help_case WHERE difficulty IS NULL AND status IN (${OPEN_CASE_STATUSES.map((s) => `'${s}'`).join(', ')})`,
    )) as { n: number | string }[];
    expect(Number(unjudged[0]!.n)).toBe(0);
  }, 120_000);

  it('is the same every time', async () => {
    const read = async () => {
      const { f, as } = await seeded();
      const roster = await as<RosterShift[]>('availability.roster', {});
      const levels = (await f.core.dataSource.query('SELECT id, difficulty FROM help_case WHERE difficulty IS NOT NULL ORDER BY id')) as { id: number | string; difficulty: number | string }[];
      return { roster: roster.map((s) => [s.staffName, s.startsAt, s.handoverNote]), levels: levels.map((r) => [Number(r.id), Number(r.difficulty)]) };
    };
    expect(await read()).toEqual(await read());
  }, 120_000);
});
