/**
 * A held-out relevance check for intake's article suggestions, written apart from the demo
 * articles and the labelled set in kb-relevance.json: sixteen school help desk articles on other
 * topics (tests/fixtures/kb-held-out.json), a few in pairs about the same device with different
 * faults, and three queries for each typed as a phone agent types a caller's words. Only these
 * articles are published; each query asks for five suggestions with no category or building. The
 * expected article must be in the top 3 for at least 80% of the queries on each database; the
 * figures and the misses are printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleAudience } from '../../shared/knowledge';
import { DATABASE_KINDS } from '../support/databases';
import { kbSearchDesk, type KbSearchDesk } from './kb-search-fixture';

interface HeldOutArticle {
  key: string;
  title: string;
  problem: string;
  solution: string;
  category: string;
  systems: string[];
  audience: ArticleAudience;
}

interface LabelledQuery {
  query: string;
  expected: string;
}

const HELD_OUT: { articles: HeldOutArticle[]; queries: LabelledQuery[] } = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'kb-held-out.json'), 'utf8'),
);
const TOP = 3;

describe.each(DATABASE_KINDS)('article suggestions for held-out queries on %s', (kind) => {
  let desk: KbSearchDesk;
  const idByKey = new Map<string, number>();
  const titleById = new Map<number, string>();

  beforeAll(async () => {
    desk = await kbSearchDesk(kind);
    for (const a of HELD_OUT.articles) {
      const id = await desk.article({ title: a.title, problem: a.problem, solution: a.solution, systems: a.systems, category: a.category, audience: a.audience });
      idByKey.set(a.key, id);
      titleById.set(id, a.title);
    }
  }, 60_000);
  afterAll(async () => {
    await desk.dispose();
  });

  it('has sixteen articles with three queries each, every query naming one of them', () => {
    expect(HELD_OUT.articles).toHaveLength(16);
    expect(HELD_OUT.queries).toHaveLength(48);
    for (const q of HELD_OUT.queries) expect(idByKey.has(q.expected), `${q.query} → ${q.expected}`).toBe(true);
    for (const key of idByKey.keys()) expect(HELD_OUT.queries.filter((q) => q.expected === key)).toHaveLength(3);
  });

  it('puts the expected article in the top 3 for at least 80% of the held-out queries', async () => {
    const keyById = new Map([...idByKey].map(([key, id]) => [id, key]));
    const titleOf = (key: string) => HELD_OUT.articles.find((a) => a.key === key)?.title ?? key;
    let inTop = 0;
    let reciprocal = 0;
    const misses: { query: string; expected: string; rank: number; got: string[] }[] = [];
    for (const q of HELD_OUT.queries) {
      const found = await desk.search.suggest(q.query, {}, 5);
      const keys = found.articles.map((a) => keyById.get(a.id) ?? String(a.id));
      const rank = keys.indexOf(q.expected);
      if (rank >= 0 && rank < TOP) inTop += 1;
      else misses.push({ query: q.query, expected: q.expected, rank, got: found.articles.slice(0, TOP).map((a) => titleById.get(a.id) ?? String(a.id)) });
      if (rank >= 0) reciprocal += 1 / (rank + 1);
    }
    const total = HELD_OUT.queries.length;
    const top3 = inTop / total;
    const mrr = reciprocal / total;
    console.log(
      `[kb held-out on ${kind}] ${inTop}/${total} in the top ${TOP} (${(top3 * 100).toFixed(1)}%), MRR ${mrr.toFixed(3)}` +
        misses
          .map((m) => `\n  miss: "${m.query}" → ${m.expected} (${titleOf(m.expected)}), ${m.rank >= 0 ? `at ${m.rank + 1}` : 'not in the five'}; got ${m.got.map((t) => `"${t}"`).join(', ') || 'nothing'}`)
          .join(''),
    );
    expect(top3).toBeGreaterThanOrEqual(0.8);
  });
});
