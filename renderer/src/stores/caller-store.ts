/**
 * The caller directory as the intake screen uses it: search while the agent types, the chosen
 * caller's card (open and recent cases, repeat flags), and a new caller created from the search box.
 * The core owns the directory; this store only asks and shows.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ChannelInput } from '../../../shared/contract';
import type { Caller, CallerCard } from '../../../shared/domain';
import type { ContractError } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { debounced, latestOnly } from './latest-only';
import { latestSearch } from './latest-search';
import { useSessionStore } from './session-store';

/** Results follow the typing, but not every keystroke: one search once the agent pauses this long. */
export const SEARCH_DEBOUNCE_MS = 120;
/** Enough to find someone by part of a name; more would not fit beside the form. */
export const SEARCH_LIMIT = 8;

export type NewCallerInput = ChannelInput<'callers.create'>;
/** Every field of a caller's directory entry: an update replaces them all. */
export type CallerFields = Omit<ChannelInput<'callers.update'>, 'id'>;

/** "84 callers found, the first 8 shown.": the true count of matches, never the page size. */
export function foundText(shown: number, total: number): string {
  const all = Math.max(total, shown);
  const callers = all === 1 ? '1 caller' : `${all} callers`;
  return shown < all ? `${callers} found, the first ${shown} shown; type more to narrow the search.` : `${callers} found.`;
}

export const useCallerStore = defineStore('callers', () => {
  const api = useConsoleApi();
  const session = useSessionStore();

  const query = ref('');
  /**
   * `hits` holds at most SEARCH_LIMIT callers, `total` how many match in all; `answeredQuery` is the
   * query the shown hits answer, which differs from `query` while a search is on its way.
   */
  const {
    hits,
    total,
    answered: answeredQuery,
    searching,
    error: searchError,
    search: runSearch,
    clear: clearAnswer,
  } = latestSearch(
    (text: string) => session.call('callers.search', { query: text, limit: SEARCH_LIMIT }),
    (value) => ({ hits: value.callers, total: value.total }),
    '',
  );

  const card = ref<CallerCard | null>(null);
  const cardError = ref<ContractError | null>(null);

  const creating = ref(false);
  const createError = ref<ContractError | null>(null);

  const updating = ref(false);
  /** Why a correction of a directory entry was refused: the core's words, every bad field in `fields`. */
  const updateError = ref<ContractError | null>(null);

  const scheduleSearch = debounced(() => void searchNow(), SEARCH_DEBOUNCE_MS);
  const runCard = latestOnly((id: number) => session.call('callers.card', { id }));

  /** What the agent typed; the search runs once they pause. */
  function setQuery(text: string): void {
    query.value = text;
    if (!text.trim()) {
      clearSearch();
      query.value = text;
      return;
    }
    searching.value = true;
    scheduleSearch();
  }

  async function searchNow(): Promise<void> {
    scheduleSearch.cancel();
    const text = query.value;
    if (!text.trim()) return;
    await runSearch(text);
  }

  function clearSearch(): void {
    scheduleSearch.cancel();
    clearAnswer();
    query.value = '';
  }

  /** Shows one caller's card (null: none); an answer for a caller no longer shown is ignored. */
  async function showCard(id: number | null): Promise<void> {
    if (id === null) {
      runCard.cancel();
      card.value = null;
      cardError.value = null;
      return;
    }
    if (card.value?.caller.id !== id) card.value = null;
    const result = await runCard(id);
    if (result === null) return;
    if (!result.ok) {
      cardError.value = result.error;
      return;
    }
    cardError.value = null;
    card.value = result.value;
  }

  async function create(input: NewCallerInput): Promise<Caller | null> {
    if (creating.value) return null;
    creating.value = true;
    createError.value = null;
    const result = await session.call('callers.create', input);
    creating.value = false;
    if (!result.ok) {
      createError.value = result.error;
      return null;
    }
    return result.value;
  }

  function clearCreateError(): void {
    createError.value = null;
  }

  /** Corrects a caller's directory entry; the card shows the entry as the core now has it. */
  async function update(id: number, fields: CallerFields): Promise<Caller | null> {
    if (updating.value) return null;
    updating.value = true;
    updateError.value = null;
    const result = await session.call('callers.update', { id, ...fields });
    updating.value = false;
    if (!result.ok) {
      updateError.value = result.error;
      return null;
    }
    if (card.value?.caller.id === id) card.value = { ...card.value, caller: result.value };
    return result.value;
  }

  function clearUpdateError(): void {
    updateError.value = null;
  }

  /** Keeps the card and the results current while the intake screen is open (another console may file a case). */
  function follow(): () => void {
    const refreshCard = () => {
      if (card.value) void showCard(card.value.caller.id);
    };
    const offCases = api.on('cases.changed', refreshCard);
    const offCallers = api.on('callers.changed', () => {
      refreshCard();
      if (answeredQuery.value) void searchNow();
    });
    return () => {
      offCases();
      offCallers();
    };
  }

  return {
    query,
    hits,
    total,
    answeredQuery,
    searching,
    searchError,
    card,
    cardError,
    creating,
    createError,
    updating,
    updateError,
    setQuery,
    searchNow,
    clearSearch,
    showCard,
    create,
    clearCreateError,
    update,
    clearUpdateError,
    follow,
  };
});
