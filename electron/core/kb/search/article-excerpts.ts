import type { DocumentStore } from './document-store';
import { excerptAround, plainText } from './excerpt';
import type { Phrase } from './query-plan';

const KEPT = 2_000;

interface PlainArticle {
  /** The Markdown it was made from. */
  source: string;
  /** Problem, then solution, as plain text. */
  text: string;
}

/** Articles' bodies as plain text: Markdown is parsed once per body, not per keystroke. */
export class ArticleExcerpts {
  private readonly plain = new Map<number, PlainArticle>();

  constructor(private readonly store: DocumentStore) {}

  /** An excerpt per article id, around what the groups match. */
  async excerpts(ids: readonly number[], groups: readonly (readonly Phrase[])[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    if (!ids.length) return out;
    for (const [id, texts] of await this.store.articleTexts(ids)) {
      const source = `${texts.problem ?? ''}\n${texts.solution ?? ''}`;
      if (this.plain.get(id)?.source === source) continue;
      this.plain.delete(id);
      this.plain.set(id, { source, text: `${plainText(texts.problem ?? '')}\n${plainText(texts.solution ?? '')}`.trim() });
    }
    // Kept for the articles shown lately: the oldest entries go first.
    for (const id of this.plain.keys()) {
      if (this.plain.size <= KEPT) break;
      this.plain.delete(id);
    }
    for (const id of ids) {
      const article = this.plain.get(id);
      if (article) out.set(id, excerptAround(article.text, groups));
    }
    return out;
  }
}
