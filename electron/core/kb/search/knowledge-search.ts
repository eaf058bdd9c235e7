import type { DataSource } from 'typeorm';
import type { ArticleAudience, ArticleState, SimilarCase } from '../../../../shared/knowledge';
import { isPostgres } from '../../db/dialect';
import type { EventBus } from '../../event-bus';
import { ArticleExcerpts } from './article-excerpts';
import { DocumentStore } from './document-store';
import type { SearchMatcher } from './matcher';
import { PostgresMatcher } from './postgres-matcher';
import { planQuery, type QueryPlan } from './query-plan';
import { Ranker, type ListingBudget } from './ranker';
import { idf, type IndexName, type WeightedGroup } from './ranking';
import { stemOf } from './porter-stem';
import { distinctFixes, similarCases } from './similar-cases';
import { stemPhrase } from './text-match';
import { SqliteMatcher } from './sqlite-matcher';
import { VocabularySource } from './vocabulary-source';
import type { Vocabulary } from './vocabulary';

export interface ArticleSearchFilter {
  states: readonly ArticleState[];
  categoryId?: number;
  audience?: ArticleAudience;
}

/** An article found, with a plain-text passage (no Markdown) around what matched. */
export interface RankedArticle {
  id: number;
  excerpt: string;
}

export interface SuggestionContext {
  categoryId?: number | null;
  buildingId?: number | null;
}

export interface RawSuggestions {
  articles: RankedArticle[];
  cases: SimilarCase[];
  corrected: string | null;
}

export interface KnowledgeSearchOptions {
  /** Read the vocabulary this long after start, so the first keystroke at intake does not wait for it; null: at first use. */
  warmUpAfterMs?: number | null;
}

/**
 * Index entries one search may list, per database (see ranker.ts). PostgreSQL visits the table
 * for every entry it lists (the index holds no vectors), SQLite reads them from the index alone.
 */
const BUDGET: Record<'sqlite' | 'postgres', ListingBudget> = {
  sqlite: { articles: 3_000, cases: 2_500 },
  postgres: { articles: 1_500, cases: 1_000 },
};
const WARM_UP_MS = 3_000;
const MAX_SUGGESTIONS = 20;
/** Cases ranked per one shown: room to skip the ones solved the same way as a better-ranked case. */
const CASE_CANDIDATES = 3;
const INDEXED_WORDS_KEPT = 2_000;
const NOT_INDEXED_KEPT_MS = 30_000;

const EMPTY: RawSuggestions = { articles: [], cases: [], corrected: null };

/**
 * Full-text search over articles and resolved cases, with stems, prefixes, typo correction and
 * synonyms (docs/knowledge-search.md): the KB screen's ranked search and intake's suggestions.
 * The same ranking on SQLite (FTS5) and PostgreSQL (GIN expression indexes).
 */
