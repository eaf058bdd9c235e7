import type { Locator, Page } from '@playwright/test';

/** The district's identity provider (tests/support/oidc-provider.ts): its sign-in form, then its consent form. */
export class DistrictProviderPage {
  readonly signInHeading: Locator;
  readonly username: Locator;
  readonly signIn: Locator;
  readonly consentHeading: Locator;
  readonly allow: Locator;

  constructor(readonly page: Page) {
    this.signInHeading = page.getByRole('heading', { level: 1, name: 'District sign-in' });
    this.username = page.getByLabel('Username');
    this.signIn = page.getByRole('button', { name: 'Sign in' });
    this.consentHeading = page.getByRole('heading', { level: 1, name: 'Allow access' });
    this.allow = page.getByRole('button', { name: 'Allow' });
  }

  /** Signs in as `username` and allows the console what it asks for. */
  async signInAndAllow(username: string): Promise<void> {
    await this.username.fill(username);
    await this.signIn.click();
    await this.consentHeading.waitFor();
    await this.allow.click();
  }
}
