import type { Locator, Page } from '@playwright/test';

/** The bar on every screen: who is at the console, and the way to switch. */
export class AppHeader {
  readonly banner: Locator;
  readonly switchPerson: Locator;

  constructor(readonly page: Page) {
    this.banner = page.getByRole('banner');
    this.switchPerson = this.banner.getByRole('link', { name: 'Switch person' });
  }
}
