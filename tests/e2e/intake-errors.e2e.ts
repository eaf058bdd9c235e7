import { expect, test } from './support/fixtures';

test.beforeEach(async ({ page, deskwatch, welcomePage, queuePage }) => {
  await page.goto(deskwatch.url);
  await welcomePage.createProfile('Ana Lima', 'Agent');
  await expect(queuePage.heading).toBeVisible();
});

test('a summary of only spaces is refused with the core’s message, and the draft is kept', async ({ page, otherClient, queuePage }) => {
  await queuePage.fileCase({ callerName: 'Jo Park', summary: '     ', description: 'Room 114, since first period' });

  await expect(queuePage.formError).toContainText('Summary is required');
  await expect(queuePage.summary).toHaveAttribute('aria-invalid', 'true');
  await expect(queuePage.summary).toBeFocused();
  await expect(queuePage.callerName).not.toHaveAttribute('aria-invalid', 'true');

  // Nothing was created, in the queue or in the core.
  await expect(queuePage.table).toContainText('No open cases');
  expect(await otherClient.value('cases.list', {}, { actorId: 1 })).toEqual([]);

  // The draft is still in the form, and still there after a reload.
  await expect(queuePage.callerName).toHaveValue('Jo Park');
  await expect(queuePage.description).toHaveValue('Room 114, since first period');
  await page.reload();
  await expect(queuePage.callerName).toHaveValue('Jo Park');
  await expect(queuePage.summary).toHaveValue('     ');
  await expect(queuePage.description).toHaveValue('Room 114, since first period');

  // Fixing the summary files the case.
  await queuePage.summary.fill('Projector shows no signal');
  await queuePage.createButton.click();
  await expect(queuePage.confirmation).toContainText('DW-000001');
  await expect(queuePage.formError).toHaveCount(0);
});

test('a summary over 200 characters is refused with the core’s message', async ({ otherClient, queuePage }) => {
  await queuePage.fileCase({ callerName: 'Jo Park', summary: 'x'.repeat(201) });

  await expect(queuePage.formError).toContainText('Summary must be at most 200 characters');
  await expect(queuePage.summary).toHaveAttribute('aria-invalid', 'true');
  await expect(queuePage.summary).toHaveValue('x'.repeat(201));
  expect(await otherClient.value('cases.list', {}, { actorId: 1 })).toEqual([]);
});

test('unanswered priority questions are asked for, not guessed', async ({ queuePage }) => {
  await queuePage.callerName.fill('Jo Park');
  await queuePage.summary.fill('Projector shows no signal');
  await queuePage.createButton.click();

  await expect(queuePage.formError).toContainText('Answer the priority wizard');
  await expect(queuePage.form.getByRole('group', { name: 'Priority' })).toHaveAttribute('aria-invalid', 'true');
  await expect(queuePage.summary).toHaveValue('Projector shows no signal');
});

test('with the server gone, submitting says so and keeps the draft', async ({ deskwatch, queuePage }) => {
  await expect(queuePage.liveUpdatesOn).toBeVisible();
  await deskwatch.stop();

  await queuePage.fileCase({ callerName: 'Jo Park', summary: 'Projector shows no signal' });

  await expect(queuePage.formError).toContainText('Cannot reach the Deskwatch server');
  await expect(queuePage.liveUpdatesOn).toHaveCount(0);
  await expect(queuePage.page.getByRole('status').filter({ hasText: 'Connecting live updates' })).toBeVisible();
  await expect(queuePage.callerName).toHaveValue('Jo Park');
  await expect(queuePage.summary).toHaveValue('Projector shows no signal');
});
