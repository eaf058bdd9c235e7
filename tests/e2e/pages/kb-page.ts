import type { Locator, Page } from '@playwright/test';

/**
 * The knowledge base: the search screen with its work lists, an article, its editor (with the
 * live preview and the images) and its history.
 */
export class KbPage {
  readonly navLink: Locator;
  readonly heading: Locator;
  readonly newArticle: Locator;
  readonly search: Locator;
  readonly results: Locator;
  readonly count: Locator;
  readonly notice: Locator;
  readonly worklists: Locator;

  // One article
  readonly actions: Locator;
  readonly edit: Locator;
  readonly publish: Locator;
  readonly retire: Locator;
  readonly retireReason: Locator;
  readonly retireConfirm: Locator;
  readonly history: Locator;
  readonly problem: Locator;
  readonly solution: Locator;
  readonly facts: Locator;

  // The editor
  readonly title: Locator;
  readonly problemInput: Locator;
  readonly solutionInput: Locator;
  readonly imageFile: Locator;
  readonly imageStatus: Locator;
  readonly saveDraft: Locator;
  readonly saveChanges: Locator;
  readonly preview: Locator;
  readonly editorAlert: Locator;

  // The history
  readonly versions: Locator;

  constructor(readonly page: Page) {
    this.navLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Knowledge base' });
    this.heading = page.getByRole('heading', { level: 1, name: 'Knowledge base' });
    this.newArticle = page.getByRole('link', { name: 'New article' });
    this.search = page.getByRole('searchbox', { name: 'Search articles' });
    this.results = page.getByRole('list', { name: 'Articles found' });
    this.count = page.locator('.kb-count');
    this.notice = page.locator('p.confirmation[role="status"]');
    this.worklists = page.getByRole('region', { name: 'Work lists' });

    this.actions = page.getByRole('group', { name: 'Article actions' });
    this.edit = this.actions.getByRole('link', { name: 'Edit' });
    this.publish = this.actions.getByRole('button', { name: 'Publish' });
    this.retire = this.actions.getByRole('button', { name: 'Retire…' });
    this.retireReason = page.getByLabel('Reason');
    this.retireConfirm = page.getByRole('button', { name: 'Retire article' });
    this.history = this.actions.getByRole('link', { name: 'History' });
    this.problem = page.getByRole('region', { name: 'Problem and symptoms' });
    this.solution = page.getByRole('region', { name: 'Solution' });
    this.facts = page.getByRole('region', { name: 'About this article' });

    this.title = page.getByLabel('Title', { exact: true });
    this.problemInput = page.getByLabel('Problem and symptoms', { exact: true });
    this.solutionInput = page.getByLabel('Solution steps', { exact: true });
    this.imageFile = page.getByLabel('Add an image');
    this.imageStatus = page.getByRole('region', { name: 'Images' }).getByRole('status');
    this.saveDraft = page.getByRole('button', { name: 'Save draft' });
    this.saveChanges = page.getByRole('button', { name: 'Save changes' });
    this.preview = page.getByRole('region', { name: 'Preview' });
    this.editorAlert = page.locator('#kb-editor-error');

    this.versions = page.getByRole('table', { name: 'Versions, newest first' });
  }

  /** `base`: the server's address with its token (a first load), or its origin (the console is open already). */
  async goto(base: string, path = ''): Promise<void> {
    await this.page.goto(`${base.endsWith('/') || base.includes('?') ? base : `${base}/`}#/kb${path}`);
  }

  articleHeading(title: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: title, exact: true });
  }

  result(title: string): Locator {
    return this.results.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
  }

  async searchFor(words: string): Promise<void> {
    await this.search.fill(words);
    await this.search.press('Enter');
  }

  worklist(caption: string): Locator {
    return this.worklists.getByRole('table', { name: caption });
  }

  viewVersion(n: number): Locator {
    return this.versions.getByRole('button', { name: `View version ${n}` });
  }

  restoreVersion(n: number): Locator {
    return this.page.getByRole('button', { name: `Restore version ${n}` });
  }

  async chooseImage(name: string, mimeType: string, buffer: Buffer): Promise<void> {
    await this.imageFile.setInputFiles({ name, mimeType, buffer });
  }
}