export class KnowledgeSearch {
  private readonly matcher: SearchMatcher;
  private readonly ranker: Ranker;
  private readonly vocabulary: VocabularySource;
  private readonly excerpts: ArticleExcerpts;
  /** Whether the indexes hold a word the vocabulary does not (an old case's word is not a typo). */
  private readonly indexedWords = new Map<string, { found: boolean; at: number }>();
  private warmUp: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly db: DataSource,
    events: EventBus,
    options: KnowledgeSearchOptions = {},
  ) {
    const postgres = isPostgres(db);
    this.matcher = postgres ? new PostgresMatcher(db) : new SqliteMatcher(db);
    const store = new DocumentStore(this.matcher);
    this.vocabulary = new VocabularySource(db, events, () => this.matcher.resolvedCaseCount(), () => this.matcher.articleSignature(), (index, ids) => {
      this.ranker.forget(index);
      store.forget(index, ids);
    });
    this.ranker = new Ranker(this.matcher, BUDGET[postgres ? 'postgres' : 'sqlite'], (count) => this.vocabulary.recentCases(count), store);
    this.excerpts = new ArticleExcerpts(store);
    const after = options.warmUpAfterMs === undefined ? WARM_UP_MS : options.warmUpAfterMs;
    if (after !== null) {
      this.warmUp = setTimeout(() => {
        this.warmUp = null;
        // Nobody waits for it: a failure here is met again, and reported, by the first search.
        this.vocabulary.current().catch(() => undefined);
      }, after);
      this.warmUp.unref?.();
    }
  }

  /** Ranked, for the KB screen. A blank query finds nothing (the service lists by date instead). */
  async searchArticles(query: string, filter: ArticleSearchFilter, limit: number, offset: number): Promise<{ hits: RankedArticle[]; total: number }> {
    return this.fresh((vocabulary) => this.findArticles(vocabulary, query, filter, limit, offset));
  }

  private async findArticles(vocabulary: Vocabulary, query: string, filter: ArticleSearchFilter, limit: number, offset: number): Promise<{ hits: RankedArticle[]; total: number }> {
    const plan = await this.plan(query, vocabulary);
    const groups = this.weigh(plan, vocabulary, 'articles');
    if (!groups.length) return { hits: [], total: 0 };
    const scope = { states: filter.states, ...(filter.categoryId !== undefined ? { categoryId: filter.categoryId } : {}), ...(filter.audience ? { audience: filter.audience } : {}) };
    const { ranked, matched } = await this.ranker.articles(groups, scope, offset + limit);
    const page = ranked.slice(offset, offset + limit).map((r) => r.id);
    const phrases = groups.flatMap((g) => [...g.exact, ...g.related]);
    const [total, hits] = await Promise.all([matched ?? this.matcher.countArticles(phrases, scope), this.withExcerpts(page, plan)]);
    return { hits, total: Math.max(total, offset + page.length) };
  }

  /**
   * What intake shows while the summary is typed: published articles and resolved cases
   * (resolved_at set, status resolved or closed), `limit` of each. The category and building
   * boost what matches them; without text there is nothing to match.
   */
  async suggest(text: string, context: SuggestionContext, limit: number): Promise<RawSuggestions> {
    if (text.trim() === '') return EMPTY;
    const want = Math.max(1, Math.min(Math.floor(limit) || 1, MAX_SUGGESTIONS));
    return this.fresh((vocabulary) => this.suggestions(vocabulary, text, context, want));
  }

  private async suggestions(vocabulary: Vocabulary, text: string, context: SuggestionContext, want: number): Promise<RawSuggestions> {
    const plan = await this.plan(text, vocabulary);
    if (!plan.groups.length) return { ...EMPTY, corrected: plan.corrected };
    // Two chains side by side (on PostgreSQL, two connections): each reads its details as soon as it has its ids.
    const [hits, similar] = await Promise.all([
      this.ranker
        .articles(this.weigh(plan, vocabulary, 'articles'), { states: ['published'], boostCategoryId: context.categoryId ?? null }, want)
        .then((found) => this.withExcerpts(found.ranked.map((r) => r.id), plan)),
      this.ranker
        .cases(this.weigh(plan, vocabulary, 'cases'), { categoryId: context.categoryId ?? null, buildingId: context.buildingId ?? null }, want * CASE_CANDIDATES)
        .then((found) => similarCases(this.db, found.map((c) => c.id)))
        .then((found) => distinctFixes(found, want)),
    ]);
    return { articles: hits, cases: similar, corrected: plan.corrected };
  }

  /**
   * Runs a search on the current vocabulary while checking, beside it, for articles written
   * without an event; in the rare case there were, the vocabulary and listings are read again and
   * the search runs once more. The check costs the search nothing it waits for.
   */
  private async fresh<T>(search: (vocabulary: Vocabulary) => Promise<T>): Promise<T> {
    const vocabulary = await this.vocabulary.current();
    const [found, unannounced] = await Promise.all([search(vocabulary), this.vocabulary.articlesChangedUnannounced()]);
    return unannounced ? search(await this.vocabulary.current()) : found;
  }

  /** Frees the warm-up timer and the event listener. */
  close(): void {
    if (this.warmUp) clearTimeout(this.warmUp);
    this.warmUp = null;
    this.vocabulary.close();
  }

  private plan(text: string, vocabulary: Vocabulary): Promise<QueryPlan> {
    return planQuery(text, vocabulary, { typing: true, isIndexed: (word) => this.isIndexed(word, vocabulary) });
  }

  private async isIndexed(word: string, vocabulary: Vocabulary): Promise<boolean> {
    // Another form of a word the vocabulary holds ("printings") is indexed under the same stem.
    const stem = stemOf(word);
    if (vocabulary.stemFrequency('articles', stem) > 0 || vocabulary.stemFrequency('cases', stem) > 0) return true;
    const known = this.indexedWords.get(word);
    // A word found stays found; a word not found is asked again after a while (an article may bring it).
    if (known && (known.found || Date.now() - known.at < NOT_INDEXED_KEPT_MS)) return known.found;
    const found = await this.matcher.isIndexed(word);
    if (this.indexedWords.size >= INDEXED_WORDS_KEPT) this.indexedWords.clear();
    this.indexedWords.set(word, { found, at: Date.now() });
    return found;
  }

  /** The plan's groups with their rarity in one index (counted by stem in the vocabulary, scaled up from the case sample). */
  private weigh(plan: QueryPlan, vocabulary: Vocabulary, index: IndexName): WeightedGroup[] {
    const documents = Math.max(1, this.vocabulary.documents(index));
    const scale = documents / Math.max(1, vocabulary.documentCount(index));
    // A phrase is found at most where its rarest word is.
    const dfOf = (stems: readonly (readonly string[])[]) => stems.reduce((sum, p) => sum + Math.min(...p.map((s) => vocabulary.stemFrequency(index, s))), 0) * scale;
    return plan.groups.map((group, g) => {
      const exactStems = group.exact.map(stemPhrase);
      const relatedStems = group.related.map(stemPhrase);
      const df = Math.min(documents, dfOf(exactStems));
      return { g, exact: group.exact, related: group.related, exactStems, relatedStems, df, cost: dfOf(exactStems) + dfOf(relatedStems), idf: idf(documents, df) };
    });
  }

  private async withExcerpts(ids: readonly number[], plan: QueryPlan): Promise<RankedArticle[]> {
    const excerpts = await this.excerpts.excerpts(ids, plan.groups.map((g) => [...g.exact, ...g.related]));
    return ids.map((id) => ({ id, excerpt: excerpts.get(id) ?? '' }));
  }
}
