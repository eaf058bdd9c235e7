import { ONE_PERSON_SLOWED } from './pages/intake-page';
import { expect, rememberAtTheConsole, test } from './support/intake-fixtures';

test('a whole call from the keyboard alone: shortcut, caller, problem, priority, case number', async ({
  page,
  deskwatch,
  otherClient,
  agent,
  seed,
  intakePage,
}) => {
  // Two callers a search for "smi" finds, told apart by where they work; one already has an open case.
  const hickman = await seed.caller({ name: 'Jo Smith', building: 'Hickman High School', room: '114', extension: '4412', department: 'Science', email: 'jsmith@cps.example' });
  const battle = await seed.caller({ name: 'Jo Smith', building: 'Battle High School', room: 'B12', extension: '5520', department: 'Mathematics', role: 'teacher' });
  await seed.openCase({ callerId: battle.id, summary: 'Document camera flickers' });
  await rememberAtTheConsole(page, agent);
  await page.goto(deskwatch.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Case queue' })).toBeVisible();

  const started = Date.now();
  await page.keyboard.press('Alt+N');
  await expect(intakePage.heading).toBeVisible();
  await expect(intakePage.callerSearch).toBeFocused();

  await page.keyboard.type('smi');
  const atBattle = intakePage.option(/Battle High School/);
  await expect(atBattle).toContainText('Mathematics');
  await expect(atBattle).toContainText('x5520');
  await expect(atBattle).toContainText('1 open case');
  await expect(intakePage.option(/Hickman High School/)).toContainText('jsmith@cps.example');
  // Both Jo Smiths are listed, in the order the core ranks them: move down to the one at Battle.
  const options = await intakePage.callerOptions.getByRole('option').allTextContents();
  const battleIndex = options.findIndex((text) => text.includes('Battle High School'));
  for (let i = 0; i <= battleIndex; i += 1) await page.keyboard.press('ArrowDown');
  await expect(atBattle).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');

  await expect(intakePage.chosenCaller).toContainText('Battle High School');
  await expect(intakePage.summary).toBeFocused();
  // The caller's building, room and extension are filled in for them.
  await expect(intakePage.building).toHaveValue(String(battle.buildingId));
  await expect(intakePage.room).toHaveValue('B12');
  await expect(intakePage.callbackNumber).toHaveValue('x5520');
  await expect(intakePage.related).toContainText('Document camera flickers');

  await page.keyboard.type('Projector shows no signal');
  await page.keyboard.press('Tab');
  await expect(intakePage.category).toBeFocused();
  await page.keyboard.type('Audio');
  await expect(intakePage.category.locator('option:checked')).toHaveText('Audio / video & projectors');

  await page.keyboard.press('Alt+P');
  await expect(intakePage.question('securityOrSafety').getByRole('radio').first()).toBeFocused();
  for (const key of ['1', '1', '1', '2']) await page.keyboard.press(key);
  for (const [key, answer] of Object.entries(ONE_PERSON_SLOWED)) {
    await expect(intakePage.question(key as keyof typeof ONE_PERSON_SLOWED).getByRole('radio', { name: answer, exact: true })).toBeChecked();
  }
  await expect(intakePage.decision).toContainText('Priority 4');
  await expect(intakePage.decision).toContainText('Affects one individual; a workaround is available');
  await expect(intakePage.preview).toContainText(/Response due .+; resolution due .+/);
  await expect(intakePage.createButton).toBeFocused();

  await page.keyboard.press('Control+Enter');
  const number = await intakePage.createdNumber();
  expect(number).toBe('DW-000002');
  await expect(intakePage.created).toContainText(/Response due .+; resolution due .+/);
  expect(Date.now() - started, 'the call took under a minute').toBeLessThan(60_000);

  const filed = await otherClient.value('cases.get', { id: 2 }, { actorId: agent.id });
  expect(filed.case).toMatchObject({
    callerId: battle.id,
    summary: 'Projector shows no signal',
    priority: 4,
    channel: 'phone',
    categoryName: 'Audio / video & projectors',
    buildingName: 'Battle High School',
    room: 'B12',
    callbackNumber: 'x5520',
  });
  expect(hickman.id).not.toBe(battle.id);

  // Ready for the next call at once.
  await page.keyboard.press('Alt+N');
  await expect(intakePage.callerSearch).toBeFocused();
  await expect(intakePage.summary).toHaveValue('');
});
