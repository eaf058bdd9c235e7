import type { ArticleScope, Candidate, CaseScope, ProbeResult, SearchMatcher } from './matcher';
import { finalScore, groupWeight, type ArticleField, type IndexName, type WeightedGroup } from './ranking';

/** Documents kept between listing and ordering: enough for a page of results and the context boosts to reorder. */
export const POOL = 30;
/** Most recent resolved cases looked at when every typed word is common (or the rare ones found too few). */
export const RECENT_WINDOW = 300;

/**
 * How many index entries (documents, estimated) one search may list per index. A word listed
 * costs about 1 µs per document on SQLite and 2–5 µs on PostgreSQL (a heap visit each), so a
 * search over words found in tens of thousands of cases must not list them all.
 */
export type ListingBudget = Record<IndexName, number>;

export interface Ranked {
  id: number;
  score: number;
}

const ALL_ARTICLE_FIELDS: readonly ArticleField[] = ['title', 'problem', 'systems', 'solution'];

/**
 * Orders documents for a query in two steps, the same on both databases:
 *
 * 1. List: the groups whose documents fit the budget (rarest first) are listed in full, scored
 *    in SQL, and the best POOL kept. Rare words are the ones that tell documents apart.
 * 2. Probe: the remaining (common) groups are checked on the kept documents only, and the
 *    documents are scored again with every group. A document that only the common words match
 *    is found through the recent window (cases) or its title (articles) instead.
 */
export class Ranker {
  constructor(
    private readonly matcher: SearchMatcher,
    private readonly budget: ListingBudget,
  ) {}

  /**
   * The best `want` articles, and how many match in all when that is known without counting
   * (every group listed in full and fewer matches than the pool holds); null otherwise.
   */
  async articles(groups: readonly WeightedGroup[], scope: ArticleScope, want: number): Promise<{ ranked: Ranked[]; matched: number | null }> {
    if (!groups.length) return { ranked: [], matched: 0 };
    const totalIdf = groups.reduce((s, g) => s + g.idf, 0);
    const pool = Math.max(POOL, want + 1);
    const { listed, common } = split(groups, this.budget.articles);
    let candidates: Candidate[];
    if (listed.length) {
      candidates = await this.matcher.articles(listed, scope, totalIdf, pool, ALL_ARTICLE_FIELDS);
      // A common word is checked where it says most; in the steps it says little and costs the most to check.
      if (common.length) merge(candidates, await this.matcher.probeArticles(ids(candidates), common, ['title', 'problem', 'systems']));
    } else {
      // Every word is common: the articles that carry them in their title first.
      candidates = await this.matcher.articles(groups, scope, totalIdf, pool, ['title']);
      merge(candidates, await this.matcher.probeArticles(ids(candidates), groups, ['problem', 'systems']));
    }
    const matched = common.length === 0 && candidates.length < pool ? candidates.length : null;
    return { ranked: ordered(candidates, groups, totalIdf).slice(0, want), matched };
  }

  /** The best `want` resolved cases. */
  async cases(groups: readonly WeightedGroup[], scope: CaseScope, want: number): Promise<Ranked[]> {
    if (!groups.length) return [];
    const totalIdf = groups.reduce((s, g) => s + g.idf, 0);
    const pool = Math.max(POOL, want);
    const { listed, common } = split(groups, this.budget.cases);
    const candidates = listed.length ? await this.matcher.cases(listed, scope, totalIdf, pool) : [];
    if (common.length && candidates.length) merge(candidates, await this.matcher.probeCases(ids(candidates), common));
    if (candidates.length < want) {
      const seen = new Set(ids(candidates));
      for (const c of await this.matcher.recentCases(groups, RECENT_WINDOW, scope)) if (!seen.has(c.id)) candidates.push(c);
    }
    return ordered(candidates, groups, totalIdf).slice(0, want);
  }
}

/** Groups listed in full (rarest first, while their documents fit the budget) and the common rest. */
function split(groups: readonly WeightedGroup[], budget: number): { listed: WeightedGroup[]; common: WeightedGroup[] } {
  const listed: WeightedGroup[] = [];
  const common: WeightedGroup[] = [];
  let spent = 0;
  for (const g of [...groups].sort((a, b) => a.cost - b.cost)) {
    if (spent + g.cost <= budget) {
      listed.push(g);
      spent += g.cost;
    } else {
      common.push(g);
    }
  }
  return { listed, common };
}

function ids(candidates: readonly Candidate[]): number[] {
  return candidates.map((c) => c.id);
}

/** Adds what probing found to the candidates' group weights. */
function merge(candidates: readonly Candidate[], found: ProbeResult): void {
  for (const c of candidates) {
    for (const [g, weights] of found.get(c.id) ?? []) {
      const before = c.groups.get(g);
      c.groups.set(g, groupWeight(before === undefined ? weights : [before, ...weights]));
    }
  }
}

function ordered(candidates: readonly Candidate[], groups: readonly WeightedGroup[], totalIdf: number): Ranked[] {
  const idfOf = new Map(groups.map((g) => [g.g, g.idf]));
  return candidates
    .map((c) => {
      let sum = 0;
      let covered = 0;
      for (const [g, w] of c.groups) {
        sum += w;
        covered += idfOf.get(g) ?? 0;
      }
      return { id: c.id, score: finalScore(sum, covered, totalIdf, c.boost) };
    })
    .sort((a, b) => b.score - a.score || b.id - a.id);
}
