import type { Locator, Page } from '@playwright/test';

/** The reassign dialog: shared by the queue's selection and the board. */
export class ReassignDialog {
  readonly dialog: Locator;
  readonly assignTo: Locator;
  readonly reason: Locator;
  readonly confirm: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog');
    this.assignTo = this.dialog.getByLabel('Assign to');
    this.reason = this.dialog.getByLabel('Reason');
    this.confirm = this.dialog.getByRole('button', { name: 'Reassign' });
    this.error = this.dialog.getByRole('alert');
  }

  async complete(reason: string, assignTo?: string): Promise<void> {
    if (assignTo !== undefined) await this.assignTo.selectOption({ label: assignTo });
    await this.reason.fill(reason);
    await this.confirm.click();
  }
}

/** The supervisors' workload board: a column per technician and Unassigned, case cards to move. */
export class BoardPage {
  readonly heading: Locator;
  readonly notice: Locator;
  readonly selection: Locator;
  readonly moveSelected: Locator;
  readonly reassign: ReassignDialog;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Workload board' });
    this.notice = page.getByRole('status').filter({ hasText: 'moved to' });
    this.selection = page.getByRole('region', { name: 'Selected cases' });
    this.moveSelected = this.selection.getByRole('button', { name: 'Move selected…' });
    this.reassign = new ReassignDialog(page);
  }

  async goto(origin: string): Promise<void> {
    await this.page.goto(`${origin}/#/board`);
  }

  /** A person's column ("Unassigned" for the cases nobody has). */
  column(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  /** A figure at the head of a column: "Open", "At risk", "Breached", "Hours left". */
  stat(column: string, term: string): Locator {
    return this.column(column)
      .locator('div')
      .filter({ has: this.page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) })
      .getByRole('definition');
  }

  /** A case's card, wherever it is on the board. */
  card(caseNumber: string): Locator {
    return this.page.getByRole('listitem').filter({ has: this.page.getByRole('link', { name: caseNumber, exact: true }) });
  }

  cardsOf(column: string): Locator {
    return this.column(column).getByRole('list', { name: `Cases of ${column}` }).getByRole('listitem');
  }
}
