import { AlertCenter } from './pages/alert-center';
import { AlertSettingsPage } from './pages/alert-settings-page';
import { expect, test } from './support/fixtures';
import type { ContractClient } from './support/contract-client';

/**
 * "Never miss a deadline", in the browser mode. The core's clock is set with `--now`: cases are
 * filed on Monday November 30, 2026 at 9:00 AM Chicago time, when the desk is open; a priority 2
 * case's response is due at 1:00 PM, its 75% warning falls at 12:00 PM.
 */
const MONDAY_9AM = '2026-11-30T09:00:00-06:00';
const ONE_MINUTE_BEFORE_THE_WARNING = '2026-11-30T11:59:00-06:00';
const AFTER_THE_BREACHES = '2026-11-30T15:00:00-06:00';
/** One person, work stopped, no workaround: priority 2. */
const PRIORITY_2 = { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'stopped' } as const;

test.use({ deskwatchArgs: ['--now', MONDAY_9AM] });

/**
 * Stands in for the browser's Notification before the page loads: it records whether the page
 * asked for permission and what it showed, and lets the test click a notification.
 */
const NOTIFICATION_STUB = `
  window.__notifications = { requests: 0, shown: [] };
  class RecordingNotification {
    static permission = 'default';
    static async requestPermission() {
      window.__notifications.requests += 1;
      RecordingNotification.permission = 'granted';
      return 'granted';
    }
    constructor(title, options) {
      this.title = title;
      this.options = options || {};
      this.onclick = null;
      this.closed = false;
      window.__notifications.shown.push(this);
    }
    close() {
      this.closed = true;
    }
  }
  Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true, writable: true });
`;

async function fileCases(client: ContractClient, summaries: string[]) {
  const ana = await client.value('staff.create', { name: 'Ana Lima', role: 'agent' });
  const cases = [];
  for (const summary of summaries) {
    cases.push(await client.value('cases.create', { callerName: 'Lee Chan', summary, wizard: PRIORITY_2 }, { actorId: ana.id }));
  }
  return { ana, cases };
}

