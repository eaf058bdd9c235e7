import type { Locator, Page } from '@playwright/test';

/** "Announcements": the list, one announcement, and the draft form. */
export class AnnouncementsPage {
  readonly navLink: Locator;
  readonly listHeading: Locator;
  readonly table: Locator;
  readonly reminders: Locator;
  readonly newLink: Locator;
  readonly heading: Locator;
  readonly meta: Locator;
  readonly notice: Locator;
  readonly facts: Locator;
  readonly publishButton: Locator;
  readonly reasonInput: Locator;
  readonly reasonError: Locator;
  readonly updates: Locator;
  readonly updateInput: Locator;
  readonly postUpdateButton: Locator;
  readonly closeButton: Locator;
  readonly editLink: Locator;
  readonly linkedCases: Locator;
  readonly outageNote: Locator;
  readonly resolveButton: Locator;
  readonly resolution: Locator;

  constructor(readonly page: Page) {
    this.navLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Announcements' });
    this.listHeading = page.getByRole('heading', { level: 1, name: 'Announcements' });
    this.table = page.getByRole('table', { name: 'Announcements' });
    this.reminders = page.getByRole('region', { name: 'Drafts past their notice deadline' });
    this.newLink = page.getByRole('link', { name: 'New announcement' });
    this.heading = page.getByRole('heading', { level: 1 });
    this.meta = page.locator('.announcement-meta');
    this.notice = page.locator('p.confirmation[role="status"]');
    this.facts = page.locator('.announcement-facts');
    this.publishButton = page.getByRole('button', { name: 'Publish', exact: true });
    this.reasonInput = page.getByLabel('Reason for working outside the maintenance window');
    this.reasonError = page.locator('#publish-reason-error');
    this.updates = page.getByRole('list', { name: 'Updates' });
    this.updateInput = page.getByLabel('Update', { exact: true });
    this.postUpdateButton = page.getByRole('button', { name: 'Post update' });
    this.closeButton = page.getByRole('button', { name: 'Close announcement' });
    this.editLink = page.getByRole('link', { name: 'Edit draft' });
    this.linkedCases = page.getByRole('region', { name: 'Linked cases' });
    this.outageNote = page.getByLabel('Resolution notes');
    this.resolveButton = page.getByRole('button', { name: 'Resolve outage and its cases' });
    this.resolution = this.linkedCases.locator('.outage-resolution');
  }

  row(title: string): Locator {
    return this.table.getByRole('row').filter({ hasText: title });
  }

  /** Fills the draft form; `start` is a wall time in the desk's zone (YYYY-MM-DDTHH:mm). */
  async fillDraft(draft: { kind: string; title: string; description: string; services: string; buildings: string[]; start: string; minutes: number }): Promise<void> {
    await this.page.getByLabel('Kind').selectOption({ label: draft.kind });
    await this.page.getByLabel('Title').fill(draft.title);
    await this.page.getByLabel('Description').fill(draft.description);
    await this.page.getByLabel('Affected services').fill(draft.services);
    for (const building of draft.buildings) await this.page.getByRole('group', { name: 'Buildings' }).getByLabel(building).check();
    await this.page.getByLabel('Start').fill(draft.start);
    await this.page.getByLabel('Expected duration (minutes)').fill(String(draft.minutes));
  }
}
