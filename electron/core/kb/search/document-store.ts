import type { DocumentTexts, SearchMatcher } from './matcher';
import type { ArticleField, CaseField } from './ranking';

/** How long a document's text is trusted without an event (a change made by another process sends none). */
const TTL_MS = 60_000;
const KEPT = 5_000;

interface Kept<F extends string> {
  texts: Partial<Record<F, string>>;
  at: number;
}

const ARTICLE_FIELDS: readonly ArticleField[] = ['title', 'problem', 'systems', 'solution'];

/**
 * The text of the documents searches keep coming back to (the best few of each keystroke), read
 * once and kept until an event says the document changed: checking a common word on them, or
 * cutting an excerpt, then needs no round trip to the database.
 */
export class DocumentStore {
  private readonly articles = new Map<number, Kept<ArticleField>>();
  private readonly cases = new Map<number, Kept<CaseField>>();

  constructor(private readonly matcher: SearchMatcher) {}

  articleTexts(ids: readonly number[]): Promise<DocumentTexts<ArticleField>> {
    return this.read(this.articles, ids, (missing) => this.matcher.articleTexts(missing, ARTICLE_FIELDS));
  }

  caseTexts(ids: readonly number[]): Promise<DocumentTexts<CaseField>> {
    return this.read(this.cases, ids, (missing) => this.matcher.caseTexts(missing));
  }

  forget(index: 'articles' | 'cases', ids: readonly number[] | 'all'): void {
    const kept = index === 'articles' ? this.articles : this.cases;
    if (ids === 'all') kept.clear();
    else for (const id of ids) kept.delete(id);
  }

  private async read<F extends string>(kept: Map<number, Kept<F>>, ids: readonly number[], load: (ids: number[]) => Promise<DocumentTexts<F>>): Promise<DocumentTexts<F>> {
    const now = Date.now();
    const out: DocumentTexts<F> = new Map();
    const missing: number[] = [];
    for (const id of ids) {
      const k = kept.get(id);
      if (k && now - k.at < TTL_MS) out.set(id, k.texts);
      else missing.push(id);
    }
    if (missing.length) {
      for (const [id, texts] of await load(missing)) {
        out.set(id, texts);
        kept.delete(id);
        kept.set(id, { texts, at: now });
      }
      for (const id of kept.keys()) {
        if (kept.size <= KEPT) break;
        kept.delete(id);
      }
    }
    return out;
  }
}
