import { CalendarPage } from './pages/calendar-page';
import { DISTRICT_ICS } from '../support/district-calendar';
import { atTheConsole, expect, test as base } from './support/work-fixtures';

const test = base.extend<{ calendarPage: CalendarPage }>({
  calendarPage: async ({ page }, use) => {
    await use(new CalendarPage(page));
  },
});

// Monday 9:00 at the desk: the dates below are this year's, inside the import's default range.
test.use({ deskwatchArgs: ['--now', '2026-11-30T09:00:00-06:00'] });

const TUESDAY = 'Tuesday, December 1, 2026';


test('a supervisor adds a snow day and sees it listed, open cases’ targets move, and removing it asks first', async ({
  page,
  deskwatch,
  work,
  calendarPage,
}) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  const filed = await work.caseBy(boss, { summary: 'Projector will not turn on', priority: 2 });
  await atTheConsole(page, boss);
  await page.goto(deskwatch.url);
  await calendarPage.navLink.click();

  await expect(calendarPage.heading).toBeVisible();
  await expect(page).toHaveTitle('Desk calendar · Deskwatch');
  await expect(calendarPage.closures.getByRole('row')).toHaveCount(2);
  await expect(calendarPage.closures).toContainText('No closure dates yet');
  await expect(calendarPage.holidays).toBeVisible();

  await calendarPage.add('2026-12-01', 'Snow day');
  await expect(calendarPage.notice).toHaveText(`${TUESDAY} is closed: Snow day.`);
  await expect(calendarPage.closure(TUESDAY)).toContainText('Snow day');
  await expect(calendarPage.closure(TUESDAY)).toContainText('Added at the desk');
  await expect(calendarPage.closures.getByRole('row')).toHaveCount(2);
  await expect(calendarPage.dateInput).toHaveValue('');
  await expect(calendarPage.nameInput).toHaveValue('');

  // The snow day stopped the case's business-time clock: its resolution target is a day later.
  const moved = await work.get(boss, filed.id);
  expect(Date.parse(moved.resolutionDueAt ?? '') - Date.parse(filed.resolutionDueAt ?? '')).toBe(24 * 3600_000);

  // Removing asks first; keeping it changes nothing.
  await calendarPage.removeButton('Snow day', TUESDAY).click();
  await expect(calendarPage.confirmDialog).toBeVisible();
  await expect(calendarPage.confirmDialog).toContainText(`${TUESDAY} (Snow day) becomes a working day again`);
  await calendarPage.confirmDialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(calendarPage.confirmDialog).toBeHidden();
  await expect(calendarPage.closure(TUESDAY)).toBeVisible();

  await calendarPage.removeButton('Snow day', TUESDAY).click();
  await calendarPage.confirmDialog.getByRole('button', { name: 'Remove' }).click();
  await expect(calendarPage.notice).toHaveText(`${TUESDAY} is no longer a closure date.`);
  await expect(calendarPage.closure(TUESDAY)).toHaveCount(0);
  await expect(calendarPage.closures).toContainText('No closure dates yet');
  expect((await work.get(boss, filed.id)).resolutionDueAt).toBe(filed.resolutionDueAt);
});

test('an agent sees the closure dates, kept current, but no controls to change them', async ({ page, deskwatch, work, otherClient, calendarPage }) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  const agent = await work.staff('Ana Lima', 'agent');
  await otherClient.value('calendar.addClosure', { date: '2026-12-01', name: 'Snow day' }, { actorId: boss.id });
  await atTheConsole(page, agent);
  await page.goto(`${deskwatch.url}#/calendar`);

  await expect(calendarPage.heading).toBeVisible();
  await expect(calendarPage.closure(TUESDAY)).toContainText('Snow day');
  await expect(calendarPage.holidays).toBeVisible();
  await expect(page.getByText('Only supervisors change the closure dates.')).toBeVisible();
  await expect(calendarPage.closures.getByRole('button')).toHaveCount(0);
  await expect(calendarPage.closures.getByRole('columnheader')).toHaveText(['Date', 'Name', 'Source']);
  await expect(calendarPage.dateInput).toHaveCount(0);
  await expect(calendarPage.addButton).toHaveCount(0);
  await expect(calendarPage.icsFile).toHaveCount(0);
  await expect(calendarPage.dryRunButton).toHaveCount(0);

  // A supervisor at another console closes another day: the list follows (calendar.changed).
  await otherClient.value('calendar.addClosure', { date: '2026-12-02', name: 'Ice day' }, { actorId: boss.id });
  await expect(calendarPage.closure('Wednesday, December 2, 2026')).toContainText('Ice day');
  await expect(calendarPage.closures.getByRole('row')).toHaveCount(3);
});

