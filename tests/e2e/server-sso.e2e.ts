import { startOidcProvider, type RunningOidcProvider } from '../support/oidc-provider';
import { DistrictProviderPage } from './pages/district-provider-page';
import { CalendarPage } from './pages/calendar-page';
import { expect, freePort, test as base } from './support/district-server';

const LABEL = 'Sign in with Lakeside ISD';

/**
 * The district's identity provider, run locally. It must know the console's redirect URI before
 * the server starts, and the server must know the provider's issuer: so the server's port is
 * picked first, the provider started with `<that origin>/api/session/sso/callback`, then the server.
 */
const test = base.extend<{ provider: RunningOidcProvider }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from its first parameter.
  districtPort: async ({}, use) => {
    await use(await freePort());
  },
  provider: async ({ districtPort }, use) => {
    const provider = await startOidcProvider({
      redirectUris: [`http://127.0.0.1:${districtPort}/api/session/sso/callback`],
      accounts: [
        { subject: 'dwhitaker', email: 'dana.whitaker@lakeside.example', emailVerified: true, name: 'Dana Whitaker' },
        { subject: 'visitor', email: 'visitor@lakeside.example', emailVerified: true, name: 'Vic Visitor' },
      ],
    });
    try {
      await use(provider);
    } finally {
      await provider.close();
    }
  },
  districtEnv: async ({ provider }, use) => {
    await use({
      DESKWATCH_OIDC_ISSUER: provider.issuer,
      DESKWATCH_OIDC_CLIENT_ID: provider.clientId,
      DESKWATCH_OIDC_CLIENT_SECRET: provider.clientSecret,
      DESKWATCH_OIDC_LABEL: LABEL,
    });
  },
});

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
  // The page offers no way on; the person opens the console's address again and is still signed out.
  await page.goto(district.origin);
  await expect(signInPage.heading).toBeVisible();
  await expect(districtHeader.signOut).toHaveCount(0);
});
