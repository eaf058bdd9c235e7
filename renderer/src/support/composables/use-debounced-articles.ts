import { onBeforeUnmount, ref, watch, type WatchSource } from 'vue';
import type { HelpArticleHit } from '../../../../shared/support';
import { supportClient } from '../support-session';

/** Fewer characters than this find nothing useful and would ask the server on every keystroke. */
const MIN_QUERY = 4;

/**
 * Knowledge-base articles for what the employee is typing ("Might this help?"): asked once they
 * pause, and only the answer to the latest words is shown (an older answer arriving late is dropped).
 */
export function useDebouncedArticles(words: WatchSource<string>, { waitMs = 500, limit = 3 } = {}) {
  const articles = ref<HelpArticleHit[]>([]);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let asked = 0;

  async function ask(query: string): Promise<void> {
    const mine = ++asked;
    const result = await supportClient().invoke('support.articles', { query, limit });
    if (mine !== asked) return;
    // Suggestions are a help, not a step: a failed search leaves the form as it was.
    articles.value = result.ok ? result.value : [];
  }

  watch(
    words,
    (text) => {
      if (timer) clearTimeout(timer);
      const query = text.trim();
      if (query.length < MIN_QUERY) {
        asked++;
        articles.value = [];
        return;
      }
      timer = setTimeout(() => void ask(query), waitMs);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer);
    asked++;
  });
  return articles;
}
