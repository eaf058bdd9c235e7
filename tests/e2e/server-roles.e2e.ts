import { CalendarPage } from './pages/calendar-page';
import { DistrictHeader } from './pages/district-header';
import { QueuePage } from './pages/queue-page';
import { SignInPage } from './pages/sign-in-page';
import { StaffPage } from './pages/staff-page';
import { expect, test, type SignInStaff } from './support/district-server';
import type { Page } from '@playwright/test';

/** Opens the server's address and signs in, as each person does at their own browser. */
async function signIn(page: Page, origin: string, person: SignInStaff): Promise<void> {
  await page.goto(origin);
  await new SignInPage(page).signInWith(person.email, person.password);
  await expect(new QueuePage(page).heading).toBeVisible();
}

test('an agent sees no supervisor actions, and their addresses lead back to the queue', async ({ page, district, districtHeader, queuePage }) => {
  const ana = await district.staff('Ana Lima', 'agent');
  await signIn(page, district.origin, ana);
  await expect(districtHeader.signedInAs('Ana Lima', 'Agent')).toBeVisible();

  await expect(districtHeader.nav.getByRole('link', { name: 'Queue' })).toBeVisible();
  await expect(districtHeader.workloadBoard).toHaveCount(0);
  await expect(districtHeader.staff).toHaveCount(0);

  // The closure dates are there to read; changing them is not offered.
  const calendar = new CalendarPage(page);
  await districtHeader.calendar.click();
  await expect(calendar.heading).toBeVisible();
  await expect(page.getByText('Only supervisors change the closure dates.')).toBeVisible();
  await expect(calendar.addButton).toHaveCount(0);
  await expect(calendar.icsFile).toHaveCount(0);

  // Typing a supervisor's screen's address shows the queue instead.
  await page.goto(`${district.origin}/#/board`);
  await expect(queuePage.heading).toBeVisible();
  await page.goto(`${district.origin}/#/staff`);
  await expect(queuePage.heading).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toHaveCount(0);
});

test('a supervisor sees the supervisor actions, adds a staff member, changes a role, and finds both in the history', async ({
  page,
  browser,
  district,
  districtHeader,
  staffPage,
}) => {
  const dana = await district.staff('Dana Whitaker', 'supervisor');
  const ana = await district.staff('Ana Lima', 'agent');
  await signIn(page, district.origin, dana);
  await expect(districtHeader.signedInAs('Dana Whitaker', 'Supervisor')).toBeVisible();
  await expect(districtHeader.workloadBoard).toBeVisible();

  const calendar = new CalendarPage(page);
  await districtHeader.calendar.click();
  await expect(calendar.heading).toBeVisible();
  await expect(calendar.addButton).toBeVisible();
  await expect(calendar.icsFile).toBeVisible();

  await districtHeader.staff.click();
  await expect(staffPage.heading).toBeVisible();
  await expect(staffPage.member('Ana Lima')).toContainText('Agent');
  await expect(staffPage.member('Ana Lima')).toContainText(ana.email);

  await staffPage.addMember('Sam Okafor', 'Technician', 'sam.okafor@lakeside.example');
  await expect(staffPage.notice).toHaveText('Sam Okafor is added.');
  await expect(staffPage.member('Sam Okafor')).toContainText('Technician');
  await expect(staffPage.member('Sam Okafor')).toContainText('sam.okafor@lakeside.example');

  await staffPage.changeRole('Ana Lima', 'Supervisor');
  await expect(staffPage.notice).toHaveText('Ana Lima is saved.');
  await expect(staffPage.member('Ana Lima')).toContainText('Supervisor');

  // The history names who did each, newest first.
  const added = staffPage.historyOf('Sam Okafor');
  await expect(added).toHaveCount(1);
  await expect(added).toContainText('Dana Whitaker');
  await expect(added).toContainText('Added');
  await expect(added).toContainText('Role: Technician');
  await expect(added).toContainText('Email: sam.okafor@lakeside.example');
  const changed = staffPage.historyOf('Ana Lima').filter({ hasText: 'Changed' });
  await expect(changed).toHaveCount(1);
  await expect(changed).toContainText('Dana Whitaker');
  await expect(changed).toContainText('Role: Agent → Supervisor');
  await expect(staffPage.history.getByRole('row').nth(1)).toContainText('Ana Lima');

  // Ana, at her own browser, now signs in as a supervisor.
  const anaContext = await browser.newContext();
  try {
    const anaPage = await anaContext.newPage();
    await signIn(anaPage, district.origin, ana);
    const anaHeader = new DistrictHeader(anaPage);
    await expect(anaHeader.signedInAs('Ana Lima', 'Supervisor')).toBeVisible();
    await expect(anaHeader.workloadBoard).toBeVisible();
    await expect(anaHeader.staff).toBeVisible();
    await anaHeader.staff.click();
    await expect(new StaffPage(anaPage).heading).toBeVisible();
  } finally {
    await anaContext.close();
  }
});
