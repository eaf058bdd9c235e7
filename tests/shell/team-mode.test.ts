/**
 * The desktop app in team mode (electron mocked, everything else real): the server is a real
 * Deskwatch host over a real core on a SQLite file elsewhere (the browser-mode host serves the
 * same invoke and event shapes as the district server), and the app must start without a
 * database of its own and carry calls, events and alerts through that server.
 *
 * The sign-in tests need the district server's sign-in routes, which the browser-mode host does
 * not have: there a small stand-in answers exactly the documented shapes (docs/desktop-shell.md).
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, ipcChannelFor } from '../../shared/channel-names';
import type { SessionState } from '../../shared/session';
import type { CoreOptions } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/log/logger';
import { startDesktopApp, type RunningDesktopApp } from '../../electron/main/app-lifecycle';
import { STARTUP_FAILURE_TITLE } from '../../electron/main/app-lifecycle/startup-failure';
import { TOKEN_FILE, TokenStore } from '../../electron/main/team/token-store';
import { CONNECTION_CHANNELS, SESSION_CHANNELS } from '../../electron/preload/shell-channels';
import { startWebServer, type WebServer } from '../../electron/web/web-server';
import { coreFixture, newCaseInput, type CoreFixture } from '../support/core-fixture';
import { anAlert } from './alert-fixtures';
import { fake, fakeEvent, FakeBrowserWindow, FakeNotification, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((module) => module.electronModule));

const MAIN_DIR = '/opt/deskwatch/out/main';

let userData: string;
const running: RunningDesktopApp[] = [];
const cleanups: Array<() => Promise<void> | void> = [];

beforeEach(() => {
  resetFakeElectron();
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-team-user-'));
  fake.app.userData = userData;
  fake.app.isPackaged = true;
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(async () => {
  for (const app of running.splice(0)) await app.remote?.close();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.restoreAllMocks();
  fs.rmSync(userData, { recursive: true, force: true });
});

/** A real Deskwatch host on its own database, the way a district server stands apart from the desktop. */
async function deskwatchServer(): Promise<{ f: CoreFixture; server: WebServer }> {
  const f = await coreFixture('sqlite');
  const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
  const server = await startWebServer({ core: f.core, rendererDir });
  cleanups.push(async () => {
    await server.close();
    await f.dispose();
    fs.rmSync(rendererDir, { recursive: true, force: true });
  });
  return { f, server };
}

/** A session of that server for `staffId` (the browser-mode host's way: a console chooses its person). */
async function sessionTokenFor(server: WebServer, staffId: number): Promise<string> {
  const response = await fetch(`${server.origin}/api/session/choose`, { method: 'POST', headers: { authorization: `Bearer ${server.token}` }, body: JSON.stringify({ staffId }) });
  return ((await response.json()) as { value: { token: string } }).value.token;
}

/** As after an earlier sign-in on this computer: the token kept, encrypted, for that server. */
function rememberSession(serverUrl: string, token: string): void {
  new TokenStore(userData, fake.safeStorage, silentLogger).save(serverUrl, token);
}

