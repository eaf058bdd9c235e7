/**
 * Relevance of intake's article suggestions: every demo article published, every labelled query
 * (tests/fixtures/kb-relevance.json, written from the articles' symptoms in other words) typed as
 * an agent would, no category or building given. The expected article must be in the top 3 for
 * at least 80% of the queries, on both databases; the figures are printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ARTICLES } from '../../electron/core/demo/kb-articles';
import { DATABASE_KINDS } from '../support/databases';
import { kbSearchDesk, type KbSearchDesk } from './kb-search-fixture';

interface LabelledQuery {
  query: string;
  expected: string;
}

const PAIRS: LabelledQuery[] = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'kb-relevance.json'), 'utf8'));
const TOP = 3;

export interface RelevanceFigures {
  queries: number;
  /** Share of queries whose expected article is among the first three suggestions. */
  top3: number;
  /** Mean reciprocal rank of the expected article among the five suggestions (0 when absent). */
  mrr: number;
  misses: { query: string; expected: string; got: string[] }[];
}

describe.each(DATABASE_KINDS)('article suggestions for labelled queries on %s', (kind) => {
  let desk: KbSearchDesk;
  const idByKey = new Map<string, number>();

  beforeAll(async () => {
    desk = await kbSearchDesk(kind);
    for (const a of DEMO_ARTICLES) {
      idByKey.set(a.key, await desk.article({ title: a.title, problem: a.problem, solution: a.solution, systems: a.systems, category: a.category, audience: a.audience }));
    }
  }, 60_000);
  afterAll(async () => {
    await desk.dispose();
  });

  it('has a labelled set of at least 50 queries, each naming a demo article', () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(50);
    for (const p of PAIRS) expect(idByKey.has(p.expected), `${p.query} → ${p.expected}`).toBe(true);
  });

  it('puts the expected article in the top 3 for at least 80% of the queries', async () => {
    const keyById = new Map([...idByKey].map(([key, id]) => [id, key]));
    let inTop = 0;
    let reciprocal = 0;
    const misses: RelevanceFigures['misses'] = [];
    for (const pair of PAIRS) {
      const found = await desk.search.suggest(pair.query, {}, 5);
      const keys = found.articles.map((a) => keyById.get(a.id) ?? String(a.id));
      const rank = keys.indexOf(pair.expected);
      if (rank >= 0 && rank < TOP) inTop += 1;
      else misses.push({ query: pair.query, expected: pair.expected, got: keys.slice(0, TOP) });
      if (rank >= 0) reciprocal += 1 / (rank + 1);
    }
    const figures: RelevanceFigures = { queries: PAIRS.length, top3: inTop / PAIRS.length, mrr: reciprocal / PAIRS.length, misses };
    console.log(
      `[kb relevance on ${kind}] ${inTop}/${PAIRS.length} in the top ${TOP} (${(figures.top3 * 100).toFixed(1)}%), MRR ${figures.mrr.toFixed(3)}` +
        misses.map((m) => `\n  miss: "${m.query}" → ${m.expected}; got ${m.got.join(', ') || 'nothing'}`).join(''),
    );
    expect(figures.top3).toBeGreaterThanOrEqual(0.8);
  });
});
