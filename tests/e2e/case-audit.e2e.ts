import { IntakePage } from './pages/intake-page';
import { expect, test } from './support/fixtures';

test('a case shows its "created" audit event and who created it', async ({ page, deskwatch, header, welcomePage, queuePage, casePage }) => {
  await page.goto(deskwatch.url);
  await welcomePage.createProfile('Ana Lima', 'Agent');
  // Cases are filed on the intake screen ("Take a call").
  const number = await new IntakePage(page).fileCaseForNewCaller({
    callerName: 'Jo Park',
    summary: 'Projector in room 114 shows no signal',
    description: 'Tried another cable; same result.',
  });
  expect(number).toBe('DW-000001');

  // Someone else is at the console when the case is opened: the audit trail still names its author.
  await header.switchPerson.click();
  await welcomePage.createProfile('Sam Okafor', 'Technician');
  await queuePage.openCase('DW-000001');

  await expect(casePage.heading).toHaveText('DW-000001 · Projector in room 114 shows no signal');
  await expect(casePage.detail('Caller')).toHaveText('Jo Park');
  await expect(casePage.detail('Priority')).toHaveText('P4');
  const created = casePage.timelineEntry('Created');
  await expect(created).toHaveCount(1);
  await expect(created).toContainText('by Ana Lima');

  await casePage.backToQueue.click();
  await expect(queuePage.heading).toBeVisible();
});

test('an unknown case says so', async ({ page, deskwatch, welcomePage, casePage }) => {
  await page.goto(deskwatch.url);
  await welcomePage.createProfile('Ana Lima', 'Agent');
  await page.goto(`${deskwatch.origin}/#/cases/999`);

  await expect(page.getByRole('alert')).toContainText('No case has id 999');
  await expect(casePage.backToQueue).toBeVisible();
});
