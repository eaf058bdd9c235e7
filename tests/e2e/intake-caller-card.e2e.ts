import { expect, rememberAtTheConsole, test } from './support/intake-fixtures';

test.beforeEach(async ({ page, deskwatch, agent }) => {
  await rememberAtTheConsole(page, agent);
  await page.goto(deskwatch.url);
  await expect(page.getByRole('banner')).toContainText('Ana Lima');
});

test('the caller card’s cases open from the keyboard, and the intake is still there on the way back', async ({ page, deskwatch, otherClient, agent, seed, intakePage, casePage }) => {
  const lee = await seed.caller({ name: 'Lee Chan', building: 'Rock Bridge High School', extension: '2210' });
  const open = await seed.openCase({ callerId: lee.id, summary: 'Projector has no signal' });
  const done = await seed.openCase({ callerId: lee.id, summary: 'Toner streaks on every page' });
  await otherClient.value('cases.transition', { id: done.id, version: done.version, action: 'resolve', notes: 'Replaced the toner cartridge' }, { actorId: agent.id });

  await intakePage.goto(deskwatch.origin);
  await intakePage.findCaller('lee ch', /Lee Chan/);
  await intakePage.summary.fill('Laptop will not charge');
  const history = intakePage.callerHistory;
  const openLink = history.getByRole('link', { name: `Open case ${open.number}: Projector has no signal` });
  const doneLink = history.getByRole('link', { name: `Open case ${done.number}: Toner streaks on every page` });
  await expect(openLink).toBeVisible();
  await expect(doneLink).toBeVisible();

  await doneLink.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/cases/${done.id}$`));
  await expect(casePage.heading).toHaveText(`${done.number} · Toner streaks on every page`);

  await page.goBack();
  await expect(intakePage.chosenCaller).toContainText('Lee Chan');
  await expect(intakePage.summary).toHaveValue('Laptop will not charge');
  await openLink.click();
  await expect(casePage.heading).toHaveText(`${open.number} · Projector has no signal`);
});

test('a caller’s directory entry is corrected from the card; every bad field is named at once', async ({ deskwatch, otherClient, agent, seed, intakePage }) => {
  await seed.caller({ name: 'Dana Whitfield', email: 'dana@cps.example', building: 'Lee Elementary', extension: '4471', room: '12' });
  await seed.caller({ name: 'Sam Other', email: 'sam@cps.example' });

  await intakePage.goto(deskwatch.origin);
  await intakePage.findCaller('whitf', /Dana Whitfield/);
  await intakePage.chosenCaller.getByRole('button', { name: 'Edit caller' }).click();
  const form = intakePage.chosenCaller.getByRole('group', { name: 'Edit caller' });
  const name = form.getByRole('textbox', { name: 'Name' });
  const email = form.getByRole('textbox', { name: 'Email' });
  const extension = form.getByRole('textbox', { name: 'Extension' });
  const phone = form.getByRole('textbox', { name: 'Phone' });
  await expect(name).toHaveValue('Dana Whitfield');
  await expect(name).toBeFocused();
  await expect(extension).toHaveValue('4471');

  // Three bad fields: the core names each of them, at once, on its own field.
  await email.fill('dana.whitfield');
  await extension.fill('x1');
  await phone.fill('call me');
  await phone.press('Enter');
  await expect(form.getByRole('alert')).toHaveText('3 fields need a correction.');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription('Email must look like name@example.org');
  await expect(extension).toHaveAccessibleDescription('Extension must be 2 to 8 digits');
  await expect(phone).toHaveAccessibleDescription('Phone must be a phone number such as 573-214-3333 or x25888');
  await expect(phone).toBeFocused();

  // Someone else's email: the core's conflict is shown on the email field.
  await phone.fill('+1 (573) 555-0199');
  await extension.fill('4472');
  await email.fill('sam@cps.example');
  await form.getByRole('button', { name: 'Save caller' }).click();
  await expect(email).toHaveAccessibleDescription(/email.*Sam Other|Sam Other.*email/i);
  await expect(phone).not.toHaveAttribute('aria-invalid', 'true');

  await email.fill('dana.whitfield@cps.example');
  await name.fill('Dana Whitfield-Ruiz');
  await email.press('Enter');
  await expect(form).toHaveCount(0);
  await expect(intakePage.chosenCaller.getByRole('button', { name: 'Edit caller' })).toBeFocused();
  await expect(intakePage.chosenCaller).toContainText('Dana Whitfield-Ruiz');
  await expect(intakePage.chosenCaller).toContainText('dana.whitfield@cps.example');
  // The callback number followed the entry (it had not been typed over).
  await expect(intakePage.callbackNumber).toHaveValue('+1 (573) 555-0199');

  const found = (await otherClient.value('callers.search', { query: '5735550199' }, { actorId: agent.id })).callers;
  expect(found).toEqual([expect.objectContaining({ name: 'Dana Whitfield-Ruiz', email: 'dana.whitfield@cps.example', extension: '4472', room: '12' })]);
});

test('caller search finds the E.164 form a phone system sends, and says how many match in all', async ({ deskwatch, seed, intakePage, page }) => {
  await seed.caller({ name: 'Dana Whitfield', phone: '573-552-0444', building: 'Lee Elementary' });
  for (let i = 1; i <= 11; i += 1) await seed.caller({ name: `Teacher ${String(i).padStart(2, '0')}`, building: 'Cedar Ridge Elementary' });

  await intakePage.goto(deskwatch.origin);
  await intakePage.callerSearch.fill('+15735520444');
  await expect(intakePage.option(/Dana Whitfield/)).toBeVisible();
  await intakePage.callerSearch.fill('+1 (573) 552-0444');
  await expect(intakePage.option(/Dana Whitfield/)).toBeVisible();

  await intakePage.callerSearch.fill('cedar ridge');
  await expect(intakePage.callerOptions.getByRole('option', { name: /Teacher/ })).toHaveCount(8);
  await expect(intakePage.callerOptions).toContainText('11 callers found, the first 8 shown; type more to narrow the search.');
  await expect(page.getByRole('status').filter({ hasText: '11 callers found' })).toHaveText(
    '11 callers found, the first 8 shown; type more to narrow the search. Use the arrow keys to choose.',
  );
});
