import type { DocumentStore } from './document-store';
import type { ArticleAttributes, ArticleScope, CaseAttributes, DocumentTexts, Listed, SearchMatcher } from './matcher';
import { BOOST, FIELD_WEIGHTS, finalScore, groupWeight, lookupsOf, RELATED_WEIGHT, takesSynonyms, type ArticleField, type CaseField, type IndexName, type Lookup, type WeightedGroup } from './ranking';
import { holdsAny, stemsOf } from './text-match';
import type { RecentCase } from './vocabulary-source';

/** Documents kept between listing and ordering: enough for a page of results and for the context boosts to reorder. */
export const POOL = 30;
/** Most recently resolved cases looked at (in memory) when every typed word is common, or the rare ones found too few. */
export const RECENT_WINDOW = 2_000;
/** How long a listing is reused without an event saying its index changed (changes made by another process send none). */
const LISTING_TTL_MS = 60_000;
/** Listings kept per index: the groups of the last searches. */
const LISTINGS_KEPT = 200;

/**
 * How many index entries (documents, estimated) one search may list, per index, and the most one
 * lookup may return. A word listed costs about 1 µs per document on SQLite and several on
 * PostgreSQL (a heap visit each), so a search over words found in tens of thousands of cases
 * must not list them all.
 */
export interface ListingBudget {
  articles: number;
  cases: number;
}

export interface Ranked {
  id: number;
  score: number;
}

/** Which articles a search returns, and which category it favours. */
export interface ArticleRanking extends ArticleScope {
  boostCategoryId?: number | null;
}

/** Which category and building a case search favours. */
export interface CaseRanking {
  categoryId?: number | null;
  buildingId?: number | null;
}

/** A document on its way to being ordered: its weight per group (idf included) and its context boost. */
interface Candidate {
  id: number;
  groups: Map<number, number>;
  boost: number;
}

/** What the index said about one group: each document's match weights (without idf) and its attributes. */
interface Listing<A> {
  weights: Map<number, number[]>;
  attributes: Map<number, A>;
  /** A lookup stopped at its cap: the group was not listed in full. */
  capped: boolean;
  at: number;
}

const ALL_ARTICLE_FIELDS: readonly ArticleField[] = ['title', 'problem', 'systems', 'solution'];
/** Where a common word is checked on an article: where it says most (in the steps it says little, and they are the longest to read). */
const CHECKED_ARTICLE_FIELDS: readonly ArticleField[] = ['title', 'problem', 'systems'];
const CASE_FIELDS: readonly CaseField[] = ['summary', 'resolution_notes'];
const RESOLVED: readonly string[] = ['resolved', 'closed'];

/**
 * Orders documents for a query in two steps, the same on both databases:
 *
 * 1. List: the groups whose documents fit the budget (rarest first) are listed from the index,
 *    every matching document with the fields it matched in, and the documents scored; the best
 *    POOL are kept. Rare words are what tells documents apart. A group's listing is kept for the
 *    next keystrokes (the words already typed do not change while the next one is typed), until
 *    an event says its index changed.
 * 2. Check: the remaining (common) groups are checked on the kept documents' text, stemmed as
 *    the index stems it, and the documents scored again with every group. Documents that only
 *    common words match are looked for in the most recent resolved cases (held in memory) or,
 *    for articles, in titles.
 */
export class Ranker {
  private readonly listings = { articles: new Map<string, Listing<ArticleAttributes>>(), cases: new Map<string, Listing<CaseAttributes>>() };

  constructor(
    private readonly matcher: SearchMatcher,
    private readonly budget: ListingBudget,
    private readonly recentCases: (count: number) => readonly RecentCase[],
    private readonly texts: DocumentStore,
  ) {}

  /** Drops what was listed from an index that changed. */
  forget(index: IndexName): void {
    this.listings[index].clear();
  }

