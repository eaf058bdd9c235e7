import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ARTICLES } from '../../electron/core/demo/kb-articles';
import { DEMO_TEXTS } from '../../electron/core/demo/demo-texts';
import { DEFAULT_CATEGORIES } from '../../electron/core/directory/default-lists';

interface RelevancePair {
  query: string;
  expected: string;
}

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'kb-relevance.json');

/** Reads the labelled relevance set, refusing any entry that is not a { query, expected } pair of strings. */
function readRelevancePairs(): RelevancePair[] {
  const raw: unknown = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`${FIXTURE}: expected a JSON array of { query, expected } pairs`);
  return raw.map((entry: unknown, i) => {
    const pair = entry as Partial<RelevancePair> | null;
    if (typeof pair?.query !== 'string' || typeof pair.expected !== 'string') {
      throw new Error(`${FIXTURE}[${i}]: expected { query: string, expected: string }, got ${JSON.stringify(entry)}`);
    }
    return { query: pair.query, expected: pair.expected };
  });
}

const countBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

const duplicates = (values: readonly string[]): string[] => [...countBy(values, (v) => v)].filter(([, n]) => n > 1).map(([v]) => v);

describe('demo knowledge-base articles', () => {
  it('has between 40 and 50 articles with unique slug keys and unique titles', () => {
    expect(DEMO_ARTICLES.length).toBeGreaterThanOrEqual(40);
    expect(DEMO_ARTICLES.length).toBeLessThanOrEqual(50);
    expect(duplicates(DEMO_ARTICLES.map((a) => a.key))).toEqual([]);
    expect(duplicates(DEMO_ARTICLES.map((a) => a.title.toLowerCase()))).toEqual([]);
    for (const a of DEMO_ARTICLES) expect(a.key, a.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('files every article under a default category, at least two per category (Other at least one)', () => {
    for (const a of DEMO_ARTICLES) expect(DEFAULT_CATEGORIES, `${a.key}: category "${a.category}"`).toContain(a.category);
    const perCategory = countBy(DEMO_ARTICLES, (a) => a.category);
    for (const category of DEFAULT_CATEGORIES) {
      const minimum = category === 'Other' ? 1 : 2;
      expect(perCategory.get(category) ?? 0, `articles in "${category}"`).toBeGreaterThanOrEqual(minimum);
    }
  });

  it('names in `solves` only real demo problems of its own category, each claimed by one article at most', () => {
    for (const a of DEMO_ARTICLES) {
      const summaries = (DEMO_TEXTS[a.category]?.problems ?? []).map((p) => p.summary);
      for (const summary of a.solves) expect(summaries, `${a.key}: solves "${summary}"`).toContain(summary);
    }
    expect(duplicates(DEMO_ARTICLES.flatMap((a) => a.solves))).toEqual([]);
  });

  it('gives each article a problem, 3 to 8 numbered steps and the systems it applies to', () => {
    for (const a of DEMO_ARTICLES) {
      expect(a.title.trim(), a.key).not.toBe('');
      expect(a.problem.trim(), a.key).not.toBe('');
      expect(a.systems.length, `${a.key}: systems`).toBeGreaterThan(0);
      expect(['staff', 'public'], a.key).toContain(a.audience);
      const numbered = a.solution.split('\n').filter((line) => /^\d+\. \S/.test(line));
      expect(numbered.length, `${a.key}: steps`).toBeGreaterThanOrEqual(3);
      expect(numbered.length, `${a.key}: steps`).toBeLessThanOrEqual(8);
      expect(numbered.map((line) => Number(line.split('.')[0])), `${a.key}: step numbers`).toEqual(numbered.map((_, i) => i + 1));
    }
  });
});

describe('knowledge-base relevance set (tests/fixtures/kb-relevance.json)', () => {
  const pairs = readRelevancePairs();
  const keys = new Set(DEMO_ARTICLES.map((a) => a.key));
  const titles = new Set(DEMO_ARTICLES.map((a) => a.title.trim().toLowerCase()));

  it('has at least 70 pairs over at least 35 distinct articles, each article at most 3 times', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(70);
    const perArticle = countBy(pairs, (p) => p.expected);
    expect(perArticle.size).toBeGreaterThanOrEqual(35);
    expect([...perArticle].filter(([, n]) => n > 3).map(([key]) => key)).toEqual([]);
  });

  it('expects only real article keys', () => {
    expect(pairs.filter((p) => !keys.has(p.expected)).map((p) => p.expected)).toEqual([]);
  });

  it('asks what an agent would type: 3 to 10 words, never an article title, no query twice', () => {
    for (const { query } of pairs) {
      const words = query.trim().split(/\s+/).length;
      expect(words, query).toBeGreaterThanOrEqual(3);
      expect(words, query).toBeLessThanOrEqual(10);
      expect(titles.has(query.trim().toLowerCase()), `query equals a title: "${query}"`).toBe(false);
    }
    expect(duplicates(pairs.map((p) => p.query.trim().toLowerCase()))).toEqual([]);
  });
});
