import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_ON_STAFF_LIST } from '../../../electron/core/auth';
import { SSO_BINDING_COOKIE } from '../../../electron/server/session-cookie';
import { completeSignInAtProvider, startOidcProvider, type RunningOidcProvider } from '../../support/oidc-provider';
import { request, sessionCookieOf, startTestServer, valueOf, type HttpAnswer, type TestServer } from './server-fixture';
import { freePort } from '../../support/free-port';


function bindingCookieOf(answer: HttpAnswer): string | null {
  for (const line of answer.headers['set-cookie'] ?? []) {
    const match = new RegExp(`^${SSO_BINDING_COOKIE}=([^;]+)`).exec(line);
    if (match?.[1]) return match[1];
  }
  return null;
}

/** A PKCE verifier and its S256 challenge, as the desktop app makes them. */
function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

const DESKTOP_REDIRECT = 'http://127.0.0.1:53682/callback';

describe('district server single sign-on with a real OpenID provider', () => {
  let provider: RunningOidcProvider;
  let t: TestServer;
  let supervisorEmail: string;
  let supervisorId: number;

  beforeAll(async () => {
    const port = await freePort();
    provider = await startOidcProvider({
      redirectUris: [`http://127.0.0.1:${port}/api/session/sso/callback`],
      accounts: [
        { subject: 'dana-sub', email: 'dana@district.example', emailVerified: true, name: 'Dana Supervisor' },
        { subject: 'stranger-sub', email: 'stranger@district.example', emailVerified: true, name: 'Sam Stranger' },
      ],
    });
    t = await startTestServer({
      env: {
        DESKWATCH_LISTEN: `127.0.0.1:${port}`,
        DESKWATCH_OIDC_ISSUER: provider.issuer,
        DESKWATCH_OIDC_CLIENT_ID: provider.clientId,
        DESKWATCH_OIDC_CLIENT_SECRET: provider.clientSecret,
        DESKWATCH_OIDC_LABEL: 'Lakeside ISD',
      },
    });
    const supervisor = await t.staff('supervisor', { email: 'dana@district.example', password: null, name: 'Dana Supervisor' });
    supervisorEmail = supervisor.email;
    supervisorId = supervisor.id;
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  /** Starts a sign-in at the server as a browser would: the provider's URL and the binding cookie. */
  async function begin(query: string): Promise<{ location: string; binding: string }> {
    const answer = await request(`${t.server.origin}/api/session/sso${query}`);
    expect(answer.status, answer.body).toBe(302);
    const binding = bindingCookieOf(answer);
    expect(binding).not.toBeNull();
    return { location: answer.headers.location ?? '', binding: binding ?? '' };
  }

  const callback = (url: URL, binding: string | null) =>
    request(url.href, { headers: binding ? { cookie: `${SSO_BINDING_COOKIE}=${binding}` } : {} });

  it('offers the district sign-in under its label', async () => {
    expect((await request(`${t.server.origin}/api/session`)).json().value).toMatchObject({ signIn: { sso: { label: 'Lakeside ISD' }, password: true } });
  });

  it('signs a browser in end to end: PKCE at the provider, a session cookie, back to the page it started from', async () => {
    const { location, binding } = await begin('?return=/queue?view=mine');
    const authorize = new URL(location);
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${t.server.origin}/api/session/sso/callback`);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();

    const back = await completeSignInAtProvider(location, { login: 'dana-sub' });
    const done = await callback(back, binding);
    expect(done.status, done.body).toBe(302);
    expect(done.headers.location).toBe(`${t.server.origin}/queue?view=mine`);
    expect(done.headers['x-frame-options']).toBe('DENY');
    const cookie = sessionCookieOf(done);
    expect(cookie).toBeTruthy();

    const browser = t.browser();
    browser.cookie = cookie;
    const state = (await browser.session()).json().value as { staff: { id: number }; csrf: string };
    expect(state.staff.id).toBe(supervisorId);
    browser.csrf = state.csrf;
    expect(valueOf<{ name: string }>(await browser.invoke('app.info', {})).name).toBe('Deskwatch');

    // The callback is single use: the same answer again signs nobody in.
    const replay = await callback(back, binding);
    expect(replay.status).toBe(400);
    expect(sessionCookieOf(replay)).toBeNull();
  });

  it('shows a plain page to a district account that is not on the staff list, and starts no session', async () => {
    const { location, binding } = await begin('');
    const done = await callback(await completeSignInAtProvider(location, { login: 'stranger-sub' }), binding);
    expect(done.status).toBe(403);
    expect(done.headers['content-type']).toMatch(/^text\/html/);
    expect(done.body).toContain('stranger@district.example');
    expect(done.body).toContain(NOT_ON_STAFF_LIST.replace("'", '&#39;'));
    expect(done.body).not.toMatch(/<script/i);
    expect(sessionCookieOf(done)).toBeNull();
  });

  it('refuses a callback in a browser that did not start the sign-in (login CSRF)', async () => {
    const { location } = await begin('');
    const back = await completeSignInAtProvider(location, { login: 'dana-sub' });
    const elsewhere = await callback(back, null);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body).toMatch(/started in another browser/);
    expect(sessionCookieOf(elsewhere)).toBeNull();
    const forged = await callback(back, randomBytes(32).toString('base64url'));
    expect(forged.status).toBe(400);
  });

  it('returns only to paths on this server', async () => {
    for (const target of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const { location, binding } = await begin(`?return=${encodeURIComponent(target)}`);
      const done = await callback(await completeSignInAtProvider(location, { login: 'dana-sub' }), binding);
      expect(done.headers.location).toBe(`${t.server.origin}/`);
    }
  });

  it('signs the desktop app in through its loopback address with a one-time code and its PKCE verifier', async () => {
    const pkce = pkcePair();
    const { location, binding } = await begin(`?redirect_uri=${encodeURIComponent(DESKTOP_REDIRECT)}&state=app-state-1&code_challenge=${pkce.challenge}&code_challenge_method=S256`);
    const done = await callback(await completeSignInAtProvider(location, { login: 'dana-sub' }), binding);
    expect(done.status).toBe(302);
    expect(sessionCookieOf(done)).toBeNull();
    const loopback = new URL(done.headers.location ?? '');
    expect(`${loopback.origin}${loopback.pathname}`).toBe(DESKTOP_REDIRECT);
    expect(loopback.searchParams.get('state')).toBe('app-state-1');
    const code = loopback.searchParams.get('code') ?? '';
    expect(code.length).toBeGreaterThanOrEqual(43);

    const exchange = () => request(`${t.server.origin}/api/session/desktop-token`, { method: 'POST', body: JSON.stringify({ code, code_verifier: pkce.verifier }) });
    const answer = await exchange();
    expect(answer.status, answer.body).toBe(200);
    const value = answer.json().value as { token: string; staff: { id: number }; csrf?: string };
    expect(value.staff.id).toBe(supervisorId);
    expect(value.csrf).toBeUndefined();
    const info = await request(`${t.server.origin}/api/invoke/staff.audit`, { method: 'POST', headers: { authorization: `Bearer ${value.token}` }, body: '{"input":{}}' });
    expect(info.json()).toMatchObject({ ok: true });
    // One exchange per code.
    expect((await exchange()).status).toBe(401);
  });

  it('refuses a wrong verifier, and the code is spent', async () => {
    const pkce = pkcePair();
    const { location, binding } = await begin(`?redirect_uri=${encodeURIComponent(DESKTOP_REDIRECT)}&state=s2&code_challenge=${pkce.challenge}`);
    const done = await callback(await completeSignInAtProvider(location, { login: 'dana-sub' }), binding);
    const code = new URL(done.headers.location ?? '').searchParams.get('code');
    const wrong = await request(`${t.server.origin}/api/session/desktop-token`, { method: 'POST', body: JSON.stringify({ code, code_verifier: pkcePair().verifier }) });
    expect(wrong.status).toBe(401);
    expect(wrong.json().error?.code).toBe('unauthenticated');
    const late = await request(`${t.server.origin}/api/session/desktop-token`, { method: 'POST', body: JSON.stringify({ code, code_verifier: pkce.verifier }) });
    expect(late.status).toBe(401);
  });

  it('expires a one-time code after 60 seconds', async () => {
    const pkce = pkcePair();
    const { location, binding } = await begin(`?redirect_uri=${encodeURIComponent(DESKTOP_REDIRECT)}&state=s3&code_challenge=${pkce.challenge}`);
    const done = await callback(await completeSignInAtProvider(location, { login: 'dana-sub' }), binding);
    const code = new URL(done.headers.location ?? '').searchParams.get('code');
    t.clock.advance(61_000);
    const late = await request(`${t.server.origin}/api/session/desktop-token`, { method: 'POST', body: JSON.stringify({ code, code_verifier: pkce.verifier }) });
    expect(late.status).toBe(401);
  });

  it('refuses a desktop sign-in whose redirect is not a plain-HTTP loopback address, without redirecting', async () => {
    const { challenge } = pkcePair();
    const refused = [
      `?redirect_uri=${encodeURIComponent('https://evil.example/callback')}&state=s&code_challenge=${challenge}`,
      `?redirect_uri=${encodeURIComponent('http://evil.example:53682/callback')}&state=s&code_challenge=${challenge}`,
      `?redirect_uri=${encodeURIComponent('http://127.0.0.1.evil.example/callback')}&state=s&code_challenge=${challenge}`,
      `?redirect_uri=${encodeURIComponent('https://127.0.0.1:53682/callback')}&state=s&code_challenge=${challenge}`,
      `?redirect_uri=${encodeURIComponent('http://user@127.0.0.1:53682/callback')}&state=s&code_challenge=${challenge}`,
      `?redirect_uri=${encodeURIComponent(DESKTOP_REDIRECT)}&code_challenge=${challenge}`,
      `?redirect_uri=${encodeURIComponent(DESKTOP_REDIRECT)}&state=s`,
      `?redirect_uri=${encodeURIComponent(DESKTOP_REDIRECT)}&state=s&code_challenge=${challenge}&code_challenge_method=plain`,
    ];
    for (const query of refused) {
      const answer = await request(`${t.server.origin}/api/session/sso${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.headers.location, query).toBeUndefined();
      expect(answer.body).toMatch(/sign-in request is not valid/);
    }
    for (const host of ['localhost', '[::1]']) {
      const answer = await request(`${t.server.origin}/api/session/sso?redirect_uri=${encodeURIComponent(`http://${host}:53682/cb`)}&state=s&code_challenge=${challenge}`);
      expect(answer.status, host).toBe(302);
    }
  });

  it('rotates the browser session at single sign-on too: a cookie the browser had is ended', async () => {
    const { location, binding } = await begin('');
    const first = sessionCookieOf(await callback(await completeSignInAtProvider(location, { login: 'dana-sub' }), binding));
    const again = await begin('');
    const back = await completeSignInAtProvider(again.location, { login: 'dana-sub' });
    const done = await request(back.href, { headers: { cookie: `${SSO_BINDING_COOKIE}=${again.binding}; __Host-deskwatch-session=${first}` } });
    const second = sessionCookieOf(done);
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    const old = t.browser();
    old.cookie = first;
    expect((await old.session()).json().value).toMatchObject({ staff: null });
    expect(supervisorEmail).toBe('dana@district.example');
  });
});
