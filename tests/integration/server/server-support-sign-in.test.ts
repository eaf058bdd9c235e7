/**
 * Employees at the Tech Support Center: the district sign-in (a real OpenID provider) through the
 * server's one registered callback, the employee cookie and session, and calls to the employees'
 * contract over HTTP, on a real district server and PostgreSQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../shared/contract';
import type { SubmittedRequest } from '../../../shared/support';
import { createAuthServices, EMAIL_LINKED_ELSEWHERE, NO_VERIFIED_EMAIL } from '../../../electron/core/auth';
import { startDistrictServer, type DistrictServer } from '../../../electron/server/district-server';
import { DEFAULT_DESK_PHONE } from '../../../electron/core/support/support-requests';
import { escapeHtml } from '../../../electron/server/plain-page';
import { parseServerConfig } from '../../../electron/server/server-config';
import { SESSION_COOKIE, SSO_BINDING_COOKIE, SUPPORT_COOKIE } from '../../../electron/server/session-cookie';
import { supportReturnPath } from '../../../electron/server/support-sign-in';
import { completeSignInAtProvider, startOidcProvider, type ProviderAccount, type RunningOidcProvider } from '../../support/oidc-provider';
import { openEventStream, request, sessionCookieOf, startTestServer, valueOf, type TestServer } from './server-fixture';
import { cookieLineOf, cookieOf, signInThroughSupport, SupportBrowser } from './support-browser';
import { freePort } from '../../support/free-port';


const ANSWERS = { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'slowed' } as const;

describe('Tech Support Center sign-in with a real OpenID provider', () => {
  let provider: RunningOidcProvider;
  let t: TestServer;
  let erinCallerId: number;
  const erin: ProviderAccount = { subject: 'erin-sub', email: 'Erin.Teacher@District.Example', emailVerified: true, name: 'Erin T.' };
  const accounts: ProviderAccount[] = [
    erin,
    { subject: 'nia-sub', email: 'nia.newcomer@district.example', emailVerified: true, name: 'Nia Newcomer' },
    { subject: 'ulla-sub', email: 'ulla.unverified@district.example', emailVerified: false, name: 'Ulla Unverified' },
    { subject: 'dana-sub', email: 'dana.supervisor@district.example', emailVerified: true, name: 'Dana Supervisor' },
    // Claims Erin's address after Erin linked it (an address reassigned at the provider).
    { subject: 'impostor-sub', email: 'erin.teacher@district.example', emailVerified: true, name: 'Someone Else' },
  ];

  beforeAll(async () => {
    const port = await freePort();
    provider = await startOidcProvider({ redirectUris: [`http://127.0.0.1:${port}/api/session/sso/callback`], accounts });
    t = await startTestServer({
      env: {
        DESKWATCH_LISTEN: `127.0.0.1:${port}`,
        DESKWATCH_OIDC_ISSUER: provider.issuer,
        DESKWATCH_OIDC_CLIENT_ID: provider.clientId,
        DESKWATCH_OIDC_CLIENT_SECRET: provider.clientSecret,
        DESKWATCH_OIDC_LABEL: 'Lakeside ISD',
      },
    });
    // The directory knows Erin (from the district's export) under her address in lower case.
    erinCallerId = (await t.server.core.services.callers.create({ name: 'Erin Teacher', email: 'erin.teacher@district.example', room: '114' })).id;
    await t.server.core.services.callers.create({ name: 'Ulla Unverified', email: 'ulla.unverified@district.example' });
    await t.staff('supervisor', { email: 'dana.supervisor@district.example', password: null, name: 'Dana Supervisor' });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  const signInAtSupport = (login: string, returnTo = '/support', cookies: string[] = []) => signInThroughSupport(t.server.origin, login, returnTo, cookies);

  async function signedIn(login: string): Promise<SupportBrowser> {
    const { done, browser } = await signInAtSupport(login);
    expect(done.status, done.body).toBe(302);
    await browser.session();
    return browser;
  }

  const sql = <T>(text: string, params: unknown[]): Promise<T[]> => t.server.core.dataSource.query(text, params);
  const identityRows = (subject: string) => sql<{ caller_id: number | string }>('SELECT caller_id FROM employee_identity WHERE subject = $1', [subject]);
  const callersWithEmail = (email: string) => sql<{ id: number | string; name: string }>('SELECT id, name FROM caller WHERE lower(email) = $1', [email]);

  it('links an employee who is not staff to their caller by verified email, and finds the same caller after the provider changes the email', async () => {
    const { done, browser } = await signInAtSupport('erin-sub', '/support/#/requests');
    expect(done.status, done.body).toBe(302);
    expect(done.headers.location).toBe(`${t.server.origin}/support/#/requests`);
    const line = cookieLineOf(done, SUPPORT_COOKIE) ?? '';
    expect(line).toMatch(/; HttpOnly/i);
    expect(line).toMatch(/; Secure/i);
    expect(line).toMatch(/; SameSite=Lax/i);
    expect(line).toMatch(/; Path=\//i);
    expect(line).not.toMatch(/Domain=/i);
    // An employee session, not a staff one.
    expect(sessionCookieOf(done)).toBeNull();

    const first = await browser.session();
    expect(first.employee).toMatchObject({ callerId: erinCallerId, name: 'Erin Teacher', email: 'erin.teacher@district.example', room: '114' });
    expect(first.signIn).toEqual({ sso: { label: 'Lakeside ISD' } });
    expect(first.csrf).toBeTruthy();
    expect((await identityRows('erin-sub')).map((row) => Number(row.caller_id))).toEqual([erinCallerId]);

    erin.email = 'erin.ramos@district.example';
    try {
      // The provider does send the new address (the console's sign-in page shows whom it saw).
      const begun = await request(`${t.server.origin}/api/session/sso`);
      const back = await completeSignInAtProvider(begun.headers.location ?? '', { login: 'erin-sub' });
      const seen = await request(back.href, { headers: { cookie: `${SSO_BINDING_COOKIE}=${cookieOf(begun, SSO_BINDING_COOKIE) ?? ''}` } });
      expect(seen.body).toContain('erin.ramos@district.example');
      const again = await signedIn('erin-sub');
      expect((await again.session()).employee?.callerId).toBe(erinCallerId);
      // Found by the link, not by the new address: nobody was added under it.
      expect(await callersWithEmail('erin.ramos@district.example')).toEqual([]);
    } finally {
      erin.email = 'Erin.Teacher@District.Example';
    }
    expect((await identityRows('erin-sub')).map((row) => Number(row.caller_id))).toEqual([erinCallerId]);
  });

  it('adds a person the directory does not know as a caller, from the token', async () => {
    expect(await callersWithEmail('nia.newcomer@district.example')).toEqual([]);
    const browser = await signedIn('nia-sub');
    const made = await callersWithEmail('nia.newcomer@district.example');
    expect(made).toHaveLength(1);
    expect((await browser.session()).employee).toMatchObject({ callerId: Number(made[0]?.id), name: 'Nia Newcomer', email: 'nia.newcomer@district.example' });
    // A second sign-in adds nobody.
    await signedIn('nia-sub');
    expect(await callersWithEmail('nia.newcomer@district.example')).toHaveLength(1);
  });

  it('refuses an account whose email the provider does not vouch for, even when a caller has that email', async () => {
    const { done, browser } = await signInAtSupport('ulla-sub');
    expect(done.status).toBe(403);
    expect(done.headers['content-type']).toMatch(/^text\/html/);
    expect(done.body).toContain(escapeHtml(NO_VERIFIED_EMAIL));
    expect(done.body).toContain('href="/support"');
    expect(browser.cookie).toBeNull();
    expect(await identityRows('ulla-sub')).toEqual([]);
  });

  it('never links a caller already linked to another district account by email', async () => {
    await signedIn('erin-sub');
    const { done, browser } = await signInAtSupport('impostor-sub');
    expect(done.status).toBe(403);
    expect(done.body).toContain(escapeHtml(EMAIL_LINKED_ELSEWHERE));
    expect(browser.cookie).toBeNull();
    expect(await identityRows('impostor-sub')).toEqual([]);
  });

  it('lets a staff member sign in at /support as their caller record, with no console session', async () => {
    const { done, browser } = await signInAtSupport('dana-sub');
    expect(done.status, done.body).toBe(302);
    expect(sessionCookieOf(done)).toBeNull();
    const session = await browser.session();
    const callers = await callersWithEmail('dana.supervisor@district.example');
    expect(callers).toHaveLength(1);
    expect(session.employee).toMatchObject({ callerId: Number(callers[0]?.id), email: 'dana.supervisor@district.example' });
    // The employee cookie does not make the console signed in.
    const console = await request(`${t.server.origin}/api/session`, { headers: { cookie: `${SUPPORT_COOKIE}=${browser.cookie ?? ''}` } });
    expect(console.json().value).toMatchObject({ staff: null });
  });

  it('points a district account that is not on the staff list to the Tech Support Center', async () => {
    const begun = await request(`${t.server.origin}/api/session/sso`);
    const back = await completeSignInAtProvider(begun.headers.location ?? '', { login: 'nia-sub' });
    const done = await request(back.href, { headers: { cookie: `${SSO_BINDING_COOKIE}=${cookieOf(begun, SSO_BINDING_COOKIE) ?? ''}` } });
    expect(done.status).toBe(403);
    expect(done.body).toContain('Not on the staff list');
    expect(done.body).toMatch(/<a href="\/support">[^<]*Tech Support Center<\/a>/);
    expect(cookieOf(done, SUPPORT_COOKIE)).toBeNull();
  });

  it('keeps the two cookies apart: the employee cookie opens no console route, the staff cookie no support route', async () => {
    const employee = await signedIn('erin-sub');
    const token = employee.cookie ?? '';
    const consoleHeaders = { origin: t.server.origin, 'x-csrf-token': employee.csrf ?? '', 'content-type': 'application/json' };
    for (const cookie of [`${SUPPORT_COOKIE}=${token}`, `${SESSION_COOKIE}=${token}`]) {
      const invoke = await request(`${t.server.origin}/api/invoke/app.info`, { method: 'POST', headers: { ...consoleHeaders, cookie }, body: '{"input":{}}' });
      expect(invoke.status, cookie).toBe(401);
      const stream = await openEventStream(t.server.origin, { cookie });
      expect(stream.status, cookie).toBe(401);
      stream.close();
    }

    const supervisor = await t.staff('supervisor');
    const staff = await t.browser().signedIn(supervisor.email);
    expect(valueOf<{ name: string }>(await staff.invoke('app.info', {})).name).toBe('Deskwatch');
    for (const cookie of [`${SESSION_COOKIE}=${staff.cookie ?? ''}`, `${SUPPORT_COOKIE}=${staff.cookie ?? ''}`]) {
      const refused = await request(`${t.server.origin}/api/support/invoke/support.submit`, {
        method: 'POST',
        headers: { origin: t.server.origin, 'x-csrf-token': staff.csrf ?? '', 'content-type': 'application/json', cookie },
        body: JSON.stringify({ input: { problem: 'Projector', answers: ANSWERS } }),
      });
      expect(refused.status, cookie).toBe(401);
      expect(refused.json().error?.code).toBe('unauthenticated');
      const session = await request(`${t.server.origin}/api/support/session`, { headers: { cookie } });
      expect(session.json().value).toMatchObject({ employee: null });
    }
  });

  it('refuses a call without this server as Origin or without the session CSRF token, and changes nothing', async () => {
    const browser = await signedIn('erin-sub');
    const countWebCases = async () => Number((await sql<{ n: string }>("SELECT count(*) AS n FROM help_case WHERE caller_id = $1 AND channel = 'web'", [erinCallerId]))[0]?.n);
    const before = await countWebCases();
    const input = { problem: 'Printer jams', answers: ANSWERS };
    const refusals: [string, Record<string, string | undefined>][] = [
      ['no Origin', { origin: undefined }],
      ['another site', { origin: 'https://evil.example' }],
      ['no CSRF token', { 'x-csrf-token': undefined }],
      ['a wrong CSRF token', { 'x-csrf-token': 'x'.repeat(43) }],
    ];
    for (const [why, extra] of refusals) {
      const answer = await browser.invoke('support.submit', input, extra);
      expect(answer.status, why).toBe(403);
      expect(answer.json().error?.code, why).toBe('forbidden');
    }
    expect(await countWebCases()).toBe(before);
    const anonymous = await new SupportBrowser(t.server.origin).invoke('support.submit', input);
    expect(anonymous.status).toBe(401);
  });

  it('ends the session at sign-out, on the server', async () => {
    const browser = await signedIn('nia-sub');
    expect((await browser.signOut({ 'x-csrf-token': undefined })).status).toBe(403);
    expect((await browser.session()).employee).not.toBeNull();

    const out = await browser.signOut();
    expect(out.status, out.body).toBe(200);
    expect(out.json().value).toMatchObject({ employee: null });
    expect(cookieLineOf(out, SUPPORT_COOKIE)).toMatch(/Max-Age=0/i);
    // The old cookie, kept by someone, is worth nothing.
    expect((await browser.session()).employee).toBeNull();
    expect((await browser.invoke('support.submit', { problem: 'After sign-out', answers: ANSWERS })).status).toBe(401);
  });

  it('records support.submit as a web case of the signed-in caller, which the desk sees', async () => {
    const browser = await signedIn('erin-sub');
    // A caller id in the input is refused: who asks is the session's business.
    const named = await browser.invoke('support.submit', { problem: 'Smartboard is dark', answers: ANSWERS, callerId: 1 });
    expect(named.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const submitted = valueOf<SubmittedRequest>(await browser.invoke('support.submit', { problem: 'Smartboard is dark', details: 'Room 114, since this morning', answers: ANSWERS }));
    expect(submitted.caseNumber).toBeTruthy();
    expect(submitted.confirmationTo).toBe('erin.teacher@district.example');

    const supervisor = await t.staff('supervisor');
    const desk = await t.browser().signedIn(supervisor.email);
    const detail = valueOf<CaseDetail>(await desk.invoke('cases.get', { id: submitted.caseId }));
    expect(detail.case).toMatchObject({ id: submitted.caseId, callerId: erinCallerId, channel: 'web', summary: 'Smartboard is dark' });
  });

  it("gives an employee their own screenshot as a download that never runs, and the desk the same bytes; nobody else's", async () => {
    // A 1×1 PNG; its name has a quote, an accent and a path in it.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const fileName = '../écran "1".png';
    const erinBrowser = await signedIn('erin-sub');
    const submitted = valueOf<SubmittedRequest>(
      await erinBrowser.invoke('support.submit', { problem: 'Login screen error', answers: ANSWERS, screenshots: [{ fileName, dataBase64: png.toString('base64') }] }),
    );
    const supervisor = await t.staff('supervisor');
    const desk = await t.browser().signedIn(supervisor.email);
    const [file] = valueOf<CaseDetail>(await desk.invoke('cases.get', { id: submitted.caseId })).attachments ?? [];
    expect(file).toMatchObject({ fileName, contentType: 'image/png', byteSize: png.length });

    const download = (cookie: string | null) => fetch(`${t.server.origin}/api/support/attachments/${file!.id}`, { headers: cookie ? { cookie: `${SUPPORT_COOKIE}=${cookie}` } : {} });
    const mine = await download(erinBrowser.cookie);
    expect(mine.status).toBe(200);
    expect(Buffer.from(await mine.arrayBuffer()).equals(png)).toBe(true);
    expect(mine.headers.get('content-type')).toBe('application/octet-stream');
    expect(mine.headers.get('x-content-type-options')).toBe('nosniff');
    expect(mine.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(mine.headers.get('content-disposition')).toBe(`attachment; filename="../_cran _1_.png"; filename*=UTF-8''..%2F%C3%A9cran%20%221%22.png`);

    const nia = await signedIn('nia-sub');
    const notHers = await download(nia.cookie);
    expect(notHers.status).toBe(404);
    expect(((await notHers.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await download(null)).status).toBe(401);
    expect((await download(desk.cookie ?? null)).status).toBe(401);

    const forDesk = valueOf<{ fileName: string; dataBase64: string }>(await desk.invoke('cases.attachment', { id: file!.id }));
    expect(forDesk.fileName).toBe(fileName);
    expect(Buffer.from(forDesk.dataBase64, 'base64').equals(png)).toBe(true);
  });

  it("measures a call's body against its channel's own limit, naming the field", async () => {
    const browser = await signedIn('erin-sub');
    const huge = 'A'.repeat(21 * 1024 * 1024);
    const tooLarge = await browser.invoke('support.submit', null, {}, JSON.stringify({ input: { problem: 'Big', answers: ANSWERS, screenshots: [{ fileName: 'a.png', dataBase64: huge }] } }));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json().error).toMatchObject({ code: 'invalid_input', field: 'screenshots' });

    // 2 MB: over the default limit, within the submission's (the core then looks at it).
    const screenshot = 'A'.repeat(2 * 1024 * 1024);
    const within = await browser.invoke('support.submit', null, {}, JSON.stringify({ input: { problem: 'Big', answers: ANSWERS, screenshots: [{ fileName: 'a.png', dataBase64: screenshot }] } }));
    expect(within.status).toBe(200);
    const overDefault = await browser.invoke('support.me', null, {}, JSON.stringify({ input: {}, padding: screenshot }));
    expect(overDefault.status).toBe(413);
    expect(overDefault.json().error).toMatchObject({ field: 'input' });
  });

  it('returns only to the Tech Support Center on this site', async () => {
    const cases: [string, string][] = [
      ['/support/#/requests/12', '/support/#/requests/12'],
      ['/queue', '/support'],
      ['//evil.example/support', '/support'],
      ['/support/../queue', '/support'],
    ];
    for (const [asked, landed] of cases) {
      const { done } = await signInAtSupport('erin-sub', asked);
      expect(done.status, asked).toBe(302);
      expect(done.headers.location, asked).toBe(`${t.server.origin}${landed}`);
    }
    for (const asked of ['https://evil.example/support', '/supportx', '/support/%2e%2e/queue', '/support\\..\\queue', '/\\evil.example/support', '', null]) {
      expect(supportReturnPath(asked), String(asked)).toBe('/support');
    }
    expect(supportReturnPath('/support?x=1#/status')).toBe('/support?x=1#/status');
  });

  it("ends an employee's session after the server's idle timeout, and forgets the cookie", async () => {
    const browser = await signedIn('nia-sub');
    t.clock.advance(59 * 60_000);
    expect((await browser.session()).employee).not.toBeNull();
    t.clock.advance(61 * 60_000);
    const idle = await request(`${t.server.origin}/api/support/session`, { headers: browser.headers() });
    expect(idle.json().value).toMatchObject({ employee: null });
    expect(cookieLineOf(idle, SUPPORT_COOKIE)).toMatch(/Max-Age=0/i);
    expect((await browser.invoke('support.me', {})).status).toBe(401);
  });

  it('links one identity once when two replicas finish its first sign-in at the same moment', async () => {
    const core = t.server.core;
    // Two services, as two server processes have, on the same database.
    const replicas = [createAuthServices(core.dataSource, core.clock), createAuthServices(core.dataSource, core.clock)];
    const identity = { issuer: provider.issuer, subject: 'race-sub', email: 'Rae.Race@district.example', emailVerified: true, name: 'Rae Race' };
    const matches = await Promise.all(replicas.map((auth) => auth.employees.callerFor(identity, core.services.callers)));
    const made = await callersWithEmail('rae.race@district.example');
    expect(made).toHaveLength(1);
    expect(matches.map((match) => (match.ok ? match.callerId : match.message))).toEqual([Number(made[0]?.id), Number(made[0]?.id)]);
    expect((await identityRows('race-sub')).map((row) => Number(row.caller_id))).toEqual([Number(made[0]?.id)]);

    // Two identities with one address at once: one gets the caller, the other is refused.
    await core.services.callers.create({ name: 'Twin', email: 'twin@district.example' });
    const twins = ['twin-a', 'twin-b'].map((subject) => ({ ...identity, subject, email: 'twin@district.example' }));
    const outcomes = await Promise.all(twins.map((twin, i) => (replicas[i] ?? replicas[0])?.employees.callerFor(twin, core.services.callers)));
    expect(outcomes.filter((outcome) => outcome?.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome?.ok === false).map((outcome) => (outcome?.ok === false ? outcome.message : ''))).toEqual([EMAIL_LINKED_ELSEWHERE]);
    expect(await callersWithEmail('twin@district.example')).toHaveLength(1);
  });

  it('ends the session the browser had when it signs in again (a planted cookie is worth nothing)', async () => {
    const planted = await signedIn('nia-sub');
    const { done, browser } = await signInAtSupport('erin-sub', '/support', [`${SUPPORT_COOKIE}=${planted.cookie ?? ''}`]);
    expect(done.status).toBe(302);
    expect(browser.cookie).not.toBe(planted.cookie);
    expect((await planted.session()).employee).toBeNull();
    expect((await browser.session()).employee?.callerId).toBe(erinCallerId);
  });
});

describe('the Tech Support Center page and a server without district sign-in', () => {
  let t: TestServer;
  let second: DistrictServer;
  let rendererDir: string;

  beforeAll(async () => {
    t = await startTestServer();
    rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-support-renderer-'));
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Deskwatch console</title>');
    fs.writeFileSync(path.join(rendererDir, 'support.html'), '<!doctype html><title>Tech Support Center</title>');
    fs.mkdirSync(path.join(rendererDir, 'assets'));
    fs.writeFileSync(path.join(rendererDir, 'assets', 'support-1.js'), 'console.log(1)');
    if (t.db.config.kind !== 'postgres') throw new Error('the district server runs on PostgreSQL');
    const config = parseServerConfig({ env: { DESKWATCH_DATABASE_URL: t.db.config.url, DESKWATCH_LISTEN: '127.0.0.1:0' } });
    second = await startDistrictServer(config, { rendererDir, log: { info: () => undefined, warn: () => undefined, error: (message, error) => console.error(message, error) } });
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
    if (rendererDir) fs.rmSync(rendererDir, { recursive: true, force: true });
  });

  it('serves the support page at /support and under it, never the console', async () => {
    for (const at of ['/support', '/support/', '/support/requests/12']) {
      const page = await request(`${second.origin}${at}`);
      expect(page.status, at).toBe(200);
      expect(page.body, at).toContain('Tech Support Center');
      expect(page.headers['content-security-policy'], at).toBeTruthy();
    }
    const asset = await request(`${second.origin}/support/assets/support-1.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    expect(asset.body).toBe('console.log(1)');
    // Not a Tech Support Center path: the console's.
    expect((await request(`${second.origin}/supportx`)).body).toContain('Deskwatch console');
    expect((await request(`${second.origin}/support/index.html`)).body).toContain('Tech Support Center');
    expect((await request(`${second.origin}/support/..%2f..%2fetc%2fpasswd.js`)).body).toContain('Tech Support Center');
  });

  it('answers 404 in words, not the console, when the support page was not built', async () => {
    const missing = await request(`${t.server.origin}/support`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatch(/Tech Support Center built/);
    expect(missing.body).not.toContain('<title>Deskwatch');
  });

  it('says the Tech Support Center needs the district sign-in when single sign-on is not set up', async () => {
    const answer = await request(`${second.origin}/api/support/sso?return=/support`);
    expect(answer.status).toBe(404);
    expect(answer.headers.location).toBeUndefined();
    expect(answer.body).toContain('The Tech Support Center needs the district sign-in');
    const session = await request(`${second.origin}/api/support/session`);
    expect(session.json().value).toEqual({ employee: null, signIn: { sso: null }, desk: { phone: DEFAULT_DESK_PHONE, hours: 'Monday to Friday, 7:00 AM to 5:00 PM' } });
  });
});
