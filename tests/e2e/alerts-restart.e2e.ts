import { AlertCenter } from './pages/alert-center';
import { expect, test } from './support/fixtures';
import type { DeskwatchServer } from './support/deskwatch-server';

/**
 * `npm run web` picks a free port at every start, and a new port is a new origin: the browser's
 * storage for the console is empty. What the person saw and dismissed, and who they are, must
 * come back from the core's database.
 */
const AFTER_THE_BREACHES = '2026-11-30T15:00:00-06:00';
const MONDAY_9AM = '2026-11-30T09:00:00-06:00';
const PRIORITY_2 = { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'stopped' } as const;

test.use({ deskwatchArgs: ['--now', MONDAY_9AM] });

/** Stops the server and starts it on the same database, on a port other than the last one. */
async function restartOnNewPort(deskwatch: DeskwatchServer, now: string): Promise<void> {
  const before = deskwatch.origin;
  await deskwatch.stop();
  await deskwatch.start(0, { now });
  // A free port may happen to be the same one again: then once more.
  if (deskwatch.origin === before) {
    await deskwatch.stop();
    await deskwatch.start(0, { now });
  }
  expect(deskwatch.origin).not.toBe(before);
}

test('a restart on a new port shows no alert again that was seen or dismissed, and remembers who is at the console', async ({
  page,
  deskwatch,
  otherClient,
  welcomePage,
  header,
}) => {
  const ana = await otherClient.value('staff.create', { name: 'Ana Lima', role: 'agent' });
  // A supervisor is told of every breach, and interrupted by it.
  const sue = await otherClient.value('staff.create', { name: 'Sue Park', role: 'supervisor' });
  for (const summary of ['Printer jams on every job', 'Projector has no signal']) {
    await otherClient.value('cases.create', { callerName: 'Lee Chan', summary, wizard: PRIORITY_2 }, { actorId: ana.id });
  }
  await deskwatch.restart({ now: AFTER_THE_BREACHES });

  await page.goto(deskwatch.url);
  await welcomePage.choose('Sue Park');
  const alerts = new AlertCenter(page);
  const digest = alerts.urgentNotification('2 cases breached their response target while Deskwatch was closed');
  await expect(digest).toBeVisible();
  await alerts.dismiss('2 cases breached their response target');
  await expect(digest).toHaveCount(0);
  await expect
    .poll(async () => (await otherClient.value('alerts.list', {}, { actorId: sue.id })).map((a) => a.dismissedAt !== null))
    .toEqual([true, true]);

  await restartOnNewPort(deskwatch, AFTER_THE_BREACHES);
  await page.goto(deskwatch.url);
  // Not asked again: the console's last person comes from the core.
  await expect(header.banner).toContainText('Sue Park');
  await expect(welcomePage.heading).toHaveCount(0);
  await expect(alerts.launcher).toContainText('2 breached');
  await alerts.openRecent();
  await expect(alerts.recentList.getByRole('listitem')).toHaveCount(2);
  await expect(alerts.notification(/Response target breached/)).toHaveCount(0);
});
