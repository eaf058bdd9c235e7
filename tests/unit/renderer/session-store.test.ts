import { describe, expect, it } from 'vitest';
import { CURRENT_STAFF_KEY, useSessionStore } from '../../../renderer/src/stores/session-store';
import { CHANNEL_NAMES } from '../../../shared/channel-names';
import { mayCall } from '../../../shared/access';
import { freshRenderer, settle } from './support/renderer-setup';

const SERVER_SIGN_IN = { sso: { label: 'Sign in with Columbia SSO' }, password: true };

describe('useSessionStore on a standalone console', () => {
  it('starts with nobody at the console and lists the staff profiles', async () => {
    const { api } = freshRenderer();
    api.addStaff('Rita Moreno', 'technician');
    const session = useSessionStore();

    await session.ensureLoaded();

    expect(session.mode).toBe('standalone');
    expect(session.current).toBeNull();
    expect(session.activeStaff.map((m) => m.name)).toEqual(['Rita Moreno']);
  });

  it('creates a profile and chooses it through the transport’s session, which a reload keeps', async () => {
    const world = freshRenderer();
    const session = useSessionStore();
    await session.ensureLoaded();

    const member = await session.createProfile({ name: 'Ana Lima', role: 'supervisor' });

    expect(member).toMatchObject({ name: 'Ana Lima', role: 'supervisor' });
    expect(session.current?.name).toBe('Ana Lima');
    expect(world.api.sessionCalls.filter((c) => c.route === 'choose')).toEqual([{ route: 'choose', staffId: member?.id }]);
    expect(world.api.sessionStaffId).toBe(member?.id);
    await settle();
    expect(world.api.lastStaffId).toBe(member?.id);

    world.reload();
    const afterReload = useSessionStore();
    await afterReload.ensureLoaded();
    expect(afterReload.current?.name).toBe('Ana Lima');
  });

  it('makes every call with the input alone: who calls is the transport’s session', async () => {
    const { api } = freshRenderer();
    const tech = api.addStaff('Sam Okafor', 'technician');
    const session = useSessionStore();
    await session.ensureLoaded();
    await session.choose(tech.id);

    const result = await session.call('cases.list', {});

    expect(result.ok).toBe(true);
    expect(api.callsTo('cases.list').at(-1)).toEqual({ channel: 'cases.list', input: {}, actorId: tech.id });
  });

  it('a restarted console with nobody chosen chooses the person the core remembers, if still active', async () => {
    const world = freshRenderer();
    const ana = world.api.addStaff('Ana Lima', 'agent');
    world.api.lastStaffId = ana.id;
    const session = useSessionStore();

    await session.ensureLoaded();

    expect(session.current?.name).toBe('Ana Lima');
    expect(world.api.sessionStaffId).toBe(ana.id);
  });

  it('prefers the person this browser remembers, and forgets one that is no longer active', async () => {
    const world = freshRenderer();
    const gone = world.api.addStaff('Former Agent', 'agent', false);
    const sam = world.api.addStaff('Sam Okafor', 'technician');
    world.storage.setItem(CURRENT_STAFF_KEY, String(gone.id));
    const session = useSessionStore();

    await session.ensureLoaded();
    expect(session.current).toBeNull();
    expect(world.storage.getItem(CURRENT_STAFF_KEY)).toBeNull();

    world.storage.setItem(CURRENT_STAFF_KEY, String(sam.id));
    world.api.sessionStaffId = null;
    world.reload();
    const again = useSessionStore();
    await again.ensureLoaded();
    expect(again.current?.name).toBe('Sam Okafor');
  });

  it('a session read that was under way while a profile was chosen does not undo the choice', async () => {
    const { api } = freshRenderer();
    const ana = api.addStaff('Ana Lima');
    const session = useSessionStore();
    await session.ensureLoaded();

    // Another console adds a profile: the list (and the session) are read again, slowly.
    api.holdSessionReads();
    const reading = session.load();
    await settle();
    expect(await session.choose(ana.id)).toBe(true);
    api.releaseSessionReads();
    await reading;

    expect(session.current?.name).toBe('Ana Lima');
  });

  it('forgets the person: nobody at the console, and nobody remembered here or by the core', async () => {
    const world = freshRenderer();
    const ana = world.api.addStaff('Ana Lima');
    const session = useSessionStore();
    await session.ensureLoaded();
    await session.choose(ana.id);
    await settle();

    await session.forget();
    await settle();

    expect(session.current).toBeNull();
    expect(world.api.sessionStaffId).toBeNull();
    expect(world.api.lastStaffId).toBeNull();
    expect(world.storage.getItem(CURRENT_STAFF_KEY)).toBeNull();
    world.reload();
    const again = useSessionStore();
    await again.ensureLoaded();
    expect(again.current).toBeNull();
  });

  it('cannot choose a profile that is not in the list', async () => {
    const { api } = freshRenderer();
    api.addStaff('Only One');
    const session = useSessionStore();
    await session.ensureLoaded();

    expect(await session.choose(99)).toBe(false);
    expect(session.current).toBeNull();
    expect(api.sessionCalls.some((c) => c.route === 'choose')).toBe(false);
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

  it('hears that the server forgot the choice (it restarted), and asks again', async () => {
    const { api } = freshRenderer();
    const ana = api.addStaff('Ana Lima');
    const session = useSessionStore();
    await session.ensureLoaded();
    await session.choose(ana.id);

    api.expireSession();
    const result = await session.call('cases.list', {});

    expect(result).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(session.current).toBeNull();
    expect(session.signedOutNotice).toMatch(/Choose who you are again/);
    expect(await session.choose(ana.id)).toBe(true);
    expect(session.signedOutNotice).toBeNull();
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

describe('useSessionStore on a district server', () => {
  function atTheServer() {
    const world = freshRenderer({ mode: 'server', signIn: SERVER_SIGN_IN });
    const ana = world.api.addStaff('Ana Lima', 'agent', true, 'ana@cps.example');
    world.api.passwords.set('ana@cps.example', 'correct horse battery');
    return { ...world, ana };
  }

  it('starts signed out with the server’s sign-in options, reading no staff for nobody', async () => {
    const { api } = atTheServer();
    const session = useSessionStore();

    await session.ensureLoaded();

    expect(session.mode).toBe('server');
    expect(session.current).toBeNull();
    expect(session.signIn).toEqual(SERVER_SIGN_IN);
    expect(api.callsTo('staff.list')).toEqual([]);
    expect(api.callsTo('console.lastStaff')).toEqual([]);
  });

  it('signs in with a password, then lists the staff as that person', async () => {
    const { api, ana } = atTheServer();
    const session = useSessionStore();
    await session.ensureLoaded();

    expect(await session.signInWithPassword('ana@cps.example', 'correct horse battery')).toBe(true);

    expect(session.current?.id).toBe(ana.id);
    expect(session.signInError).toBeNull();
    expect(session.activeStaff.map((m) => m.name)).toEqual(['Ana Lima']);
    expect(api.callsTo('staff.list').at(-1)?.actorId).toBe(ana.id);
  });

  it('says why a sign-in failed: wrong credentials, too many tries, no network', async () => {
    const { api } = atTheServer();
    const session = useSessionStore();
    await session.ensureLoaded();

    expect(await session.signInWithPassword('ana@cps.example', 'wrong')).toBe(false);
    expect(session.signInError).toEqual({ code: 'unauthenticated', message: 'The email or password is not right.' });

    api.rateLimited = true;
    await session.signInWithPassword('ana@cps.example', 'correct horse battery');
    expect(session.signInError).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/Try again in 5 minutes/) });

    api.rateLimited = false;
    api.unreachable = true;
    await session.signInWithPassword('ana@cps.example', 'correct horse battery');
    expect(session.signInError?.message).toMatch(/Cannot reach the Deskwatch server/);
    expect(session.current).toBeNull();
    expect(session.signingIn).toBe(false);
  });

  it('signs in with the district’s single sign-on (the desktop app’s way: the call settles)', async () => {
    const { api, ana } = atTheServer();
    api.ssoStaffId = ana.id;
    const session = useSessionStore();
    await session.ensureLoaded();

    expect(await session.signInWithSso()).toBe(true);
    expect(session.current?.name).toBe('Ana Lima');
  });

  it('never chooses a profile on a server', async () => {
    const { api, ana } = atTheServer();
    const session = useSessionStore();
    await session.ensureLoaded();

    expect(await session.choose(ana.id)).toBe(false);
    expect(api.sessionCalls.some((c) => c.route === 'choose')).toBe(false);
    expect(session.current).toBeNull();
  });

  it('an expired session becomes a sign-in with “Your session ended; sign in again”; signing in clears it', async () => {
    const { api } = atTheServer();
    const session = useSessionStore();
    await session.ensureLoaded();
    await session.signInWithPassword('ana@cps.example', 'correct horse battery');

    api.expireSession();
    await session.call('queue.rows', {});

    expect(session.current).toBeNull();
    expect(session.signedOutNotice).toBe('Your session ended; sign in again.');
    await session.signInWithPassword('ana@cps.example', 'correct horse battery');
    expect(session.signedOutNotice).toBeNull();
  });

  it('signs out: nobody at the console, no staff list, and no “session ended” notice', async () => {
    const { api } = atTheServer();
    const session = useSessionStore();
    await session.ensureLoaded();
    await session.signInWithPassword('ana@cps.example', 'correct horse battery');

    expect(await session.signOut()).toBe(true);

    expect(session.current).toBeNull();
    expect(session.staff).toEqual([]);
    expect(session.signedOutNotice).toBeNull();
    expect(api.sessionStaffId).toBeNull();
  });
});

describe('can(): what the person may do is the contract’s access rule', () => {
  it('an agent cannot reassign, take or tick phases; a technician may take; a supervisor may do it all', async () => {
    const { api } = freshRenderer();
    const agent = api.addStaff('Ana Lima', 'agent');
    const tech = api.addStaff('Sam Okafor', 'technician');
    const boss = api.addStaff('Dana Whitaker', 'supervisor');
    const session = useSessionStore();
    await session.ensureLoaded();

    await session.choose(agent.id);
    expect([session.can('cases.assign'), session.can('cases.setPhaseDone'), session.can('callers.import'), session.can('queue.workload')]).toEqual([false, false, true, false]);

    await session.choose(tech.id);
    expect([session.can('cases.assign'), session.can('cases.logContact'), session.can('callers.import'), session.can('staff.update')]).toEqual([true, true, false, false]);

    await session.choose(boss.id);
    expect([session.can('cases.assign'), session.can('queue.workload'), session.can('calendar.addClosure'), session.can('staff.update')]).toEqual([true, true, true, true]);
  });

  it('follows shared/access.ts for every channel and role, in both modes', async () => {
    for (const mode of ['standalone', 'server'] as const) {
      const { api } = freshRenderer({ mode, signIn: mode === 'server' ? SERVER_SIGN_IN : undefined });
      const people = (['agent', 'technician', 'supervisor'] as const).map((role) => api.addStaff(`A ${role}`, role, true, `${role}@cps.example`));
      for (const person of people) api.passwords.set(person.email!, 'correct horse battery');
      const session = useSessionStore();
      await session.ensureLoaded();
      for (const channel of CHANNEL_NAMES) expect(session.can(channel), `${mode}, nobody, ${channel}`).toBe(mayCall(channel, null, mode));
      for (const person of people) {
        if (mode === 'server') await session.signInWithPassword(person.email!, 'correct horse battery');
        else await session.choose(person.id);
        for (const channel of CHANNEL_NAMES) expect(session.can(channel), `${mode}, ${person.role}, ${channel}`).toBe(mayCall(channel, person.role, mode));
      }
    }
  });

  it('anyone at a standalone console may add a profile; on a server only a supervisor may', async () => {
    freshRenderer();
    const standalone = useSessionStore();
    await standalone.ensureLoaded();
    expect(standalone.can('staff.create')).toBe(true);

    freshRenderer({ mode: 'server', signIn: SERVER_SIGN_IN });
    const server = useSessionStore();
    await server.ensureLoaded();
    expect(server.can('staff.create')).toBe(false);
  });
});
