/**
 * Words as both search indexes see them: lower case, accents removed (é → e, as FTS5's
 * `remove_diacritics 2` and PostgreSQL's `unaccent`), split at anything that is not a letter or a
 * digit ("Wi-Fi" → wi, fi; "can't" → can, t).
 */

/** Longest word kept: longer runs are serial numbers or pasted noise, never a word to search. */
export const MAX_WORD_LENGTH = 40;

const WORD = /[\p{L}\p{N}]+/gu;

export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The folded words of a text, in order, repeats kept. */
export function wordsOf(text: string): string[] {
  return (fold(text).match(WORD) ?? []).filter((w) => w.length <= MAX_WORD_LENGTH);
}

/** A word worth correcting or completing: letters, not a number or a code like "b12". */
export function isPlainWord(word: string): boolean {
  return /^\p{L}+$/u.test(word);
}
