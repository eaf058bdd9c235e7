import { wordsOf } from './fold';
import { stemOf } from './porter-stem';
import type { Phrase } from './query-plan';

/** A text's words as the SQLite index stores them, in order: folded and stemmed. */
export function stemsOf(text: string): string[] {
  return wordsOf(text).map(stemOf);
}

/** A phrase's words stemmed ("printing jobs" → print, job). */
export function stemPhrase(phrase: Phrase): string[] {
  return phrase.map(stemOf);
}

/** Whether the stems hold the phrase: its words one after the other (one word: anywhere). */
export function holdsPhrase(stems: readonly string[], phrase: readonly string[]): boolean {
  const first = phrase[0];
  if (first === undefined) return false;
  for (let i = stems.indexOf(first); i >= 0 && i + phrase.length <= stems.length; i = stems.indexOf(first, i + 1)) {
    let all = true;
    for (let j = 1; j < phrase.length; j++) {
      if (stems[i + j] !== phrase[j]) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

/** Whether the stems hold any of the phrases. */
export function holdsAny(stems: readonly string[], phrases: readonly (readonly string[])[]): boolean {
  return phrases.some((p) => holdsPhrase(stems, p));
}
