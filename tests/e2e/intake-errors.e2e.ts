import { ONE_PERSON_SLOWED } from './pages/intake-page';
import { expect, rememberAtTheConsole, test } from './support/intake-fixtures';

test.beforeEach(async ({ page, deskwatch, agent, seed, intakePage }) => {
  await seed.caller({ name: 'Jo Park', building: 'Gentry Middle School', room: '114' });
  await rememberAtTheConsole(page, agent);
  await page.goto(deskwatch.url);
  await expect(page.getByRole('banner')).toContainText('Ana Lima');
  await intakePage.goto(deskwatch.origin);
});

test('a summary of only spaces is refused with the core’s message on the field, and the draft is kept', async ({
  page,
  otherClient,
  agent,
  intakePage,
}) => {
  await intakePage.findCaller('park', /Jo Park/);
  await intakePage.summary.fill('     ');
  await intakePage.description.fill('Room 114, since first period');
  await intakePage.answer(ONE_PERSON_SLOWED);
  await intakePage.createButton.click();

  await expect(intakePage.summary).toHaveAttribute('aria-invalid', 'true');
  await expect(intakePage.summary).toHaveAccessibleDescription('Summary is required');
  await expect(intakePage.alert('Summary is required')).toBeVisible();
  await expect(intakePage.summary).toBeFocused();
  await expect(intakePage.description).not.toHaveAttribute('aria-invalid', 'true');
  expect(await otherClient.value('cases.list', {}, { actorId: agent.id })).toEqual([]);

  // The draft is still in the form, and still there after a reload.
  await page.reload();
  await expect(intakePage.chosenCaller).toContainText('Jo Park');
  await expect(intakePage.summary).toHaveValue('     ');
  await expect(intakePage.description).toHaveValue('Room 114, since first period');

  await intakePage.summary.fill('Projector shows no signal');
  await intakePage.createButton.click();
  expect(await intakePage.createdNumber()).toBe('DW-000001');
});

test('the summary field takes at most the contract’s 200 characters, as the core does', async ({ otherClient, agent, intakePage }) => {
  await intakePage.findCaller('park', /Jo Park/);
  await expect(intakePage.summary).toHaveAttribute('maxlength', '200');
  await intakePage.summary.fill('x'.repeat(201));
  await expect(intakePage.summary).toHaveValue('x'.repeat(200));
  await intakePage.answer(ONE_PERSON_SLOWED);
  await intakePage.createButton.click();
  expect(await intakePage.createdNumber()).toBe('DW-000001');
  expect((await otherClient.value('cases.list', {}, { actorId: agent.id }))[0]?.summary).toHaveLength(200);
});

test('an empty intake names every missing field at once, each at its field, and takes the agent to the first', async ({ otherClient, agent, intakePage }) => {
  await intakePage.createButton.click();

  await expect(intakePage.summary).toHaveAttribute('aria-invalid', 'true');
  await expect(intakePage.summary).toHaveAccessibleDescription('Summary is required');
  await expect(intakePage.alert('Choose a caller or type a new caller name')).toBeVisible();
  await expect(intakePage.alert('Answer the priority wizard or set a priority')).toBeVisible();
  await expect(intakePage.questions).toHaveAttribute('aria-invalid', 'true');
  // The first of them in the form: the caller.
  await expect(intakePage.callerSearch).toBeFocused();
  // In words, never a field's key.
  await expect(intakePage.page.getByText(/callerId|summary:|wizard:/)).toHaveCount(0);
  expect(await otherClient.value('cases.list', {}, { actorId: agent.id })).toEqual([]);
});

test('unanswered priority questions are asked for, not guessed', async ({ intakePage }) => {
  await intakePage.findCaller('park', /Jo Park/);
  await intakePage.summary.fill('Projector shows no signal');
  await intakePage.question('affected').getByRole('radio', { name: 'One person' }).check();
  await intakePage.createButton.click();

  await expect(intakePage.alert('Answer the priority wizard or set a priority')).toBeVisible();
  await expect(intakePage.questions).toHaveAttribute('aria-invalid', 'true');
  // The first unanswered question gets the focus.
  await expect(intakePage.question('securityOrSafety').getByRole('radio').first()).toBeFocused();
  await expect(intakePage.summary).toHaveValue('Projector shows no signal');
});

test('without a caller, the caller search says so', async ({ intakePage }) => {
  await intakePage.summary.fill('Projector shows no signal');
  await intakePage.answer(ONE_PERSON_SLOWED);
  await intakePage.createButton.click();

  await expect(intakePage.callerSearch).toHaveAttribute('aria-invalid', 'true');
  await expect(intakePage.alert('Choose a caller')).toBeVisible();
  await expect(intakePage.callerSearch).toBeFocused();
});

test('with the server gone, creating says so and keeps the draft', async ({ deskwatch, intakePage }) => {
  await intakePage.findCaller('park', /Jo Park/);
  await intakePage.summary.fill('Projector shows no signal');
  await intakePage.answer(ONE_PERSON_SLOWED);
  await deskwatch.stop();
  await intakePage.createButton.click();

  await expect(intakePage.generalError).toContainText('Cannot reach the Deskwatch server');
  await expect(intakePage.generalError).toHaveAttribute('role', 'alert');
  await expect(intakePage.chosenCaller).toContainText('Jo Park');
  await expect(intakePage.summary).toHaveValue('Projector shows no signal');
});