test('a supervisor imports the district .ics: a dry run first, the timed event reported as skipped, then the import', async ({
  page,
  deskwatch,
  work,
  otherClient,
  calendarPage,
}) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  await otherClient.value('calendar.addClosure', { date: '2026-12-23', name: 'Office closed' }, { actorId: boss.id });
  await atTheConsole(page, boss);
  await page.goto(`${deskwatch.url}#/calendar`);
  await expect(calendarPage.closures.getByRole('row')).toHaveCount(2);
  await expect(calendarPage.dryRunButton).toBeDisabled();
  await expect(calendarPage.importButton).toBeDisabled();

  await calendarPage.chooseIcs('district-2026.ics', DISTRICT_ICS);
  await calendarPage.dryRunButton.click();
  await expect(calendarPage.reportMessage).toHaveText(
    'Would add 2 closure date(s) between 2026-01-01 and 2027-12-31; 1 already closed. 1 event(s) skipped (not all-day).',
  );
  await expect(calendarPage.wouldBeAdded.getByRole('row')).toHaveCount(3);
  await expect(calendarPage.wouldBeAdded).toContainText('Monday, December 21, 2026');
  await expect(calendarPage.wouldBeAdded).toContainText('Tuesday, December 22, 2026');
  await expect(calendarPage.alreadyClosed.getByRole('listitem')).toHaveText(['Wednesday, December 23, 2026']);
  await expect(calendarPage.skipped.getByRole('row', { name: /^Early release/ })).toContainText('timed event');
  // Still a dry run: nothing written.
  expect((await otherClient.value('calendar.closures', {}, { actorId: boss.id })).closures).toHaveLength(1);
  await expect(calendarPage.closures.getByRole('row')).toHaveCount(2);

  await calendarPage.importButton.click();
  await expect(calendarPage.reportMessage).toHaveText(
    'Added 2 closure date(s) between 2026-01-01 and 2027-12-31; 1 already closed. 1 event(s) skipped (not all-day).',
  );
  await expect(calendarPage.added.getByRole('row')).toHaveCount(3);
  await expect(calendarPage.importButton).toBeDisabled();
  await expect(calendarPage.closures.getByRole('row')).toHaveCount(4);
  await expect(calendarPage.closure('Monday, December 21, 2026')).toContainText('Winter break');
  await expect(calendarPage.closure('Monday, December 21, 2026')).toContainText('Imported from a calendar file');
  await expect(calendarPage.closure('Wednesday, December 23, 2026')).toContainText('Office closed');
  expect((await otherClient.value('calendar.closures', {}, { actorId: boss.id })).closures.map((c) => c.source)).toEqual(['ics', 'ics', 'district']);
});

test('a bad date or a file that is not a calendar shows the core’s message on that field', async ({ page, deskwatch, work, calendarPage }) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  await atTheConsole(page, boss);
  await page.goto(`${deskwatch.url}#/calendar`);
  await expect(calendarPage.heading).toBeVisible();

  // A date the date field cannot hold (February 30) leaves it empty: the core refuses it, naming the date.
  await calendarPage.dateInput.pressSequentially('02302026');
  expect(await calendarPage.dateInput.evaluate((input) => (input as unknown as { validity: { badInput: boolean } }).validity.badInput)).toBe(true);
  await calendarPage.nameInput.fill('Snow day');
  await calendarPage.addButton.click();
  await expect(calendarPage.dateError).toHaveText('Date must be a date like 2026-12-04');
  await expect(calendarPage.dateError).toHaveRole('alert');
  await expect(calendarPage.dateInput).toHaveAttribute('aria-invalid', 'true');
  await expect(calendarPage.dateInput).toHaveAccessibleDescription('Date must be a date like 2026-12-04');
  await expect(calendarPage.nameInput).not.toHaveAttribute('aria-invalid', 'true');
  await expect(calendarPage.closures).toContainText('No closure dates yet');

  // A name left blank: the message moves to the name.
  await calendarPage.add('2026-12-01', '  ');
  await expect(calendarPage.nameError).toHaveText('Name is required');
  await expect(calendarPage.dateError).toHaveCount(0);

  await calendarPage.chooseIcs('notes.txt', 'Bring the projector cart back to room 101.');
  await calendarPage.dryRunButton.click();
  await expect(calendarPage.icsFile).toHaveAccessibleDescription('The file is not an iCalendar (.ics) file: it has no BEGIN:VCALENDAR');
  await expect(page.getByRole('alert').filter({ hasText: 'not an iCalendar' })).toBeVisible();
  await expect(calendarPage.importButton).toBeDisabled();
});
