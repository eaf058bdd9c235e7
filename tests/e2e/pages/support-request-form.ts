import type { Locator, Page } from '@playwright/test';

/** What an employee answers to the priority questions, by the options' words. */
export interface PlainAnswers {
  securityOrSafety: string;
  missionCritical: string;
  affected: string;
  workEffect: string;
}

/** The Tech Support Center's request form (#/new) and the confirmation that follows it. */
export class SupportRequestForm {
  readonly heading: Locator;
  readonly problem: Locator;
  readonly details: Locator;
  readonly building: Locator;
  readonly room: Locator;
  readonly callbackNumber: Locator;
  readonly screenshots: Locator;
  readonly send: Locator;
  readonly suggestions: Locator;
  readonly sentHeading: Locator;
  readonly caseNumber: Locator;
  readonly callDeskNow: Locator;
  readonly seeRequest: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'New request' });
    this.problem = page.getByLabel('What is wrong?');
    this.details = page.getByLabel('More details');
    this.building = page.getByLabel('Building');
    this.room = page.getByLabel('Room');
    this.callbackNumber = page.getByLabel('Callback number');
    this.screenshots = page.getByLabel('Screenshots', { exact: true });
    this.send = page.getByRole('button', { name: 'Send request' });
    this.suggestions = page.getByRole('region', { name: 'Might this help?' });
    this.sentHeading = page.getByRole('heading', { level: 1, name: 'Request received' });
    this.caseNumber = page.getByTestId('case-number');
    this.callDeskNow = page.getByRole('alert');
    this.seeRequest = page.getByRole('link', { name: 'See this request' });
  }

  /** The radio group of one priority question, by the position it is asked in (0-based). */
  question(index: number): Locator {
    return this.page.locator('fieldset.tsc-choices').nth(index);
  }

  async answer(answers: PlainAnswers): Promise<void> {
    const order: (keyof PlainAnswers)[] = ['securityOrSafety', 'missionCritical', 'affected', 'workEffect'];
    for (const [index, key] of order.entries()) {
      await this.question(index).getByRole('radio', { name: answers[key], exact: true }).check();
    }
  }
}
