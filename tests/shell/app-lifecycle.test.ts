import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, IPC_EVENT_CHANNEL, ipcChannelFor } from '../../shared/channel-names';
import { ok } from '../../shared/result';
import type { Core, CoreOptions } from '../../electron/core/core';
import { DomainError } from '../../electron/core/errors';
import { EventBus } from '../../electron/core/event-bus';
import type { Logger } from '../../electron/core/log/logger';
import type { LiveStatus } from '../../shared/contract';
import { startDesktopApp, type DesktopAppOptions } from '../../electron/main/app-lifecycle';
import { STARTUP_FAILURE_TITLE } from '../../electron/main/app-lifecycle/startup-failure';
import { secureWebPreferences } from '../../electron/main/window-options';
import { CONNECTION_CHANNELS, PRINT_CHANNELS, SESSION_CHANNELS } from '../../electron/preload/shell-channels';
import { aDigest, anAlert } from './alert-fixtures';
import { fake, fakeEvent, FakeBrowserWindow, FakeNotification, FakeTray, FakeWebContents, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((module) => module.electronModule));

const MAIN_DIR = '/opt/deskwatch/out/main';
const RENDERER_URL = 'file:///opt/deskwatch/out/renderer/index.html';

function fakeCore() {
  const events = new EventBus();
  const dispatch = vi.fn(async (channel: unknown) => ok({ answered: channel }));
  const close = vi.fn(async () => undefined);
  const startScheduler = vi.fn(async () => undefined);
  const clock = { now: () => Date.parse('2026-11-30T15:00:00Z') };
  // As the real core: the scheduler starts behind, a failed catch-up is the scheduler's to retry.
  const live = { status: { state: 'live' } as LiveStatus };
  const core = {
    dispatch,
    events,
    close,
    clock,
    liveStatus: () => live.status,
    startScheduler: () => void startScheduler().catch(() => undefined),
    services: {
      scheduler: { start: startScheduler },
      // Every staff id is an active technician, except 404 (no such person).
      staff: {
        requireActive: vi.fn(async (id: number) => {
          if (id === 404) throw new DomainError('unauthenticated', `No staff member has id ${id}`);
          return { id, name: `Staff ${id}`, role: 'technician', active: true };
        }),
      },
    },
  } as unknown as Core;
  return { core, dispatch, events, close, startScheduler, live };
}

let userData: string;
beforeEach(() => {
  resetFakeElectron();
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-user-data-'));
  fake.app.userData = userData;
  fake.app.isPackaged = true;
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(userData, { recursive: true, force: true });
});

async function start(options: Partial<DesktopAppOptions> = {}) {
  const started = fakeCore();
  const startCore = vi.fn(async (_options: CoreOptions) => started.core);
  const running = await startDesktopApp({ mainDir: MAIN_DIR, env: {}, startCore, log: () => undefined, ...options });
  return { running, startCore, ...started };
}

