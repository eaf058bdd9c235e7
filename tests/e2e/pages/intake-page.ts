import { expect, type Locator, type Page } from '@playwright/test';

/** The priority questions' answers, as the labels the agent sees. */
export interface WizardAnswers {
  securityOrSafety: 'Yes' | 'No';
  missionCritical: 'Yes' | 'No';
  affected: 'One person' | 'Two to five' | 'More than five';
  workEffect: 'Stopped, no workaround' | 'Slowed, a workaround is available' | 'Minimal effect' | 'None, or planned / long-range work';
}

/** One person, slowed but with a workaround: priority 4. */
export const ONE_PERSON_SLOWED: WizardAnswers = {
  securityOrSafety: 'No',
  missionCritical: 'No',
  affected: 'One person',
  workEffect: 'Slowed, a workaround is available',
};

const QUESTIONS: Record<keyof WizardAnswers, string> = {
  securityOrSafety: 'Is there a security or safety concern?',
  missionCritical: 'Is it mission critical?',
  affected: 'How many people are affected?',
  workEffect: 'How is their work affected?',
};

/** "Take a call": the intake screen, from finding the caller to the case number. */
export class IntakePage {
  readonly heading: Locator;
  readonly callerSearch: Locator;
  readonly callerOptions: Locator;
  readonly chosenCaller: Locator;
  readonly changeCaller: Locator;
  readonly newCaller: Locator;
  readonly summary: Locator;
  readonly category: Locator;
  readonly assetTag: Locator;
  readonly description: Locator;
  readonly where: Locator;
  readonly building: Locator;
  readonly room: Locator;
  readonly callbackNumber: Locator;
  readonly channel: Locator;
  readonly questions: Locator;
  readonly decision: Locator;
  readonly preview: Locator;
  readonly cutoffNote: Locator;
  readonly priority: Locator;
  readonly overrideReason: Locator;
  readonly onCallInstruction: Locator;
  readonly onCallConfirm: Locator;
  readonly createButton: Locator;
  readonly discardButton: Locator;
  readonly generalError: Locator;
  readonly created: Locator;
  readonly createdHeading: Locator;
  readonly newIntakeButton: Locator;
  readonly callerHistory: Locator;
  readonly related: Locator;
  readonly outageNote: Locator;
  readonly discardDialog: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Take a call' });
    this.callerSearch = page.getByRole('combobox', { name: 'Find caller' });
    this.callerOptions = page.getByRole('listbox', { name: 'Callers found' });
    this.chosenCaller = page.getByRole('group', { name: 'Caller', exact: true });
    this.changeCaller = page.getByRole('button', { name: 'Change caller' });
    this.newCaller = page.getByRole('group', { name: 'New caller' });
    const problem = page.getByRole('region', { name: 'Problem' });
    this.summary = problem.getByRole('textbox', { name: 'Summary' });
    this.category = problem.getByRole('combobox', { name: 'Category' });
    this.assetTag = problem.getByRole('textbox', { name: 'Asset tag' });
    this.description = problem.getByRole('textbox', { name: 'Description' });
    this.where = page.getByRole('region', { name: 'Where and how to reach them' });
    this.building = this.where.getByRole('combobox', { name: 'Building' });
    this.room = this.where.getByRole('textbox', { name: 'Room' });
    this.callbackNumber = this.where.getByRole('textbox', { name: 'Callback number' });
    this.channel = this.where.getByRole('group', { name: 'Channel' });
    this.questions = page.getByRole('group', { name: 'Priority questions' });
    const decisionRegion = page.getByRole('region', { name: 'Priority and deadlines' });
    this.decision = decisionRegion.getByRole('status');
    this.preview = decisionRegion.locator('.deadline-preview');
    this.cutoffNote = decisionRegion.getByText(/^received .*: counted as submitted/);
    this.priority = page.getByRole('combobox', { name: 'Priority', exact: true });
    this.overrideReason = page.getByRole('textbox', { name: 'Reason for the override' });
    this.onCallInstruction = page.getByRole('alert').filter({ hasText: 'call the on-call technician now' });
    this.onCallConfirm = page.getByRole('checkbox', { name: 'I have called the on-call technician' });
    this.createButton = page.getByRole('button', { name: 'Create case' });
    this.discardButton = page.getByRole('button', { name: 'Discard' });
    this.generalError = page.locator('#intake-error');
    this.created = page.getByRole('region', { name: /Case created/ });
    this.createdHeading = this.created.getByRole('heading', { name: /Case created/ });
    this.newIntakeButton = this.created.getByRole('button', { name: 'New intake' });
    this.callerHistory = page.getByRole('region', { name: 'Caller’s history' });
    this.related = page.getByRole('region', { name: 'Related open cases' });
    this.outageNote = this.related.getByRole('status');
    this.discardDialog = page.getByRole('dialog', { name: 'Discard this intake?' });
  }

  async goto(origin: string): Promise<void> {
    await this.page.goto(`${origin}/#/intake`);
    await expect(this.heading).toBeVisible();
  }

  /** A search result, by the text it shows (name, building, extension…). */
  option(text: string | RegExp): Locator {
    return this.callerOptions.getByRole('option', { name: text });
  }

  question(key: keyof WizardAnswers): Locator {
    return this.questions.getByRole('group', { name: QUESTIONS[key] });
  }

  /** A message with role=alert (a field's error from the core, the priority 1 instruction…). */
  alert(text: string | RegExp): Locator {
    return this.page.getByRole('alert').filter({ hasText: text });
  }

  async findCaller(typed: string, pick: string | RegExp): Promise<void> {
    await this.callerSearch.fill(typed);
    await this.option(pick).click();
    await expect(this.chosenCaller).toBeVisible();
  }

  /**
   * Files a case for a caller not in the directory yet, from wherever the console is: the header's
   * "New intake", then "Create caller" from the search box. Returns the new case's number.
   */
  async fileCaseForNewCaller(newCase: { callerName: string; summary: string; description?: string; priority?: WizardAnswers }): Promise<string> {
    await this.page.getByRole('banner').getByRole('button', { name: 'New intake' }).click();
    await expect(this.callerSearch).toBeFocused();
    await this.callerSearch.fill(newCase.callerName);
    await this.option(`Create caller “${newCase.callerName}”`).click();
    await this.newCaller.getByRole('button', { name: 'Create caller' }).click();
    await expect(this.chosenCaller).toContainText(newCase.callerName);
    await this.summary.fill(newCase.summary);
    if (newCase.description !== undefined) await this.description.fill(newCase.description);
    await this.answer(newCase.priority ?? ONE_PERSON_SLOWED);
    await this.createButton.click();
    return this.createdNumber();
  }

  async answer(answers: WizardAnswers): Promise<void> {
    for (const key of Object.keys(QUESTIONS) as (keyof WizardAnswers)[]) {
      await this.question(key).getByRole('radio', { name: answers[key], exact: true }).check();
    }
  }

  /** The number of the case just created, as shown large on the screen. */
  async createdNumber(): Promise<string> {
    await expect(this.createdHeading).toBeVisible();
    const text = (await this.createdHeading.textContent()) ?? '';
    const found = /DW-\d{6}/.exec(text);
    if (!found) throw new Error(`no case number in "${text}"`);
    return found[0];
  }
}