async function startApp(env: NodeJS.ProcessEnv) {
  const startCore = vi.fn(async (_options: CoreOptions) => {
    throw new Error('team mode must not start a local core');
  });
  const app = await startDesktopApp({ mainDir: MAIN_DIR, env, startCore, log: () => undefined });
  if (app) running.push(app);
  const window = FakeBrowserWindow.instances[0];
  const event = window ? { sender: window.webContents, senderFrame: window.webContents.mainFrame } : undefined;
  const call = (channel: string, ...args: unknown[]) => fake.ipcMain.handlers.get(channel)!(event, ...args) as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  return { app, startCore, window, call };
}

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('team mode', () => {
  it('starts without opening a database and carries calls to the server, as the session’s person', async () => {
    const { f, server } = await deskwatchServer();
    const ana = await f.staff('technician', 'Ana Tech');
    rememberSession(server.origin, await sessionTokenFor(server, ana.id));

    // A database URL that would refuse to start standalone means nothing in team mode.
    const { app, startCore, call } = await startApp({ DESKWATCH_SERVER_URL: server.origin, DESKWATCH_DATABASE_URL: 'mysql://nowhere/deskwatch' });
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(app).toMatchObject({ mode: 'server', core: null });
    expect(startCore).not.toHaveBeenCalled();
    expect(fs.readdirSync(userData).filter((name) => /sqlite/.test(name))).toEqual([]);

    await expect(call(ipcChannelFor('app.info'), {})).resolves.toMatchObject({ ok: true, value: { databaseKind: 'sqlite' } });
    // Through Chromium's network stack (system proxy, district certificates), in a session of its own.
    expect(fake.partitions.get('deskwatch-server')?.fetched).toContain(`${server.origin}/api/invoke/app.info`);

    // A page naming another actor changes nothing: the server's session is Ana.
    const supervisor = await f.staff('supervisor', 'Sue Boss');
    const created = (await call(ipcChannelFor('cases.create'), newCaseInput(), { actorId: supervisor.id })) as { ok: true; value: { id: number } };
    expect(created.ok).toBe(true);
    const stored = await f.core.dispatch('cases.get', { id: created.value.id }, { actorId: ana.id });
    expect(JSON.stringify(stored)).toContain('Ana Tech');
    expect(JSON.stringify(stored)).not.toContain('Sue Boss');

    const session = await call(SESSION_CHANNELS.current);
    expect(session).toMatchObject({ ok: true, value: { staff: { id: ana.id, name: 'Ana Tech' }, server: server.origin } });
    expect(JSON.stringify(session)).not.toMatch(/token/i);
    await expect(call(SESSION_CHANNELS.choose, ana.id)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/sign in/) } });
    await expect(call(CONNECTION_CHANNELS.get)).resolves.toEqual({ ok: true, value: { mode: 'server', serverUrl: server.origin, managed: true } });
  });

  it('forwards the server’s events to the window, and alerts the person signed in', async () => {
    const { f, server } = await deskwatchServer();
    const ana = await f.staff('technician', 'Ana Tech');
    rememberSession(server.origin, await sessionTokenFor(server, ana.id));
    const { window, call } = await startApp({ DESKWATCH_SERVER_URL: server.origin });
    const sent = () => window!.webContents.sent.filter((message) => message.channel === IPC_EVENT_CHANNEL).map((message) => message.args[0]);

    // Once the stream is open, the server's events reach the window.
    await vi.waitFor(() => {
      f.core.events.publish('staff.changed', { staffId: ana.id });
      expect(sent()).toContainEqual({ name: 'staff.changed', payload: { staffId: ana.id } });
    }, { timeout: 5_000, interval: 50 });

    // The page makes a call: the shell now knows who is at this window, and their alerts show.
    await call(SESSION_CHANNELS.current);
    await call(ipcChannelFor('alerts.list'), {});
    f.core.events.publish('alerts.raised', { alerts: [anAlert({ caseId: 12, recipientId: ana.id }), anAlert({ caseId: 13, recipientId: ana.id + 100 })], digests: [] });
    await vi.waitFor(() => expect(FakeNotification.instances.map((n) => n.options.title)).toEqual(['DW-000012 · Response target at risk']));
  });

  it('with the server away still opens the window, and calls say in words what is wrong', async () => {
    const port = await closedPort();
    const { app, window, call } = await startApp({ DESKWATCH_SERVER_URL: `http://127.0.0.1:${port}` });
    expect(app).toBeDefined();
    expect(window).toBeDefined();
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled();
    await expect(call(ipcChannelFor('app.info'), {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining(`The Deskwatch server http://127.0.0.1:${port} cannot be reached`) },
    });
  });

  it('forgets a kept session the server no longer accepts', async () => {
    const { server } = await deskwatchServer();
    rememberSession(server.origin, 'a-session-that-expired');
    const { call } = await startApp({ DESKWATCH_SERVER_URL: server.origin });
    await expect(call(ipcChannelFor('app.info'), {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await vi.waitFor(() => expect(fs.existsSync(path.join(userData, TOKEN_FILE))).toBe(false));
  });

  it('comes from team.json too, and the page can go back to this computer’s database (the app restarts)', async () => {
    const { server } = await deskwatchServer();
    fs.writeFileSync(path.join(userData, 'team.json'), JSON.stringify({ serverUrl: `${server.origin}/` }));
    const { app, call } = await startApp({});
    expect(app?.mode).toBe('server');
    await expect(call(CONNECTION_CHANNELS.get)).resolves.toEqual({ ok: true, value: { mode: 'server', serverUrl: server.origin, managed: false } });
    await expect(call(CONNECTION_CHANNELS.setServer, 'http://deskwatch.district.example')).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'url' } });
    await expect(call(CONNECTION_CHANNELS.setServer, null)).resolves.toEqual({ ok: true, value: { mode: 'standalone', serverUrl: null, managed: false } });
    expect(JSON.parse(fs.readFileSync(path.join(userData, 'team.json'), 'utf8'))).toEqual({ serverUrl: null });
    // Relaunch, then an orderly quit: the quit goes through will-quit, which closes the connection first.
    await vi.waitFor(() => expect(fake.app.calls).toContain('quit'));
    expect(fake.app.calls.slice(-2)).toEqual(['relaunch', 'quit']);
    const quitting = fakeEvent();
    fake.app.emit('will-quit', quitting);
    expect(quitting.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalledTimes(2));
  });

  it('an unusable server setting ends in the startup dialog, before any window or database', async () => {
    const { startCore } = await startApp({ DESKWATCH_SERVER_URL: 'http://deskwatch.district.example' });
    const [title, message] = fake.dialog.showErrorBox.mock.calls[0]!;
    expect(title).toBe(STARTUP_FAILURE_TITLE);
    expect(message).toMatch(/Deskwatch server setting is not usable/);
    expect(message).toMatch(/DESKWATCH_SERVER_URL .*must start with https:\/\//);
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(startCore).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toEqual([]);
  });
});

