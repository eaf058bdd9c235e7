/**
 * PostgreSQL's case words in memory (case-words.ts) match exactly the cases the database's own
 * word search matches: every word of the desk's texts, its prefixes, pairs, stems, accents, stop
 * words and words only a work note holds; and they stay exact while cases are written: notes
 * added, summaries rewritten, resolutions written, new cases, before and after the words held
 * apart are folded in, and while the words are being read.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { wordsOf } from '../../electron/core/kb/search/fold';
import { CaseSearch } from '../../electron/core/reports/case-search';
import { searchWords } from '../../electron/core/reports/case-search-sql';
import { CaseWordIndex, parseTsquery } from '../../electron/core/reports/case-words';
import { loadFactColumns } from '../../electron/core/reports/fact-load';
import type { CaseDetail } from '../../shared/contract';
import type { QueueCase, StaffMember } from '../../shared/domain';
import type { CaseSearchInput } from '../../shared/reports';
import { callAs, coreFixture, newCaseInput, type CoreFixture } from '../support/core-fixture';
import { seeded } from '../support/desk-history';

const SUBJECTS = [
  ['Printer jammed', 'The HP4015 printer shows a paper jam'],
  ['Projector flickers', 'Ceiling projector in the Café lounge flickers'],
  ['Wi-Fi drops', "Students' Chromebooks lose the Wi-Fi every hour"],
  ['Password reset', "Teacher can't sign in and doesn't know the password"],
  ['Smartboard pen', 'The smartboard pen stopped writing'],
  ['Printing slow', 'Printers in the library print slowly'],
] as const;
const PLACES = ['room 101', 'the gym', 'the library', 'the front office'];
const NOTES = ['Ordered a new fuser', 'Called the vendor about toner', 'Rebooted the access point', 'Waiting on the caller'];
const RESOLUTIONS = ['Replaced the fuser unit', 'Reset the password', 'Updated the firmware'];

describe('the case words in memory on postgres', () => {
  let f: CoreFixture;
  let agent: StaffMember;
  let search: CaseSearch;
  let cases: QueueCase[];
  let queries: string[];

  const as = <T>(channel: string, input: unknown): Promise<T> => callAs<T>(f.core, agent, channel, input);
  /** What the database's own word search answers (every match, newest first). */
  const fromDatabase = async (input: CaseSearchInput) => search.search({ limit: 1_000, ...input }, f.clock.now(), null);
  const idsFromDatabase = async (text: string) => (await fromDatabase({ text })).rows.map((r) => r.id).sort((a, b) => a - b);

  /** Every query gives the same cases from the index as from the database. */
  const sameFor = async (index: CaseWordIndex) => {
    let found = 0;
    for (const text of queries) {
      const { words, lastIsPrefix } = searchWords(text);
      if (!words.length) continue;
      const held = await index.casesHolding(words, lastIsPrefix);
      expect(held, text).toBeDefined();
      const expected = await idsFromDatabase(text);
      expect(Array.from(held ?? []), text).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(queries.length);
  };

  beforeAll(async () => {
    f = await coreFixture('postgres');
    agent = await f.staff('agent');
    search = new CaseSearch(f.core.dataSource);
    const random = seeded(3);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
    cases = [];
    for (let i = 0; i < 48; i++) {
      const [summary, description] = pick(SUBJECTS);
      f.clock.advance(7 * 60_000);
      let c = await as<QueueCase>('cases.create', newCaseInput({ summary: `${summary} in ${pick(PLACES)}`, description }));
      if (random() < 0.4) await as('cases.addNote', { id: c.id, note: pick(NOTES) });
      if (random() < 0.3) c = await as<QueueCase>('cases.transition', { id: c.id, version: c.version, action: 'resolve', notes: pick(RESOLUTIONS) });
      cases.push(c);
    }
    const vocabulary = [...new Set(wordsOf([...SUBJECTS.flat(), ...PLACES, ...NOTES, ...RESOLUTIONS].join(' ')))];
    queries = [
      ...vocabulary,
      ...vocabulary.map((w) => w.slice(0, 2)),
      ...vocabulary.map((w) => w.slice(0, 4)),
      'printer jam',
      'the printer',
      'printing',
      'printers library',
      'CAFÉ',
      'cafe lounge',
      "don't know",
      'hp4015',
      'wi-fi',
      'fuser',
      'vendor toner',
      'nothingmatchesthis',
      'p',
      '101',
    ];
  }, 120_000);
  afterAll(async () => {
    await f?.dispose();
  });

  it('reads PostgreSQL’s own lexemes and matches what its word search matches', async () => {
    const index = new CaseWordIndex(f.core.dataSource);
    await index.read();
    await sameFor(index);
  });

  it('answers the search with the facts exactly as the database alone does, totals and pages', async () => {
    const index = new CaseWordIndex(f.core.dataSource);
    await index.read();
    await f.core.services.reports.keeper.refresh();
    const facts = await loadFactColumns(f.core.dataSource);
    const asOf = f.clock.now();
    for (const text of queries.slice(0, 40)) {
      for (const input of [{ text }, { text, limit: 3, offset: 2 }, { text, statuses: ['resolved'] }, { text, sort: { field: 'caller', direction: 'asc' } }] as CaseSearchInput[]) {
        const expected = await search.search(input, asOf, null);
        const got = await search.search(input, asOf, facts, index);
        expect(got.total, JSON.stringify(input)).toBe(expected.total);
        expect(got.rows.map((r) => r.id), JSON.stringify(input)).toEqual(expected.rows.map((r) => r.id));
      }
    }
  });

  it('follows notes, rewritten summaries, resolutions and new cases, before and after folding them in', async () => {
    const reports = f.core.services.reports;
    await reports.ready();
    const holding = vi.spyOn(CaseWordIndex.prototype, 'casesHolding');
    const [x, y, z] = cases.filter((c) => c.status === 'new') as [QueueCase, QueueCase, QueueCase];
    await as('cases.addNote', { id: x.id, note: 'A zebra sticker jams the tray' });
    const yNow = (await as<CaseDetail>('cases.get', { id: y.id })).case;
    await as('cases.update', { id: y.id, version: yNow.version, summary: 'Stapler broken', description: 'Nothing else' });
    const zNow = (await as<CaseDetail>('cases.get', { id: z.id })).case;
    await as('cases.transition', { id: z.id, version: zNow.version, action: 'resolve', notes: 'A quokka chewed the cable' });
    const fresh = await as<QueueCase>('cases.create', newCaseInput({ summary: 'Narwhal poster covers the projector', description: 'Café wall' }));
    queries.push('zebra', 'quokka', 'narwhal', 'stapler', 'narw');

    for (const text of queries) {
      const expected = await fromDatabase({ text });
      const got = await reports.searchCases({ text, limit: 1_000 });
      expect(got.total, text).toBe(expected.total);
      expect(got.rows.map((r) => r.id), text).toEqual(expected.rows.map((r) => r.id));
    }
    expect(holding).toHaveBeenCalled();
    for (const result of holding.mock.results) expect(await result.value).toBeDefined();
    holding.mockRestore();
    expect((await reports.searchCases({ text: 'zebra' })).rows.map((r) => r.id)).toEqual([x.id]);
    expect((await reports.searchCases({ text: 'narwhal' })).rows.map((r) => r.id)).toEqual([fresh.id]);
    expect((await reports.searchCases({ text: 'stapler' })).rows.map((r) => r.id)).toEqual([y.id]);
    // Read again a second time: the words it held the first time no longer find it.
    const yLater = (await as<CaseDetail>('cases.get', { id: y.id })).case;
    await as('cases.update', { id: y.id, version: yLater.version, summary: 'Scanner squeaks' });
    expect((await reports.searchCases({ text: 'stapler' })).total).toBe(0);
    expect((await reports.searchCases({ text: 'scanner squeak' })).rows.map((r) => r.id)).toEqual([y.id]);

    // Folded in after every change: the arrays rebuilt answer the same.
    const folding = new CaseWordIndex(f.core.dataSource, { foldAt: 1 });
    await folding.read();
    folding.markChanged([x.id, y.id, z.id, fresh.id]);
    await sameFor(folding);
    await as('cases.addNote', { id: y.id, note: 'The printer came back' });
    folding.markChanged([y.id]);
    await sameFor(folding);
  });

  it('reads a range at a time, and a read stopped part way fails by name and leaves nothing behind', async () => {
    const ranged = new CaseWordIndex(f.core.dataSource, { range: 5 });
    await ranged.read();
    await sameFor(ranged);
    const stopped = new CaseWordIndex(f.core.dataSource, { range: 5 });
    const reading = stopped.read();
    stopped.stop();
    await expect(reading).rejects.toThrow(/closed while it was read/);
  });

  it('sees cases written while the words are being read', async () => {
    const fixture = await coreFixture('postgres');
    try {
      const staff = await fixture.staff('agent');
      const create = async (summary: string) => {
        const r = await fixture.core.dispatch('cases.create', newCaseInput({ summary }), { actorId: staff.id });
        if (!r.ok) throw new Error(r.error.message);
        return r.value as QueueCase;
      };
      for (let i = 0; i < 5; i++) await create(`Printer ${i} offline`);
      const reports = fixture.core.services.reports;
      const reading = reports.ready();
      const during = await Promise.all([create('Walrus on the scanner'), create('Printer walrus')]);
      await reading;
      const got = await reports.searchCases({ text: 'walrus' });
      expect(got.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(during.map((c) => c.id).sort((a, b) => a - b));
      expect((await reports.searchCases({ text: 'printer' })).total).toBe(6);
    } finally {
      await fixture.dispose();
    }
  });
});

describe('PostgreSQL’s query text as terms', () => {
  it('reads lexemes and prefixes, and refuses every other form', () => {
    expect(parseTsquery("'print':*")).toEqual([{ lexeme: 'print', prefix: true }]);
    expect(parseTsquery("'hp4015'")).toEqual([{ lexeme: 'hp4015', prefix: false }]);
    expect(parseTsquery("'wi' & 'fi':*")).toEqual([
      { lexeme: 'wi', prefix: false },
      { lexeme: 'fi', prefix: true },
    ]);
    expect(parseTsquery("'o''brien'")).toEqual([{ lexeme: "o'brien", prefix: false }]);
    expect(parseTsquery('')).toEqual([]);
    expect(parseTsquery("'a' | 'b'")).toBeUndefined();
    expect(parseTsquery("!'a'")).toBeUndefined();
    expect(parseTsquery("'a' <-> 'b'")).toBeUndefined();
    expect(parseTsquery("'a':*B")).toBeUndefined();
  });
});
