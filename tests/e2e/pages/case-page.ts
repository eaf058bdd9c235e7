import type { Locator, Page } from '@playwright/test';

/** One case: its details, the ways of working it, and the timeline of its audit events. */
export class CasePage {
  readonly heading: Locator;
  readonly details: Locator;
  readonly timeline: Locator;
  readonly backToQueue: Locator;
  readonly editDetails: Locator;
  readonly editForm: Locator;
  readonly changeState: Locator;
  readonly contacts: Locator;
  readonly contactForm: Locator;
  readonly assignment: Locator;
  readonly priority: Locator;
  readonly changePriority: Locator;
  readonly priorityForm: Locator;
  readonly serviceLevel: Locator;
  readonly ledger: Locator;
  readonly phases: Locator;
  readonly noteForm: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.details = page.getByRole('region', { name: 'Details' });
    this.timeline = page.getByRole('list', { name: 'Timeline' });
    this.backToQueue = page.getByRole('link', { name: 'Back to the queue' });
    this.editDetails = this.details.getByRole('button', { name: 'Edit details' });
    this.editForm = page.getByRole('form', { name: 'Edit details' });
    this.changeState = page.getByRole('region', { name: 'Change state' });
    this.contacts = page.getByRole('region', { name: 'Contact with the caller' });
    this.contactForm = page.getByRole('form', { name: 'Log a contact attempt' });
    this.assignment = page.getByRole('region', { name: 'Assignment' });
    this.priority = page.getByRole('region', { name: /^Priority/ });
    this.changePriority = this.priority.getByRole('button', { name: 'Change priority…', exact: true });
    this.priorityForm = this.priority.getByRole('form', { name: 'Change priority' });
    this.serviceLevel = page.getByRole('region', { name: 'Service level' });
    this.ledger = page.getByRole('list', { name: 'SLA ledger' });
    this.phases = page.getByRole('region', { name: /^Phases/ });
    this.noteForm = page.getByRole('form', { name: 'Add a note' });
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

  /** The button of an allowed action ("Acknowledge", "Pending user response", "Resolve"…). */
  action(label: string): Locator {
    return this.changeState.getByRole('group', { name: 'Actions' }).getByRole('button', { name: label, exact: true });
  }

  /** The open form of an action, named by its heading ("Pending user response", "Resolve"…). */
  actionForm(title: string): Locator {
    return this.changeState.getByRole('form', { name: title });
  }

  /** Opens an action's form, fills its fields by label, and submits it with its own button. */
  async takeAction(label: string, title: string, submit: string, fields: Record<string, string> = {}): Promise<void> {
    await this.action(label).click();
    const form = this.actionForm(title);
    for (const [field, value] of Object.entries(fields)) await form.getByLabel(field).fill(value);
    await form.getByRole('button', { name: submit }).click();
  }

  async logContact(method: 'Phone' | 'Email', outcome: 'No answer' | 'Left a message' | 'Emailed' | 'User replied', note?: string): Promise<void> {
    await this.contactForm.getByRole('radio', { name: method }).check();
    await this.contactForm.getByLabel('Outcome').selectOption({ label: outcome });
    if (note !== undefined) await this.contactForm.getByLabel('Contact note').fill(note);
    await this.contactForm.getByRole('button', { name: 'Log contact' }).click();
  }

  /** A fact of the pending-user-response clocks: "Next contact due", "Closes itself on". */
  pendingClock(term: string): Locator {
    return this.contacts
      .locator('div')
      .filter({ has: this.page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) })
      .getByRole('definition');
  }

  /** When a target ("Response", "Resolution") stands and is due, as the service level shows it. */
  slaTarget(term: 'Response' | 'Resolution'): Locator {
    return this.serviceLevel
      .locator('div')
      .filter({ has: this.page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) })
      .getByRole('definition');
  }

  /** One of the priority questions in the open "Change priority" form, by its text. */
  priorityQuestion(text: string): Locator {
    return this.priorityForm.getByRole('group', { name: text });
  }

  /** The alert of a refused change, with the core's words. */
  get problem(): Locator {
    return this.page.getByRole('alert');
  }

  get reloadCase(): Locator {
    return this.page.getByRole('button', { name: 'Reload the case' });
  }
}
