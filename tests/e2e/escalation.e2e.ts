/**
 * Paging as a supervisor sees it on a standalone console (no mail: pages are console alerts): the
 * escalation time set on the Alert settings screen, a priority 1 paging the person on call, the
 * case's "Pages sent", and the on-call technician's own alert.
 */
import { DateTime } from 'luxon';
import { seriousViolations } from './support/axe-audit';
import { atTheConsole, expect, test } from './support/work-fixtures';

const P1 = { securityOrSafety: true, missionCritical: false, affected: 'one', workEffect: 'stopped' } as const;

test('a supervisor sets the escalation time, and a priority 1 pages the person on call in the console', async ({ page, deskwatch, work, otherClient }) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  const jordan = await work.staff('Jordan Reyes', 'technician');
  await atTheConsole(page, boss);

  await page.goto(`${deskwatch.url}#/settings/alerts`);
  const form = page.getByRole('form', { name: 'Priority 1 escalation (the whole desk)' });
  await expect(form).toContainText('This console has no mail: pages are shown in the console only.');
  await form.getByLabel('Escalate after (minutes)').fill('90');
  await form.getByRole('button', { name: 'Save escalation time' }).click();
  await expect(form.getByRole('alert')).toContainText('Escalation time must be at most 60 minutes');
  await form.getByLabel('Escalate after (minutes)').fill('5');
  await form.getByRole('button', { name: 'Save escalation time' }).click();
  await expect(form.getByRole('status')).toHaveText('Escalation time saved.');

  const now = DateTime.now();
  await otherClient.value('availability.saveShift', { staffId: jordan.id, startsAt: now.minus({ hours: 1 }).toISO()!, endsAt: now.plus({ hours: 8 }).toISO()! }, { actorId: boss.id });
  const p1 = await otherClient.value('cases.create', { callerName: 'Pat Principal', callbackNumber: '573-555-0142', summary: 'Smoke from the server closet', wizard: P1, onCallNotified: true }, { actorId: boss.id });

  await page.goto(`${deskwatch.url}#/cases/${p1.id}`);
  const pages = page.getByRole('region', { name: 'Pages sent' });
  await expect(pages.getByRole('listitem')).toHaveCount(1);
  await expect(pages.getByRole('listitem').first()).toContainText('Jordan Reyes · Priority 1 page · Console alert');
  expect(await seriousViolations(page), 'a case with its pages').toEqual([]);

  // Jordan's console (another browser): the page is an alert of their own, saying what to do.
  const jordansPage = await page.context().browser()!.newPage();
  await atTheConsole(jordansPage, jordan);
  await jordansPage.goto(`${deskwatch.url}#/queue`);
  await expect(jordansPage.getByText('priority 1 and you are on call — respond now and acknowledge the case.').first()).toBeVisible();
  await jordansPage.close();
});
