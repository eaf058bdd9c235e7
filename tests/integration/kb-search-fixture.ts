/**
 * A desk with a knowledge search of its own, for the search tests: a real core on a fresh SQLite
 * file or PostgreSQL database, articles written straight into their table (announced as the
 * knowledge base service announces them), cases opened and resolved through the contract.
 */
import type { DirectoryLists } from '../../shared/contract';
import type { ArticleAudience, ArticleState } from '../../shared/knowledge';
import { ArticleEntity } from '../../electron/core/db/kb-entities';
import { KnowledgeSearch } from '../../electron/core/kb/search/knowledge-search';
import { coreFixture, newCaseInput, type CoreFixture } from '../support/core-fixture';
import type { DatabaseKind } from '../support/databases';

export interface ArticleInput {
  title: string;
  problem?: string;
  solution?: string;
  systems?: string[];
  category?: string | null;
  state?: ArticleState;
  audience?: ArticleAudience;
}

export interface KbSearchDesk {
  f: CoreFixture;
  search: KnowledgeSearch;
  lists: DirectoryLists;
  actorId: number;
  call<T>(channel: string, input: unknown): Promise<T>;
  categoryId(name: string): number;
  buildingId(name: string): number;
  /** Writes an article and announces it (`kb.changed`); returns its id. */
  article(input: ArticleInput): Promise<number>;
  /** Changes an article's columns and announces it. */
  editArticle(id: number, changes: Partial<{ title: string; problem: string; solution: string; state: ArticleState }>): Promise<void>;
  /** Opens a case through the contract; returns its id and version. */
  openCase(summary: string, over?: Record<string, unknown>): Promise<{ id: number; version: number }>;
  /** Opens and resolves a case through the contract. */
  resolvedCase(summary: string, notes: string, over?: Record<string, unknown>): Promise<{ id: number; version: number }>;
  dispose(): Promise<void>;
}

export async function kbSearchDesk(kind: DatabaseKind): Promise<KbSearchDesk> {
  const f = await coreFixture(kind);
  const actorId = (await f.staff('supervisor')).id;
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await f.core.dispatch(channel, input, { actorId });
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  const lists = await call<DirectoryLists>('directory.lists', {});
  const search = new KnowledgeSearch(f.core.dataSource, f.core.events, { warmUpAfterMs: null });
  const idOf = (list: 'buildings' | 'categories', name: string) => {
    const item = lists[list].find((i) => i.name === name);
    if (!item) throw new Error(`No ${list} entry named ${name}`);
    return item.id;
  };
  const repo = () => f.core.dataSource.getRepository(ArticleEntity);
  const now = () => f.clock.now();
  const desk: KbSearchDesk = {
    f,
    search,
    lists,
    actorId,
    call,
    categoryId: (name) => idOf('categories', name),
    buildingId: (name) => idOf('buildings', name),
    article: async (input) => {
      const state = input.state ?? 'published';
      const row = await repo().save({
        title: input.title,
        problem: input.problem ?? '',
        solution: input.solution ?? '',
        categoryId: input.category ? idOf('categories', input.category) : null,
        systems: JSON.stringify(input.systems ?? []),
        audience: input.audience ?? 'staff',
        state,
        ownerId: null,
        reviewDue: null,
        lastReviewedAt: null,
        sourceCaseId: null,
        version: 1,
        createdAt: now(),
        updatedAt: now(),
        publishedAt: state === 'published' ? now() : null,
        createdById: actorId,
      });
      f.core.events.publish('kb.changed', { articleId: row.id, version: 1, change: 'created' });
      return row.id;
    },
    editArticle: async (id, changes) => {
      const before = await repo().findOneByOrFail({ id });
      await repo().update({ id }, { ...changes, version: before.version + 1, updatedAt: now() });
      f.core.events.publish('kb.changed', { articleId: id, version: before.version + 1, change: 'updated' });
    },
    openCase: async (summary, over = {}) => call<{ id: number; version: number }>('cases.create', newCaseInput({ summary, ...over })),
    resolvedCase: async (summary, notes, over = {}) => {
      const opened = await desk.openCase(summary, over);
      return call<{ id: number; version: number }>('cases.transition', { id: opened.id, version: opened.version, action: 'resolve', notes });
    },
    dispose: async () => {
      search.close();
      await f.dispose();
    },
  };
  return desk;
}
