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

/** The queue of open cases, with the "New case" form beside it. */
export class QueuePage {
  readonly heading: Locator;
  readonly table: Locator;
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
    this.table = page.getByRole('table', { name: 'Open cases' });
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
}