describe('startup order and security switches', () => {
  it('enables the sandbox first, then takes the single-instance lock, before waiting for ready', async () => {
    await start();
    expect(fake.app.calls.slice(0, 3)).toEqual(['enableSandbox', 'requestSingleInstanceLock', 'whenReady']);
  });

  it('opens one window, with the secure preferences, our preload, and our renderer', async () => {
    const { running } = await start();
    expect(running).toBeDefined();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.options.webPreferences).toEqual(secureWebPreferences('/opt/deskwatch/out/preload/index.js'));
    expect(window.loadedUrl).toBe(RENDERER_URL);
    expect(window.options.show).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('guards every webContents created, including ones the app did not create itself', async () => {
    await start();
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', fakeEvent(), contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    const navigation = fakeEvent({ url: 'file:///etc/passwd', isMainFrame: true });
    contents.emit('will-navigate', navigation);
    expect(navigation.defaultPrevented).toBe(true);
  });

  it('applies the session policy before the window loads', async () => {
    await start();
    expect(fake.session.headersListener).toBeTypeOf('function');
    expect(fake.session.permissionRequestHandler).toBeTypeOf('function');
    expect(fake.session.permissionCheckHandler).toBeTypeOf('function');
  });

  it('follows ELECTRON_RENDERER_URL in development only', async () => {
    fake.app.isPackaged = false;
    await start({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173', DESKWATCH_DATABASE_URL: 'postgres://u:p@db/deskwatch' } });
    expect(FakeBrowserWindow.instances[0]?.loadedUrl).toBe('http://localhost:5173/');

    resetFakeElectron();
    fake.app.isPackaged = true;
    fake.app.userData = userData;
    await start({ env: { ELECTRON_RENDERER_URL: 'https://evil.example/' } });
    expect(FakeBrowserWindow.instances[0]?.loadedUrl).toBe(RENDERER_URL);
  });
});

describe('data folder', () => {
  it('keeps the database in the user data folder, or in DESKWATCH_DATA_DIR like the CLI and browser mode', async () => {
    const plain = await start();
    expect(plain.startCore.mock.calls[0]?.[0].database).toEqual({ kind: 'sqlite', file: path.join(userData, 'deskwatch.sqlite') });

    resetFakeElectron();
    fake.app.isPackaged = true;
    const moved = path.join(userData, 'moved');
    const { startCore } = await start({ env: { DESKWATCH_DATA_DIR: moved } });
    expect(fake.app.calls.indexOf('setPath')).toBeLessThan(fake.app.calls.indexOf('requestSingleInstanceLock'));
    expect(startCore.mock.calls[0]?.[0].database).toEqual({ kind: 'sqlite', file: path.join(moved, 'deskwatch.sqlite') });
  });
});

describe('IPC wiring', () => {
  it('answers every contract channel, the session, the connection and Save as PDF from our window, and nothing else', async () => {
    const { dispatch } = await start();
    const expected = [...CHANNEL_NAMES.map(ipcChannelFor), ...Object.values(SESSION_CHANNELS), ...Object.values(CONNECTION_CHANNELS), ...Object.values(PRINT_CHANNELS)];
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(expected.sort());
    const window = FakeBrowserWindow.instances[0]!;
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const result = await fake.ipcMain.handlers.get(ipcChannelFor('app.info'))!(event, {});
    expect(result).toEqual(ok({ answered: 'app.info' }));
    expect(dispatch).toHaveBeenCalledWith('app.info', {}, { actorId: null });
  });

  it('makes every call as the profile chosen at this console, whatever the page sends', async () => {
    const { dispatch } = await start();
    const window = FakeBrowserWindow.instances[0]!;
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const handler = (channel: string) => fake.ipcMain.handlers.get(channel)!;

    await expect(handler(SESSION_CHANNELS.choose)(event, 404)).resolves.toMatchObject({ ok: false, error: { code: 'unauthenticated', message: 'No staff member has id 404', field: 'staffId' } });
    await expect(handler(SESSION_CHANNELS.choose)(event, 'me')).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'staffId' } });
    await expect(handler(SESSION_CHANNELS.current)(event)).resolves.toMatchObject({ ok: true, value: { mode: 'standalone', staff: null } });

    await expect(handler(SESSION_CHANNELS.choose)(event, 6)).resolves.toMatchObject({ ok: true, value: { mode: 'standalone', staff: { id: 6 } } });
    await handler(ipcChannelFor('cases.list'))(event, {}, { actorId: 1 });
    expect(dispatch).toHaveBeenCalledWith('cases.list', {}, { actorId: 6 });
    expect(dispatch.mock.calls.filter(([channel]) => channel === 'cases.list')).toEqual([['cases.list', {}, { actorId: 6 }]]);

    await expect(handler(SESSION_CHANNELS.signInWithPassword)(event, 'a@b.example', 'pw')).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(handler(SESSION_CHANNELS.signOut)(event)).resolves.toMatchObject({ ok: true, value: { staff: null } });
    await handler(ipcChannelFor('cases.list'))(event, {});
    expect(dispatch.mock.calls.filter(([channel]) => channel === 'cases.list').at(-1)).toEqual(['cases.list', {}, { actorId: null }]);
  });

  it('refuses session calls from a webContents that is not one of our windows', async () => {
    await start();
    const stranger = new FakeWebContents();
    const event = { sender: stranger, senderFrame: { url: RENDERER_URL, parent: null } };
    await expect(fake.ipcMain.handlers.get(SESSION_CHANNELS.choose)!(event, 6)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(fake.ipcMain.handlers.get(CONNECTION_CHANNELS.setServer)!(event, 'https://evil.example')).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fs.existsSync(path.join(userData, 'team.json'))).toBe(false);
  });

  it('refuses a webContents that is not one of our windows', async () => {
    const { dispatch } = await start();
    const stranger = new FakeWebContents();
    const event = { sender: stranger, senderFrame: { url: RENDERER_URL, parent: null } };
    const result = await fake.ipcMain.handlers.get(ipcChannelFor('cases.list'))!(event, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a closed window', async () => {
    await start();
    const window = FakeBrowserWindow.instances[0]!;
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    window.close();
    const result = await fake.ipcMain.handlers.get(ipcChannelFor('app.info'))!(event, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('forwards core events to the window', async () => {
    const { events } = await start();
    events.publish('staff.changed', { staffId: 7 });
    expect(FakeBrowserWindow.instances[0]!.webContents.sent).toEqual([
      { channel: IPC_EVENT_CHANNEL, args: [{ name: 'staff.changed', payload: { staffId: 7 } }] },
    ]);
  });
});

describe('alerts on the desktop', () => {
  it('starts the SLA scheduler only once the IPC handlers and the alert listeners are in place', async () => {
    const order: string[] = [];
    const started = fakeCore();
    started.startScheduler.mockImplementation(async () => {
      order.push(`scheduler (handlers: ${fake.ipcMain.handlers.size > 0})`);
    });
    await startDesktopApp({ mainDir: MAIN_DIR, env: {}, startCore: async (options) => (order.push(`core scheduler=${String(options.scheduler)}`), started.core), log: () => undefined });
    expect(order).toEqual(['core scheduler=undefined', 'scheduler (handlers: true)']);
  });

  it('shows the catch-up raised at start to the person who turns up at the window, and a click opens the case', async () => {
    const started = fakeCore();
    const missed = [4, 5].map((caseId) => anAlert({ caseId, recipientId: 3, kind: 'resolution_breach', missed: true }));
    started.startScheduler.mockImplementation(async () => {
      started.events.publish('alerts.raised', { alerts: missed, digests: [aDigest(missed, '2 cases breached their resolution target while Deskwatch was closed')] });
    });
    await startDesktopApp({ mainDir: MAIN_DIR, env: {}, startCore: async () => started.core, log: () => undefined });
    expect(FakeNotification.instances).toEqual([]);

    // Staff member 3 chooses their profile, and the page makes its first call.
    const window = FakeBrowserWindow.instances[0]!;
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await fake.ipcMain.handlers.get(SESSION_CHANNELS.choose)!(event, 3);
    await fake.ipcMain.handlers.get(ipcChannelFor('alerts.list'))!(event, {});
    await vi.waitFor(() => expect(FakeNotification.instances.map((n) => n.options.title)).toEqual(['2 cases · Resolution target breached']));

    window.minimized = true;
    FakeNotification.instances[0]!.click();
    expect(window.calls.slice(-3)).toEqual(['restore', 'show', 'focus']);
    expect(window.webContents.sent.at(-1)).toEqual({ channel: IPC_EVENT_CHANNEL, args: [{ name: 'shell.navigate', payload: { to: 'queue' } }] });
  });

  it('does not learn the person from a call the core refused', async () => {
    const started = fakeCore();
    started.dispatch.mockImplementation(async () => ({ ok: false, error: { code: 'unauthenticated', message: 'no such staff' } }) as never);
    await startDesktopApp({ mainDir: MAIN_DIR, env: {}, startCore: async () => started.core, log: () => undefined });
    const window = FakeBrowserWindow.instances[0]!;
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await fake.ipcMain.handlers.get(SESSION_CHANNELS.choose)!(event, 77);
    await fake.ipcMain.handlers.get(ipcChannelFor('alerts.list'))!(event, {});
    started.events.publish('alerts.raised', { alerts: [anAlert({ caseId: 1, recipientId: 77 })], digests: [] });
    expect(FakeNotification.instances).toEqual([]);
  });

  it('puts an icon in the tray and removes it on quit', async () => {
    await start();
    const [tray] = FakeTray.instances;
    expect(tray?.tooltip).toBe('Deskwatch: choose your profile to see your alerts');
    expect(tray?.image.path).toMatch(/tray[\\/]tray-normal\.png$/);
    fake.app.emit('will-quit', fakeEvent());
    expect(tray?.destroyed).toBe(true);
  });

  it('opens the window without waiting for the catch-up of what fell due while closed', async () => {
    const started = fakeCore();
    started.startScheduler.mockImplementation(() => new Promise(() => undefined));
    const running = await startDesktopApp({ mainDir: MAIN_DIR, env: {}, startCore: async () => started.core, log: () => undefined });
    expect(running).toBeDefined();
    expect(started.startScheduler).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('a catch-up that fails is not a startup failure (the scheduler logs it and tries again)', async () => {
    const started = fakeCore();
    started.startScheduler.mockRejectedValue(new Error('connection terminated'));
    const running = await startDesktopApp({ mainDir: MAIN_DIR, env: {}, startCore: async () => started.core, log: () => undefined });
    expect(running).toBeDefined();
    expect(started.close).not.toHaveBeenCalled();
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled();
  });
});

describe('live updates state', () => {
  it('reaches every window as events, and a window that loads while reconnecting is told at once', async () => {
    const started = fakeCore();
    started.live.status = { state: 'reconnecting', retryInMs: 2000 };
    await startDesktopApp({ mainDir: MAIN_DIR, env: {}, startCore: async () => started.core, log: () => undefined });
    const window = FakeBrowserWindow.instances[0]!;
    await vi.waitFor(() => expect(window.webContents.sent).toContainEqual({ channel: IPC_EVENT_CHANNEL, args: [{ name: 'live.status', payload: { state: 'reconnecting', retryInMs: 2000 } }] }));
    started.events.publish('live.status', { state: 'live' });
    expect(window.webContents.sent.at(-1)).toEqual({ channel: IPC_EVENT_CHANNEL, args: [{ name: 'live.status', payload: { state: 'live' } }] });
  });
});

describe('the log file', () => {
  it('is written in the data folder, and the core logs through it', async () => {
    const started = fakeCore();
    let coreLog: CoreOptions['log'];
    await startDesktopApp({ mainDir: MAIN_DIR, env: {}, startCore: async (options) => ((coreLog = options.log), started.core) });
    expect(typeof coreLog).toBe('object');
    (coreLog as Logger).error('deskwatch: cases.create failed', new Error('disk I/O error'));
    fake.app.emit('will-quit', fakeEvent());
    await vi.waitFor(() => expect(started.close).toHaveBeenCalled());
    const text = fs.readFileSync(path.join(userData, 'logs', 'deskwatch.log'), 'utf8');
    expect(text).toMatch(/INFO deskwatch: starting /);
    expect(text).toContain('ERROR deskwatch: cases.create failed Error: disk I/O error');
  });

  it('receives the reason the app could not start, not only the dialog', async () => {
    const startCore = vi.fn(async () => {
      throw new Error('password authentication failed for user "deskwatch"');
    });
    await startDesktopApp({ mainDir: MAIN_DIR, env: {}, startCore });
    expect(fs.readFileSync(path.join(userData, 'logs', 'deskwatch.log'), 'utf8')).toContain('password authentication failed');
  });
});

describe('single instance', () => {
  it('a second copy quits at once: no database, no window, no IPC', async () => {
    fake.app.gotLock = false;
    const { running, startCore } = await start();
    expect(running).toBeUndefined();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(startCore).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toEqual([]);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('the first copy brings its window back when a second one is launched', async () => {
    await start();
    const window = FakeBrowserWindow.instances[0]!;
    window.minimized = true;
    window.visible = false;
    fake.app.emit('second-instance', fakeEvent(), [], '/');
    expect(window.calls.slice(-3)).toEqual(['restore', 'show', 'focus']);
  });
});

describe('window state', () => {
  it('reopens where it was left, maximized if it was', async () => {
    fs.writeFileSync(path.join(userData, 'window-state.json'), JSON.stringify({ bounds: { x: 100, y: 80, width: 1300, height: 850 }, maximized: true }));
    await start();
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.options).toMatchObject({ x: 100, y: 80, width: 1300, height: 850 });
    window.emit('ready-to-show');
    expect(window.calls).toEqual(['maximize', 'show']);
  });

  it('saves where it is when closed', async () => {
    await start();
    const window = FakeBrowserWindow.instances[0]!;
    window.normalBounds = { x: 3, y: 4, width: 1000, height: 650 };
    window.close();
    expect(JSON.parse(fs.readFileSync(path.join(userData, 'window-state.json'), 'utf8'))).toEqual({
      bounds: { x: 3, y: 4, width: 1000, height: 650 },
      maximized: false,
    });
  });
});

describe('startup failures end in a dialog, never a blank window', () => {
  it('an unreachable database', async () => {
    const startCore = vi.fn(async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.5:5432');
    });
    const running = await startDesktopApp({
      mainDir: MAIN_DIR,
      env: { DESKWATCH_DATABASE_URL: 'postgres://desk:s3cret@10.0.0.5/deskwatch' },
      startCore,
      log: () => undefined,
    });
    expect(running).toBeUndefined();
    const [title, message] = fake.dialog.showErrorBox.mock.calls[0]!;
    expect(title).toBe(STARTUP_FAILURE_TITLE);
    expect(message).toMatch(/could not open or update its database/);
    expect(message).toMatch(/ECONNREFUSED/);
    expect(message).toMatch(/PostgreSQL server is running/);
    expect(message).not.toMatch(/s3cret/);
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toEqual([]);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('a failed migration on the SQLite file', async () => {
    const startCore = vi.fn(async () => {
      throw new Error('SQLITE_ERROR: table cases already exists');
    });
    await startDesktopApp({ mainDir: MAIN_DIR, env: {}, startCore, log: () => undefined });
    const [, message] = fake.dialog.showErrorBox.mock.calls[0]!;
    expect(message).toContain(path.join(userData, 'deskwatch.sqlite'));
    expect(message).toMatch(/table cases already exists/);
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toEqual([]);
  });

  it('a malformed DESKWATCH_DATABASE_URL', async () => {
    const { startCore } = await start({ env: { DESKWATCH_DATABASE_URL: 'mysql://db/deskwatch' } });
    expect(startCore).not.toHaveBeenCalled();
    expect(fake.dialog.showErrorBox.mock.calls[0]?.[1]).toMatch(/DESKWATCH_DATABASE_URL/);
    expect(fake.app.exit).toHaveBeenCalledWith(1);
  });

  it('development without the Electron build of better-sqlite3 (SQLite only; PostgreSQL needs none)', async () => {
    fake.app.isPackaged = false;
    const { startCore } = await start({ fileExists: () => false });
    expect(startCore).not.toHaveBeenCalled();
    const [, message] = fake.dialog.showErrorBox.mock.calls[0]!;
    expect(message).toMatch(/SQLite engine built for the desktop app is missing/);
    expect(message).toMatch(/npm run web/);

    resetFakeElectron();
    fake.app.isPackaged = false;
    fake.app.userData = userData;
    const postgres = await start({ fileExists: () => false, env: { DESKWATCH_DATABASE_URL: 'postgres://db/deskwatch' } });
    expect(postgres.startCore).toHaveBeenCalled();
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('development with the build passes its path to the database configuration', async () => {
    fake.app.isPackaged = false;
    fake.app.appPath = '/src/deskwatch';
    const { startCore } = await start({ fileExists: () => true });
    expect(startCore.mock.calls[0]?.[0].database).toMatchObject({
      kind: 'sqlite',
      nativeBinding: expect.stringMatching(/\/src\/deskwatch\/\.native\/electron-.+\/better_sqlite3\.node$/),
    });
  });

  it('a renderer page that will not load closes the database and says so', async () => {
    FakeBrowserWindow.nextLoad = () => Promise.reject(new Error("ERR_FILE_NOT_FOUND (-6) loading 'file:///opt/deskwatch/out/renderer/index.html'"));
    const { running, close } = await start();
    expect(running).toBeUndefined();
    expect(close).toHaveBeenCalled();
    expect(fake.dialog.showErrorBox.mock.calls[0]?.[1]).toMatch(/page could not be loaded/);
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(fake.app.exit).toHaveBeenCalledWith(1);
  });
});

describe('closing during startup', () => {
  it('a window closed while its page loads is a quit, not an error', async () => {
    let abort: (error: Error) => void = () => undefined;
    FakeBrowserWindow.nextLoad = () => new Promise<void>((_resolve, reject) => (abort = reject));
    const starting = start();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    FakeBrowserWindow.instances[0]!.close();
    abort(new Error('ERR_ABORTED (-3)'));
    expect((await starting).running).toBeUndefined();
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(fake.app.exit).not.toHaveBeenCalled();
  });
});

describe('quitting', () => {
  it('holds the quit until the database is closed, then quits', async () => {
    let finishClose: () => void = () => undefined;
    const { close } = await start();
    close.mockImplementation(() => new Promise<undefined>((resolve) => (finishClose = () => resolve(undefined))));
    const quit = fakeEvent();
    fake.app.emit('will-quit', quit);
    expect(quit.defaultPrevented).toBe(true);
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(fake.app.quit).not.toHaveBeenCalled();
    finishClose();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    const second = fakeEvent();
    fake.app.emit('will-quit', second);
    expect(second.defaultPrevented).toBe(false);
    expect(close).toHaveBeenCalledTimes(1);
  });
});

describe('with the real core', () => {
  it('answers app.info over IPC from a SQLite file in the user data folder', async () => {
    // Packaged mode loads better-sqlite3 from node_modules, the Node build this test process can load.
    const running = await startDesktopApp({ mainDir: MAIN_DIR, env: {}, log: () => undefined });
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled();
    try {
      const window = FakeBrowserWindow.instances[0]!;
      const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
      const result = await fake.ipcMain.handlers.get(ipcChannelFor('app.info'))!(event, {});
      expect(result).toMatchObject({ ok: true, value: { name: 'Deskwatch', databaseKind: 'sqlite' } });
      expect(fs.existsSync(path.join(userData, 'deskwatch.sqlite'))).toBe(true);

      // The profile is checked against the database: an unknown one is refused, an inactive one too.
      const call = (channel: string, ...args: unknown[]) => fake.ipcMain.handlers.get(channel)!(event, ...args);
      await expect(call(SESSION_CHANNELS.choose, 9)).resolves.toMatchObject({ ok: false, error: { code: 'unauthenticated', message: 'No staff member has id 9' } });
      const created = (await call(ipcChannelFor('staff.create'), { name: 'Dee Desk', role: 'supervisor' })) as { ok: true; value: { id: number } };
      expect(created.ok).toBe(true);
      await expect(call(SESSION_CHANNELS.choose, created.value.id)).resolves.toMatchObject({ ok: true, value: { staff: { name: 'Dee Desk' } } });
      // Calls are now made as Dee: a supervisor-only channel answers.
      await expect(call(ipcChannelFor('staff.audit'), {})).resolves.toMatchObject({ ok: true });
      const leaver = (await call(ipcChannelFor('staff.create'), { name: 'Lee Leaver', role: 'agent' })) as { ok: true; value: { id: number } };
      await expect(call(ipcChannelFor('staff.update'), { id: leaver.value.id, active: false })).resolves.toMatchObject({ ok: true });
      await expect(call(SESSION_CHANNELS.choose, leaver.value.id)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/inactive/) } });
    } finally {
      await running?.core?.close();
    }
  });
});
