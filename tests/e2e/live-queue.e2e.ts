import { atTheConsole, expect, test } from './support/work-fixtures';

test('the queue follows changes made by another client, without a reload', async ({ page, deskwatch, work, queuePage }) => {
  const agent = await work.staff('Ana Lima', 'agent');
  const tech = await work.staff('Sam Okafor', 'technician');
  await atTheConsole(page, agent);
  await page.goto(deskwatch.url);
  await expect(queuePage.heading).toBeVisible();
  await expect(queuePage.liveUpdatesOn).toBeVisible();
  await expect(queuePage.grid).toContainText('No open cases');

  let pageLoads = 0;
  page.on('load', () => (pageLoads += 1));

  // Filed elsewhere: it appears at once.
  const printing = await work.caseBy(agent, { callerName: 'Lee Chan', summary: 'Cannot print report cards', priority: 4 });
  await expect(queuePage.caseRow('Cannot print report cards')).toContainText(printing.number);
  await expect(queuePage.caseRow('Cannot print report cards')).toContainText('Lee Chan');

  // A priority 2 case falls due sooner, so it goes above: the queue is sorted by the next breach.
  await work.caseBy(agent, { callerName: 'Jo Park', summary: 'Laptop will not boot', priority: 2 });
  await expect(queuePage.caseRows()).toHaveCount(2);
  await expect(queuePage.caseRows().first()).toContainText('Laptop will not boot');

  // Taken and acknowledged elsewhere: the row says so.
  await work.assign(tech, [printing], tech);
  await expect(queuePage.caseRow(printing.number)).toContainText('Sam Okafor');
  await work.transition(tech, printing, { action: 'acknowledge' });
  await expect(queuePage.caseRow(printing.number)).toContainText('Acknowledged');
  await expect(queuePage.deadline(printing.number, 'Response')).toContainText('Met');

  // Resolved elsewhere: it leaves the queue of open cases.
  await work.transition(tech, printing, { action: 'resolve', notes: 'Cleared the print spooler.' });
  await expect(queuePage.caseRows()).toHaveCount(1);
  await expect(queuePage.caseRow(printing.number)).toHaveCount(0);
  expect(pageLoads).toBe(0);
});

test('a burst of changes (a bulk reassignment elsewhere) lands in the queue as one update', async ({ page, deskwatch, work, queuePage }) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  const tech = await work.staff('Sam Okafor', 'technician');
  const cases = [];
  for (let i = 1; i <= 30; i += 1) cases.push(await work.caseBy(boss, { summary: `Chromebook ${String(i).padStart(2, '0')} will not charge` }));
  await atTheConsole(page, boss);
  await page.goto(deskwatch.url);
  await expect(queuePage.count).toHaveText('30 open cases');
  await queuePage.unassigned.check();
  await expect(queuePage.count).toHaveText('30 of 30 open cases');

  await work.assign(boss, cases, tech, 'Sam has the Chromebook cart today');

  await expect(queuePage.count).toHaveText('0 of 30 open cases');
  await queuePage.unassigned.uncheck();
  await expect(queuePage.caseRows().first()).toContainText('Sam Okafor');
});
