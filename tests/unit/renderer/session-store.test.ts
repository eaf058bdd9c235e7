import { describe, expect, it } from 'vitest';
import { CURRENT_STAFF_KEY, useSessionStore } from '../../../renderer/src/stores/session-store';
import { freshRenderer } from './support/renderer-setup';

describe('useSessionStore', () => {
  it('starts with nobody at the console and lists the staff profiles', async () => {
    const { api } = freshRenderer();
    api.addStaff('Rita Moreno', 'technician');
    const session = useSessionStore();

    await session.ensureLoaded();

    expect(session.current).toBeNull();
    expect(session.activeStaff.map((m) => m.name)).toEqual(['Rita Moreno']);
  });

  it('creates a profile, puts it at the console and remembers it across a reload', async () => {
    const world = freshRenderer();
    const session = useSessionStore();
    await session.ensureLoaded();

    const member = await session.createProfile({ name: 'Ana Lima', role: 'supervisor' });

    expect(member).toMatchObject({ name: 'Ana Lima', role: 'supervisor' });
    expect(session.current?.name).toBe('Ana Lima');
    expect(world.storage.getItem(CURRENT_STAFF_KEY)).toBe(String(member?.id));

    world.reload();
    const afterReload = useSessionStore();
    await afterReload.ensureLoaded();
    expect(afterReload.current?.name).toBe('Ana Lima');
  });

  it('shows the core’s message when a profile is refused, and chooses nobody', async () => {
    const { api } = freshRenderer();
    const session = useSessionStore();
    await session.ensureLoaded();

    const member = await session.createProfile({ name: '   ', role: 'agent' });

    expect(member).toBeNull();
    expect(session.createError).toMatchObject({ code: 'invalid_input', field: 'name', message: 'Name is required' });
    expect(session.current).toBeNull();
    expect(api.staff).toHaveLength(0);
  });

  it('forgets a remembered profile that no longer exists or is inactive', async () => {
    const world = freshRenderer();
    const gone = world.api.addStaff('Former Agent', 'agent', false);
    world.storage.setItem(CURRENT_STAFF_KEY, String(gone.id));
    const session = useSessionStore();

    await session.ensureLoaded();

    expect(session.current).toBeNull();
    expect(world.storage.getItem(CURRENT_STAFF_KEY)).toBeNull();
  });

  it('sends the person at the console as meta.actorId on their calls', async () => {
    const { api } = freshRenderer();
    const tech = api.addStaff('Sam Okafor', 'technician');
    const session = useSessionStore();
    await session.ensureLoaded();
    session.choose(tech.id);

    const result = await session.call('cases.list', {});

    expect(result.ok).toBe(true);
    expect(api.callsTo('cases.list').at(-1)?.meta).toEqual({ actorId: tech.id });
  });

  it('cannot choose a profile that is not in the list', async () => {
    const { api } = freshRenderer();
    api.addStaff('Only One');
    const session = useSessionStore();
    await session.ensureLoaded();

    expect(session.choose(99)).toBe(false);
    expect(session.current).toBeNull();
  });

  it('reports a transport failure as a readable error and tries again on the next load', async () => {
    const { api } = freshRenderer();
    api.addStaff('Rita Moreno');
    api.unreachable = true;
    const session = useSessionStore();

    await expect(session.ensureLoaded()).resolves.toBeUndefined();
    expect(session.loadError?.message).toMatch(/Cannot reach the Deskwatch server/);
    expect(session.loaded).toBe(false);

    api.unreachable = false;
    await session.ensureLoaded();
    expect(session.loadError).toBeNull();
    expect(session.activeStaff).toHaveLength(1);
  });

  it('reloads the profile list when another console adds a profile', async () => {
    const { api } = freshRenderer();
    const session = useSessionStore();
    await session.ensureLoaded();
    const stop = session.followStaff();

    await api.invoke('staff.create', { name: 'New Colleague', role: 'agent' });
    await expect.poll(() => session.activeStaff.map((m) => m.name)).toEqual(['New Colleague']);
    stop();
  });
});
