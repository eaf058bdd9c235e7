import type { Locator, Page } from '@playwright/test';

/** The Tech Support Center's frame (/support): the sign-in screen while signed out, its navigation once signed in. */
export class SupportCenterPage {
  readonly signedOutHeading: Locator;
  readonly deskPhone: Locator;
  readonly navigation: Locator;
  readonly newRequest: Locator;
  readonly myRequests: Locator;
  readonly systemStatus: Locator;
  readonly helpArticles: Locator;
  readonly signOut: Locator;
  readonly statusHeading: Locator;

  constructor(readonly page: Page) {
    this.signedOutHeading = page.getByRole('heading', { level: 1, name: 'Tech Support Center' });
    this.deskPhone = page.getByRole('main').getByRole('link', { name: /25888/ });
    this.navigation = page.getByRole('navigation', { name: 'Tech Support Center' });
    this.newRequest = this.navigation.getByRole('link', { name: 'New request' });
    this.myRequests = this.navigation.getByRole('link', { name: 'My requests' });
    this.systemStatus = this.navigation.getByRole('link', { name: 'System status' });
    this.helpArticles = this.navigation.getByRole('link', { name: 'Help articles' });
    this.signOut = page.getByRole('button', { name: 'Sign out' });
    this.statusHeading = page.getByRole('heading', { level: 1, name: 'System status' });
  }

  async open(origin: string, route = ''): Promise<void> {
    await this.page.goto(`${origin}/support${route ? `#${route}` : ''}`);
  }

  /** The sign-in link, by the server's label ("Sign in with Lakeside ISD"). */
  signInWith(label: string): Locator {
    return this.page.getByRole('link', { name: label });
  }

  signedInAs(name: string): Locator {
    return this.page.getByRole('banner').getByText(name, { exact: true });
  }
}
