/**
 * How a document's score is made, in one place for both databases.
 *
 * A document earns, for each term group it matches, the group's idf (rare words say more) times
 * the weight of the best field it matched in (a title match beats a match in the steps), plus a
 * little for every other field, times 1 for the person's own word and RELATED_WEIGHT for a
 * synonym. The sum is then scaled by the share of the query's idf the document covers, so a
 * document matching more of the words beats one matching fewer, and boosted by the context
 * (category, building). It is BM25's idf with each field counted once instead of BM25's term
 * frequency: a field either says the word or not, which the indexes answer without reading the
 * document (see postgres-matcher.ts for why that matters).
 */
import type { Phrase } from './query-plan';

export type IndexName = 'articles' | 'cases';

/** Weight of a match per field. */
export const FIELD_WEIGHTS = {
  articles: { title: 2.5, systems: 1.5, problem: 1.5, solution: 0.6 },
  cases: { summary: 1.0, resolution_notes: 0.6 },
} as const;

export type ArticleField = keyof (typeof FIELD_WEIGHTS)['articles'];
export type CaseField = keyof (typeof FIELD_WEIGHTS)['cases'];

/** A synonym's match counts this much of the person's own word. */
export const RELATED_WEIGHT = 0.7;
/** Each further field that matches the same group adds this share of its weight. */
export const EXTRA_FIELD_SHARE = 0.15;
/** The share of its score a document keeps when it covers almost none of the query's idf (all of it: 1). */
const COVERAGE_FLOOR = 0.4;

/** Context boosts: they reorder, they never filter. */
export const BOOST = { articleCategory: 1.3, caseCategory: 1.2, caseBuilding: 1.1 } as const;

/** A term group with its weight in this index. */
export interface WeightedGroup {
  /** Its position in the query. */
  g: number;
  exact: readonly Phrase[];
  related: readonly Phrase[];
  /** The same phrases stemmed, to check documents already read (text-match.ts). */
  exactStems: readonly (readonly string[])[];
  relatedStems: readonly (readonly string[])[];
  /** BM25 idf in this index. */
  idf: number;
  /** Estimated documents holding the person's words (what idf is made from). */
  df: number;
  /** Estimated index entries listing the group takes, synonyms included (what the listing budget counts). */
  cost: number;
}

export function idf(documents: number, df: number): number {
  const n = Math.max(documents, df, 1);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** One group's weight for a document, from the weights of the fields (and kinds) it matched in. */
export function groupWeight(matches: readonly number[]): number {
  if (matches.length === 0) return 0;
  const best = Math.max(...matches);
  const total = matches.reduce((a, b) => a + b, 0);
  return best + EXTRA_FIELD_SHARE * (total - best);
}

/** The ordering score: summed group weights, scaled by the covered share of idf, times the context boost. */
export function finalScore(sum: number, coveredIdf: number, totalIdf: number, boost: number): number {
  const coverage = totalIdf > 0 ? Math.min(1, coveredIdf / totalIdf) : 0;
  return sum * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage) * boost;
}

/**
 * Whether synonyms are looked for in a field. Not in the long ones (an article's steps, a case's
 * resolution notes): a synonym somewhere in them is weak evidence, and those are the costliest
 * lookups.
 */
export function takesSynonyms(field: ArticleField | CaseField): boolean {
  return field !== 'solution' && field !== 'resolution_notes';
}

/** One index lookup: a group's phrases of one kind in a class of equally weighted fields, and what a match there earns. */
export interface Lookup {
  g: number;
  /** Field weight × kind weight (the group's idf comes on top). */
  w: number;
  fields: readonly (ArticleField | CaseField)[];
  phrases: readonly Phrase[];
}

/**
 * The lookups a set of groups takes: per group, kind (the person's words, synonyms) and class of
 * fields of equal weight (problem and systems are searched as one: one index lookup, not two).
 */
export function lookupsOf(index: IndexName, groups: readonly Pick<WeightedGroup, 'g' | 'exact' | 'related'>[], fields: readonly (ArticleField | CaseField)[]): Lookup[] {
  const weights = FIELD_WEIGHTS[index] as Record<string, number>;
  const classes = new Map<number, (ArticleField | CaseField)[]>();
  for (const f of fields) {
    const w = weights[f];
    if (w === undefined) throw new Error(`${index} have no field ${f}`);
    classes.set(w, [...(classes.get(w) ?? []), f]);
  }
  const lookups: Lookup[] = [];
  for (const group of groups) {
    for (const [weight, classFields] of classes) {
      if (group.exact.length) lookups.push({ g: group.g, w: weight, fields: classFields, phrases: group.exact });
      if (group.related.length && classFields.some(takesSynonyms)) lookups.push({ g: group.g, w: weight * RELATED_WEIGHT, fields: classFields, phrases: group.related });
    }
  }
  return lookups;
}
