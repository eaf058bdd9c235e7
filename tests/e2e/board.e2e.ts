import { atTheConsole, expect, test } from './support/work-fixtures';

test('a supervisor rebalances on the board by drag and drop and from the keyboard, with a reason each time', async ({
  page,
  deskwatch,
  work,
  boardPage,
  otherClient,
}) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  const alex = await work.staff('Alex Kim', 'technician');
  const jordan = await work.staff('Jordan Reyes', 'technician');
  const a = await work.caseBy(boss, { summary: 'Printer jams constantly' });
  const b = await work.caseBy(boss, { summary: 'No Wi-Fi in classroom' });
  const c = await work.caseBy(boss, { summary: 'Projector will not turn on' });
  const d = await work.caseBy(boss, { summary: 'Voicemail PIN reset' });
  await work.assign(boss, [a, b, c], alex);
  await atTheConsole(page, boss);
  await page.goto(`${deskwatch.url}#/board`);

  await expect(boardPage.heading).toBeVisible();
  await expect(boardPage.stat('Alex Kim', 'Open')).toHaveText('3');
  await expect(boardPage.stat('Jordan Reyes', 'Open')).toHaveText('0');
  await expect(boardPage.stat('Unassigned', 'Open')).toHaveText('1');
  await expect(boardPage.cardsOf('Alex Kim')).toHaveCount(3);

  // Drag one case onto Jordan: the dialog has Jordan chosen and asks for the reason.
  await boardPage.card(a.number).dragTo(boardPage.column('Jordan Reyes'));
  await expect(boardPage.reassign.dialog).toBeVisible();
  await expect(boardPage.reassign.assignTo).toHaveValue(String(jordan.id));
  await boardPage.reassign.confirm.click();
  await expect(boardPage.reassign.error).toContainText('Give a reason');
  await boardPage.reassign.complete('Alex is at the district office all afternoon');
  await expect(boardPage.reassign.dialog).toBeHidden();
  await expect(boardPage.notice).toHaveText(`${a.number} moved to Jordan Reyes.`);
  await expect(boardPage.stat('Alex Kim', 'Open')).toHaveText('2');
  await expect(boardPage.stat('Jordan Reyes', 'Open')).toHaveText('1');
  await expect(boardPage.cardsOf('Jordan Reyes')).toHaveCount(1);
  await expect(boardPage.cardsOf('Jordan Reyes')).toContainText(a.number);

  // The same from the keyboard: select two cards with Space, then "Move selected…".
  await boardPage.card(b.number).getByRole('checkbox', { name: `Select ${b.number}` }).focus();
  await page.keyboard.press('Space');
  await boardPage.card(c.number).getByRole('checkbox', { name: `Select ${c.number}` }).focus();
  await page.keyboard.press('Space');
  await expect(boardPage.selection).toContainText('2 cases selected');
  await boardPage.moveSelected.focus();
  await page.keyboard.press('Enter');
  await expect(boardPage.reassign.dialog).toBeVisible();
  await boardPage.reassign.assignTo.focus();
  await boardPage.reassign.assignTo.selectOption({ label: 'Jordan Reyes' });
  await boardPage.reassign.reason.fill('Balancing the afternoon');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(boardPage.notice).toHaveText('2 cases moved to Jordan Reyes.');
  await expect(boardPage.stat('Alex Kim', 'Open')).toHaveText('0');
  await expect(boardPage.stat('Jordan Reyes', 'Open')).toHaveText('3');
  await expect(boardPage.selection).toBeHidden();

  // One card's own "Move…" button: the unassigned case goes to Alex.
  await boardPage.card(d.number).getByRole('button', { name: `Move ${d.number}…` }).click();
  await boardPage.reassign.complete('Alex is back', 'Alex Kim');
  await expect(boardPage.stat('Unassigned', 'Open')).toHaveText('0');
  await expect(boardPage.stat('Alex Kim', 'Open')).toHaveText('1');

  // The reasons are in the audit trail.
  const events = (await otherClient.value('cases.get', { id: b.id }, { actorId: boss.id })).events;
  expect(events.filter((e) => e.kind === 'assigned').map((e) => e.reason)).toEqual([null, 'Balancing the afternoon']);
});

test('a supervisor reassigns several cases at once from the queue', async ({ page, deskwatch, work, queuePage, boardPage }) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  await work.staff('Alex Kim', 'technician');
  const a = await work.caseBy(boss, { summary: 'Printer jams constantly' });
  const b = await work.caseBy(boss, { summary: 'No Wi-Fi in classroom' });
  await work.caseBy(boss, { summary: 'Projector will not turn on' });
  await atTheConsole(page, boss);
  await page.goto(deskwatch.url);

  await queuePage.selectCase(a.number).check();
  await queuePage.selectCase(b.number).check();
  await expect(queuePage.selection).toContainText('2 cases selected');
  await queuePage.reassignSelected.click();
  await boardPage.reassign.complete('Alex covers printing and Wi-Fi today', 'Alex Kim');

  await expect(queuePage.notice).toHaveText('2 cases moved to Alex Kim.');
  await expect(queuePage.caseRow(a.number)).toContainText('Alex Kim');
  await expect(queuePage.caseRow(b.number)).toContainText('Alex Kim');
  await expect(queuePage.caseRows().filter({ hasText: 'Unassigned' })).toHaveCount(1);
});

test('the board is for supervisors: others are sent to the queue, and the core refuses them too', async ({
  page,
  deskwatch,
  work,
  queuePage,
  otherClient,
}) => {
  const tech = await work.staff('Sam Okafor', 'technician');
  await atTheConsole(page, tech);
  await page.goto(`${deskwatch.url}#/board`);

  await expect(queuePage.heading).toBeVisible();
  await expect(queuePage.workloadBoard).toHaveCount(0);
  const refused = await otherClient.invoke('queue.workload', {}, { actorId: tech.id });
  expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});
