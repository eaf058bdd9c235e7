import type { DataSource } from 'typeorm';
import type { EventBus } from '../../event-bus';
import { yieldToEventLoop } from '../../yield';
import { wordsOf } from './fold';
import { stemOf } from './porter-stem';
import { integer } from './sql-kit';
import { isStopWord } from './stop-words';
import { Vocabulary, type DocumentWords } from './vocabulary';

/**
 * Resolved cases whose words the vocabulary holds: the most recent ones. Reading 200,000 cases'
 * words at first use would stall the first keystroke for seconds; the recent ones hold the words
 * people use now, and the typo check asks the index itself before correcting a word it does not
 * know (knowledge-search.ts).
 */
export const CASE_SAMPLE = 20_000;
/** Articles read and counted between two yields to the event loop: tens of milliseconds of work. */
const ARTICLE_CHUNK = 100;
const CASE_CHUNK = 2_000;
/** Beyond this many changed cases at once (an import), the sample is read again instead. */
const RELOAD_AFTER = 2_000;

/** A recently resolved case as the ranking's recent window reads it, without asking the database. */
export interface RecentCase {
  id: number;
  /** The summary's stems, in order (phrases match in order). */
  summary: readonly string[];
  categoryId: number | null;
  buildingId: number | null;
}

/**
 * A text's words for the vocabulary: the words worth completing and correcting (no bare numbers),
 * and the stems of every word a search may ask for (stop words are never asked for).
 */
export function documentWords(text: string): DocumentWords & { stems: string[] } {
  const words: string[] = [];
  const stems: string[] = [];
  for (const w of wordsOf(text)) {
    if (isStopWord(w)) continue;
    stems.push(stemOf(w));
    // Bare numbers are searched, but never completed or corrected to.
    if (w.length >= 2 && /\D/.test(w)) words.push(w);
  }
  return { words, stems };
}

interface ArticleText {
  id: number | string;
  title: string;
  problem: string;
  solution: string;
  systems: string;
}

interface CaseText {
  id: number | string;
  summary: string;
  resolution_notes: string | null;
  resolved_at: number | string | null;
  category_id: number | string | null;
  building_id: number | string | null;
}

const CASE_COLUMNS = 'id, summary, resolution_notes, resolved_at, category_id, building_id';
const articleWords = (a: ArticleText) => documentWords(`${a.title} ${a.problem} ${a.solution} ${a.systems}`);
const nullableId = (v: number | string | null) => (v === null ? null : Number(v));

/**
 * The vocabulary, read from the database at first use (every article, the most recent resolved
 * cases) and kept fresh by `kb.changed` and `cases.changed` (local or relayed from other consoles):
 * changed documents are noted as they are announced and read again before the next search uses
 * the vocabulary. It also keeps the recent cases' summaries for the ranking's recent window.
 */
export class VocabularySource {
  private readonly vocabulary = new Vocabulary();
  private readonly recent = new Map<number, RecentCase>();
  private newestFirst: RecentCase[] | null = null;
  private loading: Promise<void> | null = null;
  private refreshing: Promise<void> | null = null;
  private rereading: Promise<void> | null = null;
  private readonly changedArticles = new Set<number>();
  private readonly changedCases = new Set<number>();
  private resolvedCases = 0;
  /** The last article id and last change per state, as the last check saw them. */
  private articleSignature: string | null = null;
  private articlesStale = false;
  private readonly unsubscribe: () => void;

  /**
   * `changed`: told when an index's documents changed (an article, a case resolved or reopened or
   * edited while resolved), before the search that follows reads the vocabulary.
   */
  constructor(
    private readonly db: DataSource,
    events: EventBus,
    private readonly countResolved: () => Promise<number>,
    private readonly signature: () => Promise<string>,
    private readonly changed: (index: 'articles' | 'cases', ids: readonly number[] | 'all') => void = () => undefined,
  ) {
    this.unsubscribe = events.subscribe((name, payload) => {
      if (this.loading === null) return; // not read yet: the first read will see the change
      if (name === 'kb.changed') this.changedArticles.add((payload as { articleId: number }).articleId);
      else if (name === 'cases.changed') this.changedCases.add((payload as { caseId: number }).caseId);
      // Back from a lost connection to the other consoles' events: what they changed meanwhile was not heard.
      else if (name === 'live.status' && (payload as { state: string }).state === 'live') this.loading = null;
    });
  }

