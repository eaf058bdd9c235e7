/**
 * The Porter stemmer (M. F. Porter, "An algorithm for suffix stripping", 1980), as SQLite's FTS5
 * `porter` tokenizer applies it: words shorter than 3 or longer than 64 letters are left alone,
 * and a suffix is only removed when something is left before it. With it the vocabulary counts
 * words the way the SQLite index stores them ("printing" and "printed" are one word, "print";
 * "printer" is another), and the ranking can check a few documents' words without asking the
 * index. PostgreSQL's english stemmer is Porter's later revision: the same stem for almost every
 * word, which is all the PostgreSQL side needs (estimates, not matches).
 *
 * tests/unit/kb-porter-stem.test.ts holds it to SQLite's own output.
 */

const MIN_LENGTH = 3;
const MAX_LENGTH = 64;

/** Whether the letter at i is a consonant: not a vowel, and y only after a vowel (or first). */
function isConsonant(w: string, i: number): boolean {
  const c = w[i];
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
  if (c === 'y') return i === 0 || !isConsonant(w, i - 1);
  return true;
}

/** Porter's m: how many vowel-consonant runs follow the stem's leading consonants. */
function measure(stem: string): number {
  let m = 0;
  let i = 0;
  while (i < stem.length && isConsonant(stem, i)) i++;
  while (i < stem.length) {
    while (i < stem.length && !isConsonant(stem, i)) i++;
    if (i >= stem.length) break;
    while (i < stem.length && isConsonant(stem, i)) i++;
    m++;
  }
  return m;
}

/** *v*: the stem holds a vowel (SQLite counts y as one anywhere but first). */
function hasVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) {
    const c = stem[i];
    if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || (c === 'y' && i > 0)) return true;
  }
  return false;
}

/** *o: the stem ends consonant-vowel-consonant, the last not w, x or y ("hop", not "bow"). */
function endsCvc(stem: string): boolean {
  const n = stem.length;
  if (n < 3) return false;
  const last = stem[n - 1];
  if (last === 'w' || last === 'x' || last === 'y') return false;
  return isConsonant(stem, n - 1) && !isConsonant(stem, n - 2) && isConsonant(stem, n - 3);
}

type Condition = (stem: string) => boolean;
const mAbove0: Condition = (s) => measure(s) > 0;
const mAbove1: Condition = (s) => measure(s) > 1;

/** Suffix → replacement, under a condition on what stands before the suffix. */
type Rule = readonly [suffix: string, replacement: string];

const STEP2: readonly Rule[] = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['bli', 'ble'],
  ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'],
  ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'],
  ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
];
const STEP3: readonly Rule[] = [['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', '']];
const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];

/**
 * Applies the longest rule whose suffix the word ends with (leaving a non-empty stem), if its
 * condition holds. Only the longest is tried: a shorter suffix is not a fallback.
 */
function applyLongest(word: string, rules: readonly Rule[], holds: Condition): string {
  let best: Rule | null = null;
  for (const rule of rules) {
    if (word.length > rule[0].length && word.endsWith(rule[0]) && (!best || rule[0].length > best[0].length)) best = rule;
  }
  if (!best) return word;
  const stem = word.slice(0, word.length - best[0].length);
  return holds(stem) ? stem + best[1] : word;
}

function step1a(w: string): string {
  if (!w.endsWith('s')) return w;
  if ((w.length > 4 && w.endsWith('sses')) || (w.length > 3 && w.endsWith('ies'))) return w.slice(0, -2);
  if (w.endsWith('ss')) return w;
  return w.slice(0, -1);
}

function step1b(w: string): string {
  if (w.length > 3 && w.endsWith('eed')) return mAbove0(w.slice(0, -3)) ? w.slice(0, -1) : w;
  let stem: string | null = null;
  if (w.length > 2 && w.endsWith('ed') && hasVowel(w.slice(0, -2))) stem = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('ing') && hasVowel(w.slice(0, -3))) stem = w.slice(0, -3);
  if (stem === null) return w;
  // What is left is tidied: "hopp" → "hop", "hop" → "hope", "conflat" → "conflate".
  if (stem.length > 2 && (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz'))) return `${stem}e`;
  const last = stem[stem.length - 1] as string;
  // A doubled consonant (y counts as one here), except l, s and z, loses one letter.
  if (stem.length >= 2 && last === stem[stem.length - 2] && !'aeiou'.includes(last) && last !== 'l' && last !== 's' && last !== 'z') return stem.slice(0, -1);
  if (measure(stem) === 1 && endsCvc(stem)) return `${stem}e`;
  return stem;
}

function step1c(w: string): string {
  return w.endsWith('y') && hasVowel(w.slice(0, -1)) ? `${w.slice(0, -1)}i` : w;
}

function step4(w: string): string {
  let best = '';
  for (const suffix of STEP4) if (w.length > suffix.length && w.endsWith(suffix) && suffix.length > best.length) best = suffix;
  if (!best) return w;
  const stem = w.slice(0, w.length - best.length);
  if (best === 'ion' && !(stem.endsWith('s') || stem.endsWith('t'))) return w;
  return mAbove1(stem) ? stem : w;
}

function step5(w: string): string {
  let out = w;
  if (out.endsWith('e')) {
    const stem = out.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !endsCvc(stem))) out = stem;
  }
  if (out.length > 1 && out.endsWith('ll') && mAbove1(out.slice(0, -1))) out = out.slice(0, -1);
  return out;
}

/** The stem of a folded word (lower case, no accents: fold.ts), as SQLite's porter tokenizer stores it. */
export function porterStem(word: string): string {
  if (word.length < MIN_LENGTH || word.length > MAX_LENGTH || !/^[a-z0-9]+$/.test(word)) return word;
  let w = step1c(step1b(step1a(word)));
  w = applyLongest(w, STEP2, mAbove0);
  w = applyLongest(w, STEP3, mAbove0);
  w = step4(w);
  return step5(w);
}

const remembered = new Map<string, string>();
const REMEMBERED = 100_000;

/** porterStem, remembered: the same few thousand words come back in every document and keystroke. */
export function stemOf(word: string): string {
  let stem = remembered.get(word);
  if (stem === undefined) {
    stem = porterStem(word);
    if (remembered.size >= REMEMBERED) remembered.clear();
    remembered.set(word, stem);
  }
  return stem;
}
