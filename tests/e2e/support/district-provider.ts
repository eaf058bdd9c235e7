/**
 * The district's identity provider, run locally beside a test's district server. It must know the
 * server's redirect URI before the server starts, and the server its issuer: so the server's port
 * is picked first, the provider started with `<that origin>/api/session/sso/callback`, then the
 * server, set up for single sign-on with the button's label.
 */
import { startOidcProvider, type ProviderAccount, type RunningOidcProvider } from '../../support/oidc-provider';
import { freePort, test as district } from './district-server';

export function withDistrictProvider(accounts: ProviderAccount[], label: string) {
  return district.extend<{ provider: RunningOidcProvider }>({
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from its first parameter.
    districtPort: async ({}, use) => {
      await use(await freePort());
    },
    provider: async ({ districtPort }, use) => {
      const provider = await startOidcProvider({ redirectUris: [`http://127.0.0.1:${districtPort}/api/session/sso/callback`], accounts });
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
        DESKWATCH_OIDC_LABEL: label,
      });
    },
  });
}
