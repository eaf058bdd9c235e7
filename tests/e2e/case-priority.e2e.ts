import { atTheConsole, expect, test } from './support/work-fixtures';

// A Tuesday morning, inside business hours: a case filed now is due to be resolved at 10 AM some
// business days later, and how many days depends on its priority (P4 five, P3 three, P2 two).
test.use({ deskwatchArgs: ['--now', '2026-12-01T10:00:00-06:00'] });

test('a technician changes a case’s priority by the questions, then overrides it with a reason, and the deadlines follow', async ({
  page,
  deskwatch,
  work,
  casePage,
}) => {
  const agent = await work.staff('Ana Lima', 'agent');
  const tech = await work.staff('Sam Okafor', 'technician');
  const filed = await work.caseBy(agent, { summary: 'Shared printer jams on every job', priority: 4 });
  await atTheConsole(page, tech);
  await page.goto(`${deskwatch.url}#/cases/${filed.id}`);
  await expect(casePage.detail('Priority')).toHaveText('P4');
  await expect(casePage.slaTarget('Resolution')).toContainText('due Dec 8, 2026, 10:00 AM');

  // The form opens at its first question, as the other forms of the case open at their first field.
  await casePage.changePriority.click();
  const firstAnswer = casePage.priorityQuestion('Is there a security or safety concern?').getByRole('radio', { name: 'No' });
  await expect(firstAnswer).toBeFocused();

  // Sent unanswered, the core refuses: the questions say why, and the first one unanswered has the focus again.
  await casePage.priorityForm.getByRole('button', { name: 'Change priority', exact: true }).click();
  await expect(casePage.priorityForm.getByRole('alert')).toContainText('Answer the priority wizard or set a priority');
  await expect(casePage.priorityQuestion('Is there a security or safety concern?')).toHaveAccessibleDescription('Answer the priority wizard or set a priority');
  await expect(firstAnswer).toBeFocused();

  // The questions, answered by their number keys; each key answers and moves on to the next question.
  for (const key of ['1', '1', '2', '2']) await page.keyboard.press(key);
  await expect(casePage.priorityQuestion('How many people are affected?').getByRole('radio', { name: 'Two to five' })).toBeChecked();
  await expect(casePage.priorityQuestion('How is their work affected?').getByRole('radio', { name: 'Slowed, a workaround is available' })).toBeChecked();
  await expect(casePage.priorityForm.getByRole('status')).toHaveText('P3 Affects more than one person and a workaround is available');
  await casePage.priorityForm.getByRole('button', { name: 'Change priority', exact: true }).click();

  await expect(casePage.priority.getByRole('status')).toHaveText('Priority changed; deadlines recomputed.');
  await expect(casePage.detail('Priority')).toHaveText('P3');
  await expect(casePage.slaTarget('Resolution')).toContainText('due Dec 4, 2026, 10:00 AM');
  await expect(casePage.timelineEntry('P4 → P3')).toContainText('By the priority questions: Affects more than one person and a workaround is available');
  await expect(casePage.timelineEntry('P4 → P3')).toContainText('by Sam Okafor');

  // Setting the priority directly needs a reason: without one the core refuses, in its own words.
  await casePage.changePriority.click();
  await casePage.priorityForm.getByRole('radio', { name: 'Set the priority, with a reason' }).check();
  await casePage.priorityForm.getByLabel('New priority').selectOption({ label: 'P2' });
  await casePage.priorityForm.getByRole('button', { name: 'Change priority', exact: true }).click();

  await expect(casePage.priorityForm.getByRole('alert')).toContainText('Give a reason for choosing priority 2 over the wizard');
  const reason = casePage.priorityForm.getByLabel('Reason for the priority');
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  // The field itself says what is wrong, and takes the person there.
  await expect(reason).toHaveAccessibleDescription('Give a reason for choosing priority 2 over the wizard');
  await expect(reason).toBeFocused();
  await expect(casePage.detail('Priority')).toHaveText('P3');
  await expect(casePage.timelineEntry('Priority changed')).toHaveCount(1);

  await reason.fill('The whole office shares this printer for report cards');
  await casePage.priorityForm.getByRole('button', { name: 'Change priority', exact: true }).click();

  await expect(casePage.priorityForm).toHaveCount(0);
  await expect(casePage.detail('Priority')).toHaveText('P2');
  await expect(casePage.priority).toContainText('The whole office shares this printer for report cards');
  await expect(casePage.slaTarget('Resolution')).toContainText('due Dec 3, 2026, 10:00 AM');
  await expect(casePage.timelineEntry('Priority changed')).toHaveCount(2);
  const override = casePage.timelineEntry('P3 → P2');
  await expect(override).toContainText('The whole office shares this printer for report cards');
  await expect(override).toContainText('by Sam Okafor');
  await expect(override).not.toContainText('By the priority questions');
});
