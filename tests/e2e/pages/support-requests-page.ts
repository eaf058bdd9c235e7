import type { Locator, Page } from '@playwright/test';

/** "My requests" (#/requests) and one request (#/requests/<id>) in the Tech Support Center. */
export class SupportRequestsPage {
  readonly heading: Locator;
  readonly openOnly: Locator;
  readonly all: Locator;
  readonly list: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'My requests' });
    this.openOnly = page.getByRole('radio', { name: 'Open requests' });
    this.all = page.getByRole('radio', { name: 'All my requests' });
    this.list = page.getByRole('main').getByRole('list');
  }

  /** The link to one request in the list, by its case number. */
  request(caseNumber: string): Locator {
    return this.page.getByRole('main').getByRole('link', { name: new RegExp(`^${caseNumber.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) });
  }

  requestHeading(caseNumber: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `Request ${caseNumber}` });
  }
}
