/**
 * The bulk read of the report facts (numbers worked out in SQL) fills every column exactly as
 * the keeper's row-by-row path (FactColumns.upsert of each stored row) does, on a desk's weeks
 * of history: every state, pauses open and closed, cases with no building, technician or
 * resolution, closings without a resolution.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FactColumns, factFromRaw } from '../../electron/core/reports/fact-columns';
import { ReportFactKeeper } from '../../electron/core/reports/fact-keeper';
import { loadFactColumns } from '../../electron/core/reports/fact-load';
import { SlaDesk } from '../../electron/core/sla-desk';
import { coreFixture, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';
import { writeDeskHistory } from '../support/desk-history';

describe.each(DATABASE_KINDS)('reading the report facts in bulk on %s', (kind) => {
  let f: CoreFixture;

  beforeAll(async () => {
    f = await coreFixture(kind);
    await writeDeskHistory(f, { start: Date.parse('2026-10-05T12:00:00Z'), steps: 160, seed: 3 });
    await new ReportFactKeeper(f.core.dataSource, new SlaDesk(), f.clock).refresh();
  }, 240_000);
  afterAll(async () => {
    await f?.dispose();
  });

  it('fills every column as the row-by-row path does', async () => {
    const rows: Record<string, unknown>[] = await f.core.dataSource.query('SELECT * FROM case_report_fact ORDER BY case_id');
    const byRow = new FactColumns();
    for (const row of rows) byRow.upsert(factFromRaw(row));
    const bulk = await loadFactColumns(f.core.dataSource);
    expect(bulk.size).toBe(rows.length);
    expect(bulk.size).toBeGreaterThan(50);
    const kinds = { int32: bulk.int32, uint8: bulk.uint8, float64: bulk.float64 } as const;
    for (const [kindName, fields] of Object.entries(kinds)) {
      for (const [field, column] of Object.entries(fields as Record<string, ArrayLike<number>>)) {
        const expected = Array.from((byRow[kindName as keyof typeof kinds] as Record<string, ArrayLike<number>>)[field] as ArrayLike<number>).slice(0, bulk.size);
        expect(Array.from(column).slice(0, bulk.size), field).toEqual(expected);
      }
    }
    expect(bulk.policies).toEqual(byRow.policies);
    // What the history must hold for the comparison to mean something.
    expect(Array.from(bulk.uint8.openPause.slice(0, bulk.size)).some((code) => code > 0) || Array.from(bulk.uint8.everPending.slice(0, bulk.size)).some((x) => x === 1)).toBe(true);
    expect(Array.from(bulk.int32.resolvedDay.slice(0, bulk.size)).some((day) => day > 0)).toBe(true);
  });

  it('finds each case in its slot and keeps the keeper\u2019s later rows in step', async () => {
    const bulk = await loadFactColumns(f.core.dataSource);
    const [row] = (await f.core.dataSource.query('SELECT * FROM case_report_fact ORDER BY case_id DESC LIMIT 1')) as Record<string, unknown>[];
    const fact = factFromRaw(row as Record<string, unknown>);
    const slot = bulk.slotOfCase(fact.caseId) as number;
    expect(bulk.int32.caseId[slot]).toBe(fact.caseId);
    const size = bulk.size;
    const version = bulk.version;
    bulk.upsert({ ...fact, priority: fact.priority === 1 ? 2 : 1 });
    expect(bulk.size).toBe(size);
    expect(bulk.version).toBeGreaterThan(version);
    expect(bulk.uint8.priority[slot]).toBe(fact.priority === 1 ? 2 : 1);
  });
});
