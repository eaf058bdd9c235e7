import type { Locator, Page } from '@playwright/test';

/** The queue of open cases: a virtualized grid, its filters and saved views, and reassigning. */
export class QueuePage {
  readonly heading: Locator;
  /** The grid of open cases (role grid; only the rows in view are in the DOM). */
  readonly table: Locator;
  readonly grid: Locator;
  readonly count: Locator;
  readonly notice: Locator;
  readonly filters: Locator;
  readonly search: Locator;
  readonly mine: Locator;
  readonly unassigned: Locator;
  readonly state: Locator;
  readonly building: Locator;
  readonly category: Locator;
  readonly deadlines: Locator;
  readonly clearFilters: Locator;
  readonly savedViews: Locator;
  readonly viewName: Locator;
  readonly saveView: Locator;
  readonly selection: Locator;
  readonly reassignSelected: Locator;
  readonly workloadBoard: Locator;
  readonly liveUpdatesOn: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Case queue' });
    this.grid = page.getByRole('grid', { name: 'Open cases' });
    this.table = this.grid;
    this.count = page.getByText(/^\d+( of \d+)? open cases?$/);
    this.notice = page.getByRole('status').filter({ hasText: /yours now|handed back|moved to/ });
    this.filters = page.getByRole('search', { name: 'Filter the queue' });
    this.search = this.filters.getByRole('searchbox', { name: 'Search' });
    this.mine = this.filters.getByRole('checkbox', { name: 'Mine' });
    this.unassigned = this.filters.getByRole('checkbox', { name: 'Unassigned' });
    this.state = this.filters.getByRole('combobox', { name: 'State' });
    this.building = this.filters.getByRole('combobox', { name: 'Building' });
    this.category = this.filters.getByRole('combobox', { name: 'Category' });
    this.deadlines = this.filters.getByRole('combobox', { name: 'Deadlines' });
    this.clearFilters = this.filters.getByRole('button', { name: 'Clear filters' });
    this.savedViews = page.getByRole('region', { name: 'Saved views' });
    this.viewName = this.savedViews.getByRole('textbox', { name: 'View name' });
    this.saveView = this.savedViews.getByRole('button', { name: 'Save view' });
    this.selection = page.getByRole('region', { name: 'Selected cases' });
    this.reassignSelected = this.selection.getByRole('button', { name: 'Reassign selected…' });
    this.workloadBoard = page.getByRole('link', { name: 'Workload board' });
    this.liveUpdatesOn = page.getByRole('status').filter({ hasText: 'Live updates on' });
  }

  async goto(origin: string): Promise<void> {
    await this.page.goto(`${origin}/#/queue`);
  }

  /** The row of the case whose row mentions `text` (its summary, number or caller). */
  caseRow(text: string): Locator {
    return this.table.getByRole('row').filter({ hasText: text });
  }

  /** Body rows that are cases (each has its case number as a row header). */
  caseRows(): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader') });
  }

  async openCase(caseNumber: string): Promise<void> {
    await this.table.getByRole('link', { name: caseNumber }).click();
  }

  /** A priority filter checkbox ("P1"…"P5"). */
  priority(label: string): Locator {
    return this.filters.getByRole('group', { name: 'Priority' }).getByRole('checkbox', { name: label, exact: true });
  }

  /** A saved view's button, which applies it (pressed while its filters are the current ones). */
  savedView(name: string): Locator {
    return this.savedViews.getByRole('button', { name, exact: true });
  }

  /** The row's SLA cell for "Response" or "Resolution" (icon, word and countdown). */
  deadline(caseText: string, target: 'Response' | 'Resolution'): Locator {
    return this.caseRow(caseText).getByTitle(new RegExp(`^(${target} due|No ${target.toLowerCase()} target)`));
  }

  take(caseNumber: string): Locator {
    return this.grid.getByRole('button', { name: `Take ${caseNumber}` });
  }

  handBack(caseNumber: string): Locator {
    return this.grid.getByRole('button', { name: `Hand back ${caseNumber}` });
  }

  selectCase(caseNumber: string): Locator {
    return this.grid.getByRole('checkbox', { name: `Select ${caseNumber}` });
  }

  /** Case numbers of the rows in the DOM, top to bottom (the virtualized grid renders those in view). */
  async visibleNumbers(): Promise<string[]> {
    return this.caseRows().getByRole('rowheader').allTextContents().then((all) => all.map((t) => t.trim()));
  }
}