  /**
   * The best `want` articles, and how many match in all when that is known without counting
   * (every group listed in full); null otherwise.
   */
  async articles(groups: readonly WeightedGroup[], scope: ArticleRanking, want: number): Promise<{ ranked: Ranked[]; matched: number | null }> {
    if (!groups.length) return { ranked: [], matched: 0 };
    const totalIdf = groups.reduce((s, g) => s + g.idf, 0);
    const { listed, common } = split(groups, this.budget.articles);
    const accept = (a: ArticleAttributes) =>
      scope.states.includes(a.state) && (scope.categoryId === undefined || a.categoryId === scope.categoryId) && (scope.audience === undefined || a.audience === scope.audience);
    const boost = (a: ArticleAttributes) => (scope.boostCategoryId && a.categoryId === scope.boostCategoryId ? BOOST.articleCategory : 1);
    // Every word common: the articles that carry them in their title, checked for them elsewhere.
    const titlesOnly = listed.length === 0;
    const fields = titlesOnly ? (['title'] as const) : ALL_ARTICLE_FIELDS;
    const found = await this.listed('articles', titlesOnly ? groups : listed, fields, (lookups, cap) => this.matcher.listArticles(lookups, cap));
    const all = candidates(found.listings, groups, accept, boost);
    const kept = best(all, groups, totalIdf, Math.max(POOL, want));
    const toCheck = titlesOnly ? groups : common;
    if (toCheck.length && kept.length) {
      const checkFields = titlesOnly ? (['problem', 'systems'] as const) : CHECKED_ARTICLE_FIELDS;
      check(kept, await this.texts.articleTexts(kept.map((c) => c.id)), toCheck, 'articles', checkFields);
    }
    const matched = !titlesOnly && common.length === 0 && !found.capped ? all.length : null;
    return { ranked: ordered(kept, groups, totalIdf).slice(0, want), matched };
  }

  /** The best `want` resolved cases. */
  async cases(groups: readonly WeightedGroup[], scope: CaseRanking, want: number): Promise<Ranked[]> {
    if (!groups.length) return [];
    const totalIdf = groups.reduce((s, g) => s + g.idf, 0);
    const { listed, common } = split(groups, this.budget.cases);
    const boost = (a: { categoryId: number | null; buildingId: number | null }) =>
      (scope.categoryId && a.categoryId === scope.categoryId ? BOOST.caseCategory : 1) * (scope.buildingId && a.buildingId === scope.buildingId ? BOOST.caseBuilding : 1);
    let kept: Candidate[] = [];
    if (listed.length) {
      const found = await this.listed('cases', listed, CASE_FIELDS, (lookups, cap) => this.matcher.listCases(lookups, cap));
      kept = best(candidates(found.listings, groups, (a) => RESOLVED.includes(a.status), boost), groups, totalIdf, Math.max(POOL, want));
      if (common.length && kept.length) check(kept, await this.texts.caseTexts(kept.map((c) => c.id)), common, 'cases', CASE_FIELDS);
    }
    if (kept.length < want) {
      const seen = new Set(kept.map((c) => c.id));
      for (const c of this.recent(groups, boost)) if (!seen.has(c.id)) kept.push(c);
    }
    return ordered(kept, groups, totalIdf).slice(0, want);
  }

  /** Each group's listing, from the last searches when it was listed since the index last changed, else from the index. */
  private async listed<A>(
    index: IndexName,
    groups: readonly WeightedGroup[],
    fields: readonly (ArticleField | CaseField)[],
    list: (lookups: readonly Lookup[], cap: number) => Promise<Listed<A>[]>,
  ): Promise<{ listings: Map<number, Listing<A>>; capped: boolean }> {
    const kept = this.listings[index] as Map<string, Listing<A>>;
    const now = Date.now();
    const listings = new Map<number, Listing<A>>();
    const missing: { group: WeightedGroup; key: string }[] = [];
    for (const group of groups) {
      const key = `${fields.join(',')}|${group.exact.map((p) => p.join(' ')).join(',')}|${group.related.map((p) => p.join(' ')).join(',')}`;
      const listing = kept.get(key);
      if (listing && now - listing.at < LISTING_TTL_MS) listings.set(group.g, listing);
      else missing.push({ group, key });
    }
    if (missing.length) {
      const cap = this.budget[index];
      const lookups = lookupsOf(index, missing.map((m) => m.group), fields);
      const rows = await list(lookups, cap);
      const fresh = new Map(missing.map((m) => [m.group.g, { weights: new Map(), attributes: new Map(), capped: false, at: now } as Listing<A>]));
      const perLookup = new Array<number>(lookups.length).fill(0);
      for (const row of rows) {
        const lookup = lookups[row.lookup] as Lookup;
        const listing = fresh.get(lookup.g) as Listing<A>;
        listing.weights.set(row.id, [...(listing.weights.get(row.id) ?? []), lookup.w]);
        listing.attributes.set(row.id, row.attributes);
        perLookup[row.lookup] = (perLookup[row.lookup] as number) + 1;
      }
      perLookup.forEach((n, i) => {
        if (n >= cap) (fresh.get((lookups[i] as Lookup).g) as Listing<A>).capped = true;
      });
      for (const m of missing) {
        const listing = fresh.get(m.group.g) as Listing<A>;
        listings.set(m.group.g, listing);
        kept.delete(m.key);
        kept.set(m.key, listing);
      }
      for (const key of kept.keys()) {
        if (kept.size <= LISTINGS_KEPT) break;
        kept.delete(key);
      }
    }
    return { listings, capped: [...listings.values()].some((l) => l.capped) };
  }

