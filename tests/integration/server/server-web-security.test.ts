import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/web/http-kit';
import { PASSWORD, request, sessionCookieOf, startTestServer, valueOf, type ConsoleBrowser, type HttpAnswer, type TestServer } from './server-fixture';

const CLOSURE = { date: '2026-12-24', name: 'Winter break' };

function expectSecurityHeaders(answer: HttpAnswer, what: string): void {
  expect(answer.headers['content-security-policy'], what).toBe(CONTENT_SECURITY_POLICY);
  expect(answer.headers['x-content-type-options'], what).toBe('nosniff');
  expect(answer.headers['x-frame-options'], what).toBe('DENY');
  expect(answer.headers['referrer-policy'], what).toBe('no-referrer');
  expect(answer.headers['cache-control'], what).toBe('no-store');
}

describe('district server web security', () => {
  let t: TestServer;
  let boss: ConsoleBrowser;
  const closures = async () => valueOf<{ closures: unknown[] }>(await boss.invoke('calendar.closures', {})).closures;

  beforeEach(async () => {
    t = await startTestServer();
    const supervisor = await t.staff('supervisor');
    boss = await t.browser().signedIn(supervisor.email);
  });
  afterEach(async () => {
    await t.close();
  });

  it('takes a cookie session\'s change with the right Origin and CSRF token', async () => {
    valueOf(await boss.invoke('calendar.addClosure', CLOSURE));
    expect(await closures()).toHaveLength(1);
  });

  it('refuses a cross-origin POST (wrong or missing Origin) with 403 in words, and changes nothing', async () => {
    for (const origin of ['https://evil.example', 'null', `${t.server.origin}.evil.example`, undefined]) {
      const answer = await boss.invoke('calendar.addClosure', CLOSURE, { origin });
      expect(answer.status, String(origin)).toBe(403);
      expect(answer.json().error?.code).toBe('forbidden');
      expect(answer.json().error?.message).toMatch(/did not come from a Deskwatch page/);
    }
    expect(await closures()).toEqual([]);
  });

  it('refuses a POST without the session\'s CSRF token, or with another one, and changes nothing', async () => {
    const other = await t.browser().signedIn((await t.staff('supervisor')).email);
    for (const csrf of [undefined, '', 'x'.repeat(43), other.csrf ?? '', `${boss.csrf}x`]) {
      const answer = await boss.invoke('calendar.addClosure', CLOSURE, { 'x-csrf-token': csrf });
      expect(answer.status).toBe(403);
      expect(answer.json().error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/CSRF token/) });
    }
    expect(await closures()).toEqual([]);
  });

  it('refuses sign-out from another site (a forced sign-out is a CSRF too)', async () => {
    expect((await boss.signOut({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await boss.signOut({ 'x-csrf-token': undefined })).status).toBe(403);
    expect((await boss.invoke('app.info', {})).status).toBe(200);
  });

  it('refuses a sign-in form posted from another site or without Origin (login CSRF)', async () => {
    const agent = await t.staff('agent');
    for (const origin of ['https://evil.example', undefined]) {
      const answer = await t.browser().signIn(agent.email, PASSWORD, { origin });
      expect(answer.status).toBe(403);
      expect(answer.json().error?.code).toBe('forbidden');
      expect(sessionCookieOf(answer)).toBeNull();
    }
    const desktopFromSite = await request(`${t.server.origin}/api/session/password`, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      body: JSON.stringify({ email: agent.email, password: PASSWORD, client: 'desktop' }),
    });
    expect(desktopFromSite.status).toBe(403);
  });

  it('serves only its own host names (DNS rebinding)', async () => {
    const port = new URL(t.server.origin).port;
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.2:${port}`, `127.0.0.1:${Number(port) + 1}`]) {
      const page = await request(`${t.server.origin}/`, { headers: { host } });
      expect(page.status, host).toBe(421);
      expectSecurityHeaders(page, `421 for ${host}`);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) expect((await request(`${t.server.origin}/`, { headers: { host } })).status).toBe(200);
    // HTTP/1.0 without any Host header.
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.end('GET / HTTP/1.0\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.\d 421/);
  });

  it('sends the security headers on every kind of answer, without HSTS over plain HTTP', async () => {
    const answers: [string, HttpAnswer][] = [
      ['page', await request(`${t.server.origin}/`)],
      ['deep link page', await request(`${t.server.origin}/queue`)],
      ['API', await boss.invoke('app.info', {})],
      ['session', await boss.session()],
      ['401', await request(`${t.server.origin}/api/invoke/app.info`, { method: 'POST', body: '{}' })],
      ['403', await boss.invoke('app.info', {}, { origin: 'https://evil.example' })],
      ['404 API', await request(`${t.server.origin}/api/nothing`)],
      ['405', await request(`${t.server.origin}/`, { method: 'DELETE' })],
      ['400', await boss.invoke('app.info', {}, {}, '{oops')],
      ['404 sso page', await request(`${t.server.origin}/api/session/sso`)],
      ['health', await request(`${t.server.origin}/api/health`)],
      ['event stream 401', await request(`${t.server.origin}/api/events`)],
    ];
    for (const [what, answer] of answers) {
      expectSecurityHeaders(answer, what);
      expect(answer.headers['strict-transport-security'], what).toBeUndefined();
    }
    expect(answers.map(([, answer]) => answer.status)).toEqual([200, 200, 200, 200, 401, 403, 404, 405, 400, 404, 200, 401]);
  });

  it('answers health after a database round trip, without a session', async () => {
    const health = await request(`${t.server.origin}/api/health`);
    expect(health.status).toBe(200);
    expect(health.json()).toEqual({ ok: true, value: { status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) } });
  });
});
