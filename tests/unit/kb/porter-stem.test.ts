import Database from 'better-sqlite3';
import { base, en, en_US, Faker } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { DEMO_TEXTS } from '../../../electron/core/demo/demo-texts';
import { DEMO_ARTICLES } from '../../../electron/core/demo/kb-articles';
import { wordsOf } from '../../../electron/core/kb/search/fold';
import { porterStem } from '../../../electron/core/kb/search/porter-stem';

/** What SQLite's own porter tokenizer stores for each word: one row per word, read back from fts5vocab. */
function sqliteStems(words: readonly string[]): Map<string, string> {
  const db = new Database(':memory:');
  try {
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(w, tokenize = 'porter unicode61 remove_diacritics 2')`);
    db.exec(`CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')`);
    const insert = db.prepare('INSERT INTO t(rowid, w) VALUES (?, ?)');
    db.transaction(() => words.forEach((w, i) => insert.run(i + 1, w)))();
    const rows = db.prepare('SELECT doc, term FROM v').all() as { doc: number; term: string }[];
    return new Map(rows.map((r) => [words[r.doc - 1] as string, r.term]));
  } finally {
    db.close();
  }
}

/** Many words with many endings: the knowledge base's own, generated text, and each with the suffixes Porter's steps strip. */
function wordList(): string[] {
  const faker = new Faker({ locale: [en_US, en, base], seed: 3 });
  const text = [
    ...DEMO_ARTICLES.flatMap((a) => [a.title, a.problem, a.solution, ...a.systems]),
    ...Object.values(DEMO_TEXTS).flatMap((t) => [...t.problems.flatMap((p) => [p.summary, p.description]), ...t.resolutions]),
    ...Array.from({ length: 400 }, () => `${faker.hacker.phrase()} ${faker.lorem.sentence()} ${faker.commerce.productDescription()} ${faker.company.catchPhrase()}`),
  ].join(' ');
  const roots = [...new Set(wordsOf(text))].filter((w) => /^[a-z]+$/.test(w));
  const endings = ['', 's', 'es', 'ed', 'ing', 'er', 'ers', 'ly', 'ness', 'ful', 'ation', 'ations', 'ational', 'ization', 'ement', 'able', 'ible', 'ive', 'iveness', 'ize', 'izer', 'ance', 'ence', 'ism', 'iti', 'ous', 'ousli', 'ical', 'icate', 'y', 'ies', 'll', 'e', 'eed'];
  const classic = ['caresses', 'ponies', 'ties', 'caress', 'cats', 'feed', 'agreed', 'plastered', 'bled', 'motoring', 'sing', 'conflated', 'troubled', 'sized', 'hopping', 'tanned', 'falling', 'hissing', 'fizzed', 'failing', 'filing', 'happy', 'sky', 'relational', 'conditional', 'rational', 'valenci', 'hesitanci', 'digitizer', 'conformabli', 'radicalli', 'differentli', 'vileli', 'analogousli', 'vietnamization', 'predication', 'operator', 'feudalism', 'decisiveness', 'hopefulness', 'callousness', 'formaliti', 'sensitiviti', 'sensibiliti', 'triplicate', 'formative', 'formalize', 'electriciti', 'electrical', 'hopeful', 'goodness', 'revival', 'allowance', 'inference', 'airliner', 'gyroscopic', 'adjustable', 'defensible', 'irritant', 'replacement', 'adjustment', 'dependent', 'adoption', 'homologou', 'communism', 'activate', 'angulariti', 'homologous', 'effective', 'bowdlerize', 'probate', 'rate', 'cease', 'controll', 'roll', 'yy', 'eed', 'ating', 'syed', 'ied', 'sses', 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrs'];
  return [...new Set([...classic, ...roots.flatMap((r) => endings.map((e) => r + e))])];
}

describe('Porter stems', () => {
  it('are the stems SQLite’s porter tokenizer stores, word for word', () => {
    const words = wordList();
    expect(words.length).toBeGreaterThan(20_000);
    const oracle = sqliteStems(words);
    const differ = words.filter((w) => oracle.get(w) !== porterStem(w)).map((w) => `${w}: sqlite ${oracle.get(w)}, ours ${porterStem(w)}`);
    expect(differ.slice(0, 20)).toEqual([]);
  });

  it('leave short, long and non-ASCII words alone, as SQLite does', () => {
    expect(porterStem('is')).toBe('is');
    expect(porterStem('printing')).toBe('print');
    expect(porterStem('printer')).toBe('printer');
    expect(porterStem('日本語')).toBe('日本語');
  });
});
