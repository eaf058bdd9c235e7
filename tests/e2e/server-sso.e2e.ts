import { DistrictProviderPage } from './pages/district-provider-page';
import { CalendarPage } from './pages/calendar-page';
import { withDistrictProvider } from './support/district-provider';
import { expect } from './support/district-server';

const LABEL = 'Sign in with Lakeside ISD';

/** The district's identity provider, run locally (support/district-provider.ts). */
const test = withDistrictProvider(
  [
    { subject: 'dwhitaker', email: 'dana.whitaker@lakeside.example', emailVerified: true, name: 'Dana Whitaker' },
    { subject: 'visitor', email: 'visitor@lakeside.example', emailVerified: true, name: 'Vic Visitor' },
  ],
  LABEL,
);

test('a person signs in with their district account and comes back signed in, where they were heading', async ({
  page,
  provider,
  district,
  signInPage,
  districtHeader,
}) => {
  await district.staff('Dana Whitaker', 'supervisor', { email: 'dana.whitaker@lakeside.example', password: null });

  // A link to the desk calendar, opened while signed out.
  await page.goto(`${district.origin}/#/calendar`);
  await expect(signInPage.heading).toBeVisible();
  await expect(page).toHaveURL(/#\/sign-in\?next=(\/|%2F)calendar$/);
  await signInPage.ssoButton(LABEL).click();

  const idp = new DistrictProviderPage(page);
  await expect(idp.signInHeading).toBeVisible();
  expect(new URL(page.url()).origin).toBe(provider.issuer);
  await idp.signInAndAllow('dwhitaker');

  await expect(new CalendarPage(page).heading).toBeVisible();
  expect(new URL(page.url()).origin).toBe(district.origin);
  await expect(districtHeader.signedInAs('Dana Whitaker', 'Supervisor')).toBeVisible();
  await expect(districtHeader.workloadBoard).toBeVisible();

  // The session is the server's (a cookie): a reload stays signed in.
  await page.reload();
  await expect(districtHeader.signedInAs('Dana Whitaker', 'Supervisor')).toBeVisible();
});

test('a district account that is not on the staff list gets a page that says so, and no console', async ({ page, district, signInPage, districtHeader }) => {
  await district.staff('Dana Whitaker', 'supervisor', { email: 'dana.whitaker@lakeside.example', password: null });

  await page.goto(district.origin);
  await signInPage.ssoButton(LABEL).click();
  await new DistrictProviderPage(page).signInAndAllow('visitor');

  await expect(page.getByRole('heading', { level: 1, name: 'Not on the staff list' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText("You signed in at the district as visitor@lakeside.example. Your district account is not on the desk's staff list; ask a supervisor.");
  // The page offers the Tech Support Center (where any district employee asks for help), not the console.
  await expect(page.getByRole('link', { name: 'Open the Tech Support Center' })).toHaveAttribute('href', '/support');
  // Opening the console's address again, the person is still signed out.
  await page.goto(district.origin);
  await expect(signInPage.heading).toBeVisible();
  await expect(districtHeader.signOut).toHaveCount(0);
});
