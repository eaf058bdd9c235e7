/**
 * The knowledge-base screen's data: a search of the articles (ranked by the core's search when
 * words are given, newest first otherwise) with its filters, and the work lists (drafts waiting,
 * those drafted from resolved cases first; articles past their review date; articles whose citing
 * cases were often reopened). Both are read again on `kb.changed`, so a change made at another
 * console shows here too. Agents see published articles only: the core decides, whatever is asked.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ChannelInput } from '../../../shared/contract';
import type { ArticleAudience, ArticleState, KnowledgeWorklists } from '../../../shared/knowledge';
import type { ContractError } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { followChanges } from './follow-changes';
import { debounced } from './latest-only';
import { latestSearch } from './latest-search';
import { serialRefresh } from './refresh-queue';
import { useSessionStore } from './session-store';

/**
 * Which states a search covers. Retired articles are out of the way unless asked for: a retired
 * article no longer answers anyone's question.
 */
export const STATE_FILTERS = {
  current: ['draft', 'published'],
  published: ['published'],
  draft: ['draft'],
  retired: ['retired'],
  any: ['draft', 'published', 'retired'],
} as const satisfies Record<string, readonly ArticleState[]>;
export type StateFilter = keyof typeof STATE_FILTERS;

export interface ArticleFilter {
  query: string;
  state: StateFilter;
  categoryId: number | null;
  audience: ArticleAudience | null;
}

/** How long typing pauses before the search runs. */
export const SEARCH_DEBOUNCE_MS = 250;
const PAGE = 50;

function searchInput(asked: ArticleFilter): ChannelInput<'kb.search'> {
  const query = asked.query.trim();
  return {
    ...(query ? { query } : {}),
    states: [...STATE_FILTERS[asked.state]],
    ...(asked.categoryId !== null ? { categoryId: asked.categoryId } : {}),
    ...(asked.audience !== null ? { audience: asked.audience } : {}),
    limit: PAGE,
  };
}

export const useKbStore = defineStore('kb', () => {
  const api = useConsoleApi();
  const session = useSessionStore();

  const filter = ref<ArticleFilter>({ query: '', state: 'current', categoryId: null, audience: null });
  const worklists = ref<KnowledgeWorklists | null>(null);
  /** What the screen says first when it opens (a draft deleted on its own screen); the screen clears it. */
  const notice = ref('');
  const worklistsError = ref<ContractError | null>(null);

  /** The latest filter's answer only: an older one arriving late is dropped. `searchedFor` is null before the first answer. */
  const {
    hits: results,
    total,
    answered: searchedFor,
    searching,
    error: searchError,
    search: searchFor,
  } = latestSearch(
    (asked: ArticleFilter) => session.call('kb.search', searchInput(asked)),
    (value) => ({ hits: value.articles, total: value.total }),
    null,
  );

  function search(): Promise<void> {
    return searchFor({ ...filter.value });
  }

  /** Typing searches once it pauses; the search button (or Enter) searches at once. */
  const searchSoon = debounced(() => void search(), SEARCH_DEBOUNCE_MS);
  function searchNow(): Promise<void> {
    searchSoon.cancel();
    return search();
  }

  async function loadWorklists(): Promise<void> {
    const result = await session.call('kb.worklists', {});
    if (result.ok) {
      worklists.value = result.value;
      worklistsError.value = null;
    } else {
      worklistsError.value = result.error;
    }
  }

  const refresh = serialRefresh(async () => {
    await Promise.all([search(), loadWorklists()]);
  });

  /** Keeps the results and work lists current while the screen shows them; returns the function that stops. */
  function follow(): () => void {
    const stop = followChanges(api, ['kb.changed'], () => void refresh());
    return () => {
      stop();
      searchSoon.cancel();
    };
  }

  return { filter, notice, results, total, searchedFor, searching, searchError, worklists, worklistsError, search, searchSoon, searchNow, refresh, follow };
});
