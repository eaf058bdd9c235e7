import { isPlainWord, wordsOf } from './fold';
import { isStopStem, isStopWord } from './stop-words';
import { expansionOf, isKnownTerm, LONGEST_TERM, synonymsOf } from './synonyms';
import type { Vocabulary } from './vocabulary';

/** A word or a phrase as the indexes search it: ["wi", "fi"] is the phrase "wi fi". */
export type Phrase = readonly string[];

/** One thing the person typed, and every way a document may say it. */
export interface TermGroup {
  /** The word searched, as `corrected` shows it ("printer" for a typed "printr"). */
  label: string;
  /** The typed word, its expansion, completions or correction: full weight. */
  exact: Phrase[];
  /** Other words for the same thing (synonyms.ts): less weight than the person's own word. */
  related: Phrase[];
}

export interface QueryPlan {
  groups: TermGroup[];
  /** The searched words, when a typo was corrected; null otherwise. */
  corrected: string | null;
}

/** Only the start of a long text is read (a pasted description): its first words say what it is about. */
export const MAX_QUERY_CHARS = 1_000;
/** More words than this narrow nothing and cost a branch each: the rarest are kept. */
export const MAX_GROUPS = 10;
/** Completions searched for the word being typed. */
const COMPLETIONS = 4;

export interface PlanOptions {
  /** The last word is still being typed: search it as the start of a word. */
  typing: boolean;
  /** Whether an index holds the word (asked only of words the vocabulary does not know, before correcting them). */
  isIndexed(word: string): Promise<boolean>;
}

interface Term {
  text: string;
  prefix: boolean;
}

/**
 * Reads what the person typed into term groups: words folded, stop words dropped, shorthand
 * expanded ("pw" → password), known two-word terms kept together ("smart board"), unknown words
 * corrected to the nearest indexed word, the word being typed completed from the indexed words,
 * and each group given its synonyms.
 */
export async function planQuery(text: string, vocabulary: Vocabulary, options: PlanOptions): Promise<QueryPlan> {
  const clipped = text.slice(0, MAX_QUERY_CHARS);
  const typing = options.typing && clipped.length === text.length && /[\p{L}\p{N}]$/u.test(clipped);
  const terms = rarest(termsOf(wordsOf(clipped), typing), vocabulary);
  let correctedAny = false;
  const groups: TermGroup[] = [];
  for (const term of terms) {
    const expanded = expansionOf(term.text);
    let label = expanded;
    const exact = new Set<string>([expanded, term.text]);
    /** Whose synonyms the group takes: the word, what it stands for, and what it was read as. */
    const meanings = [term.text, expanded];
    if (term.prefix) {
      const completions = vocabulary.completions(term.text, COMPLETIONS);
      if (completions.length === 0) {
        const meant = vocabulary.prefixCorrection(term.text);
        if (meant) {
          exact.delete(term.text);
          exact.add(meant);
          meanings.push(meant);
          label = meant;
          correctedAny = true;
        }
      } else {
        // The typed start stays as typed in `corrected`; what it searches is the words it may become.
        if (!vocabulary.has(term.text)) exact.delete(term.text);
        for (const c of completions) exact.add(c);
        meanings.push(completions[0] as string);
        label = term.text;
      }
    } else if (expanded === term.text && !term.text.includes(' ') && !vocabulary.has(term.text) && isPlainWord(term.text)) {
      const meant = vocabulary.correction(term.text);
      if (meant && !(await options.isIndexed(term.text))) {
        exact.delete(term.text);
        exact.add(meant);
        meanings.push(meant);
        label = meant;
        correctedAny = true;
      }
    }
    const related = new Set<string>();
    for (const word of meanings) for (const s of synonymsOf(word)) if (!exact.has(s)) related.add(s);
    const group = { label, exact: phrases(exact), related: phrases(related) };
    if (group.exact.length) groups.push(group);
  }
  return { groups, corrected: correctedAny ? groups.map((g) => g.label).join(' ') : null };
}

/** Words into terms: stop words and single letters out, repeats out, known multi-word terms kept whole. */
function termsOf(words: readonly string[], typing: boolean): Term[] {
  const terms: Term[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < words.length; ) {
    let taken = 1;
    for (let n = Math.min(LONGEST_TERM, words.length - i); n >= 2; n--) {
      if (isKnownTerm(words.slice(i, i + n).join(' '))) {
        taken = n;
        break;
      }
    }
    const text = words.slice(i, i + taken).join(' ');
    const last = i + taken === words.length;
    i += taken;
    // A stop word being typed ("in") is as likely the start of "ink" as the word itself: too little to go on.
    if (taken === 1 && (text.length < 2 || isStopWord(text))) continue;
    if (seen.has(text)) continue;
    seen.add(text);
    terms.push({ text, prefix: typing && last && taken === 1 });
  }
  return terms;
}

/** At most MAX_GROUPS terms: the rarest (unknown words count as rare), the word being typed always kept. */
function rarest(terms: Term[], vocabulary: Vocabulary): Term[] {
  if (terms.length <= MAX_GROUPS) return terms;
  const typed = terms.filter((t) => t.prefix);
  const rest = terms.filter((t) => !t.prefix);
  const kept = new Set(
    rest
      .map((t, order) => ({ t, order, n: vocabulary.frequency(expansionOf(t.text)) }))
      .sort((a, b) => a.n - b.n || a.order - b.order)
      .slice(0, MAX_GROUPS - typed.length)
      .map((x) => x.t),
  );
  return terms.filter((t) => t.prefix || kept.has(t));
}

/**
 * Terms as phrases of their searchable words. Stop words are dropped, and so are words that stem
 * to one ("ine" is stored as "in"): PostgreSQL's index holds neither, SQLite's holds them in
 * almost every document.
 */
function phrases(terms: Iterable<string>): Phrase[] {
  const out: Phrase[] = [];
  const seen = new Set<string>();
  for (const term of terms) {
    const words = term.split(' ').filter((w) => w.length > 0 && !isStopStem(w));
    const key = words.join(' ');
    if (words.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(words);
  }
  return out;
}
