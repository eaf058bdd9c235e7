import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useAlertsStore } from '../../renderer/src/stores/alerts-store';
import { useSessionStore } from '../../renderer/src/stores/session-store';
import type { StaffMember } from '../../shared/domain';
import { coreFixture, newCaseInput, RecordingTimers, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';
import { realConsole, type RealConsole } from '../support/real-core-console';

const P1 = { securityOrSafety: true, missionCritical: false, affected: 'one', workEffect: 'stopped' } as const;

/**
 * A console restarted on a new port (browser mode) is a new origin: its browser storage is empty.
 * What it must still know comes from the core: who sat at it, and which alerts they have seen.
 */
describe.each(DATABASE_KINDS)('a console that lost its browser storage, on %s', (kind) => {
  let f: CoreFixture;
  let tom: StaffMember;
  const consoles: RealConsole[] = [];
  const stops: (() => void)[] = [];

  beforeEach(async () => {
    f = await coreFixture(kind, { timers: new RecordingTimers() });
    const agent = await f.staff('agent', 'Ann Agent');
    tom = await f.staff('technician', 'Tom Tech');
    await f.core.services.scheduler.start();
    for (const summary of ['Fire alarm panel offline', 'Phones down at Battle']) {
      const filed = await f.core.dispatch('cases.create', newCaseInput({ wizard: P1, onCallNotified: true, summary }), { actorId: agent.id });
      if (!filed.ok) throw new Error(filed.error.message);
    }
    await f.core.services.scheduler.wake();
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) stop();
    for (const c of consoles.splice(0)) c.api.close();
    await f.dispose();
  });

  async function openConsole(actorId: number | null) {
    const c = await realConsole(f.core, actorId);
    consoles.push(c);
    const session = useSessionStore();
    const alerts = useAlertsStore();
    stops.push(alerts.follow());
    if (session.currentId !== null) await alerts.setPerson(session.currentId);
    return { session, alerts };
  }

  it('knows who sat at it and shows no alert they already saw', async () => {
    const first = await openConsole(tom.id);
    expect(first.alerts.toasts).toHaveLength(2);
    await expect.poll(async () => (await f.core.services.alerts.recent(tom)).every((a) => a.seenAt !== null)).toBe(true);
    first.alerts.dismissAll();
    await expect.poll(async () => (await f.core.services.alerts.recent(tom)).every((a) => a.dismissedAt !== null)).toBe(true);

    await f.restart();
    const again = await openConsole(kind === 'sqlite' ? null : tom.id);
    // A standalone console remembers its person; on a team's database the person says who they are.
    expect(again.session.current?.name).toBe('Tom Tech');
    expect(again.alerts.recent).toHaveLength(2);
    expect(again.alerts.toasts).toEqual([]);
  });

  it('asks again after the person switched away (and always, on a team’s shared database)', async () => {
    const first = await openConsole(tom.id);
    if (kind === 'postgres') {
      const another = await openConsole(null);
      expect(another.session.current).toBeNull();
    }
    first.session.forget();
    await expect.poll(async () => (await f.core.services.consoleSettings.lastStaff()).staffId).toBe(null);
    const again = await openConsole(null);
    expect(again.session.current).toBeNull();
  });
});
