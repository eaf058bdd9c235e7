import { allowedEdits, editDistanceWithin } from './edit-distance';
import { isPlainWord } from './fold';

/** Which index a document's words came from. */
export type Source = 'articles' | 'cases';

/** A document as the vocabulary keeps it. */
export interface DocumentWords {
  /** Words a person would type (no stop words, no bare numbers): what is completed and corrected to. */
  words: Iterable<string>;
  /** Every word's stem, as the index holds them: what a search's cost is estimated from. */
  stems: Iterable<string>;
}

interface Held {
  words: readonly string[];
  stems: readonly string[];
}

/**
 * The words the indexes hold, with how many documents hold each: what a typed word is completed
 * from, corrected to, and how common it is (a common word narrows a search little). In memory,
 * fed document by document (vocabulary-source.ts), so an edit replaces a document's words.
 *
 * Two counts: surface words (completion and correction must offer words people type) and stems
 * (what the indexes match: "printing" finds every "printed" and "prints").
 */
export class Vocabulary {
  private readonly counts = { articles: new Map<string, number>(), cases: new Map<string, number>() };
  private readonly stemCounts = { articles: new Map<string, number>(), cases: new Map<string, number>() };
  private readonly documents = { articles: new Map<number, Held>(), cases: new Map<number, Held>() };
  /** Every word ever seen, sorted: completion is a binary search for the prefix's range. */
  private sortedWords: string[] = [];
  /** Words learnt since the list was last sorted (a first load brings tens of thousands at once). */
  private unsorted: string[] = [];
  private readonly known = new Set<string>();
  /** Words by first letter, the only ones a typo is compared with (typos rarely hit the first letter). */
  private readonly byInitial = new Map<string, string[]>();
  private corrections = new Map<string, string | null>();

  /** Replaces a document's words (null: the document left the index). */
  set(source: Source, id: number, document: DocumentWords | null): void {
    const before = this.documents[source].get(id);
    if (before) {
      for (const w of before.words) this.bump(this.counts[source], w, -1);
      for (const s of before.stems) this.bump(this.stemCounts[source], s, -1);
      this.documents[source].delete(id);
    }
    if (document === null) return;
    const held = { words: [...new Set(document.words)], stems: [...new Set(document.stems)] };
    // Map order is insertion order: a changed document counts as new, which `evictOldest` relies on.
    this.documents[source].set(id, held);
    for (const w of held.words) {
      this.bump(this.counts[source], w, 1);
      if (!this.known.has(w)) this.learn(w);
    }
    for (const s of held.stems) this.bump(this.stemCounts[source], s, 1);
    // What was corrected may now be a word, or a nearer word may have arrived.
    if (this.corrections.size) this.corrections = new Map();
  }

  /** Forgets the documents of a source first put in, until at most `keep` are left; returns their ids. */
  evictOldest(source: Source, keep: number): number[] {
    const docs = this.documents[source];
    const evicted: number[] = [];
    for (const id of docs.keys()) {
      if (docs.size - evicted.length <= keep) break;
      evicted.push(id);
    }
    for (const id of evicted) this.set(source, id, null);
    return evicted;
  }

  /** Whether a document's words are held. */
  holds(source: Source, id: number): boolean {
    return this.documents[source].has(id);
  }

  /** How many documents of a source are held. */
  documentCount(source: Source): number {
    return this.documents[source].size;
  }

  clear(source: Source): void {
    for (const id of [...this.documents[source].keys()]) this.set(source, id, null);
  }

  has(word: string): boolean {
    return this.frequency(word) > 0;
  }

  /** Documents (of both sources) that hold the word. */
  frequency(word: string): number {
    return (this.counts.articles.get(word) ?? 0) + (this.counts.cases.get(word) ?? 0);
  }

  /** Documents of a source holding a stem. */
  stemFrequency(source: Source, stem: string): number {
    return this.stemCounts[source].get(stem) ?? 0;
  }

