import { createHash, createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PasswordHasher, RateLimitedError, SIGN_IN_REFUSED, type AuthServices } from '../../electron/core/auth';
import { startCore, type Core } from '../../electron/core/core';
import { isPostgres } from '../../electron/core/db/dialect';
import { DomainError } from '../../electron/core/errors';
import type { StaffAuditEntry } from '../../shared/contract';
import type { StaffMember } from '../../shared/domain';
import { coreFixture, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';
import { refusal } from './schema-probes';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const PASSWORD = 'correct horse battery staple';
const ISSUER = 'https://login.district.example';

/** The error a promise rejects with, or a failure when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal, but it succeeded');
}

describe('passwords', () => {
  const passwords = new PasswordHasher();

  it('are argon2id hashes at OWASP’s parameters that verify the password and nothing else', async () => {
    const hash = await passwords.hash(PASSWORD);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await passwords.hash(PASSWORD)).not.toBe(hash);
    expect(await passwords.verify(hash, PASSWORD)).toBe(true);
    expect(await passwords.verify(hash, `${PASSWORD} `)).toBe(false);
  });

  it('answer false, never an exception, for a malformed hash, and for an account without one', async () => {
    for (const bad of ['', 'not a hash', '$argon2id$v=19$m=19456,t=2,p=1$short$x', '$2b$10$abcdefghijklmnopqrstuv']) {
      expect(await passwords.verify(bad, PASSWORD)).toBe(false);
    }
    expect(await passwords.verifyNothing(PASSWORD)).toBe(false);
  });
});

describe.each(DATABASE_KINDS)('sign-in and sessions on %s', (kind) => {
  let f: CoreFixture;
  let auth: AuthServices;
  let sue: StaffMember;
  const others: Core[] = [];
  /** A second server replica on the same database and clock. */
  const replica = async () => {
    const core = await startCore({ database: f.db.config, clock: f.clock, log: () => undefined });
    others.push(core);
    return core;
  };
  const rows = async <T>(sql: string): Promise<T[]> => f.core.dataSource.query(sql);

  beforeEach(async () => {
    f = await coreFixture(kind);
    auth = f.core.services.auth;
    sue = await f.core.services.staff.create({ name: 'Sue Supervisor', role: 'supervisor', email: 'Sue@District.example', password: PASSWORD });
  });
  afterEach(async () => {
    for (const core of others.splice(0)) await core.close();
    await f.dispose();
  });

  describe('sessions', () => {
    const browser = { method: 'password', client: 'browser', lifetimeMs: 8 * HOUR, idleMs: null } as const;

    it('issue a token that is never stored, and resolve it to the staff member with a CSRF token derived from it, until it expires', async () => {
      const issued = await auth.sessions.issue(sue.id, browser);
      expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(issued).toMatchObject({ expiresAt: f.clock.now() + 8 * HOUR, idleMs: null, staff: { id: sue.id, name: 'Sue Supervisor', role: 'supervisor', email: 'sue@district.example' } });
      const stored = await rows<Record<string, unknown>>('SELECT * FROM staff_session');
      expect(stored.map((r) => r.id)).toEqual([createHash('sha256').update(issued.token).digest('hex')]);
      expect(JSON.stringify(stored)).not.toContain(issued.token);

      const csrf = createHmac('sha256', issued.token).update('csrf').digest('base64url');
      expect(issued.csrf).toBe(csrf);
      expect(await auth.sessions.resolve(issued.token)).toEqual({
        sessionId: issued.sessionId,
        staff: { id: sue.id, name: 'Sue Supervisor', role: 'supervisor', active: true, email: 'sue@district.example' },
        csrf,
        method: 'password',
        client: 'browser',
        expiresAt: issued.expiresAt,
        idleMs: null,
      });
      const second = await auth.sessions.issue(sue.id, browser);
      expect(second.csrf).not.toBe(csrf);

      f.clock.set(issued.expiresAt - 1);
      expect(await auth.sessions.resolve(issued.token)).not.toBeNull();
      f.clock.set(issued.expiresAt);
      expect(await auth.sessions.resolve(issued.token)).toBeNull();
    });

    it('know nothing of a token they did not issue', async () => {
      const issued = await auth.sessions.issue(sue.id, browser);
      const forged = `${issued.token.slice(0, -1)}${issued.token.endsWith('A') ? 'B' : 'A'}`;
      for (const token of [forged, '', 'x'.repeat(43), issued.sessionId, `${issued.token}=`]) expect(await auth.sessions.resolve(token)).toBeNull();
    });

    it('end after their own idle time, and record use at most once a minute', async () => {
      const idle = await auth.sessions.issue(sue.id, { method: 'sso', client: 'desktop', lifetimeMs: 12 * HOUR, idleMs: 30 * MINUTE });
      const patient = await auth.sessions.issue(sue.id, { method: 'sso', client: 'desktop', lifetimeMs: 12 * HOUR, idleMs: null });
      const lastSeen = async () => Number((await rows<{ at: number | string }>(`SELECT last_seen_at AS at FROM staff_session WHERE id = '${idle.sessionId}'`))[0]?.at);
      const issuedAt = f.clock.now();

      f.clock.advance(29 * MINUTE);
      expect(await auth.sessions.resolve(idle.token)).toMatchObject({ idleMs: 30 * MINUTE, method: 'sso', client: 'desktop' });
      expect(await lastSeen()).toBe(issuedAt + 29 * MINUTE);
      f.clock.advance(30_000);
      expect(await auth.sessions.resolve(idle.token)).not.toBeNull();
      expect(await lastSeen()).toBe(issuedAt + 29 * MINUTE);
      f.clock.advance(29 * MINUTE);
      expect(await auth.sessions.resolve(idle.token)).not.toBeNull();
      expect(await lastSeen()).toBe(issuedAt + 58 * MINUTE + 30_000);

      f.clock.advance(30 * MINUTE + 1);
      expect(await auth.sessions.resolve(idle.token)).toBeNull();
      expect(await auth.sessions.resolve(patient.token)).not.toBeNull();
    });

    it('end on sign-out, for all of a person at once, and when the person is deactivated or inactive', async () => {
      const tom = await f.core.services.staff.create({ name: 'Tom Tech', role: 'technician' }, sue.id);
      const [first, second, third] = [await auth.sessions.issue(tom.id, browser), await auth.sessions.issue(tom.id, browser), await auth.sessions.issue(tom.id, browser)];
      const sues = await auth.sessions.issue(sue.id, browser);

      expect(await auth.sessions.revoke(first!.token)).toBe(true);
      expect(await auth.sessions.revoke(first!.token)).toBe(false);
      expect(await auth.sessions.resolve(first!.token)).toBeNull();
      expect(await auth.sessions.resolve(second!.token)).not.toBeNull();
      expect(await auth.sessions.revokeAllFor(tom.id)).toBe(2);
      expect(await auth.sessions.resolve(third!.token)).toBeNull();

      // A role change applies to the next call; deactivation ends the person's sessions, and reactivation does not revive them.
      const fourth = await auth.sessions.issue(tom.id, browser);
      await f.core.services.staff.update(sue.id, { id: tom.id, role: 'agent' });
      expect((await auth.sessions.resolve(fourth.token))?.staff.role).toBe('agent');
      await f.core.services.staff.update(sue.id, { id: tom.id, active: false });
      expect(await auth.sessions.resolve(fourth.token)).toBeNull();
      expect(await rows(`SELECT id FROM staff_session WHERE staff_id = ${tom.id} AND revoked_at IS NULL`)).toEqual([]);
      await expect(auth.sessions.issue(tom.id, browser)).rejects.toMatchObject({ code: 'forbidden' });
      await f.core.services.staff.update(sue.id, { id: tom.id, active: true });
      expect(await auth.sessions.resolve(fourth.token)).toBeNull();
      expect(await auth.sessions.resolve(sues.token)).not.toBeNull();

      // However a person became inactive (here by hand in the database), their sessions stop at once.
      const fifth = await auth.sessions.issue(tom.id, browser);
      await f.core.dataSource.query(`UPDATE staff_member SET active = false WHERE id = ${tom.id}`);
      expect(await auth.sessions.resolve(fifth.token)).toBeNull();
      await expect(auth.sessions.issue(9_999, browser)).rejects.toMatchObject({ code: 'unauthenticated' });
    });
  });

  describe('local sign-in', () => {
    it('signs in by email in any case, and refuses an unknown email, a wrong or missing password and an inactive person in the same words', async () => {
      expect(await auth.localSignIn.signIn('SUE@district.EXAMPLE', PASSWORD, '10.0.0.1')).toEqual({ id: sue.id, name: 'Sue Supervisor', role: 'supervisor', active: true, email: 'sue@district.example' });
      const nopass = await f.core.services.staff.create({ name: 'Nora No-Password', role: 'agent', email: 'nora@district.example' }, sue.id);
      const gone = await f.core.services.staff.create({ name: 'Gil Gone', role: 'agent', email: 'gil@district.example', password: PASSWORD }, sue.id);
      await f.core.services.staff.update(sue.id, { id: gone.id, active: false });
      const tries: [string, string][] = [
        ['nobody@district.example', PASSWORD],
        ['sue@district.example', 'not the password'],
        [nopass.email!, PASSWORD],
        [nopass.email!, ''],
        [gone.email!, PASSWORD],
        ['', PASSWORD],
        [`${'s'.repeat(250)}@district.example`, PASSWORD],
      ];
      for (const [email, password] of tries) {
        const error = await rejection(auth.localSignIn.signIn(email, password, '10.0.0.1'));
        expect({ code: error.code, message: error.message }, email).toEqual({ code: 'unauthenticated', message: SIGN_IN_REFUSED });
      }
    });

    it('refuses an account after 5 failures in 15 minutes, says how long to wait, and every replica counts the same attempts', async () => {
      const start = f.clock.now();
      for (let i = 0; i < 5; i++) {
        expect((await rejection(auth.localSignIn.signIn('sue@district.example', `guess ${i}`, '203.0.113.9'))).code).toBe('unauthenticated');
        f.clock.advance(MINUTE);
      }
      // Now start + 5 min: the first failure leaves the window at start + 15 min.
      const refused = await rejection(auth.localSignIn.signIn('sue@district.example', PASSWORD, '10.0.0.1'));
      expect(refused).toBeInstanceOf(RateLimitedError);
      expect(refused).toMatchObject({ code: 'rate_limited', retryAfterMs: 10 * MINUTE, message: 'Too many sign-in attempts; try again in 10 minutes' });

      const other = (await replica()).services.auth;
      expect(await other.throttle.check('Sue@District.example', '10.0.0.2')).toEqual({ allowed: false, retryAfterMs: 10 * MINUTE });
      expect((await rejection(other.localSignIn.signIn('sue@district.example', PASSWORD, '10.0.0.2'))).code).toBe('rate_limited');

      f.clock.set(start + 15 * MINUTE - 1);
      expect((await other.throttle.check('sue@district.example', '10.0.0.2')).allowed).toBe(false);
      f.clock.set(start + 15 * MINUTE);
      expect(await other.throttle.check('sue@district.example', '10.0.0.2')).toEqual({ allowed: true });
      expect((await other.localSignIn.signIn('sue@district.example', PASSWORD, '10.0.0.2')).id).toBe(sue.id);
    });

    it('counts guesses made at the same moment on two replicas: no more than 5 get through to the password check', async () => {
      const other = (await replica()).services.auth;
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? auth : other).localSignIn.signIn('sue@district.example', `guess ${i}`, `198.51.100.${i}`)),
      );
      const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as DomainError).code : 'signed in'));
      expect(codes.filter((c) => c === 'unauthenticated')).toHaveLength(5);
      expect(codes.filter((c) => c === 'rate_limited')).toHaveLength(7);
    });

    it('forgives failures followed by a success from the same address, never those from another address', async () => {
      const attacker = '203.0.113.50';
      for (let i = 0; i < 3; i++) await rejection(auth.localSignIn.signIn('sue@district.example', `guess ${i}`, attacker));
      await rejection(auth.localSignIn.signIn('sue@district.example', 'typo', '10.0.0.1'));
      expect((await auth.localSignIn.signIn('sue@district.example', PASSWORD, '10.0.0.1')).id).toBe(sue.id);
      // Counted now: the attacker's 3. Two more and the account is closed to everyone for a while, Sue too.
      for (let i = 3; i < 5; i++) await rejection(auth.localSignIn.signIn('sue@district.example', `guess ${i}`, attacker));
      expect(await auth.throttle.check('sue@district.example', '10.0.0.1')).toMatchObject({ allowed: false });
    });

    it('refuses an address after 20 failures across accounts, and keeps attempts for a day', async () => {
      const crowd = '192.0.2.7';
      for (let i = 0; i < 19; i++) await auth.throttle.record(`person${i}@district.example`, crowd, false);
      expect(await auth.throttle.check('new@district.example', crowd)).toEqual({ allowed: true });
      await auth.throttle.record('person19@district.example', crowd, false);
      expect(await auth.throttle.check('new@district.example', crowd)).toEqual({ allowed: false, retryAfterMs: 15 * MINUTE });
      expect((await rejection(auth.localSignIn.signIn('sue@district.example', PASSWORD, crowd))).code).toBe('rate_limited');
      expect(await auth.throttle.check('new@district.example', '192.0.2.8')).toEqual({ allowed: true });
      // Single sign-on failures count per address only: "sso" is not one person's account.
      for (let i = 0; i < 6; i++) await auth.throttle.record('sso', `192.0.2.${100 + i}`, false);
      expect(await auth.throttle.check('sso', '192.0.2.200')).toEqual({ allowed: true });

      const count = async () => Number((await rows<{ n: number | string }>('SELECT COUNT(*) AS n FROM sign_in_attempt'))[0]?.n);
      expect(await count()).toBe(26);
      f.clock.advance(25 * HOUR);
      await auth.throttle.record('sue@district.example', '10.0.0.1', true);
      expect(await count()).toBe(1);
    });
  });

  describe('sign-in flows', () => {
    it('are taken once, by one replica only, of their own kind, and not after they expire', async () => {
      const other = (await replica()).services.auth;
      const payload = { verifier: 'v'.repeat(43), nonce: 'n-1', returnTo: '/queue' };
      await auth.flows.put('state-1', 'sso', payload, 10 * MINUTE);
      expect(await other.flows.take('state-1', 'desktop_code')).toBeNull();
      expect(await other.flows.take('state-1', 'sso')).toEqual(payload);
      expect(await auth.flows.take('state-1', 'sso')).toBeNull();

      await auth.flows.put('state-2', 'sso', payload, 10 * MINUTE);
      const both = await Promise.all([auth.flows.take('state-2', 'sso'), other.flows.take('state-2', 'sso')]);
      expect(both.filter((p) => p !== null)).toEqual([payload]);

      await auth.flows.put('state-3', 'desktop_code', { staffId: sue.id }, MINUTE);
      f.clock.advance(MINUTE);
      expect(await other.flows.take('state-3', 'desktop_code')).toBeNull();
      await expect(auth.flows.put('x'.repeat(65), 'sso', payload, MINUTE)).rejects.toThrow(/1 to 64 characters/);
      expect(await auth.flows.take('x'.repeat(65), 'sso')).toBeNull();
    });
  });

  describe('single sign-on accounts', () => {
    it('links a verified email once, then knows the person by their identity; refuses unverified emails, other identities and inactive people', async () => {
      const identity = { issuer: ISSUER, subject: 'sub-sue', email: 'sue@district.example', emailVerified: false };
      expect(await auth.sso.staffForSso(identity)).toBeNull();
      expect(await auth.sso.staffForSso({ ...identity, email: 'SUE@district.example', emailVerified: true })).toMatchObject({ id: sue.id });
      expect(await rows(`SELECT sso_issuer, sso_subject FROM staff_member WHERE id = ${sue.id}`)).toEqual([{ sso_issuer: ISSUER, sso_subject: 'sub-sue' }]);
      // The identity finds her whatever email the provider now says; another identity with her email does not.
      expect(await auth.sso.staffForSso({ ...identity, email: 'sue.s@district.example' })).toMatchObject({ id: sue.id });
      expect(await auth.sso.staffForSso({ ...identity, subject: 'sub-someone-else', emailVerified: true })).toBeNull();
      expect(await auth.sso.staffForSso({ ...identity, issuer: 'https://elsewhere.example', emailVerified: true })).toBeNull();
      expect(await auth.sso.staffForSso({ ...identity, subject: 'sub-x', email: 'nobody@district.example', emailVerified: true })).toBeNull();

      const tom = await f.core.services.staff.create({ name: 'Tom Tech', role: 'technician', email: 'tom@district.example' }, sue.id);
      await f.core.services.staff.update(sue.id, { id: tom.id, active: false });
      expect(await auth.sso.staffForSso({ issuer: ISSUER, subject: 'sub-tom', email: 'tom@district.example', emailVerified: true })).toBeNull();
      await f.core.services.staff.update(sue.id, { id: tom.id, active: true });
      const [a, b] = await Promise.all([
        auth.sso.staffForSso({ issuer: ISSUER, subject: 'sub-tom', email: 'tom@district.example', emailVerified: true }),
        (await replica()).services.auth.sso.staffForSso({ issuer: ISSUER, subject: 'sub-tom', email: 'tom@district.example', emailVerified: true }),
      ]);
      expect([a?.id, b?.id]).toEqual([tom.id, tom.id]);
      await f.core.services.staff.update(sue.id, { id: tom.id, active: false });
      expect(await auth.sso.staffForSso({ issuer: ISSUER, subject: 'sub-tom', email: null, emailVerified: false })).toBeNull();
    });
  });

  describe('staff records', () => {
    it('audit creation, what each change changed, and passwords without any hash, newest first with names', async () => {
      const tom = await f.core.services.staff.create({ name: 'Tom Tech', role: 'technician' }, sue.id);
      expect(tom.email).toBeNull();
      f.clock.advance(MINUTE);
      await f.core.services.staff.update(sue.id, { id: tom.id, name: 'Tom Tran', role: 'technician', email: 'Tom@District.example' });
      await f.core.services.staff.update(sue.id, { id: tom.id, name: 'Tom Tran', email: 'tom@district.example' });
      await f.core.services.staff.setPassword(sue.id, tom.id, 'another long passphrase');
      const at = (ms: number) => new Date(ms).toISOString();
      const sueEntry = { actorId: null, actorName: null, staffId: sue.id, staffName: 'Sue Supervisor' };
      const tomEntry = { actorId: sue.id, actorName: 'Sue Supervisor', staffId: tom.id, staffName: 'Tom Tran' };
      const expected: Omit<StaffAuditEntry, 'id'>[] = [
        { ...tomEntry, at: at(f.clock.now()), change: 'password', before: null, after: null },
        { ...tomEntry, at: at(f.clock.now()), change: 'updated', before: { name: 'Tom Tech', email: null }, after: { name: 'Tom Tran', email: 'tom@district.example' } },
        { ...tomEntry, at: at(f.clock.now() - MINUTE), change: 'created', before: null, after: { name: 'Tom Tech', role: 'technician', active: true, email: null } },
        { ...sueEntry, at: at(f.clock.now() - MINUTE), change: 'password', before: null, after: null },
        { ...sueEntry, at: at(f.clock.now() - MINUTE), change: 'created', before: null, after: { name: 'Sue Supervisor', role: 'supervisor', active: true, email: 'sue@district.example' } },
      ];
      const all = await f.core.services.staff.audit();
      expect(all.map(({ id: _id, ...entry }) => entry)).toEqual(expected);
      expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
      expect((await f.core.services.staff.audit(tom.id)).map((e) => e.change)).toEqual(['password', 'updated', 'created']);
      expect(await rows(`SELECT id FROM staff_audit WHERE before_json LIKE '%argon2%' OR after_json LIKE '%argon2%' OR after_json LIKE '%passphrase%'`)).toEqual([]);
      expect(await refusal(f.core.dataSource, `UPDATE staff_audit SET after_json = '{}'`)).toMatch(/append-only/);
      expect(await refusal(f.core.dataSource, `DELETE FROM staff_audit`)).toMatch(/append-only/);
      expect(await auth.localSignIn.signIn('tom@district.example', 'another long passphrase', '10.0.0.1')).toMatchObject({ id: tom.id });
      await expect(f.core.services.staff.setPassword(sue.id, tom.id, 'too short')).rejects.toMatchObject({ code: 'invalid_input', field: 'password', message: 'Password must be at least 12 characters' });
    });

    it('are changed through the contract by supervisors only, each as themselves', async () => {
      const tom = await f.core.services.staff.create({ name: 'Tom Tech', role: 'technician' }, sue.id);
      const asSue = { actorId: sue.id };
      expect(await f.core.dispatch('staff.update', { id: tom.id, email: 'TOM@district.example' }, asSue)).toMatchObject({ ok: true, value: { id: tom.id, email: 'tom@district.example' } });
      expect(await f.core.dispatch('staff.setPassword', { id: tom.id, password: 'a passphrase of length' }, asSue)).toMatchObject({ ok: true, value: { id: tom.id } });
      const created = await f.core.dispatch('staff.create', { name: 'Ann Agent', role: 'agent', email: 'ann@district.example' }, asSue);
      expect(created).toMatchObject({ ok: true, value: { name: 'Ann Agent', email: 'ann@district.example' } });
      const audit = await f.core.dispatch('staff.audit', { staffId: tom.id }, asSue);
      expect(audit.ok && (audit.value as StaffAuditEntry[]).map((e) => [e.change, e.actorName])).toEqual([['password', 'Sue Supervisor'], ['updated', 'Sue Supervisor'], ['created', 'Sue Supervisor']]);
      const newest = await f.core.dispatch('staff.audit', {}, asSue);
      expect(newest.ok && (newest.value as StaffAuditEntry[])[0]).toMatchObject({ change: 'created', staffName: 'Ann Agent', actorId: sue.id });
      for (const channel of ['staff.update', 'staff.setPassword', 'staff.audit'] as const) {
        const input = channel === 'staff.audit' ? {} : channel === 'staff.update' ? { id: tom.id, role: 'supervisor' } : { id: tom.id, password: 'a passphrase of length' };
        expect(await f.core.dispatch(channel, input, { actorId: tom.id }), channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      expect(await f.core.dispatch('staff.update', { id: 9_999, name: 'Nobody' }, asSue)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    });

    it('keep an active supervisor: the last one may not demote or deactivate themselves', async () => {
      for (const change of [{ role: 'agent' as const }, { active: false }]) {
        const error = await rejection(f.core.services.staff.update(sue.id, { id: sue.id, ...change }));
        expect(error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/^You are the last active supervisor: make someone else a supervisor first/) });
      }
      expect(await f.core.services.staff.audit(sue.id)).toHaveLength(2);
      const sam = await f.core.services.staff.create({ name: 'Sam Supervisor', role: 'supervisor' }, sue.id);
      expect(await f.core.services.staff.update(sue.id, { id: sue.id, role: 'technician' })).toMatchObject({ role: 'technician' });
      expect(await rejection(f.core.services.staff.update(sam.id, { id: sam.id, active: false }))).toMatchObject({ code: 'conflict' });
      expect(await rejection(f.core.services.staff.update(null, { id: sam.id, role: 'agent' }))).toMatchObject({ code: 'conflict', message: expect.stringMatching(/^Sam Supervisor is the last active supervisor/) });

      // Two supervisors demoting each other at once, on two replicas: one of them stays a supervisor, every time.
      // (SQLite's file lock lets one writer in at a time anyway, and two cores in one test process wait out its busy timeout: one round.)
      const other = await replica();
      const rounds = isPostgres(f.core.dataSource) ? 5 : 1;
      for (let round = 0; round < rounds; round++) {
        for (const id of [sue.id, sam.id]) await f.core.services.staff.update(null, { id, role: 'supervisor' });
        const results = await Promise.allSettled([
          f.core.services.staff.update(sue.id, { id: sam.id, role: 'agent' }),
          other.services.staff.update(sam.id, { id: sue.id, role: 'agent' }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
        const supervisors = (await f.core.services.staff.list()).filter((s) => s.role === 'supervisor' && s.active);
        expect(supervisors).toHaveLength(1);
      }
    });

    it('give an email to one staff member only, whatever its case: a conflict naming the field and who has it', async () => {
      const tom = await f.core.services.staff.create({ name: 'Tom Tech', role: 'technician' }, sue.id);
      const dup = await rejection(f.core.services.staff.create({ name: 'Sue Again', role: 'agent', email: 'SUE@district.example' }, sue.id));
      expect(dup).toMatchObject({ code: 'conflict', field: 'email', message: 'A staff member with this email already exists: Sue Supervisor' });
      const moved = await rejection(f.core.services.staff.update(sue.id, { id: tom.id, email: 'sue@DISTRICT.example' }));
      expect(moved).toMatchObject({ code: 'conflict', field: 'email', message: 'A staff member with this email already exists: Sue Supervisor' });
      expect(await f.core.dispatch('staff.create', { name: 'Sue Again', role: 'agent', email: 'Sue@District.example' }, { actorId: sue.id })).toMatchObject({
        ok: false,
        error: { code: 'conflict', field: 'email' },
      });
      // Without an email nobody collides; a freed email may be given again.
      await f.core.services.staff.create({ name: 'No Email', role: 'agent' }, sue.id);
      await f.core.services.staff.update(sue.id, { id: sue.id, email: null });
      expect(await f.core.services.staff.update(sue.id, { id: tom.id, email: 'sue@district.example' })).toMatchObject({ email: 'sue@district.example' });
      expect((await f.core.services.staff.list()).map((s) => s.name)).toEqual(['No Email', 'Sue Supervisor', 'Tom Tech']);
      if (isPostgres(f.core.dataSource)) expect(await rows(`SELECT 1 FROM pg_indexes WHERE indexname = 'uq_staff_email' AND indexdef LIKE '%lower%'`)).toHaveLength(1);
    });
  });
});
