import type { DataSource } from 'typeorm';
import { excerptAround, plainText } from './excerpt';
import type { Phrase } from './query-plan';
import { integer } from './sql-kit';

const KEPT = 2_000;

interface PlainArticle {
  version: number;
  /** Problem, then solution, as plain text. */
  text: string;
}

/** Articles' bodies as plain text, kept per version: Markdown is parsed once per article version, not per keystroke. */
export class ArticleExcerpts {
  private readonly plain = new Map<number, PlainArticle>();

  constructor(private readonly db: DataSource) {}

  /** An excerpt per article id, around what the groups match. */
  async excerpts(ids: readonly number[], groups: readonly (readonly Phrase[])[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    if (!ids.length) return out;
    // The bodies come with every read (a few kilobytes); they are parsed again only for a new version.
    const rows: { id: number | string; version: number | string; problem: string; solution: string }[] = await this.db.query(
      `SELECT id, version, problem, solution FROM kb_article WHERE id IN (${ids.map(integer).join(', ')})`,
    );
    for (const r of rows) {
      const id = Number(r.id);
      if (this.plain.get(id)?.version === Number(r.version)) continue;
      this.plain.delete(id);
      this.plain.set(id, { version: Number(r.version), text: `${plainText(r.problem)}\n${plainText(r.solution)}`.trim() });
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
