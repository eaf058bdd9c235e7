/**
 * Words as both search indexes see them: lower case, accents removed (é → e, as FTS5's
 * `remove_diacritics 2` and PostgreSQL's `unaccent`), split at anything that is not a letter or a
 * digit ("Wi-Fi" → wi, fi; "can't" → can, t).
 */

/** Longest word kept: longer runs are serial numbers or pasted noise, never a word to search. */
export const MAX_WORD_LENGTH = 40;

const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_WORD = /[a-z0-9]+/g;
const NOT_ASCII = /[\u0080-\uffff]/;

/** Dashes, curly quotes, ellipses: separators like any punctuation, and the only non-ASCII in most English text. */
const TYPOGRAPHY = /[\u2010-\u205e]/g;

export function fold(text: string): string {
  // Most text is ASCII but for its typography: nothing to decompose then (a vocabulary read folds megabytes).
  const plain = text.replace(TYPOGRAPHY, ' ');
  return NOT_ASCII.test(plain) ? plain.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase() : plain.toLowerCase();
}

/** The folded words of a text, in order, repeats kept. */
export function wordsOf(text: string): string[] {
  const folded = fold(text);
  const words = folded.match(NOT_ASCII.test(folded) ? WORD : ASCII_WORD) ?? [];
  return words.length && words.some((w) => w.length > MAX_WORD_LENGTH) ? words.filter((w) => w.length <= MAX_WORD_LENGTH) : words;
}

/** A word worth correcting or completing: letters, not a number or a code like "b12". */
export function isPlainWord(word: string): boolean {
  return /^\p{L}+$/u.test(word);
}
