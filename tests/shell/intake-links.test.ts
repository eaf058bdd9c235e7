import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import YAML from 'yaml';
import { IPC_EVENT_CHANNEL } from '../../shared/channel-names';
import { ok } from '../../shared/result';
import type { Core } from '../../electron/core/core';
import { EventBus } from '../../electron/core/event-bus';
import { startDesktopApp, type DesktopAppOptions } from '../../electron/main/app-lifecycle';
import { fake, fakeEvent, FakeBrowserWindow, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((module) => module.electronModule));

const MAIN_DIR = '/opt/deskwatch/out/main';
const RENDERER_URL = 'file:///opt/deskwatch/out/renderer/index.html';
const LINK = 'deskwatch://intake?phone=+15735550123';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function fakeCore(): Core {
  return {
    dispatch: vi.fn(async (channel: unknown) => ok({ answered: channel })),
    events: new EventBus(),
    close: vi.fn(async () => undefined),
    clock: { now: () => Date.parse('2026-11-30T15:00:00Z') },
    liveStatus: () => ({ state: 'live' }),
    startScheduler: () => undefined,
    services: { scheduler: { start: vi.fn(async () => undefined) }, staff: { requireActive: vi.fn() } },
  } as unknown as Core;
}

let userData: string;
let logged: string[];
beforeEach(() => {
  resetFakeElectron();
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-user-data-'));
  fake.app.userData = userData;
  fake.app.isPackaged = true;
  logged = [];
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(userData, { recursive: true, force: true });
});

function start(options: Partial<DesktopAppOptions> = {}) {
  return startDesktopApp({
    mainDir: MAIN_DIR,
    env: {},
    startCore: async () => fakeCore(),
    log: (message) => logged.push(message),
    argv: ['/opt/deskwatch/deskwatch'],
    defaultApp: false,
    ...options,
  });
}

/** The screens main asked the window to show. */
function navigations(window: FakeBrowserWindow): unknown[] {
  return window.webContents.sent
    .filter((m) => m.channel === IPC_EVENT_CHANNEL && (m.args[0] as { name: string }).name === 'shell.navigate')
    .map((m) => (m.args[0] as { payload: unknown }).payload);
}

describe('deskwatch:// intake links', () => {
  it('registers the app as the handler of deskwatch://, with the app folder in development', async () => {
    await start();
    expect(fake.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('deskwatch');

    resetFakeElectron();
    fake.app.userData = userData;
    await start({ defaultApp: true, argv: ['/usr/lib/electron/electron', 'dev-app'] });
    expect(fake.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('deskwatch', process.execPath, [path.resolve('dev-app')]);
  });

  it('says so in the log when the OS refuses the registration', async () => {
    fake.app.protocolRegistered = false;
    await start();
    expect(logged.some((line) => line.includes('could not register as the handler of deskwatch://'))).toBe(true);
  });

  it('a copy started by the link opens its first window on that intake', async () => {
    await start({ argv: ['/opt/deskwatch/deskwatch', '--some-chromium-switch', LINK] });
    expect(FakeBrowserWindow.instances[0]?.loadedUrl).toBe(`${RENDERER_URL}#/intake?phone=%2B15735550123`);
  });

  it('the running copy receives the link of a second one, comes to the front and shows the intake', async () => {
    await start();
    const window = FakeBrowserWindow.instances[0]!;
    window.minimized = true;
    fake.app.emit('second-instance', fakeEvent(), ['/opt/deskwatch/deskwatch', LINK], '/');
    expect(window.calls).toContain('restore');
    expect(navigations(window)).toEqual([{ to: 'intake', phone: '+15735550123' }]);
  });

  it('macOS: a link that arrives before the app is ready is held for the first window', async () => {
    const running = start();
    // Emitted while startup still waits for ready: the listener is there before the first await.
    const event = fakeEvent();
    fake.app.emit('open-url', event, 'deskwatch://intake?phone=(573)%20555-0123');
    expect(event.defaultPrevented).toBe(true);
    await running;
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.loadedUrl).toBe(`${RENDERER_URL}#/intake?phone=(573)%20555-0123`);
    expect(navigations(window)).toEqual([]);

    fake.app.emit('open-url', fakeEvent(), 'deskwatch://intake/?phone=5735550199');
    expect(navigations(window)).toEqual([{ to: 'intake', phone: '5735550199' }]);
  });

  it('ignores and logs anything that is not a well-formed intake link', async () => {
    await start({ argv: ['/opt/deskwatch/deskwatch', 'deskwatch://settings?phone=1'] });
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.loadedUrl).toBe(RENDERER_URL);
    for (const bad of [
      'deskwatch://intake?phone=573;rm%20-rf',
      'deskwatch://intake?phone=5735550123&caseId=4',
      'deskwatch://intake?next=/staff',
      'deskwatch://evil.example/intake?phone=5735550123',
      `deskwatch://intake?phone=${'1'.repeat(300)}`,
      'deskwatch://intake?phone=%E0%A4%A',
    ]) {
      fake.app.emit('second-instance', fakeEvent(), ['/opt/deskwatch/deskwatch', bad], '/');
      fake.app.emit('open-url', fakeEvent(), bad);
    }
    fake.app.emit('open-url', fakeEvent(), 42);
    expect(navigations(window)).toEqual([]);
    expect(logged.filter((line) => line.startsWith('deskwatch: ignored an intake address')).length).toBe(14);
    // The log keeps the reason, not what another program sent.
    expect(logged.join('\n')).not.toContain('rm');
  });

  it('a copy that does not get the lock quits without registering anything or listening for links', async () => {
    fake.app.gotLock = false;
    const running = await start({ argv: ['/opt/deskwatch/deskwatch', LINK] });
    expect(running).toBeUndefined();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
    expect(fake.app.listenerCount('open-url')).toBe(0);
    expect(FakeBrowserWindow.instances).toEqual([]);
  });

  it('the installers register the scheme', () => {
    const config = YAML.parse(fs.readFileSync(path.join(ROOT, 'build', 'electron-builder.yml'), 'utf8')) as { protocols: { name: string; schemes: string[] }[] };
    expect(config.protocols).toEqual([{ name: 'Deskwatch intake', schemes: ['deskwatch'] }]);
  });
});
