import type { Locator, Page } from '@playwright/test';

/**
 * Intake's knowledge-base suggestions beside the summary, and the side panel one opens in (an
 * article, or a similar resolved case).
 */
export class KbSuggestionsPanel {
  readonly region: Locator;
  /** The polite status line: how many articles and cases, "Did you mean …". */
  readonly status: Locator;
  readonly list: Locator;
  readonly articles: Locator;
  readonly cases: Locator;
  /** The side panel, named by what it shows ("KB-1 …", "DW-000003 …"). */
  readonly panel: Locator;
  readonly solvedWithThisArticle: Locator;
  /** Why "Solved with this article" did not file the case. */
  readonly panelProblem: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Suggestions', exact: true });
    this.status = this.region.getByRole('status').first();
    this.list = this.region.getByRole('listbox', { name: 'Suggestions' });
    this.articles = this.list.getByRole('group', { name: 'Articles' }).getByRole('option');
    this.cases = this.list.getByRole('group', { name: 'Similar resolved cases' }).getByRole('option');
    this.panel = page.getByRole('region', { name: /^(KB|DW)-\d+ / });
    this.solvedWithThisArticle = this.panel.getByRole('button', { name: 'Solved with this article' });
    this.panelProblem = this.panel.getByRole('alert').filter({ hasText: 'The case was not filed.' });
  }

  /** A suggested article, by its number and title as the list shows them. */
  article(text: string | RegExp): Locator {
    return this.articles.filter({ hasText: text });
  }

  similarCase(text: string | RegExp): Locator {
    return this.cases.filter({ hasText: text });
  }

  /** The id of the element that has the focus (the summary box is `intake-summary`, the list `kb-suggest-list`). */
  focusedId(): Promise<string> {
    return this.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id ?? '');
  }

  /** Where the caret stands in the focused text box: [start, end]. */
  caret(): Promise<[number | null, number | null]> {
    return this.page.evaluate(() => {
      const active = (globalThis as unknown as { document: { activeElement: { selectionStart?: number | null; selectionEnd?: number | null } | null } }).document
        .activeElement;
      return [active?.selectionStart ?? null, active?.selectionEnd ?? null] as [number | null, number | null];
    });
  }
}
