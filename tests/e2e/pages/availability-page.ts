import type { Locator, Page } from '@playwright/test';

/** The Availability screen: who is in, out or on call now, absences, the on-call roster. */
export class AvailabilityPage {
  readonly heading: Locator;
  readonly status: Locator;
  readonly absenceForm: Locator;
  readonly shiftForm: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Availability' });
    this.status = page.getByRole('status').filter({ hasText: /recorded|on the roster|saved|deleted/ });
    this.absenceForm = page.getByRole('form', { name: 'Record an absence' });
    this.shiftForm = page.getByRole('form', { name: 'Add an on-call shift' });
  }

  /** `url`: the console's address with its access token (deskwatch.url). */
  async goto(url: string): Promise<void> {
    await this.page.goto(`${url}#/availability`);
  }

  /** A person's row in "Now". */
  now(name: string): Locator {
    return this.page.getByRole('region', { name: 'Now' }).getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  async recordAbsence(person: string, kind: string, firstDay: string, lastDay: string): Promise<void> {
    await this.absenceForm.getByLabel('Person', { exact: true }).selectOption({ label: person });
    await this.absenceForm.getByLabel('Kind').selectOption({ label: kind });
    await this.absenceForm.getByLabel('First day').fill(firstDay);
    await this.absenceForm.getByLabel('Last day').fill(lastDay);
    await this.absenceForm.getByRole('button', { name: 'Record absence' }).click();
  }

  /** A shift between two desk wall times (YYYY-MM-DDTHH:mm). */
  async addShift(person: string, starts: string, ends: string): Promise<void> {
    await this.shiftForm.getByLabel('Person', { exact: true }).selectOption({ label: person });
    await this.shiftForm.getByLabel('Starts').fill(starts);
    await this.shiftForm.getByLabel('Ends').fill(ends);
    await this.shiftForm.getByRole('button', { name: 'Add shift' }).click();
  }
}
