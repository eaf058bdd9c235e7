import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertBatch, AlertPreferences } from '../../shared/alerts';
import type { StaffRole } from '../../shared/domain';
import { IPC_EVENT_CHANNEL } from '../../shared/channel-names';
import { fail, ok } from '../../shared/result';
import { ManualClock } from '../../electron/core/clock';
import { EventBus } from '../../electron/core/event-bus';
import { AlertNotifier, notificationOptions } from '../../electron/main/alerts/alert-notifier';
import { AlertTray, trayMenuTemplate } from '../../electron/main/alerts/alert-tray';
import { DesktopAlerts, TRAY_DEBOUNCE_MS, TRAY_REFRESH_MS, type ConsoleWindow, type TraySink } from '../../electron/main/alerts/desktop-alerts';
import { listCases, notificationsFor, type NotificationPlan } from '../../electron/main/alerts/notification-plan';
import { PeopleAtConsole } from '../../electron/main/alerts/people-at-console';
import {
  describeUntil,
  mutedUntil,
  toggledMute,
  trayImageDir,
  trayImageFile,
  trayImageFor,
  trayMenuItems,
  trayTitle,
  trayTooltip,
  type TrayState,
} from '../../electron/main/alerts/tray-state';
import { aDigest, anAlert, ManualTimers } from './alert-fixtures';
import { fake, FakeBrowserWindow, FakeMenu, FakeNotification, FakeTray, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((module) => module.electronModule));

const ANA = 3; // the agent at this console
const SUE = 9; // a supervisor elsewhere
const CHICAGO = 'America/Chicago';
const NOW = Date.parse('2026-11-30T18:00:00Z'); // 12:00 PM in Chicago

beforeEach(() => resetFakeElectron());

describe('which notifications a person gets for a batch', () => {
  it('shows the alerts of the person at the console, saying which case, what is due and when', () => {
    const mine = anAlert({ caseId: 1, recipientId: ANA });
    const batch: AlertBatch = { alerts: [mine, anAlert({ caseId: 1, recipientId: SUE })], digests: [] };
    expect(notificationsFor(batch, ANA)).toEqual([
      {
        key: `alert:${mine.id}`,
        title: 'DW-000001 · Response target at risk',
        body: 'P2 “Printer jams on every job”: response due today 1:00 PM (75% used).',
        silent: false,
        urgent: false,
        opens: { to: 'case', caseId: 1 },
      },
    ]);
  });

  it('shows nothing of other recipients, and nothing muted (muted alerts stay in the recent list only)', () => {
    const batch: AlertBatch = {
      alerts: [anAlert({ caseId: 1, recipientId: SUE }), anAlert({ caseId: 2, recipientId: ANA, muted: true })],
      digests: [],
    };
    expect(notificationsFor(batch, ANA)).toEqual([]);
    expect(notificationsFor(batch, 42)).toEqual([]);
  });

  it('follows the sound preference (silent) and keeps breaches and priority 1 on screen', () => {
    const quiet = anAlert({ caseId: 4, recipientId: ANA, kind: 'response_breach', sound: false });
    const page = anAlert({ caseId: 5, recipientId: ANA, kind: 'p1_received' });
    const [breach, p1] = notificationsFor({ alerts: [quiet, page], digests: [] }, ANA);
    expect(breach).toMatchObject({ silent: true, urgent: true });
    expect(p1).toMatchObject({ silent: false, urgent: true });
    expect(notificationOptions(breach!)).toEqual({
      title: quiet.title,
      body: quiet.body,
      silent: true,
      urgency: 'critical',
      timeoutType: 'never',
    });
    expect(notificationOptions(notificationsFor({ alerts: [anAlert({ caseId: 6, recipientId: ANA })], digests: [] }, ANA)[0]!)).toMatchObject({
      urgency: 'normal',
      timeoutType: 'default',
    });
  });

  it('shows a digest once in place of the alerts that fell due while Deskwatch was closed', () => {
    const missed = [1, 2, 3].map((caseId) => anAlert({ caseId, recipientId: ANA, kind: 'response_breach', missed: true }));
    const live = anAlert({ caseId: 7, recipientId: ANA, kind: 'contact_due' });
    const text = '3 cases breached their response target while Deskwatch was closed';
    const plans = notificationsFor({ alerts: [...missed, live], digests: [aDigest(missed, text)] }, ANA);
    expect(plans.map((plan) => plan.title)).toEqual(['3 cases · Response target breached', live.title]);
    expect(plans[0]).toMatchObject({
      body: `${text}: DW-000001, DW-000002 and DW-000003.`,
      urgent: true,
      silent: false,
      opens: { to: 'queue' },
    });
  });

  it('a one-case digest opens that case; a muted digest is not shown', () => {
    const one = [anAlert({ caseId: 8, recipientId: ANA, missed: true })];
    expect(notificationsFor({ alerts: one, digests: [aDigest(one, '1 case came near its response target')] }, ANA)[0]?.opens).toEqual({
      to: 'case',
      caseId: 8,
    });
    const muted = [anAlert({ caseId: 8, recipientId: ANA, missed: true, muted: true })];
    expect(notificationsFor({ alerts: muted, digests: [aDigest(muted, 'x')] }, ANA)).toEqual([]);
  });

  it('lists at most five case numbers', () => {
    expect(listCases([1])).toBe('DW-000001');
    expect(listCases([1, 2])).toBe('DW-000001 and DW-000002');
    expect(listCases([1, 2, 3, 4, 5, 6, 7])).toBe('DW-000001, DW-000002, DW-000003, DW-000004, DW-000005 and 2 more');
  });
});