  /** The vocabulary with every announced change applied. */
  async current(): Promise<Vocabulary> {
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = null; // a failed first read (database down) is tried again at the next search
      throw error;
    });
    await this.loading;
    if (this.articlesStale) {
      this.rereading ??= this.rereadArticles().finally(() => {
        this.rereading = null;
      });
      await this.rereading;
    }
    while (this.changedArticles.size || this.changedCases.size) {
      this.refreshing ??= this.refresh().finally(() => {
        this.refreshing = null;
      });
      await this.refreshing;
    }
    return this.vocabulary;
  }

  /** Documents in an index: every article; resolved cases as last counted (plus those resolved since). */
  documents(index: 'articles' | 'cases'): number {
    return index === 'articles' ? this.vocabulary.documentCount('articles') : Math.max(this.resolvedCases, this.vocabulary.documentCount('cases'));
  }

  /** The most recently resolved cases held (by id, newest first), at most `count`. Call after `current()`. */
  recentCases(count: number): readonly RecentCase[] {
    this.newestFirst ??= [...this.recent.values()].sort((a, b) => b.id - a.id);
    return this.newestFirst.slice(0, count);
  }

  close(): void {
    this.unsubscribe();
  }

  /**
   * Whether articles were written without `kb.changed` (another process on the same SQLite file, a
   * script): the last article id or the last change of any state differs from what the last check
   * saw, and no event explains it. Then the next `current()` reads every article again. Four index
   * probes (matcher.ts's ARTICLE_SIGNATURE_SQL); searches run it beside their own work.
   */
  async articlesChangedUnannounced(): Promise<boolean> {
    if (this.loading === null) return false;
    const signature = await this.signature();
    const seen = this.articleSignature;
    this.articleSignature = signature;
    if (seen === null || seen === signature || this.changedArticles.size > 0) return false;
    this.articlesStale = true;
    return true;
  }

  private async rereadArticles(): Promise<void> {
    this.articlesStale = false;
    this.changed('articles', 'all');
    this.vocabulary.clear('articles');
    await this.loadArticles();
  }

  /** Reads everything (at first use, and again after the other consoles' events were missed). */
  private async load(): Promise<void> {
    this.changed('articles', 'all');
    this.changed('cases', 'all');
    this.articleSignature = null;
    this.vocabulary.clear('articles');
    await this.loadArticles();
    await this.loadCases();
  }

  private async loadArticles(): Promise<void> {
    for (let after = 0; ; ) {
      const rows: ArticleText[] = await this.db.query(
        `SELECT id, title, problem, solution, systems FROM kb_article WHERE id > ${integer(after)} ORDER BY id LIMIT ${ARTICLE_CHUNK}`,
      );
      for (const a of rows) this.vocabulary.set('articles', Number(a.id), articleWords(a));
      if (rows.length < ARTICLE_CHUNK) break;
      after = Number(rows[rows.length - 1]?.id);
      await yieldToEventLoop();
    }
  }

  private async loadCases(): Promise<void> {
    this.vocabulary.clear('cases');
    this.recent.clear();
    this.newestFirst = null;
    this.resolvedCases = await this.countResolved();
    const newestFirst: CaseText[] = [];
    for (let before = Number.MAX_SAFE_INTEGER; newestFirst.length < CASE_SAMPLE; ) {
      const rows: CaseText[] = await this.db.query(
        `SELECT ${CASE_COLUMNS} FROM help_case
         WHERE resolved_at IS NOT NULL AND id < ${integer(before)} ORDER BY id DESC LIMIT ${integer(Math.min(CASE_CHUNK, CASE_SAMPLE - newestFirst.length))}`,
      );
      newestFirst.push(...rows);
      if (rows.length < CASE_CHUNK) break;
      before = Number(rows[rows.length - 1]?.id);
      await yieldToEventLoop();
    }
    // Oldest first: the vocabulary forgets in the order documents came in.
    for (let i = newestFirst.length - 1; i >= 0; i--) {
      this.holdCase(newestFirst[i] as CaseText);
      if (i % CASE_CHUNK === 0) await yieldToEventLoop();
    }
  }

  private holdCase(c: CaseText): void {
    const id = Number(c.id);
    const summary = documentWords(c.summary);
    const notes = documentWords(c.resolution_notes ?? '');
    this.vocabulary.set('cases', id, { words: [...summary.words, ...notes.words], stems: [...summary.stems, ...notes.stems] });
    this.recent.set(id, { id, summary: summary.stems, categoryId: nullableId(c.category_id), buildingId: nullableId(c.building_id) });
    this.newestFirst = null;
  }

  private forgetCase(id: number): void {
    this.vocabulary.set('cases', id, null);
    if (this.recent.delete(id)) this.newestFirst = null;
  }

  private async refresh(): Promise<void> {
    const articles = [...this.changedArticles];
    const cases = [...this.changedCases];
    this.changedArticles.clear();
    this.changedCases.clear();
    if (articles.length) this.changed('articles', articles);
    for (let i = 0; i < articles.length; i += ARTICLE_CHUNK) {
      const ids = articles.slice(i, i + ARTICLE_CHUNK);
      const rows: ArticleText[] = await this.db.query(`SELECT id, title, problem, solution, systems FROM kb_article WHERE id IN (${ids.map(integer).join(', ')})`);
      const found = new Map(rows.map((a) => [Number(a.id), a]));
      for (const id of ids) {
        const a = found.get(id);
        this.vocabulary.set('articles', id, a ? articleWords(a) : null);
      }
    }
    if (cases.length > RELOAD_AFTER) {
      this.changed('cases', 'all');
      await this.loadCases();
      return;
    }
    for (let i = 0; i < cases.length; i += CASE_CHUNK) {
      const ids = cases.slice(i, i + CASE_CHUNK);
      const rows: CaseText[] = await this.db.query(`SELECT ${CASE_COLUMNS} FROM help_case WHERE id IN (${ids.map(integer).join(', ')})`);
      const found = new Map(rows.map((c) => [Number(c.id), c]));
      for (const id of ids) {
        const c = found.get(id);
        const resolved = c !== undefined && c.resolved_at !== null;
        const held = this.vocabulary.holds('cases', id);
        // The case index holds resolved cases: only a case resolved now or before changes what it finds.
        if (resolved || held) this.changed('cases', [id]);
        if (resolved && !held) this.resolvedCases += 1;
        if (!resolved && held) this.resolvedCases -= 1;
        if (resolved) this.holdCase(c);
        else this.forgetCase(id);
      }
    }
    for (const id of this.vocabulary.evictOldest('cases', CASE_SAMPLE)) this.recent.delete(id);
    this.newestFirst = null;
  }
}
