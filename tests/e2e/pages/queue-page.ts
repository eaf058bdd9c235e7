import type { Locator, Page } from '@playwright/test';

/** The priority wizard's answers, as the labels the agent clicks. */
export interface PriorityAnswers {
  securityOrSafety: 'Yes' | 'No';
  missionCritical: 'Yes' | 'No';
  affected: 'One person' | 'Two to five' | 'More than five';
  workEffect: 'Stopped, no workaround' | 'Slowed, a workaround is available' | 'Minimal effect' | 'None, or planned / long-range work';
}

export interface NewCase {
  callerName: string;
  summary: string;
  description?: string;
  priority?: PriorityAnswers;
}

/** One person, slowed but with a workaround: priority 4. */
export const ONE_PERSON_WITH_WORKAROUND: PriorityAnswers = {
  securityOrSafety: 'No',
  missionCritical: 'No',
  affected: 'One person',
  workEffect: 'Slowed, a workaround is available',
};

const QUESTIONS: Record<keyof PriorityAnswers, string> = {
  securityOrSafety: 'Is there a security or safety concern?',
  missionCritical: 'Is it mission critical?',
  affected: 'How many people are affected?',
  workEffect: 'How is their work affected?',
};

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
  readonly form: Locator;
  readonly callerName: Locator;
  readonly summary: Locator;
  readonly description: Locator;
  readonly createButton: Locator;
  readonly formError: Locator;
  readonly confirmation: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Case queue' });
    this.grid = page.getByRole('grid', { name: 'Open cases' });
    this.table = this.grid;
    this.count = page.locator('.queue-count');
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
    this.form = page.getByRole('complementary', { name: 'New case' });
    this.callerName = this.form.getByLabel('Caller name');
    this.summary = this.form.getByLabel('Summary');
    this.description = this.form.getByLabel('Description');
    this.createButton = this.form.getByRole('button', { name: 'Create case' });
    this.formError = this.form.getByRole('alert');
    this.confirmation = this.form.getByRole('status').filter({ hasText: 'created' });
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

  async answerPriority(answers: PriorityAnswers): Promise<void> {
    for (const key of Object.keys(QUESTIONS) as (keyof PriorityAnswers)[]) {
      await this.form.getByRole('group', { name: QUESTIONS[key] }).getByRole('radio', { name: answers[key], exact: true }).check();
    }
  }

  async fillCase(newCase: NewCase): Promise<void> {
    await this.callerName.fill(newCase.callerName);
    await this.summary.fill(newCase.summary);
    if (newCase.description !== undefined) await this.description.fill(newCase.description);
    await this.answerPriority(newCase.priority ?? ONE_PERSON_WITH_WORKAROUND);
  }

  async fileCase(newCase: NewCase): Promise<void> {
    await this.fillCase(newCase);
    await this.createButton.click();
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
