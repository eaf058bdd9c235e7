import { atTheConsole, expect, test } from './support/work-fixtures';

/**
 * Keyboard focus after a dialog or a form closes goes back to what opened it, so a person working
 * from the keyboard carries on where they were instead of starting again from the top of the page.
 */
test('after the board’s move dialog closes, focus returns to the card’s Move button (cancelled or moved)', async ({ page, deskwatch, work, boardPage }) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  await work.staff('Jordan Reyes', 'technician');
  const a = await work.caseBy(boss, { summary: 'Printer jams constantly' });
  await atTheConsole(page, boss);
  await page.goto(`${deskwatch.url}#/board`);
  const move = boardPage.card(a.number).getByRole('button', { name: `Move ${a.number}…` });

  await move.focus();
  await page.keyboard.press('Enter');
  await expect(boardPage.reassign.dialog).toBeVisible();
  await boardPage.reassign.dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(boardPage.reassign.dialog).toBeHidden();
  await expect(move).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(boardPage.reassign.dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(boardPage.reassign.dialog).toBeHidden();
  await expect(move).toBeFocused();

  // Moved: the card is now in Jordan's column; focus follows it there.
  await page.keyboard.press('Enter');
  await boardPage.reassign.complete('Jordan is in that building today', 'Jordan Reyes');
  await expect(boardPage.reassign.dialog).toBeHidden();
  await expect(boardPage.cardsOf('Jordan Reyes')).toContainText(a.number);
  await expect(boardPage.cardsOf('Jordan Reyes').getByRole('button', { name: `Move ${a.number}…` })).toBeFocused();
});

test('Cancel on a case form returns focus to the button that opened it', async ({ page, deskwatch, work, casePage }) => {
  const tech = await work.staff('Sam Okafor', 'technician');
  const filed = await work.caseBy(tech, { summary: 'Projector shows no signal' });
  await atTheConsole(page, tech);
  await page.goto(`${deskwatch.url}#/cases/${filed.id}`);
  await expect(casePage.heading).toHaveText(`${filed.number} · Projector shows no signal`);

  await casePage.editDetails.click();
  await casePage.editForm.getByRole('button', { name: 'Cancel' }).click();
  await expect(casePage.editForm).toBeHidden();
  await expect(casePage.editDetails).toBeFocused();

  await casePage.changePriority.click();
  await casePage.priorityForm.getByRole('button', { name: 'Cancel' }).click();
  await expect(casePage.changePriority).toBeFocused();

  // An action's form: back to that action's button, not the first of the row.
  await expect(casePage.action('Resolve')).toBeVisible();
  await casePage.action('Resolve').click();
  await casePage.actionForm('Resolve').getByRole('button', { name: 'Cancel' }).click();
  await expect(casePage.action('Resolve')).toBeFocused();
});
