import { PolicyPage } from './pages/policy-page';
import { seriousViolations } from './support/axe-audit';
import { atTheConsole, expect, test as base } from './support/work-fixtures';

const test = base.extend<{ policyPage: PolicyPage }>({
  policyPage: async ({ page }, use) => {
    await use(new PolicyPage(page));
  },
});

// Monday 9:00 at the desk.
test.use({ deskwatchArgs: ['--now', '2026-11-30T09:00:00-06:00'] });

test('a supervisor drafts a version, sees the refusal at the field, compares it side by side with the one in force and publishes it for tomorrow', async ({
  page,
  deskwatch,
  work,
  policyPage,
}) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  await atTheConsole(page, boss);
  await page.goto(deskwatch.url);
  await policyPage.navLink.click();

  await expect(policyPage.heading).toBeVisible();
  await expect(page).toHaveTitle('Service levels · Deskwatch');
  await expect(policyPage.cell(policyPage.inForce, '2.response')).toHaveText('Within 4 working hours');
  await expect(policyPage.cell(policyPage.inForce, '5.resolution')).toHaveText('To be determined per project');
  await expect(policyPage.cell(policyPage.inForce, 'hours')).toContainText('Mon–Fri 7:00 a.m. to 5:00 p.m.');
  await expect(policyPage.cell(policyPage.inForce, 'cutoff')).toContainText('after 4:00 p.m.');

  await policyPage.newDraftButton.click();
  // A resolution of 0 working days cannot be computed: the core says so at the field.
  await policyPage.amount(3, 'resolution').fill('0');
  await policyPage.saveDraftButton.click();
  await expect(policyPage.amount(3, 'resolution')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#p3-resolution-amount-error')).toContainText('more than 0 working days');

  await policyPage.amount(3, 'resolution').fill('3');
  await policyPage.amount(2, 'response').fill('2');
  await policyPage.saveAndCompareButton.click();
  await expect(policyPage.notice).toHaveText('Draft 2026.2 saved.');
  await expect(policyPage.amount(3, 'resolution')).not.toHaveAttribute('aria-invalid', 'true');

  // Side by side: the draft's changed cell is marked, the others are not.
  await expect(policyPage.compared).toBeVisible();
  await expect(policyPage.cell(policyPage.compared, '2.response')).toHaveText(/Within 2 working hours/);
  await expect(policyPage.cell(policyPage.compared, '2.response')).toHaveClass(/is-changed/);
  await expect(policyPage.cell(policyPage.compared, '3.resolution')).not.toHaveClass(/is-changed/);
  await expect(policyPage.cell(policyPage.inForce, '2.response')).toHaveText('Within 4 working hours');
  // The screen with the editor and both tables open passes the accessibility audit.
  expect(await seriousViolations(page)).toEqual([]);

  // Publishing in the past is refused at the date; tomorrow 7:00 is accepted.
  await policyPage.versionRow('2026.2').getByRole('button', { name: /Publish/ }).click();
  await policyPage.effectiveFrom.fill('2026-11-29T07:00');
  await policyPage.publishButton.click();
  await expect(policyPage.effectiveFrom).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#policy-effective-error')).toContainText('must not be in the past');
  await policyPage.effectiveFrom.fill('2026-12-01T07:00');
  await policyPage.publishButton.click();
  await expect(policyPage.notice).toContainText('Version 2026.2 is published');
  await expect(policyPage.versionRow('2026.2')).toContainText('Published, upcoming');
  await expect(policyPage.versionRow('2026.1')).toContainText('In force');
});

test('an agent reads the table in force but is offered no editing', async ({ page, deskwatch, work, policyPage }) => {
  const agent = await work.staff('Sam Rivera', 'agent');
  await atTheConsole(page, agent);
  await page.goto(`${deskwatch.url}#/policy`);
  await expect(policyPage.heading).toBeVisible();
  await expect(policyPage.cell(policyPage.inForce, '1.response')).toHaveText('Within 1 hour');
  await expect(policyPage.newDraftButton).toHaveCount(0);
  await expect(page.getByText('Only supervisors draft and publish versions.')).toBeVisible();
});