  /** The recent window's cases whose summary matches any group, scored on the summary. */
  private recent(groups: readonly WeightedGroup[], boost: (a: RecentCase) => number): Candidate[] {
    const found: Candidate[] = [];
    for (const rc of this.recentCases(RECENT_WINDOW)) {
      const matched = new Map<number, number>();
      for (const g of groups) {
        const weights = kindWeights(rc.summary, g, FIELD_WEIGHTS.cases.summary);
        if (weights.length) matched.set(g.g, groupWeight(weights) * g.idf);
      }
      if (matched.size) found.push({ id: rc.id, groups: matched, boost: boost(rc) });
    }
    return found;
  }
}

/** Groups listed in full (cheapest first, while they fit the budget) and the common rest. */
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

/** Every listed document that passes the filter, with its weight per group. */
function candidates<A>(listings: Map<number, Listing<A>>, groups: readonly WeightedGroup[], accept: (a: A) => boolean, boost: (a: A) => number): Candidate[] {
  const idfOf = new Map(groups.map((g) => [g.g, g.idf]));
  const docs = new Map<number, Candidate>();
  for (const [g, listing] of listings) {
    const groupIdf = idfOf.get(g) ?? 0;
    for (const [id, weights] of listing.weights) {
      let doc = docs.get(id);
      if (!doc) {
        const attributes = listing.attributes.get(id) as A;
        if (!accept(attributes)) continue;
        doc = { id, groups: new Map(), boost: boost(attributes) };
        docs.set(id, doc);
      }
      doc.groups.set(g, groupWeight(weights) * groupIdf);
    }
  }
  return [...docs.values()];
}

/** The best `size` candidates by their score so far. */
function best(all: readonly Candidate[], groups: readonly WeightedGroup[], totalIdf: number, size: number): Candidate[] {
  const order = new Map(ordered(all, groups, totalIdf).map((r, i) => [r.id, i]));
  return [...all].sort((a, b) => (order.get(a.id) as number) - (order.get(b.id) as number)).slice(0, size);
}

/** The weights a group earns in one field's stems: one per kind (the person's words, synonyms where the field takes them) found. */
function kindWeights(stems: readonly string[], g: WeightedGroup, fieldWeight: number, synonyms = true): number[] {
  const weights: number[] = [];
  if (holdsAny(stems, g.exactStems)) weights.push(fieldWeight);
  if (synonyms && holdsAny(stems, g.relatedStems)) weights.push(fieldWeight * RELATED_WEIGHT);
  return weights;
}

/** Adds to the candidates' group weights what their text says of these groups. */
function check<F extends ArticleField | CaseField>(candidates: readonly Candidate[], texts: DocumentTexts<F>, groups: readonly WeightedGroup[], index: IndexName, fields: readonly F[]): void {
  const fieldWeights = FIELD_WEIGHTS[index] as Record<string, number>;
  for (const c of candidates) {
    const text = texts.get(c.id);
    if (!text) continue;
    const stems = fields.map((f) => ({ stems: stemsOf(text[f] ?? ''), weight: fieldWeights[f] as number, synonyms: takesSynonyms(f) }));
    for (const g of groups) {
      const weights = stems.flatMap((s) => kindWeights(s.stems, g, s.weight, s.synonyms));
      if (!weights.length) continue;
      const before = c.groups.get(g.g);
      const added = groupWeight(weights) * g.idf;
      c.groups.set(g.g, before === undefined ? added : groupWeight([before, added]));
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
