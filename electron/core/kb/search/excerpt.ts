import MarkdownIt, { type Token } from 'markdown-it';
import { fold } from './fold';
import type { Phrase } from './query-plan';

/** About how long an excerpt is: two lines of a result list. */
export const EXCERPT_CHARS = 200;

// Raw HTML off (the default): a tag in a body is text to markdown-it, and is dropped below.
const markdown = new MarkdownIt();

/**
 * A Markdown body as the words a reader sees: no `#`, `**`, list numbers, link targets, code
 * fences or tags. Block ends become sentence ends, so an excerpt never runs two steps together.
 */
export function plainText(body: string): string {
  const out: string[] = [];
  const walk = (tokens: readonly Token[]) => {
    for (const t of tokens) {
      if (t.children) walk(t.children);
      else if (t.type === 'text' || t.type === 'code_inline') out.push(t.content);
      else if (t.type === 'code_block' || t.type === 'fence') out.push(`\n${t.content.trim()}\n`);
      else if (t.type === 'softbreak' || t.type === 'hardbreak') out.push(' ');
      else if (t.type === 'image') out.push(t.content);
      if (t.type.endsWith('_close') && t.block) out.push(' \n');
    }
  };
  walk(markdown.parse(body, {}));
  return out
    .join('')
    .replace(/<\/?[a-z][^>]*>/gi, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n[\s\n]*/g, '\n')
    .trim();
}

/**
 * The part of a text (plain, from `plainText`) that best shows why it matched: the sentence that
 * holds the most of the searched groups, from its start (or around its first match when it is
 * long), about EXCERPT_CHARS long, with "…" where it was cut. The text's start when nothing matches.
 */
export function excerptAround(text: string, groups: readonly (readonly Phrase[])[], max = EXCERPT_CHARS): string {
  const sentences = splitSentences(text);
  if (!sentences.length) return '';
  const stems = groups.map((phrases) => phrases.flatMap((p) => p.map(stemOf)));
  let best = { index: 0, score: 0, at: 0 };
  sentences.forEach((s, index) => {
    const words = [...s.text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ word: fold(m[0]), at: m.index ?? 0 }));
    let score = 0;
    let at = -1;
    for (const keys of stems) {
      const hit = words.find((w) => keys.some((k) => w.word.startsWith(k)));
      if (hit) {
        score += 1;
        if (at < 0 || hit.at < at) at = hit.at;
      }
    }
    if (score > best.score) best = { index, score, at: Math.max(at, 0) };
  });
  const sentence = sentences[best.index] as { text: string; start: number };
  let start = sentence.start;
  // A long sentence is shown around its first match, with some words before it.
  if (best.at > max * 0.6) start = sentence.start + wordStartBefore(sentence.text, best.at - Math.floor(max * 0.3));
  let excerpt = text.slice(start, start + max + 1).replace(/\s+/g, ' ');
  const cutEnd = start + max < text.length;
  if (cutEnd) excerpt = excerpt.slice(0, max).replace(/\s+\S*$/, '');
  return `${start > 0 ? '…' : ''}${excerpt.trim()}${cutEnd ? '…' : ''}`;
}

/** The start of a word that may stand for the searched one: "printing" → "print", "jams" → "jam". */
function stemOf(word: string): string {
  const trimmed = word.replace(/(ings?|ers?|ed|es|s|ly|ation|ations)$/, '');
  return trimmed.length >= 3 ? trimmed : word;
}

function splitSentences(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const pattern = /[^\n.!?]+(?:[.!?]+|\n|$)/g;
  for (const m of text.matchAll(pattern)) {
    if (m[0].trim()) out.push({ text: m[0], start: m.index ?? 0 });
  }
  return out;
}

/** The index of the start of the word at or before `at` (never negative). */
function wordStartBefore(text: string, at: number): number {
  let i = Math.max(0, Math.min(at, text.length));
  while (i > 0 && /\S/.test(text[i - 1] as string)) i--;
  return i;
}
