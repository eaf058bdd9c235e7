/**
 * One knowledge-base article as its screens show it (read, edit, history), kept current from
 * `kb.changed`, and every way of changing it: create, edit, publish, retire, review, delete a
 * draft, restore an earlier version, attach and detach images.
 *
 * Each change carries the version the person was looking at when they began it. A stale version
 * is refused by the core with a conflict; the screen shows it with the offer to read the article
 * again. Nothing is retried on the person's behalf, so nothing is silently overwritten.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ChannelName } from '../../../shared/channel-names';
import type { ChannelInput, ChannelResult } from '../../../shared/contract';
import { formatArticleNumber, type Article, type ArticleFields, type ArticleVersion, type ArticleVersionDetail, type AttachmentInfo, type AttachmentType } from '../../../shared/knowledge';
import type { ContractError, Result } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { followChanges } from './follow-changes';
import { useKbAttachmentStore } from './kb-attachment-store';
import { serialRefresh } from './refresh-queue';
import { useSessionStore } from './session-store';

/** The channels that change an article and answer with it. */
type ArticleChange = 'kb.update' | 'kb.publish' | 'kb.retire' | 'kb.review' | 'kb.restore';

export type NewArticle = ChannelInput<'kb.create'>;
export type ArticleChanges = Partial<ArticleFields>;

/** An image chosen by the person, read and checked (lib/image-files.ts), ready to send. */
export interface ImageUpload {
  fileName: string;
  mediaType: AttachmentType;
  dataBase64: string;
}

const BUSY: ContractError = { code: 'conflict', message: 'Another change to this article is still being saved. Try again in a moment.' };

export const useKbArticleStore = defineStore('kb-article', () => {
  const api = useConsoleApi();
  const session = useSessionStore();
  const images = useKbAttachmentStore();

  const articleId = ref<number | null>(null);
  const article = ref<Article | null>(null);
  /** Why the article could not be read (gone, never there, not for this person). */
  const loadError = ref<ContractError | null>(null);
  const versions = ref<ArticleVersion[]>([]);
  const versionsError = ref<ContractError | null>(null);
  /** A change in flight (one at a time: the next one needs the version this one produces). */
  const busy = ref(false);
  /** Counts reads the person asked for after a conflict: open forms then take the version they now see. */
  const reviews = ref(0);
  /** What the next article screen says when it opens (saved, created); that screen clears it. */
  const notice = ref('');
  let withVersions = false;
  /** Which follow() is the current one: a screen that stops after the next one started must not undo its settings. */
  let follower = 0;

  async function load(id: number): Promise<void> {
    if (articleId.value !== id) {
      article.value = null;
      versions.value = [];
      loadError.value = null;
      versionsError.value = null;
    }
    articleId.value = id;
    const [result, history] = await Promise.all([session.call('kb.get', { id }), withVersions ? session.call('kb.versions', { id }) : null]);
    // The screen may have moved on to another article while this one was loading.
    if (articleId.value !== id) return;
    if (result.ok) {
      article.value = result.value;
      loadError.value = null;
    } else {
      article.value = null;
      loadError.value = result.error;
    }
    if (history) {
      if (history.ok) {
        versions.value = history.value;
        versionsError.value = null;
      } else {
        versionsError.value = history.error;
      }
    }
  }

  const reloadCurrent = serialRefresh(async () => {
    if (articleId.value !== null) await load(articleId.value);
  });

  /**
   * Shows article `id` (and its history, when `history`) and keeps it current; returns the
   * function that stops following.
   */
  function follow(id: number, options: { history?: boolean } = {}): () => void {
    follower += 1;
    const mine = follower;
    withVersions = options.history ?? false;
    if (articleId.value !== id) {
      article.value = null;
      loadError.value = null;
      versions.value = [];
      versionsError.value = null;
    }
    articleId.value = id;
    const offChanged = api.on('kb.changed', (payload) => {
      if (payload.articleId !== id) return;
      if (payload.change === 'deleted') {
        article.value = null;
        loadError.value = { code: 'not_found', message: `${formatArticleNumber(id)} was deleted.` };
        return;
      }
      // Our own change is in already (its answer carried the article).
      if (article.value && article.value.version > payload.version) return;
      void reloadCurrent();
    });
    // No events of its own here: only the first read and a read when the event stream comes back.
    const offStream = followChanges(api, [], () => undefined, () => void reloadCurrent());
    return () => {
      offChanged();
      offStream();
      if (follower === mine) withVersions = false;
    };
  }

  /** After a conflict: read the article as it is now, so the person can review and try again. */
  async function reloadAfterConflict(): Promise<void> {
    await reloadCurrent();
    reviews.value += 1;
  }

  /** Runs one change of the article on screen; on success the answer is what the screen shows. */
  async function change<C extends ArticleChange>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelResult<C>>> {
    if (busy.value) return { ok: false, error: BUSY };
    busy.value = true;
    try {
      const result = await session.call(channel as ChannelName as C, input);
      if (result.ok) {
        const answer = result.value as Article;
        if (answer.id === articleId.value) article.value = answer;
        if (withVersions) void reloadCurrent();
      }
      return result;
    } finally {
      busy.value = false;
    }
  }

  function current(): Article {
    if (!article.value) throw new Error('No article is loaded');
    return article.value;
  }

  async function create(fields: NewArticle): Promise<Result<Article>> {
    if (busy.value) return { ok: false, error: BUSY };
    busy.value = true;
    try {
      const result = await session.call('kb.create', fields);
      if (result.ok) {
        articleId.value = result.value.id;
        article.value = result.value;
        loadError.value = null;
      }
      return result;
    } finally {
      busy.value = false;
    }
  }

  async function deleteDraft(version: number): Promise<Result<{ id: number }>> {
    if (busy.value) return { ok: false, error: BUSY };
    busy.value = true;
    try {
      const id = current().id;
      const result = await session.call('kb.deleteDraft', { id, version });
      if (result.ok && articleId.value === id) {
        article.value = null;
        articleId.value = null;
      }
      return result;
    } finally {
      busy.value = false;
    }
  }

  function loadVersion(number: number): Promise<Result<ArticleVersionDetail>> {
    return session.call('kb.version', { id: current().id, number });
  }

  /** Adds an image to the article on screen; the article is read again to list it. */
  async function attach(image: ImageUpload): Promise<Result<AttachmentInfo>> {
    const result = await session.call('kb.attach', { articleId: current().id, ...image });
    if (result.ok) void reloadCurrent();
    return result;
  }

  async function detach(attachmentId: number): Promise<Result<{ id: number }>> {
    const result = await session.call('kb.detach', { id: attachmentId });
    if (result.ok) {
      images.forget(attachmentId);
      void reloadCurrent();
    }
    return result;
  }

  return {
    articleId,
    article,
    loadError,
    versions,
    versionsError,
    busy,
    reviews,
    notice,
    load,
    follow,
    reloadAfterConflict,
    create,
    update: (version: number, changes: ArticleChanges) => change('kb.update', { id: current().id, version, ...changes }),
    publish: (version: number) => change('kb.publish', { id: current().id, version }),
    retire: (version: number, reason: string) => change('kb.retire', { id: current().id, version, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
    review: (version: number, nextReviewDue: string, note: string) =>
      change('kb.review', { id: current().id, version, ...(nextReviewDue ? { nextReviewDue } : {}), ...(note.trim() ? { note: note.trim() } : {}) }),
    restore: (version: number, fromVersion: number) => change('kb.restore', { id: current().id, version, fromVersion }),
    deleteDraft,
    loadVersion,
    attach,
    detach,
  };
});
