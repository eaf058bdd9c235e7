import type { Locator, Page } from '@playwright/test';

/** "Service levels": the SLA policy in force, its versions, the draft editor, comparison and publishing. */
export class PolicyPage {
  readonly heading: Locator;
  readonly navLink: Locator;
  readonly inForce: Locator;
  readonly compared: Locator;
  readonly versions: Locator;
  readonly notice: Locator;
  readonly newDraftButton: Locator;
  readonly saveDraftButton: Locator;
  readonly saveAndCompareButton: Locator;
  readonly effectiveFrom: Locator;
  readonly publishButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Service levels' });
    this.navLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Service levels' });
    this.inForce = page.getByTestId('policy-in-force');
    this.compared = page.getByTestId('policy-compared');
    this.versions = page.getByTestId('policy-versions');
    this.notice = page.getByRole('status').filter({ hasText: /Draft|published|review/ });
    this.newDraftButton = page.getByRole('button', { name: 'New draft', exact: true });
    this.saveDraftButton = page.getByRole('button', { name: 'Save draft' });
    this.saveAndCompareButton = page.getByRole('button', { name: /Save and compare/ });
    this.effectiveFrom = page.getByLabel(/Effective from/);
    this.publishButton = page.getByRole('button', { name: 'Publish', exact: true });
  }

  amount(priority: number, kind: 'response' | 'resolution'): Locator {
    return this.page.getByLabel(`Priority ${priority} ${kind} amount`);
  }

  /** A cell of a version's table: "2.response". */
  cell(table: Locator, key: string): Locator {
    return table.locator(`[data-cell="${key}"]`);
  }

  versionRow(version: string): Locator {
    return this.versions.locator(`tr[data-version="${version}"]`);
  }
}
