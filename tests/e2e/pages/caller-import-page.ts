import type { Locator, Page } from '@playwright/test';

/** "Import callers": a CSV file, a dry run and its report, then the import. */
export class CallerImportPage {
  readonly heading: Locator;
  readonly file: Locator;
  readonly skipInvalid: Locator;
  readonly dryRunButton: Locator;
  readonly importButton: Locator;
  readonly report: Locator;
  readonly reportMessage: Locator;
  readonly problems: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Import callers' });
    this.file = page.getByLabel('CSV file');
    this.skipInvalid = page.getByRole('checkbox', { name: /Skip invalid rows/ });
    this.dryRunButton = page.getByRole('button', { name: 'Check the file (dry run)' });
    this.importButton = page.getByRole('button', { name: 'Import callers' });
    this.report = page.getByRole('region', { name: /report/ });
    this.reportMessage = this.report.getByRole('status');
    this.problems = page.getByRole('table', { name: 'Problems, by line of the file' });
  }

  async chooseFile(name: string, csv: string): Promise<void> {
    await this.file.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  }

  problem(line: number): Locator {
    return this.problems.getByRole('row', { name: new RegExp(`^Line ${line}\\b`) });
  }
}