/**
 * The district server's sign-in routes, as documented, for what the browser-mode host cannot
 * show: a password sign-in answering a bearer token, and the desktop single sign-on (a redirect
 * back to the loopback listener with a one-time code, then the code and verifier for a token).
 */
async function districtSignIn() {
  const sessions = new Map<string, { id: number; name: string }>();
  const codes = new Map<string, string>();
  const ana = { id: 7, name: 'Ana Tech', role: 'technician', active: true };
  const state = (staff: typeof ana | null): SessionState => ({ mode: 'server', staff: staff as never, signIn: { sso: { label: 'District account' }, password: true }, expiresAt: null, idleTimeoutMinutes: 30 });
  const json = (res: http.ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const readBody = async (req: http.IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, string>;
  };
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (url.pathname === '/api/session/password') {
        const body = await readBody(req);
        if (body.client !== 'desktop' || body.email !== 'ana@district.example' || body.password !== 'correct horse') return json(res, 401, { ok: false, error: { code: 'unauthenticated', message: 'Wrong email or password' } });
        const token = randomBytes(16).toString('hex');
        sessions.set(token, ana);
        return json(res, 200, { ok: true, value: { ...state(ana), token } });
      }
      if (url.pathname === '/api/session/sso') {
        const code = randomBytes(8).toString('hex');
        codes.set(code, url.searchParams.get('code_challenge') ?? '');
        const back = new URL(url.searchParams.get('redirect_uri')!);
        back.searchParams.set('code', code);
        back.searchParams.set('state', url.searchParams.get('state') ?? '');
        return res.writeHead(302, { location: back.href }).end();
      }
      if (url.pathname === '/api/session/desktop-token') {
        const body = await readBody(req);
        const challenge = codes.get(body.code ?? '');
        codes.delete(body.code ?? '');
        if (!challenge || createHash('sha256').update(body.code_verifier ?? '').digest('base64url') !== challenge) return json(res, 401, { ok: false, error: { code: 'unauthenticated', message: 'That sign-in has expired' } });
        const token = randomBytes(16).toString('hex');
        sessions.set(token, ana);
        return json(res, 200, { ok: true, value: { ...state(ana), token } });
      }
      const staff = bearer ? sessions.get(bearer) : undefined;
      if (url.pathname === '/api/session') return json(res, 200, { ok: true, value: state(staff ? ana : null) });
      if (url.pathname === '/api/session/signout') {
        if (bearer) sessions.delete(bearer);
        return json(res, 200, { ok: true, value: state(null) });
      }
      if (!staff) return json(res, 401, { ok: false, error: { code: 'unauthenticated', message: 'Sign in first' } });
      if (url.pathname === '/api/events') return res.writeHead(200, { 'content-type': 'text/event-stream' }).write(': connected\n\n');
      if (url.pathname.startsWith('/api/invoke/')) return json(res, 200, { ok: true, value: { answeredFor: staff.name } });
      json(res, 404, { ok: false, error: { code: 'not_found', message: 'No such route' } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { origin: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, sessions };
}

describe('signing in to the server', () => {
  it('with a password: main keeps the token (encrypted), the page never sees it, and calls carry it', async () => {
    const district = await districtSignIn();
    const { call } = await startApp({ DESKWATCH_SERVER_URL: district.origin });
    await expect(call(ipcChannelFor('app.info'), {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await expect(call(SESSION_CHANNELS.signInWithPassword, 'ana@district.example', 'wrong')).resolves.toMatchObject({ ok: false, error: { code: 'unauthenticated', message: 'Wrong email or password' } });

    const signedIn = await call(SESSION_CHANNELS.signInWithPassword, 'ana@district.example', 'correct horse');
    expect(signedIn).toMatchObject({ ok: true, value: { staff: { id: 7 }, server: district.origin } });
    const [token] = [...district.sessions.keys()];
    expect(JSON.stringify(signedIn)).not.toContain(token);
    expect(fake.safeStorage.encrypted.some((text) => text.includes(token!))).toBe(true);
    expect(fs.readFileSync(path.join(userData, TOKEN_FILE)).toString('latin1')).not.toContain(token);
    await expect(call(ipcChannelFor('app.info'), {})).resolves.toEqual({ ok: true, value: { answeredFor: 'Ana Tech' } });

    await expect(call(SESSION_CHANNELS.signOut)).resolves.toMatchObject({ ok: true, value: { staff: null } });
    expect(district.sessions.size).toBe(0);
    expect(fs.existsSync(path.join(userData, TOKEN_FILE))).toBe(false);
  });

  it('without an encrypting keystore: signed in for this run, nothing written to disk', async () => {
    const district = await districtSignIn();
    fake.safeStorage.available = false;
    const { call } = await startApp({ DESKWATCH_SERVER_URL: district.origin });
    await expect(call(SESSION_CHANNELS.signInWithPassword, 'ana@district.example', 'correct horse')).resolves.toMatchObject({ ok: true });
    await expect(call(ipcChannelFor('app.info'), {})).resolves.toMatchObject({ ok: true });
    expect(fs.existsSync(path.join(userData, TOKEN_FILE))).toBe(false);
    expect(fake.safeStorage.encryptString).not.toHaveBeenCalled();
  });

  it('with the district’s single sign-on in the system browser (RFC 8252 loopback), and the console comes back to the front', async () => {
    const district = await districtSignIn();
    // The system browser: follows the server's redirect back to the app's loopback listener.
    fake.shell.openExternal.mockImplementation(async (url: string) => {
      const response = await fetch(url, { redirect: 'manual' });
      await fetch(response.headers.get('location')!);
    });
    const { window, call } = await startApp({ DESKWATCH_SERVER_URL: district.origin });
    window!.minimized = true;
    const signedIn = await call(SESSION_CHANNELS.signInWithSso);
    expect(signedIn).toMatchObject({ ok: true, value: { staff: { id: 7 } } });
    expect(fake.shell.openExternal.mock.calls[0]![0]).toMatch(new RegExp(`^${district.origin}/api/session/sso\\?redirect_uri=http%3A%2F%2F127\\.0\\.0\\.1%3A\\d+%2Fcallback&state=.+&code_challenge=.+`));
    expect(JSON.stringify(signedIn)).not.toContain([...district.sessions.keys()][0]);
    expect(window!.calls.slice(-3)).toEqual(['restore', 'show', 'focus']);
    await expect(call(ipcChannelFor('app.info'), {})).resolves.toEqual({ ok: true, value: { answeredFor: 'Ana Tech' } });
  });
});
