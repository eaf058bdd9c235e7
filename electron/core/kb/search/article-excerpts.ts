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
    const versions: { id: number | string; version: number | string }[] = await this.db.query(`SELECT id, version FROM kb_article WHERE id IN (${ids.map(integer).join(', ')})`);
    const stale = versions.filter((v) => this.plain.get(Number(v.id))?.version !== Number(v.version)).map((v) => Number(v.id));
    if (stale.length) {
      const rows: { id: number | string; version: number | string; problem: string; solution: string }[] = await this.db.query(
        `SELECT id, version, problem, solution FROM kb_article WHERE id IN (${stale.map(integer).join(', ')})`,
      );
      for (const r of rows) {
        this.plain.delete(Number(r.id));
        this.plain.set(Number(r.id), { version: Number(r.version), text: `${plainText(r.problem)}\n${plainText(r.solution)}`.trim() });
      }
      // Kept for the articles shown lately: the oldest entries go first.
      for (const id of this.plain.keys()) {
        if (this.plain.size <= KEPT) break;
        this.plain.delete(id);
      }
    }
    for (const id of ids) {
      const article = this.plain.get(id);
      if (article) out.set(id, excerptAround(article.text, groups));
    }
    return out;
  }
}
