import type { Locator, Page } from '@playwright/test';

/** "Sign in to Deskwatch": a district server's single sign-on and, where the district keeps them, local accounts. */
export class SignInPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly signIn: Locator;
  /** What went wrong with the last try (wrong password, too many tries, an empty field). */
  readonly error: Locator;
  /** Why the person is asked to sign in again (a session that ended by itself). */
  readonly notice: Locator;
  readonly districtAccount: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Sign in to Deskwatch' });
    this.email = page.getByRole('textbox', { name: 'Email' });
    this.password = page.getByLabel('Password', { exact: true });
    this.signIn = page.getByRole('button', { name: 'Sign in', exact: true });
    this.error = page.getByRole('region', { name: 'Sign in with email and password' }).getByRole('alert');
    this.notice = page.getByRole('alert').filter({ hasText: /session ended/i });
    this.districtAccount = page.getByRole('region', { name: 'District account' });
  }

  /** The single sign-on button, under the label the server is configured with. */
  ssoButton(label: string): Locator {
    return this.districtAccount.getByRole('button', { name: label });
  }

  async signInWith(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.signIn.click();
  }
}
