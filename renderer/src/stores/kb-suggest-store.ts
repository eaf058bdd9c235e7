/**
 * What intake suggests while the agent types: the best published articles and similar resolved
 * cases for the summary (and description), category and building. The core is asked once typing
 * pauses, only the answer to the latest request is shown, and nothing here ever moves the focus:
 * the screen decides when the agent goes into the suggestions.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ChannelInput } from '../../../shared/contract';
import { CASE_TEXT_LIMITS } from '../../../shared/domain';
import type { Article, ArticleHit, IntakeSuggestions, SimilarCase } from '../../../shared/knowledge';
import type { ContractError } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { debounced, latestOnly } from './latest-only';
import { useSessionStore } from './session-store';

/** The intake screen's key that goes into the suggestions (Alt+K: free in browsers and in the console). */
export const KB_SUGGEST_KEYS = 'Alt+K';

/** Asked for once the summary, description, category and building stop changing for this long. */
export const SUGGEST_DEBOUNCE_MS = 120;
/** Fewer characters than this match nearly everything: nothing is suggested yet. */
export const SUGGEST_MIN_CHARS = 3;
/** The contract's bound on the text to match. */
const SUGGEST_TEXT_MAX = CASE_TEXT_LIMITS.summary + CASE_TEXT_LIMITS.description;

/** What intake is typing: the suggestions follow it. */
export interface SuggestSource {
  summary: string;
  description: string;
  categoryId: number | null;
  buildingId: number | null;
}

/** The suggestion open in the side panel: an article (read whole once `kb.get` answers) or a similar case. */
export type OpenSuggestion =
  | { kind: 'article'; hit: ArticleHit; article: Article | null; error: ContractError | null }
  | { kind: 'case'; similar: SimilarCase };

/** The article a case is filed as solved with at first contact, as the confirmation names it. */
export interface SolvedWithArticle {
  id: number;
  number: string;
  title: string;
}

/**
 * The summary matters most; the description, when there is one, adds the words the caller used
 * ("the orange light blinks") that a short summary leaves out.
 */
export function suggestText(source: Pick<SuggestSource, 'summary' | 'description'>): string {
  return [source.summary.trim(), source.description.trim()].filter(Boolean).join('\n').slice(0, SUGGEST_TEXT_MAX);
}

export const useKbSuggestStore = defineStore('kb-suggest', () => {
  const session = useSessionStore();
  const api = useConsoleApi();

  /** The latest answer, or null while there is too little to match. */
  const suggestions = shallowRef<IntakeSuggestions | null>(null);
  const error = ref<ContractError | null>(null);
  /** The text the shown suggestions answer (the status line says what they are for). */
  const answeredText = ref('');
  const open = shallowRef<OpenSuggestion | null>(null);

  let source: SuggestSource | null = null;

  const runSuggest = latestOnly((input: ChannelInput<'kb.suggest'>) => session.call('kb.suggest', input));
  async function refresh(): Promise<void> {
    schedule.cancel();
    const text = source ? suggestText(source) : '';
    if (!source || text.length < SUGGEST_MIN_CHARS) {
      runSuggest.cancel();
      suggestions.value = null;
      error.value = null;
      answeredText.value = '';
      return;
    }
    const result = await runSuggest({ text, categoryId: source.categoryId, buildingId: source.buildingId });
    if (result === null) return;
    if (!result.ok) {
      error.value = result.error;
      return;
    }
    error.value = null;
    suggestions.value = result.value;
    answeredText.value = text;
  }
  const schedule = debounced(() => void refresh(), SUGGEST_DEBOUNCE_MS);

  /** The form changed: the suggestions follow once typing pauses. */
  function update(next: SuggestSource): void {
    source = { ...next };
    schedule();
  }

  const runGet = latestOnly((id: number) => session.call('kb.get', { id }));
  async function readOpenArticle(id: number): Promise<void> {
    const result = await runGet(id);
    const shown = open.value;
    if (result === null || shown?.kind !== 'article' || shown.hit.id !== id) return;
    open.value = result.ok ? { ...shown, article: result.value, error: null } : { ...shown, article: null, error: result.error };
  }

  /** Opens an article in the side panel: the list's entry at once, its problem and solution once read. */
  function openArticle(hit: ArticleHit): Promise<void> {
    open.value = { kind: 'article', hit, article: null, error: null };
    return readOpenArticle(hit.id);
  }

  function openCase(similar: SimilarCase): void {
    runGet.cancel();
    open.value = { kind: 'case', similar };
  }

  function close(): void {
    runGet.cancel();
    open.value = null;
  }

  /** The intake screen is left or its case filed: nothing stays for the next call. */
  function clear(): void {
    source = null;
    schedule.cancel();
    runSuggest.cancel();
    close();
    suggestions.value = null;
    error.value = null;
    answeredText.value = '';
  }

  /**
   * Keeps the suggestions current while the screen shows them: an article published, edited or
   * retired meanwhile is asked for again (and re-read if it is open). Returns the function that stops.
   */
  function follow(): () => void {
    return api.on('kb.changed', (payload) => {
      if (source) schedule();
      const shown = open.value;
      if (shown?.kind === 'article' && shown.hit.id === payload.articleId) void readOpenArticle(payload.articleId);
    });
  }

  return { suggestions, error, answeredText, open, update, refresh, openArticle, openCase, close, clear, follow };
});
