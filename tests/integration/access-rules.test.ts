import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayCall } from '../../shared/access';
import { CHANNEL_NAMES } from '../../shared/channel-names';
import { STAFF_ROLES, type StaffMember, type StaffRole } from '../../shared/domain';
import { CONSOLE_MODES, type ConsoleMode } from '../../shared/session';
import { ManualClock } from '../../electron/core/clock';
import { startCore, type Core } from '../../electron/core/core';
import { freshDatabase, type FreshDatabase } from '../support/databases';
import { MONDAY_MORNING } from '../support/core-fixture';

/**
 * Every channel, every role, both modes: the core refuses exactly what the shared rule refuses.
 * The input is empty, so a call the rule allows ends in a validation error (or an answer), never
 * in a change; what matters is whether the answer is `forbidden`/`unauthenticated` or not.
 */
describe.each(CONSOLE_MODES)('access rules enforced by the core, %s', (mode: ConsoleMode) => {
  let db: FreshDatabase;
  let core: Core;
  const people = new Map<StaffRole, StaffMember>();

  beforeAll(async () => {
    db = await freshDatabase('sqlite');
    core = await startCore({ database: db.config, clock: new ManualClock(MONDAY_MORNING), log: () => undefined, mode });
    for (const role of STAFF_ROLES) people.set(role, await core.services.staff.create({ name: `A ${role}`, role }));
  });
  afterAll(async () => {
    await core.close();
    await db.dispose();
  });

  it('answers forbidden or unauthenticated exactly where mayCall says no', async () => {
    const mismatches: string[] = [];
    for (const channel of CHANNEL_NAMES) {
      for (const role of [null, ...STAFF_ROLES] as const) {
        const actorId = role === null ? null : (people.get(role) as StaffMember).id;
        const answer = await core.dispatch(channel, {}, { actorId });
        const refused = !answer.ok && (answer.error.code === 'forbidden' || answer.error.code === 'unauthenticated');
        if (refused === mayCall(channel, role, mode)) mismatches.push(`${channel} as ${role ?? 'nobody'}: ${answer.ok ? 'ok' : answer.error.code}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses a staff-only call before looking at its input', async () => {
    const agent = people.get('agent') as StaffMember;
    const answer = await core.dispatch('calendar.addClosure', { date: 'not a date' }, { actorId: agent.id });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('the two modes differ only where the contract says', () => {
  it('lets anyone at a standalone console add a profile, and only a supervisor on a server', () => {
    expect(mayCall('staff.create', null, 'standalone')).toBe(true);
    expect(mayCall('staff.create', null, 'server')).toBe(false);
    expect(mayCall('staff.create', 'agent', 'server')).toBe(false);
    expect(mayCall('staff.create', 'supervisor', 'server')).toBe(true);
    expect(mayCall('console.rememberStaff', 'supervisor', 'server')).toBe(false);
    expect(mayCall('console.rememberStaff', null, 'standalone')).toBe(true);
    expect(mayCall('staff.update', 'technician', 'standalone')).toBe(false);
  });
});
