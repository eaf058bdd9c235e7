import type { Locator, Page } from '@playwright/test';

/** Find cases: the search form, the results table with its sortable columns and pages, and the exports. */
export class CaseSearchPage {
  readonly navLink: Locator;
  readonly heading: Locator;
  readonly words: Locator;
  readonly search: Locator;
  readonly count: Locator;
  readonly table: Locator;
  readonly exportCsv: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.navLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Find cases' });
    this.heading = page.getByRole('heading', { level: 1, name: 'Find cases' });
    this.words = page.getByLabel('Words');
    this.search = page.getByRole('search', { name: 'Find cases' }).getByRole('button', { name: 'Search' });
    this.count = page.locator('.case-search-count');
    this.table = page.getByRole('table', { name: 'Cases found' });
    this.exportCsv = page.getByRole('button', { name: 'Export CSV' });
    this.notice = page.locator('.case-search-page .confirmation');
  }

  rows(): Locator {
    return this.table.locator('tbody tr').filter({ has: this.page.getByRole('link') });
  }
}