describe('who is at each window', () => {
  it('is the last actor each window sent; with no window open, the last person seen', () => {
    const people = new PeopleAtConsole();
    expect(people.people([1])).toEqual([]);
    expect(people.note(1, ANA)).toBe(true);
    expect(people.note(1, ANA)).toBe(false);
    expect(people.people([1, 2])).toEqual([ANA]);
    people.note(2, SUE);
    expect(people.people([1, 2])).toEqual([ANA, SUE]);
    expect(people.primary([1, 2])).toBe(ANA);
    expect(people.people([])).toEqual([SUE]);
  });
});

describe('the tray, decided', () => {
  const at = (summary: TrayState['summary'], muted: number | null = null): TrayState => ({ personId: ANA, summary, mutedUntil: muted });
  const time = (instant: number) => describeUntil(instant, NOW, CHICAGO);

  it('picks the image by the worst state and the count of at-risk and breached cases', () => {
    expect(trayImageFile(trayImageFor(null))).toBe('tray-normal.png');
    expect(trayImageFile(trayImageFor({ atRisk: 0, breached: 0 }))).toBe('tray-normal.png');
    expect(trayImageFile(trayImageFor({ atRisk: 2, breached: 0 }))).toBe('tray-at-risk-2.png');
    expect(trayImageFile(trayImageFor({ atRisk: 2, breached: 1 }))).toBe('tray-breached-3.png');
    expect(trayImageFile(trayImageFor({ atRisk: 8, breached: 4 }))).toBe('tray-breached-9plus.png');
  });

  it('says the counts in the tooltip (and the macOS title), and when alerts are muted', () => {
    expect(trayTooltip({ personId: null, summary: null, mutedUntil: null }, time)).toBe('Deskwatch: choose your profile to see your alerts');
    expect(trayTooltip(at({ atRisk: 2, breached: 1 }), time)).toBe('Deskwatch: 1 breached, 2 at risk');
    expect(trayTooltip(at({ atRisk: 0, breached: 0 }), time)).toBe('Deskwatch: no cases at risk');
    expect(trayTooltip(at({ atRisk: 1, breached: 0 }, NOW + 3600_000), time)).toBe('Deskwatch: 1 at risk · alerts muted until 1:00 PM');
    expect(trayTitle(at({ atRisk: 2, breached: 1 }))).toBe('3');
    expect(trayTitle(at({ atRisk: 0, breached: 0 }))).toBe('');
  });

  it('offers Open queue, New intake, Mute alerts for an hour and Quit', () => {
    const items = trayMenuItems(at({ atRisk: 0, breached: 0 }), time);
    expect(items.map((item) => [item.label, item.enabled, item.checked])).toEqual([
      ['Open queue', true, undefined],
      ['New intake', true, undefined],
      ['Mute alerts for an hour', true, false],
      ['Quit Deskwatch', true, undefined],
    ]);
    expect(trayMenuItems(at(null, NOW + 3600_000), time)[2]).toMatchObject({ label: 'Alerts muted until 1:00 PM', checked: true });
    // Before anyone has chosen a profile there is nobody to mute for.
    expect(trayMenuItems({ personId: null, summary: null, mutedUntil: null }, time).map((item) => item.enabled)).toEqual([true, false, false, true]);
  });

  it('mutes for an hour from now, keeping kinds and sound; muting again unmutes', () => {
    const prefs: AlertPreferences = { kinds: ['response_breach'], sound: false, muteUntil: null };
    const muted = toggledMute(prefs, NOW);
    expect(muted).toEqual({ kinds: ['response_breach'], sound: false, muteUntil: '2026-11-30T19:00:00.000Z' });
    expect(mutedUntil(muted, NOW)).toBe(NOW + 3600_000);
    expect(toggledMute(muted, NOW)).toEqual(prefs);
    // A mute that has run out is no mute.
    expect(mutedUntil(muted, NOW + 2 * 3600_000)).toBeNull();
    expect(toggledMute(muted, NOW + 2 * 3600_000).muteUntil).toBe('2026-11-30T21:00:00.000Z');
  });

  it('words times as today or with the weekday', () => {
    expect(describeUntil(NOW + 3600_000, NOW, CHICAGO)).toBe('1:00 PM');
    expect(describeUntil(Date.parse('2026-12-01T13:00:00Z'), NOW, CHICAGO)).toBe('Tue 7:00 AM');
  });

  it('reads images from build/tray in development and from the resources folder when packaged', () => {
    expect(trayImageDir({ isPackaged: false, resourcesPath: '/x', appPath: '/src/deskwatch' })).toBe('/src/deskwatch/build/tray');
    expect(trayImageDir({ isPackaged: true, resourcesPath: '/opt/Deskwatch/resources', appPath: '/opt/Deskwatch/resources/app.asar' })).toBe(
      '/opt/Deskwatch/resources/tray',
    );
  });
});

