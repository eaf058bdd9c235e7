import type { Locator, Page } from '@playwright/test';

/** One case: its details and the timeline of its audit events. */
export class CasePage {
  readonly heading: Locator;
  readonly details: Locator;
  readonly timeline: Locator;
  readonly backToQueue: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.details = page.getByRole('region', { name: 'Details' });
    this.timeline = page.getByRole('list', { name: 'Timeline' });
    this.backToQueue = page.getByRole('link', { name: 'Back to the queue' });
  }

  /** The timeline entries of one kind, e.g. "Created". */
  timelineEntry(kind: string): Locator {
    return this.timeline.getByRole('listitem').filter({ hasText: kind });
  }

  /** The value shown for a detail such as "Caller" or "Priority". */
  detail(term: string): Locator {
    return this.details
      .locator('div')
      .filter({ has: this.page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) })
      .getByRole('definition');
  }
}
