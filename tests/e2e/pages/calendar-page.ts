import type { Locator, Page } from '@playwright/test';

/** "Desk calendar": the district's closure dates; supervisors add, remove and import them. */
export class CalendarPage {
  readonly heading: Locator;
  readonly navLink: Locator;
  readonly closures: Locator;
  readonly notice: Locator;
  readonly holidays: Locator;
  readonly dateInput: Locator;
  readonly nameInput: Locator;
  readonly addButton: Locator;
  readonly dateError: Locator;
  readonly nameError: Locator;
  readonly confirmDialog: Locator;
  readonly icsFile: Locator;
  readonly dryRunButton: Locator;
  readonly importButton: Locator;
  readonly report: Locator;
  readonly reportMessage: Locator;
  readonly wouldBeAdded: Locator;
  readonly added: Locator;
  readonly alreadyClosed: Locator;
  readonly skipped: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Desk calendar' });
    this.navLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Desk calendar' });
    this.closures = page.getByRole('table', { name: 'District closure dates' });
    this.notice = page.getByRole('status').filter({ hasText: /closed|closure date/ });
    this.holidays = page.getByText(/public holidays close the desk/);
    this.dateInput = page.getByLabel('Date', { exact: true });
    this.nameInput = page.getByLabel('Name', { exact: true });
    this.addButton = page.getByRole('button', { name: 'Add closure date' });
    this.dateError = page.locator('#closure-date-error');
    this.nameError = page.locator('#closure-name-error');
    this.confirmDialog = page.getByRole('dialog', { name: 'Remove this closure date?' });
    this.icsFile = page.getByLabel('Calendar file (.ics)');
    this.dryRunButton = page.getByRole('button', { name: 'Check the file (dry run)' });
    this.importButton = page.getByRole('button', { name: 'Import closure dates' });
    this.report = page.getByRole('region', { name: /report/ });
    this.reportMessage = this.report.getByRole('status');
    this.wouldBeAdded = this.report.getByRole('table', { name: 'Would be added' });
    this.added = this.report.getByRole('table', { name: 'Added' });
    this.alreadyClosed = this.report.getByRole('list', { name: 'Already closed' });
    this.skipped = this.report.getByRole('table', { name: 'Skipped events' });
  }

  /** The row of one closure date, found by the date as shown ("Tuesday, December 1, 2026"). */
  closure(day: string): Locator {
    return this.closures.getByRole('row', { name: new RegExp(`^${day}\\b`) });
  }

  removeButton(name: string, day: string): Locator {
    return this.closures.getByRole('button', { name: `Remove ${name}, ${day}` });
  }

  async add(date: string, name: string): Promise<void> {
    await this.dateInput.fill(date);
    await this.nameInput.fill(name);
    await this.addButton.click();
  }

  async chooseIcs(name: string, ics: string): Promise<void> {
    await this.icsFile.setInputFiles({ name, mimeType: 'text/calendar', buffer: Buffer.from(ics, 'utf8') });
  }
}