test('a warning that falls due while the console is open appears in it, and Open case lands on the case', async ({
  page,
  deskwatch,
  otherClient,
  welcomePage,
  casePage,
}, testInfo) => {
  // The warning is a real minute away on the core's clock.
  test.setTimeout(180_000);
  const { cases } = await fileCases(otherClient, ['Printer jams on every job']);
  expect(cases[0]).toMatchObject({ number: 'DW-000001', priority: 2 });
  await deskwatch.restart({ now: ONE_MINUTE_BEFORE_THE_WARNING });

  await page.addInitScript({ content: NOTIFICATION_STUB });
  await page.goto(deskwatch.url);
  await welcomePage.choose('Ana Lima');
  const alerts = new AlertCenter(page);
  await expect(alerts.launcher).toBeVisible();
  // The console never asks for notifications on its own; the person asks, from the panel.
  expect(await page.evaluate('window.__notifications.requests')).toBe(0);
  await alerts.openRecent();
  await expect(alerts.panel.getByText('No alerts yet')).toBeVisible();
  await alerts.allowNotifications.click();
  await expect(alerts.panel.getByText('Desktop notifications are on for this browser.')).toBeVisible();
  expect(await page.evaluate('window.__notifications.requests')).toBe(1);
  await alerts.panel.getByRole('button', { name: 'Close' }).click();

  const warning = alerts.notification('DW-000001 · Response target at risk');
  await expect(warning).toBeVisible({ timeout: 90_000 });
  // Read: the pointer on it keeps it from folding into the Alerts button.
  await warning.hover();
  await expect(warning).toHaveAttribute('role', 'status');
  await expect(warning).toContainText('Printer jams on every job');
  await expect(warning).toContainText('response due today 1:00 PM (75% used)');
  await testInfo.attach('in-app alert', { body: await page.screenshot(), contentType: 'image/png' });
  await page.screenshot({ path: testInfo.outputPath('in-app-alert.png') });
  expect(await page.evaluate('window.__notifications.shown.map((n) => [n.title, n.options.body])')).toEqual([
    ['DW-000001 · Response target at risk', expect.stringContaining('response due today 1:00 PM (75% used)')],
  ]);

  await alerts.openCase('DW-000001');
  await expect(page).toHaveURL(/#\/cases\/1$/);
  await expect(casePage.heading).toHaveText('DW-000001 · Printer jams on every job');
  await expect(warning).toHaveCount(0);

  // The Web Notification's click opens the case too.
  await page.evaluate("location.hash = '#/queue'");
  await expect(page).toHaveURL(/#\/queue/);
  await page.evaluate('window.__notifications.shown[0].onclick()');
  await expect(page).toHaveURL(/#\/cases\/1$/);
  expect(await page.evaluate('window.__notifications.shown[0].closed')).toBe(true);

  // The recent list keeps it, and the count shows the case at risk.
  await alerts.openRecent();
  await expect(alerts.recentItem('DW-000001 · Response target at risk')).toBeVisible();
  await expect(alerts.launcher).toContainText('1 at risk');
});

test('starting long after several breaches shows one catch-up digest, once', async ({ page, deskwatch, otherClient, welcomePage }, testInfo) => {
  // Breaches of unassigned cases reach the supervisors (and the agents, in their list only).
  await otherClient.value('staff.create', { name: 'Pat Donnelly', role: 'supervisor' });
  await fileCases(otherClient, ['Printer jams on every job', 'Projector has no signal', 'Cannot log in to the gradebook']);
  // Closed over lunch: the 1:00 PM response targets passed while nothing was running.
  await deskwatch.restart({ now: AFTER_THE_BREACHES });

  await page.goto(deskwatch.url);
  await welcomePage.choose('Pat Donnelly');
  const alerts = new AlertCenter(page);
  const digest = alerts.urgentNotification('3 cases breached their response target while Deskwatch was closed');
  await expect(digest).toBeVisible();
  await digest.hover();
  await expect(digest).toContainText('DW-000001, DW-000002 and DW-000003');
  // One notification for the three, not one each; the warnings the breaches overtook are not brought up.
  await expect(alerts.notification(/Response target breached/)).toHaveCount(1);
  await expect(alerts.notification(/at risk|came near/)).toHaveCount(0);
  await expect(alerts.launcher).toContainText('3 breached');
  await page.screenshot({ path: testInfo.outputPath('catch-up-digest.png') });

  await alerts.openRecent();
  await expect(alerts.recentList.getByRole('listitem')).toHaveCount(3);
  await expect(alerts.recentItem('DW-000002 · Response target breached')).toContainText('While Deskwatch was closed');
  await expect(digest).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('recent-alerts.png') });

  // Seen is seen: a reload does not bring the digest back, and the list still has the three.
  await page.reload();
  await expect(alerts.launcher).toContainText('3 breached');
  await expect(alerts.notification(/Response target breached/)).toHaveCount(0);
  await alerts.openRecent();
  await expect(alerts.recentList.getByRole('listitem')).toHaveCount(3);
});

test('muted alerts are kept and listed, never shown', async ({ page, deskwatch, otherClient, welcomePage }) => {
  const { ana } = await fileCases(otherClient, ['Printer jams on every job']);
  await otherClient.value(
    'alerts.savePreferences',
    { kinds: ['response_warning', 'response_breach'], sound: true, muteUntil: '2026-11-30T23:00:00-06:00' },
    { actorId: ana.id },
  );
  await deskwatch.restart({ now: AFTER_THE_BREACHES });

  await page.goto(deskwatch.url);
  await welcomePage.choose('Ana Lima');
  const alerts = new AlertCenter(page);
  await alerts.openRecent();
  await expect(alerts.recentItem('DW-000001 · Response target breached')).toContainText('Muted');
  await expect(alerts.panel).toContainText('Alerts are muted until today 11:00 PM.');
  await expect(alerts.notification(/Response target breached/)).toHaveCount(0);

  await alerts.panel.getByRole('button', { name: 'Unmute' }).click();
  await expect(alerts.panel.getByText('Alerts are muted until')).toHaveCount(0);
  expect((await otherClient.value('alerts.preferences', {}, { actorId: ana.id })).muteUntil).toBeNull();
});

test('each person chooses their alert kinds, sound and a mute, and the choice is kept', async ({ page, deskwatch, otherClient, welcomePage }) => {
  const ana = await otherClient.value('staff.create', { name: 'Ana Lima', role: 'agent' });
  await page.goto(deskwatch.url);
  await welcomePage.choose('Ana Lima');
  const alerts = new AlertCenter(page);
  await alerts.openRecent();
  await alerts.settingsLink.click();

  const settings = new AlertSettingsPage(page);
  await expect(settings.heading).toBeVisible();
  await expect(settings.kind('response_warning')).toBeChecked();
  await expect(settings.sound).toBeChecked();
  await expect(settings.muteOption(/^Off/)).toBeChecked();

  await settings.kind('contact_due').uncheck();
  await settings.sound.uncheck();
  await settings.muteOption('For 1 hour (until today 10:00 AM)').check();
  await settings.saveButton.click();
  await expect(settings.saved).toBeVisible();

  const saved = await otherClient.value('alerts.preferences', {}, { actorId: ana.id });
  expect(saved.kinds).not.toContain('contact_due');
  expect(saved.kinds).toContain('response_breach');
  expect(saved.sound).toBe(false);
  // An hour from the core's clock (which --now set to 9:00 AM), not the browser's.
  const coreNow = Date.parse((await otherClient.value('app.info', {})).now);
  expect(Date.parse(saved.muteUntil ?? '') - coreNow).toBeGreaterThan(59 * 60_000);
  // The console knows the core's time through a round trip, so it may run a few milliseconds ahead.
  expect(Date.parse(saved.muteUntil ?? '') - coreNow).toBeLessThanOrEqual(60 * 60_000 + 1_000);

  await page.reload();
  await expect(settings.heading).toBeVisible();
  await expect(settings.kind('contact_due')).not.toBeChecked();
  await expect(settings.sound).not.toBeChecked();
  await expect(settings.muteOption('Keep muted until today 10:00 AM')).toBeChecked();

  await settings.muteOption('Until tomorrow 7:00 AM').check();
  await settings.saveButton.click();
  await expect(settings.saved).toBeVisible();
  expect((await otherClient.value('alerts.preferences', {}, { actorId: ana.id })).muteUntil).toBe('2026-12-01T13:00:00.000Z');
});
