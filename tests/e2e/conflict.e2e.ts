import { atTheConsole, expect, test } from './support/work-fixtures';

test('a stale edit is refused with what changed and by whom, and the case can be reloaded and saved', async ({
  page,
  deskwatch,
  work,
  otherClient,
  casePage,
}) => {
  const agent = await work.staff('Ana Lima', 'agent');
  const tech = await work.staff('Sam Okafor', 'technician');
  const filed = await work.caseBy(agent, { summary: 'Projector shows no signal' });
  await atTheConsole(page, tech);
  await page.goto(`${deskwatch.url}#/cases/${filed.id}`);
  await expect(casePage.heading).toHaveText(`${filed.number} · Projector shows no signal`);

  await casePage.editDetails.click();
  await casePage.editForm.getByLabel('Summary').fill('Projector in room 114 shows no signal');

  // Meanwhile, at another console, the agent adds the room.
  await otherClient.value('cases.update', { id: filed.id, version: filed.version, room: '114' }, { actorId: agent.id });
  // The screen follows the other change live; the edit form keeps what was typed.
  await expect(casePage.detail('Room')).toHaveText('114');
  await expect(casePage.editForm.getByLabel('Summary')).toHaveValue('Projector in room 114 shows no signal');

  await casePage.editForm.getByRole('button', { name: 'Save changes' }).click();

  const problem = casePage.editForm.getByRole('alert');
  await expect(problem).toContainText('Not saved: someone else changed this case.');
  await expect(problem).toContainText(`Case ${filed.number} changed since you opened it: edited room by Ana Lima`);
  // Nothing was overwritten.
  const current = await work.get(agent, filed.id);
  expect(current.summary).toBe('Projector shows no signal');
  expect(current.room).toBe('114');

  await problem.getByRole('button', { name: 'Reload the case' }).click();
  await expect(casePage.editForm.getByRole('alert')).toHaveCount(0);
  await expect(casePage.editForm.getByLabel('Summary')).toHaveValue('Projector in room 114 shows no signal');
  await casePage.editForm.getByRole('button', { name: 'Save changes' }).click();

  await expect(casePage.heading).toHaveText(`${filed.number} · Projector in room 114 shows no signal`);
  await expect(casePage.detail('Room')).toHaveText('114');
  await expect(casePage.timelineEntry('Changed room')).toContainText('by Ana Lima');
  await expect(casePage.timelineEntry('Changed summary')).toContainText('by Sam Okafor');
});

test('a state change on a case someone else just moved is refused, not applied on top', async ({ page, deskwatch, work, casePage }) => {
  const tech = await work.staff('Sam Okafor', 'technician');
  const other = await work.staff('Alex Kim', 'technician');
  const filed = await work.caseBy(tech, { summary: 'Network drops every few minutes' });
  await atTheConsole(page, tech);
  await page.goto(`${deskwatch.url}#/cases/${filed.id}`);

  await casePage.action('Resolve').click();
  await casePage.actionForm('Resolve').getByLabel('Resolution notes').fill('Replaced the patch cable.');
  await work.transition(other, filed, { action: 'acknowledge', note: 'On my way' });
  await expect(casePage.detail('Status')).toHaveText('Acknowledged');
  await expect(casePage.actionForm('Resolve')).toContainText('This case changed since you opened this form');

  await casePage.actionForm('Resolve').getByRole('button', { name: 'Resolve the case' }).click();

  await expect(casePage.actionForm('Resolve').getByRole('alert')).toContainText('moved to acknowledged by Alex Kim');
  await expect(casePage.detail('Status')).toHaveText('Acknowledged');
});
