/**
 * A supervisor marks a technician absent and puts another on call on the Availability screen; the
 * board shows the first out (and their case flagged, in words) and the second on call.
 */
import { DateTime } from 'luxon';
import { AvailabilityPage } from './pages/availability-page';
import { seriousViolations } from './support/axe-audit';
import { atTheConsole, expect, test } from './support/work-fixtures';

const ZONE = 'America/Chicago';

test('marking someone absent shows them out on the board with their case flagged; a shift shows on call', async ({ page, deskwatch, work, boardPage }) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  const alex = await work.staff('Alex Kim', 'technician');
  await work.staff('Jordan Reyes', 'technician');
  const printer = await work.caseBy(boss, { summary: 'Printer jams constantly' });
  await work.assign(boss, [printer], alex);
  await atTheConsole(page, boss);

  const availability = new AvailabilityPage(page);
  await availability.goto(deskwatch.url);
  await expect(availability.heading).toBeVisible();
  const today = DateTime.now().setZone(ZONE);
  await availability.recordAbsence('Alex Kim', 'Sick', today.toISODate()!, today.toISODate()!);
  await expect(availability.status).toHaveText('Sick recorded for Alex Kim.');
  await expect(availability.now('Alex Kim')).toContainText('Out: Sick until');

  await page.goto(`${deskwatch.url}#/board`);
  await expect(boardPage.heading).toBeVisible();
  await expect(boardPage.column('Alex Kim')).toContainText('Out: Sick until');
  await expect(boardPage.card(printer.number)).toContainText('Assignee away: Sick until');
  await expect(boardPage.column('Jordan Reyes')).not.toContainText('On call');

  // The case says so too, and suggests someone who is not away first.
  await page.goto(`${deskwatch.url}#/cases/${printer.id}`);
  await expect(page.getByRole('note').filter({ hasText: 'Alex Kim is away:' })).toContainText('Sick until');
  const suggested = page.getByRole('region', { name: 'Suggested technicians' }).getByRole('listitem').filter({ has: page.getByRole('strong') });
  await expect(suggested.first()).toContainText('Jordan Reyes');
  await expect(suggested.filter({ hasText: 'Alex Kim' })).toContainText('Out: Sick until');

  await availability.goto(deskwatch.url);
  const wall = (t: DateTime) => t.toFormat("yyyy-MM-dd'T'HH:mm");
  await availability.addShift('Jordan Reyes', wall(today.minus({ hours: 1 })), wall(today.plus({ days: 7 })));
  await expect(availability.status).toHaveText('Jordan Reyes is on the roster.');
  await expect(availability.now('Jordan Reyes')).toContainText('On call until');
  await expect(page.getByRole('listitem').filter({ hasText: 'Jordan Reyes on call' })).toBeVisible();
  expect(await seriousViolations(page), 'the Availability screen').toEqual([]);

  await page.goto(`${deskwatch.url}#/board`);
  await expect(boardPage.column('Jordan Reyes')).toContainText('On call until');
  expect(await seriousViolations(page), 'the board with presence').toEqual([]);
});
