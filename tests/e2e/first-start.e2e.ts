import { IntakePage } from './pages/intake-page';
import { expect, test } from './support/fixtures';

test('first start: create a profile, file a case, and find it again after the server restarts', async ({
  page,
  deskwatch,
  header,
  welcomePage,
  queuePage,
}) => {
  await page.goto(deskwatch.url);

  await expect(welcomePage.heading).toBeVisible();
  await expect(welcomePage.profiles).toContainText('No profiles yet');
  // The token is kept for the tab, not left in the address bar.
  expect(page.url()).not.toContain('token=');

  await welcomePage.createProfile('Ana Lima', 'Agent');

  await expect(queuePage.heading).toBeVisible();
  await expect(header.banner).toContainText('Ana Lima');
  await expect(header.banner).toContainText('Agent');
  await expect(queuePage.table).toContainText('No open cases');

  // Cases are filed on the intake screen ("Take a call"); the queue shows them.
  const intakePage = new IntakePage(page);
  expect(await intakePage.fileCaseForNewCaller({ callerName: 'Jo Park', summary: 'Projector in room 114 shows no signal' })).toBe('DW-000001');
  // The screen is ready for the next call.
  await intakePage.newIntakeButton.click();
  await expect(intakePage.summary).toHaveValue('');
  await header.banner.getByRole('link', { name: 'Queue' }).click();
  const row = queuePage.caseRow('Projector in room 114 shows no signal');
  await expect(row).toContainText('DW-000001');
  await expect(row).toContainText('Jo Park');
  await expect(row).toContainText('P4');
  await expect(row).toContainText('New');

  await deskwatch.restart();
  await page.goto(deskwatch.url);

  await expect(queuePage.heading).toBeVisible();
  await expect(header.banner).toContainText('Ana Lima');
  await expect(queuePage.caseRow('Projector in room 114 shows no signal')).toContainText('Jo Park');
  await expect(queuePage.caseRows()).toHaveCount(1);
});

test('the person at the console can switch to another profile', async ({ page, deskwatch, header, welcomePage, queuePage }) => {
  await page.goto(deskwatch.url);
  await welcomePage.createProfile('Ana Lima', 'Agent');
  await expect(queuePage.heading).toBeVisible();

  await header.switchPerson.click();
  await expect(welcomePage.heading).toBeVisible();
  await welcomePage.createProfile('Sam Okafor', 'Technician');

  await expect(queuePage.heading).toBeVisible();
  await expect(header.banner).toContainText('Sam Okafor');
  await expect(header.banner).toContainText('Technician');

  await header.switchPerson.click();
  await welcomePage.choose('Ana Lima');
  await expect(header.banner).toContainText('Ana Lima');
});
