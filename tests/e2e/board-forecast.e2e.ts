import { expect } from '@playwright/test';
import { ForecastPanel } from './pages/forecast-panel';
import { atTheConsole, test } from './support/work-fixtures';

// Tuesday, December 1, 2026, 2 PM at the desk: three hours of today are left, then Wednesday.
test.use({ deskwatchArgs: ['--now', '2026-12-01T14:00:00-06:00'] });

test('a supervisor sees a case likely to breach, tries a move that puts it on track, discards it, then commits it', async ({ page, deskwatch, work, boardPage, otherClient }) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  const alex = await work.staff('Alex Kim', 'technician');
  const jordan = await work.staff('Jordan Reyes', 'technician');
  // Six laptops down for Alex, each to be acknowledged within 4 working hours (Wednesday 8 AM).
  // With no history yet, each takes the default hour: Alex reaches the sixth at 9 AM Wednesday.
  const cases = [];
  for (let i = 1; i <= 6; i++) cases.push(await work.caseBy(boss, { summary: `Laptop ${i} will not boot`, priority: 2 }));
  await work.assign(boss, cases, alex);
  const late = cases[5]!;
  await atTheConsole(page, boss);
  await page.goto(`${deskwatch.url}#/board`);
  const forecast = new ForecastPanel(page);

  await expect(boardPage.heading).toBeVisible();
  await expect(forecast.nextBusinessDay).toContainText(late.number);
  await expect(forecast.nextBusinessDay.getByRole('row').filter({ hasText: late.number })).toContainText('Alex Kim reaches it at Wed, Dec 2 9:00 AM');
  await expect(boardPage.card(late.number)).toContainText('Likely to breach its response target tomorrow 8:00 AM');

  // A trial move: the card shows on Jordan, marked, and the forecast says it is on track. Nothing is saved.
  await forecast.tryMoves.click();
  await boardPage.card(late.number).dragTo(boardPage.column('Jordan Reyes'));
  await expect(boardPage.cardsOf('Jordan Reyes').filter({ hasText: late.number })).toHaveCount(1);
  await expect(boardPage.card(late.number)).toContainText('Trial move · On track');
  await expect(forecast.panel).toContainText('with your trial moves');
  await expect(forecast.panel).not.toContainText(late.number);
  await expect(boardPage.reassign.dialog).toBeHidden();
  expect((await work.get(boss, late.id)).assigneeId).toBe(alex.id);

  // Discard: back on Alex, likely to breach again.
  await forecast.discard.click();
  await expect(forecast.trialBar).toBeHidden();
  await expect(boardPage.cardsOf('Alex Kim').filter({ hasText: late.number })).toHaveCount(1);
  await expect(boardPage.card(late.number)).toContainText('Likely to breach');

  // Try it again and commit it, with a reason.
  await forecast.tryMoves.click();
  await boardPage.card(late.number).dragTo(boardPage.column('Jordan Reyes'));
  await expect(boardPage.card(late.number)).toContainText('Trial move · On track');
  await forecast.commit.click();
  await expect(forecast.trialBar.getByRole('alert')).toHaveText('Give a reason for the moves.');
  await forecast.reason.fill('Jordan is free this afternoon');
  await forecast.commit.click();
  await expect(page.getByRole('status').filter({ hasText: 'committed' })).toHaveText('1 move committed.');
  await expect(forecast.trialBar).toBeHidden();
  await expect(boardPage.cardsOf('Jordan Reyes').filter({ hasText: late.number })).toHaveCount(1);
  await expect(boardPage.card(late.number)).not.toContainText('Trial move');
  await expect(boardPage.card(late.number)).not.toContainText('Likely to breach');
  expect((await work.get(boss, late.id)).assigneeId).toBe(jordan.id);
  const events = (await otherClient.value('cases.get', { id: late.id }, { actorId: boss.id })).events;
  expect(events.filter((e) => e.kind === 'assigned').map((e) => e.reason)).toEqual([null, 'Jordan is free this afternoon']);
});
