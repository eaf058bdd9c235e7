/**
 * The case search answered by the report facts in memory (fact-search.ts) gives exactly what the
 * database alone gives, over a desk's weeks of history (calls at the same minute, every state,
 * cases with no technician, pending spells, breaches): every sort field both ways, pages at the
 * start, the middle and past the end, fields, dates, outcomes and words with fields, and exports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseSearch } from '../../electron/core/reports/case-search';
import type { FactColumns } from '../../electron/core/reports/fact-columns';
import { loadFactColumns } from '../../electron/core/reports/fact-load';
import { ReportFactKeeper } from '../../electron/core/reports/fact-keeper';
import { SlaDesk } from '../../electron/core/sla-desk';
import { CASE_SORT_FIELDS, type CaseSearchInput } from '../../shared/reports';
import { coreFixture, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';
import { seeded, writeDeskHistory, type DeskHistory } from '../support/desk-history';

const START = Date.parse('2026-09-07T12:00:00Z');

describe.each(DATABASE_KINDS)('the case search from the facts in memory on %s', (kind) => {
  let f: CoreFixture;
  let history: DeskHistory;
  let search: CaseSearch;
  let facts: FactColumns;
  let asOf: number;

  beforeAll(async () => {
    f = await coreFixture(kind);
    history = await writeDeskHistory(f, { start: START, steps: 200, seed: 11 });
    asOf = f.clock.now();
    await new ReportFactKeeper(f.core.dataSource, new SlaDesk(), f.clock).refresh();
    facts = await loadFactColumns(f.core.dataSource);
    search = new CaseSearch(f.core.dataSource);
  }, 240_000);
  afterAll(async () => {
    await f?.dispose();
  });

  const same = async (input: CaseSearchInput) => {
    const fromDatabase = await search.search(input, asOf, null);
    const fromFacts = await search.search(input, asOf, facts);
    expect(fromFacts.total, JSON.stringify(input)).toBe(fromDatabase.total);
    expect(fromFacts.rows.map((r) => r.id), JSON.stringify(input)).toEqual(fromDatabase.rows.map((r) => r.id));
    return fromDatabase;
  };

  it('orders every field both ways, ties by case number, cases without the field last, on every page', async () => {
    const all = await same({});
    expect(all.total).toBeGreaterThan(100);
    for (const field of CASE_SORT_FIELDS) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const page of [{}, { limit: 7 }, { limit: 7, offset: 40 }, { limit: 1, offset: all.total - 1 }, { limit: 5, offset: all.total + 3 }]) {
          await same({ sort: { field, direction }, ...page });
          await same({ sort: { field, direction }, statuses: ['resolved', 'closed'], ...page });
        }
      }
    }
  });

  it('narrows by every field, dates and outcomes alike', async () => {
    const [b0, b1] = history.buildings as [number, number];
    const [c0] = history.categories as [number];
    const t0 = history.staff.techs[0] as { id: number };
    const inputs: CaseSearchInput[] = [
      { priorities: [1, 2] },
      { statuses: ['pending_user_response', 'awaiting_parts', 'new'] },
      { buildingIds: [b0, b1], categoryIds: [c0] },
      { buildingIds: [0] },
      { assigneeIds: [0] },
      { assigneeIds: [t0.id, 0], channels: ['phone'] },
      { from: '2026-09-14', to: '2026-09-20' },
      { from: '2026-09-20' },
      { to: '2026-09-10' },
      { outcome: { target: 'response', is: 'breached' } },
      { outcome: { target: 'resolution', is: 'met' }, priorities: [3, 4] },
      { outcome: { target: 'resolution', is: 'open' } },
      { outcome: { target: 'response', is: 'none' } },
      { number: 'DW-000005' },
      { number: '5', statuses: ['new'] },
      { number: '999999' },
      { text: 'problem', priorities: [2, 3] },
      { text: 'problem 1', from: '2026-09-10' },
      { text: 'described', outcome: { target: 'resolution', is: 'breached' }, sort: { field: 'priority', direction: 'desc' } },
      { text: 'nothingmatchesthis', statuses: ['new'] },
      { receivedHours: [16, 17, 22] },
      { receivedWeekdays: [6, 7], priorities: [3, 4, 5] },
      { openOn: '2026-09-15' },
      { openOn: '2026-09-25', buildingIds: [b1] },
    ];
    const random = seeded(5);
    const callers: { id: number | string }[] = await f.core.dataSource.query('SELECT id FROM caller ORDER BY id');
    for (let i = 0; i < 5; i++) inputs.push({ callerId: Number(callers[Math.floor(random() * callers.length)]?.id) });
    let matched = 0;
    for (const input of inputs) {
      for (const page of [{}, { limit: 3, offset: 2 }]) matched += (await same({ ...input, ...page })).total;
    }
    expect(matched).toBeGreaterThan(0);
  });

  it('exports the same cases in the same order', async () => {
    for (const input of [{}, { sort: { field: 'caller', direction: 'asc' } }, { statuses: ['closed'], sort: { field: 'resolvedAt', direction: 'desc' } }] as CaseSearchInput[]) {
      const fromDatabase = await search.exportRows(input, asOf, 10_000, null);
      const fromFacts = await search.exportRows(input, asOf, 10_000, facts);
      expect(fromFacts.map((r) => r.id)).toEqual(fromDatabase.map((r) => r.id));
    }
    await expect(search.exportRows({}, asOf, 3, facts)).rejects.toThrow(/at most 3/);
  });
});
