import type { Locator, Page } from '@playwright/test';
import { AlertCenter } from './pages/alert-center';
import { WelcomePage } from './pages/welcome-page';
import { expect, test } from './support/fixtures';
import type { ContractClient } from './support/contract-client';

/**
 * In-app notifications at a working desk: they never cover the screen (the queue's deadlines, the
 * case view's side panels), fold into the Alerts button after a few seconds unless someone is
 * reading them, and interrupt only people who can act on them. Three priority 2 cases filed on
 * Monday 9:00 AM breach their response target at 1:00 PM while the console is closed.
 */
const MONDAY_9AM = '2026-11-30T09:00:00-06:00';
const AFTER_THE_BREACHES = '2026-11-30T15:00:00-06:00';
const PRIORITY_2 = { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'stopped' } as const;
const DIGEST = '3 cases breached their response target while Deskwatch was closed';

test.use({ deskwatchArgs: ['--now', MONDAY_9AM] });

async function breachWhileClosed(client: ContractClient, deskwatch: { restart(o: { now: string }): Promise<void> }) {
  const ana = await client.value('staff.create', { name: 'Ana Lima', role: 'agent' });
  const pat = await client.value('staff.create', { name: 'Pat Donnelly', role: 'supervisor' });
  const cases = [];
  for (const summary of ['Printer jams on every job', 'Projector has no signal', 'Cannot log in to the gradebook']) {
    cases.push(await client.value('cases.create', { callerName: 'Lee Chan', summary, wizard: PRIORITY_2 }, { actorId: ana.id }));
  }
  await deskwatch.restart({ now: AFTER_THE_BREACHES });
  return { ana, pat, cases };
}

async function chooseProfile(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await new WelcomePage(page).choose(name);
}

/** The notification lies wholly above `content` (in the page's flow), never over it. */
async function expectAbove(notification: Locator, content: Locator): Promise<void> {
  const a = await notification.boundingBox();
  const b = await content.boundingBox();
  if (!a || !b) throw new Error('not laid out');
  expect(a.y + a.height).toBeLessThanOrEqual(b.y + 0.5);
}

for (const width of [1280, 1440]) {
  test(`at ${width} px a breach digest never covers the queue or the case's side panels, and folds into the Alerts button unless read`, async ({
    page,
    deskwatch,
    otherClient,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.clock.install();
    const { cases } = await breachWhileClosed(otherClient, deskwatch);
    await chooseProfile(page, deskwatch.url, 'Pat Donnelly');
    const alerts = new AlertCenter(page);
    const digest = alerts.urgentNotification(DIGEST);
    await expect(digest).toBeVisible();
    await expect(alerts.launcher).toContainText('3 breached');

    // Read: the pointer on it holds it as long as it stays.
    await digest.hover();
    await page.clock.runFor(20_000);
    await expect(digest).toBeVisible();

    // Moving around the console (a reload would count it as seen and not bring it back).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
    const grid = page.getByRole('grid', { name: 'Open cases' });
    await expect(grid.getByRole('row').filter({ hasText: 'Projector has no signal' })).toBeVisible();
    await expect(digest).toBeVisible();
    await expectAbove(digest, grid);

    await page.evaluate(`location.hash = '#/cases/${cases[0]?.id}'`);
    const side = page.getByRole('region', { name: 'Service level' });
    await expect(side).toBeVisible();
    await expectAbove(digest, side);

    // Left alone, it folds away after a few seconds; the count and the recent list keep it.
    await page.mouse.move(5, 890);
    await page.clock.runFor(7_000);
    await expect(digest).toHaveCount(0);
    await expect(alerts.launcher).toContainText('3 breached');
    await alerts.openRecent();
    await expect(alerts.recentList.getByRole('listitem')).toHaveCount(3);
  });
}

test('an agent, who cannot act on a breach, is not interrupted: it goes to the count and the recent list', async ({ page, deskwatch, otherClient }) => {
  await page.clock.install();
  await breachWhileClosed(otherClient, deskwatch);
  await chooseProfile(page, deskwatch.url, 'Ana Lima');
  const alerts = new AlertCenter(page);
  await expect(alerts.launcher).toContainText('3 breached');
  await alerts.openRecent();
  await expect(alerts.recentList.getByRole('listitem')).toHaveCount(3);
  await expect(alerts.notification(/breached/)).toHaveCount(0);
  expect(await page.getByRole('alert').count()).toBe(0);
});

test('with reduced motion, notifications fold away without animation', async ({ page, deskwatch, otherClient }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await breachWhileClosed(otherClient, deskwatch);
  await chooseProfile(page, deskwatch.url, 'Pat Donnelly');
  await expect(new AlertCenter(page).urgentNotification(DIGEST)).toBeVisible();
  const duration = await page.evaluate(`(() => {
    const probe = document.createElement('div');
    probe.className = 'alerts-toast alerts-collapse-leave-active';
    document.body.append(probe);
    const value = getComputedStyle(probe).transitionDuration;
    probe.remove();
    return value;
  })()`);
  expect(duration).toBe('0s');
});
