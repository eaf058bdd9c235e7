/**
 * The article a knowledge-base screen is about (its route's `:id`), kept current while the screen
 * shows it: the screen follows the article's changes from another console and stops when it goes.
 */
import { computed, onUnmounted, ref, watch, type ComputedRef, type Ref } from 'vue';
import type { Article } from '../../../shared/knowledge';
import { useKbArticleStore } from '../stores/kb-article-store';

export interface FollowedArticle {
  /** The route's id as an article id; null when it is not an article number. */
  articleId: ComputedRef<number | null>;
  /** The store's article once it is the one asked for (null while loading, or when it cannot be read). */
  shown: ComputedRef<Article | null>;
  /** What the screen says first: the notice the previous screen left ("Saved as version 3."), then the screen's own. */
  notice: Ref<string>;
}

export function useFollowedArticle(routeId: () => string): FollowedArticle {
  const store = useKbArticleStore();
  const notice = ref('');
  const articleId = computed(() => (/^[1-9]\d{0,15}$/.test(routeId()) ? Number(routeId()) : null));
  const shown = computed(() => (store.article && store.article.id === articleId.value ? store.article : null));

  let stopFollowing: (() => void) | null = null;
  watch(
    articleId,
    (id) => {
      stopFollowing?.();
      // What the editor said on the way here, else nothing from another article.
      notice.value = store.notice;
      store.notice = '';
      stopFollowing = id === null ? null : store.follow(id);
    },
    { immediate: true },
  );
  onUnmounted(() => stopFollowing?.());

  return { articleId, shown, notice };
}