  /** The most frequent words starting with the prefix (the prefix itself first when it is a word). */
  completions(prefix: string, limit: number): string[] {
    const found: { word: string; n: number }[] = [];
    const list = this.sorted;
    for (let i = this.boundIn(list, prefix); i < list.length; i++) {
      const w = list[i] as string;
      if (!w.startsWith(prefix)) break;
      const n = this.frequency(w);
      if (n > 0) found.push({ word: w, n });
    }
    found.sort((a, b) => Number(b.word === prefix) - Number(a.word === prefix) || b.n - a.n || a.word.localeCompare(b.word));
    return found.slice(0, limit).map((f) => f.word);
  }

  /**
   * The word meant by one that is not here: the nearest word within the edits its length allows
   * (1 for 4–6 letters, 2 from 7), the more frequent of equally near ones. Null when none is near.
   */
  correction(word: string): string | null {
    if (this.corrections.has(word)) return this.corrections.get(word) ?? null;
    const result = this.nearest(word, (candidate, max) => editDistanceWithin(word, candidate, max));
    if (this.corrections.size > 5_000) this.corrections = new Map();
    this.corrections.set(word, result);
    return result;
  }

  /**
   * The word a mistyped beginning is heading for ("chromebok" → "chromebook"): the most frequent
   * word whose beginning is within the allowed edits of what was typed. Null when none is.
   */
  prefixCorrection(prefix: string): string | null {
    const key = `${prefix}*`;
    if (this.corrections.has(key)) return this.corrections.get(key) ?? null;
    // Many words share a beginning ("chromebook", "chromebooks"): each beginning is measured once.
    const measured = new Map<string, number>();
    const result = this.nearest(prefix, (candidate, max) => {
      // The typed beginning may be a letter short or long of the word's matching beginning.
      let best = max + 1;
      for (let len = prefix.length - max; len <= prefix.length + max; len++) {
        if (len < 1 || len > candidate.length) continue;
        const start = candidate.slice(0, len);
        let d = measured.get(start);
        if (d === undefined) {
          d = editDistanceWithin(prefix, start, max);
          measured.set(start, d);
        }
        best = Math.min(best, d);
      }
      return best;
    });
    this.corrections.set(key, result);
    return result;
  }

  private nearest(word: string, distance: (candidate: string, max: number) => number): string | null {
    const max = allowedEdits(word.length);
    if (max === 0 || !isPlainWord(word)) return null;
    let best: { word: string; d: number; n: number } | null = null;
    const initials = new Set([word[0], word[1]].filter((c): c is string => c !== undefined));
    for (const initial of initials) {
      for (const candidate of this.byInitial.get(initial) ?? []) {
        const n = this.frequency(candidate);
        if (n === 0 || candidate === word) continue;
        const d = distance(candidate, best ? Math.min(best.d, max) : max);
        if (d > max) continue;
        if (!best || d < best.d || (d === best.d && n > best.n)) best = { word: candidate, d, n };
      }
    }
    return best?.word ?? null;
  }

  private bump(counts: Map<string, number>, key: string, by: number): void {
    const n = (counts.get(key) ?? 0) + by;
    if (n > 0) counts.set(key, n);
    else counts.delete(key);
  }

  /** A new word: into the sorted list and its initial's bucket. Words are never unlearned (a count of 0 hides them). */
  private learn(word: string): void {
    this.known.add(word);
    this.unsorted.push(word);
    if (isPlainWord(word)) {
      const initial = word[0] as string;
      const bucket = this.byInitial.get(initial) ?? [];
      bucket.push(word);
      this.byInitial.set(initial, bucket);
    }
  }

  private get sorted(): readonly string[] {
    if (this.unsorted.length > 64) {
      this.sortedWords = [...this.sortedWords, ...this.unsorted].sort();
    } else {
      // A few new words (an edit, a newly resolved case): placed one by one, no full sort.
      for (const w of this.unsorted) this.sortedWords.splice(this.boundIn(this.sortedWords, w), 0, w);
    }
    this.unsorted = [];
    return this.sortedWords;
  }

  private boundIn(list: readonly string[], word: string): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((list[mid] as string) < word) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
