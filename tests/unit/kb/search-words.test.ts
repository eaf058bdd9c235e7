import { describe, expect, it } from 'vitest';
import { editDistanceWithin } from '../../../electron/core/kb/search/edit-distance';
import { excerptAround, plainText } from '../../../electron/core/kb/search/excerpt';
import { fold, wordsOf } from '../../../electron/core/kb/search/fold';
import { planQuery } from '../../../electron/core/kb/search/query-plan';
import { documentWords } from '../../../electron/core/kb/search/vocabulary-source';
import { Vocabulary } from '../../../electron/core/kb/search/vocabulary';

/** A vocabulary of the given documents (each a text), all articles. */
function vocabularyOf(...texts: string[]): Vocabulary {
  const v = new Vocabulary();
  texts.forEach((t, i) => v.set('articles', i + 1, documentWords(t)));
  return v;
}

const nothingIndexed = { isIndexed: async () => false };

describe('words', () => {
  it('are folded (case, accents, typography) and split at anything not a letter or digit', () => {
    expect(fold('Café RÉSUMÉ')).toBe('cafe resume');
    expect(wordsOf('Wi-Fi “drops” — can’t connect; room 210.')).toEqual(['wi', 'fi', 'drops', 'can', 't', 'connect', 'room', '210']);
    expect(wordsOf('Ｆｕｌｌｗｉｄｔｈ ﬁle 日本語')).toEqual(['fullwidth', 'file', '日本語']);
    expect(wordsOf(`a ${'x'.repeat(41)} b`)).toEqual(['a', 'b']);
  });

  it('are within an edit distance that counts a swap of neighbours as one edit', () => {
    expect(editDistanceWithin('comptuer', 'computer', 2)).toBe(1);
    expect(editDistanceWithin('printr', 'printer', 1)).toBe(1);
    expect(editDistanceWithin('calender', 'calendar', 2)).toBe(1);
    expect(editDistanceWithin('rejected', 'reseated', 1)).toBe(2);
    expect(editDistanceWithin('abc', 'xyzabc', 2)).toBe(3);
  });
});

describe('the vocabulary', () => {
  it('completes a start with the most frequent words, the start itself first when it is a word', () => {
    const v = vocabularyOf('projector lamp', 'projector remote', 'project plan', 'pro bono');
    expect(v.completions('proj', 4)).toEqual(['projector', 'project']);
    expect(v.completions('project', 4)).toEqual(['project', 'projector']);
  });

  it('corrects to the nearest word, the more frequent of equally near ones, and only within 1 edit (4–6 letters) or 2 (7+)', () => {
    const v = vocabularyOf('printer jams', 'printer toner', 'painter ladder');
    expect(v.correction('printr')).toBe('printer');
    expect(v.correction('prinetr')).toBe('printer');
    expect(v.correction('toner')).toBeNull(); // a word it holds is not corrected…
    expect(v.correction('jmas')).toBe('jams');
    expect(v.correction('jmsa')).toBeNull(); // …and two edits are too many for four letters
    expect(v.correction('zzz')).toBeNull();
    expect(v.prefixCorrection('pritne')).toBe('printer');
  });

  it('forgets a document’s words when it changes or leaves', () => {
    const v = vocabularyOf('laminator jammed');
    expect(v.has('laminator')).toBe(true);
    v.set('articles', 1, documentWords('shredder jammed'));
    expect(v.has('laminator')).toBe(false);
    expect(v.stemFrequency('articles', 'jam')).toBe(1);
    v.set('articles', 1, null);
    expect(v.has('shredder')).toBe(false);
    expect(v.documentCount('articles')).toBe(0);
  });
});

describe('reading a query', () => {
  it('drops stop words (and words that stem to one), expands shorthand, keeps known two-word terms', async () => {
    const v = vocabularyOf('password smart board chromebook');
    const plan = await planQuery('please help, my pw issue with the smart board in rooms ', v, { typing: true, ...nothingIndexed });
    expect(plan.groups.map((g) => g.label)).toEqual(['password', 'smart board']);
    expect(plan.groups[0]?.exact).toContainEqual(['pw']);
    expect(plan.groups[1]?.related).toContainEqual(['smartboard']);
    expect((await planQuery('the it on', v, { typing: false, ...nothingIndexed })).groups).toEqual([]);
  });

  it('completes only the last word, and only while it is being typed', async () => {
    const v = vocabularyOf('projector lamp', 'printer');
    const typing = await planQuery('lamp proj', v, { typing: true, ...nothingIndexed });
    expect(typing.groups[1]?.exact).toEqual([['projector']]);
    const done = await planQuery('lamp proj ', v, { typing: true, ...nothingIndexed });
    expect(done.groups[1]?.exact).toEqual([['proj']]);
  });

  it('corrects a word the index does not hold, and leaves one it does', async () => {
    const v = vocabularyOf('printer jams');
    expect((await planQuery('printr jams ', v, { typing: true, ...nothingIndexed })).corrected).toBe('printer jams');
    expect((await planQuery('printr jams ', v, { typing: true, isIndexed: async (w) => w === 'printr' })).corrected).toBeNull();
  });

  it('keeps the ten rarest words of a long text, and the word being typed', async () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`);
    const plan = await planQuery(`${words.join(' ')} typ`, vocabularyOf(words.join(' ')), { typing: true, ...nothingIndexed });
    expect(plan.groups).toHaveLength(10);
    expect(plan.groups.at(-1)?.label).toBe('typ');
  });
});

describe('excerpts', () => {
  it('are the words a reader sees, without Markdown', () => {
    expect(plainText('## Steps\n\n1. Open **Settings** > _Network_.\n2. See [the guide](https://x.example).\n\n```\nipconfig /all\n```\n\n![diagram](att:3)')).toBe(
      'Steps\nOpen Settings > Network.\nSee the guide.\nipconfig /all\ndiagram',
    );
  });

  it('start at the sentence holding most searched words, cut near 200 characters with an ellipsis', () => {
    const text = `Intro sentence here. ${'Filler words go on. '.repeat(20)}The toner cartridge leaves a gray streak. ${'More text follows. '.repeat(20)}`;
    const excerpt = excerptAround(text, [[['toner']], [['streak']]]);
    expect(excerpt.startsWith('…The toner cartridge leaves a gray streak.')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(202);
    expect(excerptAround('Short text.', [[['nothing']]])).toBe('Short text.');
  });
});
