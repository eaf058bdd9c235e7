import { CasePage } from './pages/case-page';
import { atTheConsole, expect, test } from './support/work-fixtures';

test('notes added at the same moment by two people appear on both open cases without a reload', async ({ page, browser, deskwatch, work, casePage }) => {
  const sam = await work.staff('Sam Okafor', 'technician');
  const alex = await work.staff('Alex Kim', 'technician');
  const filed = await work.caseBy(sam, { summary: 'Network drops every few minutes' });

  // Two people, two browsers: each their own console on the same server.
  const otherContext = await browser.newContext();
  try {
    const otherPage = await otherContext.newPage();
    const otherCase = new CasePage(otherPage);
    await atTheConsole(page, sam);
    await atTheConsole(otherPage, alex);
    await page.goto(`${deskwatch.url}#/cases/${filed.id}`);
    await otherPage.goto(`${deskwatch.url}#/cases/${filed.id}`);
    await expect(casePage.heading).toHaveText(`${filed.number} · Network drops every few minutes`);
    await expect(otherCase.heading).toHaveText(`${filed.number} · Network drops every few minutes`);

    const notes: string[] = [];
    for (let round = 1; round <= 6; round += 1) {
      const mine = `Sam, round ${round}: swapped the patch cable`;
      const theirs = `Alex, round ${round}: checked the switch port`;
      notes.push(mine, theirs);
      await casePage.noteForm.getByLabel('Note').fill(mine);
      await otherCase.noteForm.getByLabel('Note').fill(theirs);
      // Both press "Add note" at the same moment.
      await Promise.all([
        casePage.noteForm.getByRole('button', { name: 'Add note' }).click(),
        otherCase.noteForm.getByRole('button', { name: 'Add note' }).click(),
      ]);
      await expect(casePage.noteForm.getByLabel('Note')).toHaveValue('');
      await expect(otherCase.noteForm.getByLabel('Note')).toHaveValue('');
    }
    for (const note of notes) {
      await expect(casePage.timeline.getByText(note)).toBeVisible();
      await expect(otherCase.timeline.getByText(note)).toBeVisible();
    }
  } finally {
    await otherContext.close();
  }
});
