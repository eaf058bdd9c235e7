import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelName } from '../../../shared/channel-names';
import type { Article, ArticleHit, IntakeSuggestions } from '../../../shared/knowledge';
import { SUGGEST_DEBOUNCE_MS, suggestText, useKbSuggestStore, type SuggestSource } from '../../../renderer/src/stores/kb-suggest-store';
import type { AnyHandler } from './support/fake-core-base';
import { FakeIntakeApi } from './support/fake-intake-api';
import { atTheIntakeConsole, settle } from './support/intake-setup';

function hit(id: number, title: string): ArticleHit {
  return {
    id,
    number: `KB-${id}`,
    title,
    state: 'published',
    audience: 'staff',
    categoryId: null,
    categoryName: null,
    ownerId: null,
    ownerName: null,
    reviewDue: null,
    sourceCaseId: null,
    version: 2,
    updatedAt: '2026-11-30T20:00:00.000Z',
    citations: 0,
    reopenedCitations: 0,
    flagged: false,
    lastReviewedAt: null,
    excerpt: title,
  };
}

/** The intake fake core, answering `kb.suggest` with the articles whose title holds a word of the text, and `kb.get`. */
class KnowledgeFake extends FakeIntakeApi {
  readonly articles = [hit(1, 'Projector shows no signal'), hit(2, 'Printer jams on tray 2')];

  private readonly knowledge: Partial<Record<ChannelName, AnyHandler>> = {
    'kb.suggest': ((input: { text: string }): IntakeSuggestions => {
      const words = input.text.toLowerCase().split(/\s+/);
      const articles = this.articles.filter((a) => words.some((w) => w && a.title.toLowerCase().includes(w)));
      return { articles, cases: [], corrected: null };
    }) as AnyHandler,
    'kb.get': ((input: { id: number }): Article => {
      const found = this.articles.find((a) => a.id === input.id);
      return { ...found!, problem: 'No picture', solution: '1. Press Source', systems: [], buildingIds: [], buildingNames: [], attachments: [], citedBy: [], createdAt: found!.updatedAt, publishedAt: found!.updatedAt };
    }) as AnyHandler,
  };

  protected override handlerFor(channel: ChannelName): AnyHandler | undefined {
    return this.knowledge[channel] ?? super.handlerFor(channel);
  }
}

const typed = (summary: string, more: Partial<SuggestSource> = {}): SuggestSource => ({ summary, description: '', categoryId: null, buildingId: null, ...more });

async function atTheConsole() {
  const api = new KnowledgeFake();
  await atTheIntakeConsole({ api });
  return { api, kb: useKbSuggestStore() };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useKbSuggestStore', () => {
  it('asks once typing pauses, with the summary, the description, the category and the building', async () => {
    const { api, kb } = await atTheConsole();
    kb.update(typed('proj'));
    kb.update(typed('projector'));
    kb.update(typed('projector no', { description: 'since the substitute used it', categoryId: 2, buildingId: 1 }));
    await vi.advanceTimersByTimeAsync(SUGGEST_DEBOUNCE_MS - 1);
    expect(api.callsTo('kb.suggest')).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(api.callsTo('kb.suggest').map((c) => c.input)).toEqual([
      { text: 'projector no\nsince the substitute used it', categoryId: 2, buildingId: 1 },
    ]);
    expect(kb.suggestions?.articles.map((a) => a.number)).toEqual(['KB-1']);
  });

  it('asks nothing for fewer than three characters, and clears what was shown', async () => {
    const { api, kb } = await atTheConsole();
    kb.update(typed('printer'));
    await vi.advanceTimersByTimeAsync(SUGGEST_DEBOUNCE_MS);
    await settle();
    expect(kb.suggestions?.articles).toHaveLength(1);

    kb.update(typed('pr'));
    await vi.advanceTimersByTimeAsync(SUGGEST_DEBOUNCE_MS);
    await settle();
    expect(api.callsTo('kb.suggest')).toHaveLength(1);
    expect(kb.suggestions).toBeNull();
  });

  it('shows only the answer to the latest request, whatever order the answers arrive in', async () => {
    const { api, kb } = await atTheConsole();
    api.hold('kb.suggest');
    kb.update(typed('printer'));
    await vi.advanceTimersByTimeAsync(SUGGEST_DEBOUNCE_MS);
    kb.update(typed('projector'));
    await vi.advanceTimersByTimeAsync(SUGGEST_DEBOUNCE_MS);
    await settle();
    expect(api.callsTo('kb.suggest')).toHaveLength(2);

    api.release('kb.suggest', 1);
    await settle();
    expect(kb.suggestions?.articles.map((a) => a.title)).toEqual(['Projector shows no signal']);
    api.release('kb.suggest', 0);
    await settle();
    expect(kb.suggestions?.articles.map((a) => a.title)).toEqual(['Projector shows no signal']);
  });

  it('opens an article at once from its entry, and whole once it is read', async () => {
    const { kb } = await atTheConsole();
    const opening = kb.openArticle(hit(1, 'Projector shows no signal'));
    expect(kb.open).toMatchObject({ kind: 'article', hit: { id: 1 }, article: null });
    await opening;
    expect(kb.open).toMatchObject({ kind: 'article', article: { id: 1, solution: '1. Press Source' } });
    kb.close();
    expect(kb.open).toBeNull();
  });

  it('matches the summary first, then the description, within the contract’s bound', () => {
    expect(suggestText({ summary: '  No signal ', description: '' })).toBe('No signal');
    expect(suggestText({ summary: 'No signal', description: 'Room 114' })).toBe('No signal\nRoom 114');
    expect(suggestText({ summary: 'x'.repeat(200), description: 'y'.repeat(20_000) }).length).toBeLessThanOrEqual(200 + 10_000);
  });
});
