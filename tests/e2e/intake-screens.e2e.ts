import { ONE_PERSON_SLOWED } from './pages/intake-page';
import { expect, rememberAtTheConsole, test } from './support/intake-fixtures';

test.beforeEach(async ({ page, deskwatch, agent }) => {
  await rememberAtTheConsole(page, agent);
  await page.goto(deskwatch.url);
  await expect(page.getByRole('banner')).toContainText('Ana Lima');
});

test('a caller not in the directory is created from the search box, with the core’s checks on each field', async ({
  deskwatch,
  otherClient,
  agent,
  intakePage,
}) => {
  await intakePage.goto(deskwatch.origin);
  await intakePage.callerSearch.fill('Dana Whitfield');
  const create = intakePage.option('Create caller “Dana Whitfield”');
  await expect(create).toBeVisible();
  await intakePage.callerSearch.press('ArrowUp');
  await expect(create).toHaveAttribute('aria-selected', 'true');
  await intakePage.callerSearch.press('Enter');

  const form = intakePage.newCaller;
  await expect(form.getByRole('textbox', { name: 'Name' })).toHaveValue('Dana Whitfield');
  await expect(form.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await form.getByRole('textbox', { name: 'Email' }).fill('dana.whitfield');
  await form.getByRole('textbox', { name: 'Extension' }).fill('4471');
  await form.getByRole('combobox', { name: 'Building' }).selectOption({ label: 'Lee Elementary' });
  await form.getByRole('textbox', { name: 'Room' }).fill('12');
  await form.getByRole('textbox', { name: 'Extension' }).press('Enter');

  // The core refuses the email: its message is on that field, which gets the focus; nothing else is lost.
  const email = form.getByRole('textbox', { name: 'Email' });
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription('Email must look like name@example.org');
  await expect(form.getByRole('alert')).toHaveText('Email must look like name@example.org');
  await expect(email).toBeFocused();
  await expect(form.getByRole('textbox', { name: 'Extension' })).toHaveValue('4471');

  await email.fill('dana.whitfield@cps.example');
  await form.getByRole('button', { name: 'Create caller' }).click();

  await expect(intakePage.chosenCaller).toContainText('Dana Whitfield');
  await expect(intakePage.chosenCaller).toContainText('Lee Elementary');
  await expect(intakePage.summary).toBeFocused();
  await expect(intakePage.room).toHaveValue('12');
  await expect(intakePage.callbackNumber).toHaveValue('x4471');
  const found = (await otherClient.value('callers.search', { query: 'whitf' }, { actorId: agent.id })).callers;
  expect(found).toEqual([expect.objectContaining({ name: 'Dana Whitfield', email: 'dana.whitfield@cps.example', extension: '4471', buildingName: 'Lee Elementary' })]);
});

test('overriding the wizard’s priority needs a reason: the core’s message is shown on the reason field', async ({
  deskwatch,
  otherClient,
  agent,
  seed,
  intakePage,
}) => {
  await seed.caller({ name: 'Lee Chan', building: 'Rock Bridge High School', extension: '2210' });
  await intakePage.goto(deskwatch.origin);
  await intakePage.findCaller('chan', /Lee Chan/);
  await intakePage.summary.fill('Principal’s laptop will not boot');
  await intakePage.answer(ONE_PERSON_SLOWED);
  await expect(intakePage.decision).toContainText('Priority 4');

  await intakePage.priority.selectOption('2');
  await expect(intakePage.decision).toContainText('Priority 2');
  await expect(intakePage.decision).toContainText('the wizard says priority 4');
  await expect(intakePage.preview).toContainText('Response due');
  await expect(intakePage.overrideReason).toBeVisible();
  await intakePage.createButton.click();

  await expect(intakePage.overrideReason).toHaveAttribute('aria-invalid', 'true');
  await expect(intakePage.overrideReason).toHaveAccessibleDescription('Give a reason for choosing priority 2 over the wizard\'s priority 4');
  await expect(intakePage.alert('Give a reason for choosing priority 2')).toBeVisible();
  await expect(intakePage.overrideReason).toBeFocused();
  expect(await otherClient.value('cases.list', {}, { actorId: agent.id })).toEqual([]);
  await expect(intakePage.summary).toHaveValue('Principal’s laptop will not boot');

  await intakePage.overrideReason.fill('The principal has a board presentation at 3 PM');
  await intakePage.createButton.click();
  const number = await intakePage.createdNumber();
  const [filed] = await otherClient.value('cases.list', {}, { actorId: agent.id });
  expect(filed).toMatchObject({ number, priority: 2, priorityReason: 'The principal has a board presentation at 3 PM' });
});

test('priority 1 asks the agent to call the on-call technician and to confirm it before creating', async ({
  deskwatch,
  otherClient,
  agent,
  seed,
  intakePage,
}) => {
  await seed.caller({ name: 'Principal Diaz', building: 'Douglass High School' });
  await intakePage.goto(deskwatch.origin);
  await intakePage.findCaller('diaz', /Principal Diaz/);
  await intakePage.summary.fill('Door access system down at the main entrance');
  await expect(intakePage.onCallInstruction).toHaveCount(0);
  await intakePage.answer({ securityOrSafety: 'Yes', missionCritical: 'No', affected: 'More than five', workEffect: 'Stopped, no workaround' });

  await expect(intakePage.decision).toContainText('Priority 1');
  await expect(intakePage.decision).toContainText('There is a security or safety concern');
  await expect(intakePage.onCallInstruction).toHaveText('Priority 1: call the on-call technician now.');
  await intakePage.createButton.click();

  await expect(intakePage.onCallConfirm).toHaveAttribute('aria-invalid', 'true');
  await expect(intakePage.alert('then confirm you did')).toBeVisible();
  await expect(intakePage.onCallConfirm).toBeFocused();
  expect(await otherClient.value('cases.list', {}, { actorId: agent.id })).toEqual([]);

  await intakePage.onCallConfirm.check();
  await intakePage.createButton.click();
  const number = await intakePage.createdNumber();
  await expect(intakePage.created).toContainText('P1');
  const [filed] = await otherClient.value('cases.list', {}, { actorId: agent.id });
  expect(filed).toMatchObject({ number, priority: 1 });
  expect(filed?.onCallNotifiedAt).not.toBeNull();
});

test('the draft survives a reload; Escape asks before discarding it', async ({ page, deskwatch, seed, intakePage }) => {
  await seed.caller({ name: 'Jo Park', building: 'Gentry Middle School', room: '114' });
  await intakePage.goto(deskwatch.origin);
  await intakePage.findCaller('park', /Jo Park/);
  await intakePage.summary.fill('Smartboard pen not responding');
  await intakePage.category.selectOption({ label: 'Audio / video & projectors' });
  await intakePage.description.fill('Since the update this morning');
  await intakePage.question('securityOrSafety').getByRole('radio', { name: 'No', exact: true }).check();

  await page.reload();
  await expect(intakePage.heading).toBeVisible();
  await expect(intakePage.chosenCaller).toContainText('Jo Park');
  await expect(intakePage.summary).toHaveValue('Smartboard pen not responding');
  await expect(intakePage.category.locator('option:checked')).toHaveText('Audio / video & projectors');
  await expect(intakePage.description).toHaveValue('Since the update this morning');
  await expect(intakePage.room).toHaveValue('114');
  await expect(intakePage.question('securityOrSafety').getByRole('radio', { name: 'No', exact: true })).toBeChecked();

  // Escape asks; Escape again keeps the form.
  await intakePage.summary.focus();
  await page.keyboard.press('Escape');
  await expect(intakePage.discardDialog).toBeVisible();
  const discard = intakePage.discardDialog.getByRole('button', { name: 'Discard' });
  const keep = intakePage.discardDialog.getByRole('button', { name: 'Keep editing' });
  await expect(discard).toBeFocused();
  // Focus stays in the dialog.
  await page.keyboard.press('Tab');
  await expect(keep).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(discard).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(intakePage.discardDialog).toBeHidden();
  await expect(intakePage.summary).toHaveValue('Smartboard pen not responding');
  await expect(intakePage.summary).toBeFocused();

  // Escape, then Enter: discarded, and gone after a reload too.
  await page.keyboard.press('Escape');
  await expect(intakePage.discardDialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(intakePage.discardDialog).toBeHidden();
  await expect(intakePage.callerSearch).toBeFocused();
  await expect(intakePage.summary).toHaveValue('');
  await page.reload();
  await expect(intakePage.callerSearch).toHaveValue('');
  await expect(intakePage.summary).toHaveValue('');
  // An empty form is not asked about.
  await page.keyboard.press('Escape');
  await expect(intakePage.discardDialog).toBeHidden();
});

test('related open cases and a possible outage show while typing, and the new case can be linked to one', async ({
  deskwatch,
  otherClient,
  agent,
  seed,
  intakePage,
}) => {
  const caller = await seed.caller({ name: 'Mia Torres', building: 'Hickman High School', room: '210' });
  const first = await seed.openCase({ callerName: 'Lee Chan', summary: 'Wi-Fi drops in the library', building: 'Hickman High School', category: 'Network & Wi-Fi' });
  await seed.openCase({ callerName: 'Pat Ruiz', summary: 'No network in room 201', building: 'Hickman High School', category: 'Network & Wi-Fi' });
  await seed.openCase({ callerId: caller.id, summary: 'Laptop charger missing', category: 'Chromebooks & laptops' });

  await intakePage.goto(deskwatch.origin);
  await intakePage.findCaller('torres', /Mia Torres/);
  // The caller's own open case, before any category is chosen.
  await expect(intakePage.related).toContainText('Mia Torres’s open cases');
  await expect(intakePage.related).toContainText('Laptop charger missing');
  await expect(intakePage.outageNote).toHaveText('');

  await intakePage.summary.fill('Cannot get on the Wi-Fi in room 210');
  await intakePage.category.selectOption({ label: 'Network & Wi-Fi' });
  await expect(intakePage.outageNote).toHaveText('possible outage: 2 open cases at Hickman High School · Network & Wi-Fi');
  await expect(intakePage.related).toContainText('Wi-Fi drops in the library');
  await intakePage.related.getByRole('radio', { name: new RegExp(first.number) }).check();

  await intakePage.answer({ securityOrSafety: 'No', missionCritical: 'No', affected: 'One person', workEffect: 'Stopped, no workaround' });
  await intakePage.createButton.click();
  const number = await intakePage.createdNumber();
  const filed = (await otherClient.value('cases.list', {}, { actorId: agent.id })).find((c) => c.number === number);
  expect(filed).toMatchObject({ relatedCaseId: first.id, callerId: caller.id, priority: 2, buildingName: 'Hickman High School' });
});

test.describe('after the 4 PM cutoff', () => {
  // Monday 30 November 2026, 4:30 PM in the district's time zone.
  test.use({ deskwatchArgs: ['--now', '2026-11-30T16:30:00-06:00'] });

  test('the preview and the new case say the case counts from the next business morning', async ({ page, seed, intakePage, deskwatch }) => {
    await seed.caller({ name: 'Sam Okafor', building: 'Lange Middle School' });
    await expect(page.getByRole('region', { name: 'Help desk' })).toContainText('After the 4 PM cutoff');
    await intakePage.goto(deskwatch.origin);
    await intakePage.findCaller('okafor', /Sam Okafor/);
    await intakePage.summary.fill('Printer offline in the office');
    await intakePage.answer(ONE_PERSON_SLOWED);

    await expect(intakePage.cutoffNote).toHaveText('received after 4 PM: counted as submitted Tuesday 7:00 AM');
    await intakePage.createButton.click();
    await intakePage.createdNumber();
    await expect(intakePage.created).toContainText('counted as submitted Tuesday 7:00 AM');
  });
});
