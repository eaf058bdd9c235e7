import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../../electron/server/session-cookie';
import { PASSWORD, request, sessionCookieOf, startTestServer, valueOf, type TestServer } from './server-fixture';

describe('district server sessions', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  it('answers 401 to every call and event stream without a session, and says how to sign in', async () => {
    const anonymous = t.browser();
    const call = await anonymous.invoke('app.info', {});
    expect(call.status).toBe(401);
    expect(call.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect((await request(`${t.server.origin}/api/events`)).status).toBe(401);
    const state = (await anonymous.session()).json();
    expect(state).toEqual({ ok: true, value: { mode: 'server', staff: null, signIn: { sso: null, password: true }, expiresAt: null, idleTimeoutMinutes: 60 } });
  });

  it('signs in with a password: a Secure, HttpOnly, Lax __Host- cookie, the session and its CSRF token', async () => {
    const agent = await t.staff('agent');
    const browser = t.browser();
    const answer = await browser.signIn(agent.email.toUpperCase(), PASSWORD);
    expect(answer.status).toBe(200);
    const cookieLine = (answer.headers['set-cookie'] ?? []).find((line) => line.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(cookieLine).toMatch(/; HttpOnly/);
    expect(cookieLine).toMatch(/; Secure/);
    expect(cookieLine).toMatch(/; SameSite=Lax/);
    expect(cookieLine).toMatch(/; Path=\//);
    expect(cookieLine).not.toMatch(/Domain=/i);
    const value = answer.json().value as Record<string, unknown>;
    expect(value).toMatchObject({ mode: 'server', staff: { id: agent.id, role: 'agent' }, idleTimeoutMinutes: 60 });
    expect(Date.parse(value.expiresAt as string)).toBe(t.clock.now() + 12 * 3_600_000);
    expect(value.csrf).toEqual(expect.any(String));
    expect(value.token).toBeUndefined();

    expect(valueOf<{ name: string }>(await browser.invoke('app.info', {})).name).toBe('Deskwatch');
    expect((await browser.session()).json()).toMatchObject({ ok: true, value: { staff: { id: agent.id }, csrf: browser.csrf } });
  });

  it('refuses a wrong password or an unknown email in the same words', async () => {
    const agent = await t.staff('agent');
    const wrong = await t.browser().signIn(agent.email, 'not the password');
    const unknown = await t.browser().signIn('nobody@district.example', PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json().error).toEqual(unknown.json().error);
    expect(sessionCookieOf(wrong)).toBeNull();
  });

  it('ends a session at its lifetime, however busy', async () => {
    const agent = await t.staff('agent');
    const browser = await t.browser().signedIn(agent.email);
    // A call every 59 minutes keeps it from going idle: 708 minutes in, it still works.
    for (let hour = 0; hour < 12; hour += 1) {
      t.clock.advance(59 * 60_000);
      expect((await browser.invoke('app.info', {})).status).toBe(200);
    }
    t.clock.advance(12 * 60_000);
    const late = await browser.invoke('app.info', {});
    expect(late.status).toBe(401);
    expect((await browser.session()).json().value).toMatchObject({ staff: null });
  });

  it('ends a session left idle longer than the idle timeout', async () => {
    const agent = await t.staff('agent');
    const browser = await t.browser().signedIn(agent.email);
    t.clock.advance(59 * 60_000);
    expect((await browser.invoke('app.info', {})).status).toBe(200);
    t.clock.advance(61 * 60_000);
    expect((await browser.invoke('app.info', {})).status).toBe(401);
  });

  it('refuses forged tokens, as a cookie or a bearer', async () => {
    const agent = await t.staff('agent');
    await t.browser().signedIn(agent.email);
    const forged = randomBytes(32).toString('base64url');
    const byCookie = t.browser();
    byCookie.cookie = forged;
    expect((await byCookie.invoke('app.info', {})).status).toBe(401);
    for (const token of [forged, 'x', `${forged}A`, '']) {
      const answer = await request(`${t.server.origin}/api/invoke/app.info`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{"input":{}}' });
      expect(answer.status).toBe(401);
    }
  });

  it('gives a new session at every sign-in and ends the one the browser had', async () => {
    const agent = await t.staff('agent');
    const browser = await t.browser().signedIn(agent.email);
    const first = { cookie: browser.cookie, csrf: browser.csrf };
    await browser.signedIn(agent.email);
    expect(browser.cookie).not.toBe(first.cookie);
    expect(browser.csrf).not.toBe(first.csrf);
    expect((await browser.invoke('app.info', {})).status).toBe(200);
    const old = t.browser();
    old.cookie = first.cookie;
    old.csrf = first.csrf;
    expect((await old.invoke('app.info', {})).status).toBe(401);
  });

  it('signs out in the database: the old cookie is refused afterwards, and the cookie is cleared', async () => {
    const agent = await t.staff('agent');
    const browser = await t.browser().signedIn(agent.email);
    const kept = browser.cookie;
    const out = await browser.signOut();
    expect(out.status).toBe(200);
    expect(out.json().value).toMatchObject({ mode: 'server', staff: null });
    expect((out.headers['set-cookie'] ?? []).join('\n')).toMatch(new RegExp(`${SESSION_COOKIE}=; Max-Age=0`));
    const replay = t.browser();
    replay.cookie = kept;
    replay.csrf = browser.csrf;
    expect((await replay.invoke('app.info', {})).status).toBe(401);
  });

  it('refuses to choose a profile: a server signs people in', async () => {
    const agent = await t.staff('agent');
    const answer = await request(`${t.server.origin}/api/session/choose`, { method: 'POST', headers: { origin: t.server.origin }, body: JSON.stringify({ staffId: agent.id }) });
    expect(answer.status).toBe(403);
    expect(answer.json().error).toMatchObject({ code: 'forbidden' });
  });

  it('gives the desktop app a bearer token that needs no cookie, Origin or CSRF token, and ends it at sign-out', async () => {
    const agent = await t.staff('agent');
    const answer = await request(`${t.server.origin}/api/session/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: agent.email, password: PASSWORD, client: 'desktop' }),
    });
    expect(answer.status).toBe(200);
    expect(sessionCookieOf(answer)).toBeNull();
    const value = answer.json().value as { token: string; csrf?: string };
    expect(value.csrf).toBeUndefined();
    const bearer = { authorization: `Bearer ${value.token}` };
    expect((await request(`${t.server.origin}/api/invoke/app.info`, { method: 'POST', headers: bearer, body: '{"input":{}}' })).status).toBe(200);
    expect((await request(`${t.server.origin}/api/session`, { headers: bearer })).json().value).toMatchObject({ staff: { id: agent.id } });
    expect((await request(`${t.server.origin}/api/session/signout`, { method: 'POST', headers: bearer })).status).toBe(200);
    expect((await request(`${t.server.origin}/api/invoke/app.info`, { method: 'POST', headers: bearer, body: '{"input":{}}' })).status).toBe(401);
  });

  it('refuses a person whose profile was made inactive, at once', async () => {
    const supervisor = await t.staff('supervisor');
    const agent = await t.staff('agent');
    const agentBrowser = await t.browser().signedIn(agent.email);
    const boss = await t.browser().signedIn(supervisor.email);
    valueOf(await boss.invoke('staff.update', { id: agent.id, active: false }));
    expect((await agentBrowser.invoke('app.info', {})).status).toBe(401);
    expect((await t.browser().signIn(agent.email, PASSWORD)).status).toBe(401);
  });
});

describe('district server with password sign-in off', () => {
  it('offers single sign-on only, refuses the password form, and says so when the provider cannot be reached', async () => {
    const t = await startTestServer({
      // A provider that is down: port 1 on this machine refuses at once.
      env: { DESKWATCH_PASSWORD_SIGN_IN: 'off', DESKWATCH_OIDC_ISSUER: 'http://127.0.0.1:1', DESKWATCH_OIDC_CLIENT_ID: 'deskwatch', DESKWATCH_OIDC_LABEL: 'Lakeside ISD' },
    });
    try {
      const agent = await t.staff('agent');
      expect((await t.browser().session()).json().value).toMatchObject({ signIn: { sso: { label: 'Lakeside ISD' }, password: false } });
      const refused = await t.browser().signIn(agent.email, PASSWORD);
      expect(refused.status).toBe(403);
      expect(refused.json().error?.message).toMatch(/Password sign-in is turned off/);
      const down = await request(`${t.server.origin}/api/session/sso`);
      expect(down.status).toBe(502);
      expect(down.headers['content-type']).toMatch(/^text\/html/);
      expect(down.body).toMatch(/cannot be reached/);
      expect(down.headers['x-frame-options']).toBe('DENY');
    } finally {
      await t.close();
    }
  });
});
