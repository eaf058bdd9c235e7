import { expect, test } from './support/fixtures';

test('the queue shows a case filed by another client at once, without a reload', async ({
  page,
  deskwatch,
  otherClient,
  welcomePage,
  queuePage,
}) => {
  await page.goto(deskwatch.url);
  await welcomePage.createProfile('Ana Lima', 'Agent');
  await expect(queuePage.heading).toBeVisible();
  await expect(queuePage.liveUpdatesOn).toBeVisible();
  await expect(queuePage.table).toContainText('No open cases');

  let pageLoads = 0;
  page.on('load', () => (pageLoads += 1));
  const [me] = await otherClient.value('staff.list', {});
  const fromElsewhere = await otherClient.value(
    'cases.create',
    {
      callerName: 'Lee Chan',
      summary: 'Cannot print report cards',
      wizard: { securityOrSafety: false, missionCritical: false, affected: 'two_to_five', workEffect: 'slowed' },
    },
    { actorId: me?.id },
  );

  await expect(queuePage.caseRow('Cannot print report cards')).toContainText(fromElsewhere.number);
  await expect(queuePage.caseRow('Cannot print report cards')).toContainText('Lee Chan');

  await otherClient.value(
    'cases.create',
    {
      callerName: 'Jo Park',
      summary: 'Smartboard pen not responding',
      wizard: { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'minimal' },
    },
    { actorId: me?.id },
  );

  // Newest first.
  await expect(queuePage.caseRows()).toHaveCount(2);
  await expect(queuePage.caseRows().first()).toContainText('Smartboard pen not responding');
  expect(pageLoads).toBe(0);
});
