import { describe, expect, it } from 'vitest';
import { useSessionStore } from '../../../renderer/src/stores/session-store';
import { useStaffAdminStore } from '../../../renderer/src/stores/staff-admin-store';
import { auditLines } from '../../../renderer/src/views/staff/staff-words';
import type { StaffRole } from '../../../shared/domain';
import { freshRenderer, settle } from './support/renderer-setup';

const PASSWORD = 'correct horse battery';

/** A district server with a supervisor signed in (or someone else, to see the core refuse them). */
async function signedInAt(role: StaffRole = 'supervisor') {
  const world = freshRenderer({ mode: 'server', signIn: { sso: null, password: true } });
  const me = world.api.addStaff('Dana Whitaker', role, true, 'dana@cps.example');
  const ana = world.api.addStaff('Ana Lima', 'agent', true, 'ana@cps.example');
  const former = world.api.addStaff('Former Tech', 'technician', false);
  world.api.passwords.set('dana@cps.example', PASSWORD);
  const session = useSessionStore();
  await session.ensureLoaded();
  expect(await session.signInWithPassword('dana@cps.example', PASSWORD)).toBe(true);
  const store = useStaffAdminStore();
  const stop = store.follow();
  await settle();
  return { ...world, me, ana, former, session, store, stop };
}

describe('useStaffAdminStore', () => {
  it('lists every staff member, inactive ones too, with the change history', async () => {
    const { store, stop } = await signedInAt();

    expect(store.loaded).toBe(true);
    expect(store.members.map((m) => [m.name, m.active])).toEqual([
      ['Ana Lima', true],
      ['Dana Whitaker', true],
      ['Former Tech', false],
    ]);
    expect(store.audit).toEqual([]);
    stop();
  });

  it('adds a staff member with a sign-in email (a blank one is not sent), recorded as the supervisor’s change', async () => {
    const { api, me, store, stop } = await signedInAt();

    const sam = await store.create({ name: 'Sam Okafor', role: 'technician', email: '  Sam@CPS.example ' });
    const lee = await store.create({ name: 'Lee Chan', role: 'agent', email: '' });
    await settle();

    expect(sam).toMatchObject({ name: 'Sam Okafor', role: 'technician', email: 'sam@cps.example' });
    expect(api.callsTo('staff.create').map((c) => c.input)).toEqual([
      { name: 'Sam Okafor', role: 'technician', email: 'Sam@CPS.example' },
      { name: 'Lee Chan', role: 'agent' },
    ]);
    expect(lee?.email).toBeNull();
    expect(store.members.map((m) => m.name)).toContain('Sam Okafor');
    // Newest first, each naming who made it.
    expect(store.audit.map((e) => [e.change, e.staffName, e.actorName])).toEqual([
      ['created', 'Lee Chan', me.name],
      ['created', 'Sam Okafor', me.name],
    ]);
    expect(auditLines(store.audit[1]!)).toEqual(['Name: Sam Okafor', 'Role: Technician', 'Email: sam@cps.example', 'Active: yes']);
    stop();
  });

  it('sends only what changed, and nothing at all when nothing did; the history shows before → after', async () => {
    const { api, ana, store, stop } = await signedInAt();

    const changed = await store.update(ana.id, { name: 'Ana Lima', role: 'supervisor', email: 'ana@cps.example', active: true });
    const unchanged = await store.update(ana.id, { name: 'Ana Lima', role: 'supervisor', email: 'ana@cps.example', active: true });
    await store.update(ana.id, { email: '', active: false });
    await settle();

    expect(changed?.role).toBe('supervisor');
    expect(unchanged?.role).toBe('supervisor');
    expect(api.callsTo('staff.update').map((c) => c.input)).toEqual([
      { id: ana.id, role: 'supervisor' },
      { id: ana.id, email: null, active: false },
    ]);
    expect(store.audit.map((e) => auditLines(e))).toEqual([
      ['Email: ana@cps.example → (none)', 'Active: yes → no'],
      ['Role: Agent → Supervisor'],
    ]);
    stop();
  });

  it('shows a refusal on the staff member and field it is about', async () => {
    const { ana, me, store, stop } = await signedInAt();

    expect(await store.update(ana.id, { email: 'dana@cps.example' })).toBeNull();
    expect(store.problem).toEqual({ staffId: ana.id, error: { code: 'conflict', message: 'Someone already signs in with dana@cps.example', field: 'email' } });

    expect(await store.update(me.id, { email: 'not an address' })).toBeNull();
    expect(store.problem).toMatchObject({ staffId: me.id, error: { code: 'invalid_input', field: 'email', message: expect.stringMatching(/Email must look like/) } });

    expect(await store.create({ name: '', role: 'agent', email: '' })).toBeNull();
    expect(store.problem).toMatchObject({ staffId: null, error: { field: 'name' } });
    stop();
  });

  it('sets a local account’s password, never keeping it, and records that it was set', async () => {
    const { api, ana, store, stop } = await signedInAt();

    expect(await store.setPassword(ana.id, 'short')).toBe(false);
    expect(store.passwordProblem).toMatchObject({ staffId: ana.id, error: { code: 'invalid_input', field: 'password', message: expect.stringMatching(/at least 12 characters/) } });

    expect(await store.setPassword(ana.id, 'a much longer passphrase')).toBe(true);
    await settle();
    expect(api.passwords.get('ana@cps.example')).toBe('a much longer passphrase');
    expect(store.audit[0]).toMatchObject({ change: 'password', staffName: 'Ana Lima', before: null, after: null });
    expect(JSON.stringify(store.$state)).not.toContain('a much longer passphrase');
    stop();
  });

  it('changing one’s own role changes what the console allows', async () => {
    const { me, session, store, stop } = await signedInAt();
    expect(session.can('staff.update')).toBe(true);

    await store.update(me.id, { role: 'technician' });
    await settle();

    expect(session.current?.role).toBe('technician');
    expect(session.can('staff.update')).toBe(false);
    stop();
  });

  it('shows a change made at another console', async () => {
    const { api, me, ana, store, stop } = await signedInAt();

    await api.invokeAs(me.id, 'staff.update', { id: ana.id, role: 'technician' });
    await settle();

    expect(store.members.find((m) => m.id === ana.id)?.role).toBe('technician');
    expect(store.audit[0]).toMatchObject({ change: 'updated', staffName: 'Ana Lima' });
    stop();
  });

  it('is refused by the core for anyone but a supervisor', async () => {
    const { store, stop } = await signedInAt('technician');

    // The staff list is everyone's to read; the history and every change are the supervisors'.
    expect(store.auditError).toMatchObject({ code: 'forbidden' });
    expect(await store.create({ name: 'Sneaky', role: 'supervisor', email: '' })).toBeNull();
    expect(store.problem?.error.code).toBe('forbidden');
    stop();
  });
});
