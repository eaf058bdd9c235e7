import { CalendarPage } from './pages/calendar-page';
import { IntakePage, ONE_PERSON_SLOWED } from './pages/intake-page';
import { expect, test } from './support/district-server';

const IDLE_MINUTES = 15;

test.use({ districtEnv: { DESKWATCH_IDLE_MINUTES: String(IDLE_MINUTES) } });

/** A weekday well ahead of the server's clock, as the date field takes it. */
function dateAhead(from: number): string {
  const day = new Date(from + 400 * 24 * 3_600_000);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

test('a session that goes idle with the page open ends at the next action, and signing in again returns to the same screen', async ({
  page,
  district,
  signInPage,
  districtHeader,
}) => {
  const dana = await district.staff('Dana Whitaker', 'supervisor');
  const calendar = new CalendarPage(page);
  await page.goto(`${district.origin}/#/calendar`);
  await signInPage.signInWith(dana.email, dana.password);
  await expect(calendar.heading).toBeVisible();
  await expect(districtHeader.signedInAs('Dana Whitaker', 'Supervisor')).toBeVisible();

  // Dana leaves the console open longer than the server lets a session sit idle.
  district.clock.advance((IDLE_MINUTES + 1) * 60_000);
  const date = dateAhead(district.clock.now());
  await calendar.add(date, 'Winter break');

  await expect(signInPage.heading).toBeVisible();
  await expect(signInPage.notice).toHaveText('Your session ended; sign in again.');
  await expect(page).toHaveURL(/#\/sign-in\?next=(\/|%2F)calendar$/);
  await expect(districtHeader.signOut).toHaveCount(0);
  // Nothing was added by the refused call.
  const closures = await district.server.core.dispatch('calendar.closures', {}, { actorId: dana.id });
  expect(closures).toMatchObject({ ok: true, value: { closures: [] } });

  await signInPage.signInWith(dana.email, dana.password);
  await expect(calendar.heading).toBeVisible();
  await expect(page).toHaveURL(/#\/calendar$/);
  await expect(districtHeader.signedInAs('Dana Whitaker', 'Supervisor')).toBeVisible();
  await expect(signInPage.notice).toHaveCount(0);

  // The new session works: the date is added this time.
  await calendar.add(date, 'Winter break');
  await expect(calendar.notice).toContainText('is closed: Winter break.');
  await expect(calendar.closures).toContainText('Winter break');
});

test('an intake typed before the session ended is still there after signing in again, and becomes a case', async ({ page, district, signInPage }) => {
  const ana = await district.staff('Ana Lima', 'agent');
  const intake = new IntakePage(page);
  await page.goto(`${district.origin}/#/intake`);
  await signInPage.signInWith(ana.email, ana.password);
  await expect(intake.heading).toBeVisible();

  await intake.callerSearch.fill('Jo Park');
  await intake.option('Create caller “Jo Park”').click();
  await intake.newCaller.getByRole('button', { name: 'Create caller' }).click();
  await expect(intake.chosenCaller).toContainText('Jo Park');
  await intake.summary.fill('Laptop will not charge');
  await intake.answer(ONE_PERSON_SLOWED);
  await expect(intake.decision).toContainText('Priority 4');

  district.clock.advance((IDLE_MINUTES + 1) * 60_000);
  await intake.createButton.click();

  await expect(signInPage.notice).toHaveText('Your session ended; sign in again.');
  await expect(page).toHaveURL(/#\/sign-in\?next=(\/|%2F)intake$/);
  await signInPage.signInWith(ana.email, ana.password);

  await expect(intake.heading).toBeVisible();
  await expect(intake.chosenCaller).toContainText('Jo Park');
  await expect(intake.summary).toHaveValue('Laptop will not charge');
  await expect(intake.decision).toContainText('Priority 4');
  await intake.createButton.click();
  expect(await intake.createdNumber()).toMatch(/^DW-\d{6}$/);
});