/** A console with one window, a recording notifier and tray, and a core that answers the alert channels. */
function setup(options: { windows?: number; summary?: { atRisk: number; breached: number }; tray?: boolean; roles?: Record<number, StaffRole> } = {}) {
  const events = new EventBus();
  const clock = new ManualClock(NOW);
  const timers = new ManualTimers();
  const preferences = new Map<number, AlertPreferences>();
  const dispatch = vi.fn(async (channel: unknown, input: unknown, meta?: unknown) => {
    const actorId = (meta as { actorId?: number } | undefined)?.actorId;
    if (actorId === undefined) return fail('unauthenticated', 'who?');
    if (channel === 'alerts.summary') return ok(options.summary ?? { atRisk: 2, breached: 1 });
    if (channel === 'staff.list' && options.roles) return ok(Object.entries(options.roles).map(([id, role]) => ({ id: Number(id), name: `Staff ${id}`, role, active: true })));
    if (channel === 'alerts.preferences') return ok(preferences.get(actorId) ?? { kinds: ['response_warning'], sound: true, muteUntil: null });
    if (channel === 'alerts.savePreferences') {
      preferences.set(actorId, input as AlertPreferences);
      return ok(input);
    }
    return fail('unknown_channel', String(channel));
  });
  const windows = Array.from({ length: options.windows ?? 1 }, () => new FakeBrowserWindow({}));
  const shown: Array<{ plan: NotificationPlan; click: () => void }> = [];
  const trayShown: TrayState[] = [];
  const tray: TraySink = { show: (state) => trayShown.push(state), destroy: vi.fn() };
  const openWindow = vi.fn(() => {
    const created = new FakeBrowserWindow({});
    windows.push(created);
    return created as unknown as ConsoleWindow;
  });
  const quit = vi.fn();
  const alerts = new DesktopAlerts({
    dispatch,
    events,
    clock,
    windows: () => windows.filter((w) => !w.isDestroyed()) as unknown as ConsoleWindow[],
    openWindow,
    quit,
    notifier: { show: (plan, click) => (shown.push({ plan, click }), true) },
    tray: options.tray === false ? null : tray,
    timers,
    log: () => undefined,
  });
  alerts.start();
  const navigations = (window: FakeBrowserWindow) =>
    window.webContents.sent.filter((message) => message.channel === IPC_EVENT_CHANNEL).map((message) => message.args[0]);
  return { alerts, events, clock, timers, dispatch, windows, shown, trayShown, openWindow, quit, preferences, navigations };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('desktop alerts for the person at each window', () => {
  it('shows the alerts of the person the window acts as, and only theirs', () => {
    const { alerts, events, windows, shown } = setup();
    alerts.noteActor(windows[0]!.webContents, ANA);
    events.publish('alerts.raised', {
      alerts: [anAlert({ caseId: 1, recipientId: ANA }), anAlert({ caseId: 2, recipientId: SUE }), anAlert({ caseId: 3, recipientId: ANA, muted: true })],
      digests: [],
    });
    expect(shown.map((entry) => entry.plan.title)).toEqual(['DW-000001 · Response target at risk']);
  });

  it('holds what arrives before anyone is known (the catch-up at start) and shows it, once, to the first person', async () => {
    const { alerts, events, windows, shown } = setup();
    const missed = [1, 2, 3].map((caseId) => anAlert({ caseId, recipientId: ANA, kind: 'response_breach', missed: true }));
    const batch = { alerts: missed, digests: [aDigest(missed, '3 cases breached their response target while Deskwatch was closed')] };
    events.publish('alerts.raised', batch);
    expect(shown).toEqual([]);
    alerts.noteActor(windows[0]!.webContents, ANA);
    await vi.waitFor(() => expect(shown.map((entry) => entry.plan.title)).toEqual(['3 cases · Response target breached']));
    alerts.noteActor(windows[0]!.webContents, ANA);
    events.publish('alerts.raised', batch);
    expect(shown).toHaveLength(1);
  });

  it('an agent is not interrupted by breaches they cannot act on; a supervisor is, and both get what they can act on', async () => {
    const { alerts, events, windows, shown } = setup({ windows: 2, roles: { [ANA]: 'agent', [SUE]: 'supervisor' } });
    const missed = [ANA, SUE].flatMap((recipientId) => [1, 2].map((caseId) => anAlert({ caseId, recipientId, kind: 'response_breach', missed: true })));
    const digests = [ANA, SUE].map((recipientId) => aDigest(missed.filter((a) => a.recipientId === recipientId), '2 cases breached their response target while Deskwatch was closed'));
    events.publish('alerts.raised', { alerts: missed, digests });
    alerts.noteActor(windows[0]!.webContents, ANA);
    alerts.noteActor(windows[1]!.webContents, SUE);
    await vi.waitFor(() => expect(shown.map((entry) => entry.plan.title)).toEqual(['2 cases · Response target breached']));
    const warning = anAlert({ caseId: 3, recipientId: ANA, kind: 'response_warning' });
    events.publish('alerts.raised', { alerts: [warning], digests: [] });
    expect(shown.map((entry) => entry.plan.title)).toEqual(['2 cases · Response target breached', warning.title]);
  });

  it('a click brings the window up (restore, show, focus) and opens the case there', () => {
    const { alerts, events, windows, shown, navigations } = setup();
    const window = windows[0]!;
    alerts.noteActor(window.webContents, ANA);
    window.minimized = true;
    window.visible = false;
    events.publish('alerts.raised', { alerts: [anAlert({ caseId: 12, recipientId: ANA })], digests: [] });
    shown[0]!.click();
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
    expect(navigations(window)).toEqual([{ name: 'shell.navigate', payload: { to: 'case', caseId: 12 } }]);
  });

  it('with two windows, the click goes to the window of the person it was for', () => {
    const { alerts, events, windows, shown, navigations } = setup({ windows: 2 });
    alerts.noteActor(windows[0]!.webContents, ANA);
    alerts.noteActor(windows[1]!.webContents, SUE);
    events.publish('alerts.raised', { alerts: [anAlert({ caseId: 5, recipientId: SUE, kind: 'response_breach' })], digests: [] });
    expect(shown).toHaveLength(1);
    shown[0]!.click();
    expect(navigations(windows[0]!)).toEqual([]);
    expect(navigations(windows[1]!)).toEqual([{ name: 'shell.navigate', payload: { to: 'case', caseId: 5 } }]);
  });

  it('with no window left (macOS), alerts still reach the last person, and a click opens a window on the case', () => {
    const { alerts, events, windows, shown, openWindow, navigations } = setup();
    alerts.noteActor(windows[0]!.webContents, ANA);
    windows[0]!.close();
    events.publish('alerts.raised', { alerts: [anAlert({ caseId: 21, recipientId: ANA })], digests: [] });
    shown[0]!.click();
    expect(openWindow).toHaveBeenCalledTimes(1);
    const opened = windows[1]!;
    // Told once its page is up and has said who is there.
    expect(navigations(opened)).toEqual([]);
    alerts.noteActor(opened.webContents, ANA);
    expect(navigations(opened)).toEqual([{ name: 'shell.navigate', payload: { to: 'case', caseId: 21 } }]);
  });
});

describe('the tray, live', () => {
  it('shows the person’s count, asked for as that person, and refreshes once per burst of events', async () => {
    const { alerts, events, windows, dispatch, timers, trayShown } = setup();
    expect(trayShown.at(-1)).toEqual({ personId: null, summary: null, mutedUntil: null });
    alerts.noteActor(windows[0]!.webContents, ANA);
    await settle();
    expect(trayShown.at(-1)).toEqual({ personId: ANA, summary: { atRisk: 2, breached: 1 }, mutedUntil: null });
    expect(dispatch).toHaveBeenCalledWith('alerts.summary', {}, { actorId: ANA });

    dispatch.mockClear();
    events.publish('cases.changed', { caseId: 1, version: 2, change: 'updated' });
    events.publish('alerts.raised', { alerts: [], digests: [] });
    events.publish('cases.changed', { caseId: 2, version: 2, change: 'updated' });
    expect(dispatch).not.toHaveBeenCalled();
    timers.advance(TRAY_DEBOUNCE_MS);
    await settle();
    expect(dispatch.mock.calls.filter(([channel]) => channel === 'alerts.summary')).toHaveLength(1);
  });

  it('looks again every minute, since at risk turns to breached with time alone', async () => {
    const { alerts, windows, dispatch, timers } = setup();
    alerts.noteActor(windows[0]!.webContents, ANA);
    await settle();
    dispatch.mockClear();
    timers.advance(TRAY_REFRESH_MS * 3);
    await settle();
    expect(dispatch.mock.calls.filter(([channel]) => channel === 'alerts.summary')).toHaveLength(3);
  });

  it('Mute alerts for an hour saves muteUntil through alerts.savePreferences for that person; choosing it again unmutes', async () => {
    const { alerts, windows, dispatch, trayShown, preferences } = setup();
    alerts.noteActor(windows[0]!.webContents, ANA);
    await settle();
    await alerts.trayAction('mute');
    expect(dispatch).toHaveBeenCalledWith(
      'alerts.savePreferences',
      { kinds: ['response_warning'], sound: true, muteUntil: '2026-11-30T19:00:00.000Z' },
      { actorId: ANA },
    );
    expect(trayShown.at(-1)?.mutedUntil).toBe(NOW + 3600_000);
    await alerts.trayAction('mute');
    expect(preferences.get(ANA)?.muteUntil).toBeNull();
    expect(trayShown.at(-1)?.mutedUntil).toBeNull();
  });

  it('Open queue and New intake bring the window up on those screens; Quit quits', async () => {
    const { alerts, windows, navigations, quit } = setup();
    alerts.noteActor(windows[0]!.webContents, ANA);
    await alerts.trayAction('open-queue');
    await alerts.trayAction('new-intake');
    expect(navigations(windows[0]!)).toEqual([
      { name: 'shell.navigate', payload: { to: 'queue' } },
      { name: 'shell.navigate', payload: { to: 'intake' } },
    ]);
    expect(windows[0]!.calls).toContain('focus');
    await alerts.trayAction('quit');
    expect(quit).toHaveBeenCalled();
  });

  it('stops its timers and removes the icon when the app quits', () => {
    const { alerts, timers } = setup();
    expect(timers.count).toBeGreaterThan(0);
    alerts.stop();
    expect(timers.count).toBe(0);
  });
});

describe('through Electron (mocked)', () => {
  it('shows a Notification with the plan’s words and sound setting; its click runs once', () => {
    const notifier = new AlertNotifier(() => undefined);
    const onClick = vi.fn();
    const plan = notificationsFor({ alerts: [anAlert({ caseId: 1, recipientId: ANA, sound: false })], digests: [] }, ANA)[0]!;
    expect(notifier.show(plan, onClick)).toBe(true);
    const [notification] = FakeNotification.instances;
    expect(notification?.shown).toBe(true);
    expect(notification?.options).toMatchObject({ title: 'DW-000001 · Response target at risk', silent: true });
    notification!.click();
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('shows nothing where the system has no notifications', () => {
    FakeNotification.supported = false;
    expect(new AlertNotifier(() => undefined).show(notificationsFor({ alerts: [anAlert({ caseId: 1, recipientId: ANA })], digests: [] }, ANA)[0]!, () => undefined)).toBe(false);
    expect(FakeNotification.instances).toEqual([]);
  });

  it('builds the tray from the committed images, with tooltip, macOS title and a working menu', () => {
    const onAction = vi.fn();
    const tray = new AlertTray({ imageDir: '/res/tray', onAction, onClick: vi.fn(), describeTime: () => '1:00 PM', platform: 'darwin', log: () => undefined });
    const [icon] = FakeTray.instances;
    expect(icon?.image.path).toBe('/res/tray/tray-normal.png');
    tray.show({ personId: ANA, summary: { atRisk: 1, breached: 1 }, mutedUntil: null });
    expect(icon?.image.path).toBe('/res/tray/tray-breached-2.png');
    expect(icon?.tooltip).toBe('Deskwatch: 1 breached, 1 at risk');
    expect(icon?.title).toBe('2');
    const menu = icon!.menu as FakeMenu;
    expect(menu.items.map((item) => item.label ?? item.type)).toEqual(['Open queue', 'New intake', 'Mute alerts for an hour', 'separator', 'Quit Deskwatch']);
    menu.item('Mute alerts for an hour').click?.();
    expect(onAction).toHaveBeenCalledWith('mute');
    tray.destroy();
    expect(icon?.destroyed).toBe(true);
  });

  it('says so in the log when a tray image is missing', () => {
    fake.imageFiles = new Set();
    const log = vi.fn();
    new AlertTray({ imageDir: '/nowhere', onAction: vi.fn(), onClick: vi.fn(), describeTime: String, log });
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/tray-normal\.png is missing/));
  });

  it('the menu template marks the mute item as a check box', () => {
    const template = trayMenuTemplate(
      trayMenuItems({ personId: ANA, summary: null, mutedUntil: NOW }, () => '1:00 PM'),
      () => undefined,
    );
    expect(template.find((item) => item.label === 'Alerts muted until 1:00 PM')).toMatchObject({ type: 'checkbox', checked: true });
  });
});
