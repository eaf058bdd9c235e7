import { atTheConsole, expect, test } from './support/work-fixtures';

test('filters narrow the queue at once, and a saved view brings them back after a reload', async ({ page, deskwatch, work, queuePage }) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  const alex = await work.staff('Alex Kim', 'technician');
  const hickmanPrinter = await work.caseBy(boss, { summary: 'Printer jams constantly', priority: 2, building: 'Hickman High School', category: 'Printing', callerName: 'Lee Chan' });
  const hickmanWifi = await work.caseBy(boss, { summary: 'No Wi-Fi in the library', priority: 3, building: 'Hickman High School', category: 'Network & Wi-Fi' });
  const battlePrinter = await work.caseBy(boss, { summary: 'Toner streaks on every page', priority: 2, building: 'Battle High School', category: 'Printing' });
  await work.caseBy(boss, { summary: 'Monitor showing slight blur', priority: 4, building: 'Lee Elementary', category: 'Desktops' });
  await work.caseBy(boss, { summary: 'Re-wire the lab', priority: 5, building: 'Career Center', category: 'Other' });
  await work.assign(boss, [hickmanWifi], alex);
  await work.assign(boss, [battlePrinter], boss);
  await work.transition(boss, battlePrinter, { action: 'acknowledge' });
  await atTheConsole(page, boss);
  await page.goto(deskwatch.url);
  await expect(queuePage.count).toHaveText('5 open cases');

  // Free text: number, caller, summary or building; every word must match.
  await queuePage.search.fill('printer');
  await expect(queuePage.count).toHaveText('1 of 5 open cases');
  await queuePage.search.fill('lee chan');
  await expect(queuePage.caseRows()).toHaveCount(1);
  await expect(queuePage.caseRows()).toContainText(hickmanPrinter.number);
  await queuePage.search.fill(hickmanWifi.number);
  await expect(queuePage.caseRows()).toHaveCount(1);
  await queuePage.search.fill('hickman');
  await expect(queuePage.count).toHaveText('2 of 5 open cases');
  await queuePage.search.fill('');

  await queuePage.priority('P2').check();
  await expect(queuePage.count).toHaveText('2 of 5 open cases');
  await queuePage.category.selectOption({ label: 'Printing' });
  await queuePage.building.selectOption({ label: 'Hickman High School' });
  await expect(queuePage.caseRows()).toHaveCount(1);
  await expect(queuePage.caseRows()).toContainText('Printer jams constantly');
  await queuePage.building.selectOption({ label: 'Any building' });
  await queuePage.state.selectOption({ label: 'Acknowledged' });
  await expect(queuePage.caseRows()).toHaveCount(1);
  await expect(queuePage.caseRows()).toContainText('Toner streaks on every page');
  await queuePage.mine.check();
  await expect(queuePage.caseRows()).toHaveCount(1);
  await queuePage.unassigned.check();
  await queuePage.mine.uncheck();
  await expect(queuePage.grid).toContainText('No open cases match these filters.');

  await queuePage.clearFilters.click();
  await expect(queuePage.count).toHaveText('5 open cases');

  // A saved view: printing at priority 2, kept by the core for this person.
  await queuePage.priority('P2').check();
  await queuePage.category.selectOption({ label: 'Printing' });
  await queuePage.viewName.fill('P2 printing');
  await queuePage.saveView.click();
  await expect(queuePage.savedViews.getByRole('status')).toHaveText('View “P2 printing” saved.');
  await expect(queuePage.savedView('P2 printing')).toHaveAttribute('aria-pressed', 'true');

  await page.reload();
  await expect(queuePage.count).toHaveText('5 open cases');
  await expect(queuePage.savedView('P2 printing')).toHaveAttribute('aria-pressed', 'false');
  await queuePage.savedView('P2 printing').click();
  await expect(queuePage.count).toHaveText('2 of 5 open cases');
  await expect(queuePage.priority('P2')).toBeChecked();
  await expect(queuePage.category).toHaveValue(String(hickmanPrinter.categoryId));
  await expect(queuePage.savedView('P2 printing')).toHaveAttribute('aria-pressed', 'true');

  await queuePage.savedViews.getByRole('button', { name: 'Delete view P2 printing' }).click();
  await expect(queuePage.savedView('P2 printing')).toHaveCount(0);
});

test('the grid is keyboard navigable: arrows move, Enter opens the case', async ({ page, deskwatch, work, queuePage, casePage }) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  await work.caseBy(boss, { summary: 'First: priority 2', priority: 2 });
  await work.caseBy(boss, { summary: 'Second: priority 4', priority: 4 });
  const third = await work.caseBy(boss, { summary: 'Third: priority 5', priority: 5 });
  await atTheConsole(page, boss);
  await page.goto(deskwatch.url);
  await expect(queuePage.caseRows()).toHaveCount(3);
  await expect(queuePage.caseRows().nth(2)).toContainText('Third: priority 5');

  const first = await queuePage.caseRows().nth(0).getAttribute('id');
  const second = await queuePage.caseRows().nth(1).getAttribute('id');
  await queuePage.grid.focus();
  await expect(queuePage.grid).toHaveAttribute('aria-activedescendant', first ?? '');
  await page.keyboard.press('ArrowDown');
  await expect(queuePage.grid).toHaveAttribute('aria-activedescendant', second ?? '');
  await page.keyboard.press('End');
  await expect(queuePage.grid).toHaveAttribute('aria-activedescendant', `queue-row-${third.id}`);
  await page.keyboard.press('ArrowUp');
  await expect(queuePage.grid).toHaveAttribute('aria-activedescendant', second ?? '');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');

  await expect(casePage.heading).toHaveText(`${third.number} · Third: priority 5`);
});

test.describe('with the demo district (hundreds of open cases)', () => {
  test.use({ deskwatchArgs: ['--demo'] });

  test('only the rows in view are rendered, the SLA filter shows breached cases, and End reaches the last case', async ({
    page,
    deskwatch,
    otherClient,
    queuePage,
  }) => {
    const staff = await otherClient.value('staff.list', {});
    const supervisor = staff.find((s) => s.role === 'supervisor');
    if (!supervisor) throw new Error('the demo district has a supervisor');
    await atTheConsole(page, supervisor);
    await page.goto(deskwatch.url);

    const total = (await otherClient.value('queue.list', {}, { actorId: supervisor.id })).length;
    expect(total).toBeGreaterThan(200);
    await expect(queuePage.count).toHaveText(`${total} open cases`);
    await expect(queuePage.grid).toHaveAttribute('aria-rowcount', String(total + 1));
    expect(await queuePage.caseRows().count()).toBeLessThan(60);

    await queuePage.deadlines.selectOption({ label: 'Breached' });
    await expect(queuePage.count).toHaveText(/^\d+ of \d+ open cases$/);
    const rows = queuePage.caseRows();
    const shown = await rows.count();
    expect(shown).toBeGreaterThan(0);
    for (let i = 0; i < Math.min(shown, 10); i += 1) await expect(rows.nth(i)).toContainText('Breached');

    await queuePage.deadlines.selectOption({ label: 'Any' });
    await queuePage.grid.focus();
    await page.keyboard.press('End');
    const last = queuePage.grid.locator(`[aria-rowindex="${total + 1}"]`);
    await expect(last).toBeVisible();
  });
});
