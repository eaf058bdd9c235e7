/**
 * `deskwatch report …` for scheduled jobs, on both databases: the demo district's SLA report as
 * CSV, XLSX (to a file) and JSON with the same figures, the cases of the period as CSV whose rows
 * add up to the report's totals, and refusals that name the option.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceReport } from '../../shared/reports';
import { DATABASE_KINDS, freshDatabase, type FreshDatabase } from '../support/databases';
import { runCli } from '../support/run-cli';

const PERIOD = ['--from', '2026-09-01', '--to', '2026-11-30'];

describe.each(DATABASE_KINDS)('deskwatch report on %s', (kind) => {
  let db: FreshDatabase;
  const cli = (args: string[]) =>
    db.config.kind === 'sqlite' ? runCli([...args, '--db', db.config.file], { env: { DESKWATCH_DATABASE_URL: '' } }) : runCli(args, { env: { DESKWATCH_DATABASE_URL: db.config.url } });

  beforeAll(async () => {
    db = await freshDatabase(kind);
    const seeded = await cli(['seed', '--demo']);
    expect(seeded.status, seeded.stderr).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await db?.dispose();
  });

  it('writes the SLA report as JSON, CSV and XLSX with the same figures', async () => {
    const json = await cli(['report', 'sla', ...PERIOD, '--format', 'json']);
    expect(json.status, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as ComplianceReport;
    expect(report.totals.cases).toBeGreaterThan(500);
    expect(report.groups.period.map((r) => r.key)).toEqual(['2026-09', '2026-10', '2026-11']);

    const csv = await cli(['report', 'sla', ...PERIOD]);
    const rows: Record<string, string>[] = parse(csv.stdout, { columns: true, bom: true });
    const all = rows.find((r) => r.grouping === 'all');
    expect(Number(all?.cases)).toBe(report.totals.cases);
    expect(Number(all?.resolution_met)).toBe(report.totals.resolution.met);
    expect(rows.filter((r) => r.grouping === 'priority').map((r) => r.key)).toEqual(report.groups.priority.map((r) => r.key));

    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dw-report-')), 'sla.xlsx');
    const xlsx = await cli(['report', 'sla', ...PERIOD, '--format', 'xlsx', '--out', out, '--period', 'week']);
    expect(xlsx.status, xlsx.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(2).getCell(4).value).toBe(report.totals.cases);
    expect(sheet?.getColumn(1).values.filter((v) => v === 'period').length).toBeGreaterThan(12);
  });

  it('writes the cases of the period: enough to recompute the compliance totals from the file alone', async () => {
    const report = JSON.parse((await cli(['report', 'sla', ...PERIOD, '--format', 'json'])).stdout) as ComplianceReport;
    const cases = await cli(['report', 'cases', ...PERIOD]);
    expect(cases.status, cases.stderr).toBe(0);
    const rows: Record<string, string>[] = parse(cases.stdout, { columns: true, bom: true });
    expect(rows).toHaveLength(report.totals.cases);
    for (const target of ['response', 'resolution'] as const) {
      for (const outcome of ['met', 'breached', 'open', 'none'] as const) {
        expect(rows.filter((r) => r[`${target}_outcome`] === outcome).length, `${target} ${outcome}`).toBe(report.totals[target][outcome]);
      }
    }
    // The median time to resolve priority 3 from the file, by linear interpolation.
    const p3 = rows
      .filter((r) => r.priority === '3' && r.resolution_elapsed !== '')
      .map((r) => Number(r.resolution_elapsed))
      .sort((a, b) => a - b);
    const rank = (p3.length - 1) / 2;
    const median = (p3[Math.floor(rank)] as number) + ((p3[Math.ceil(rank)] as number) - (p3[Math.floor(rank)] as number)) * (rank - Math.floor(rank));
    const reported = report.groups.priority.find((r) => r.key === '3')?.times.find((t) => t.priority === 3)?.resolution?.median;
    expect(reported).toBeCloseTo(median, 2);
  });

  it('narrows by names and refuses what it cannot read, naming the option (exit 2)', async () => {
    const narrowed = JSON.parse((await cli(['report', 'sla', ...PERIOD, '--format', 'json', '--priority', '2,3', '--category', 'network & wi-fi'])).stdout) as ComplianceReport;
    expect(narrowed.groups.priority.map((r) => r.key).sort()).toEqual(['2', '3']);
    expect(narrowed.groups.category.map((r) => r.label)).toEqual(['Network & Wi-Fi']);

    const badDate = await cli(['report', 'sla', '--from', '2026-02-30', '--to', '2026-03-01']);
    expect(badDate.status).toBe(2);
    expect(badDate.stderr).toMatch(/--from: .*not a date on the calendar/);
    const backward = await cli(['report', 'trends', '--from', '2026-03-02', '--to', '2026-03-01']);
    expect(backward.status).toBe(2);
    expect(backward.stderr).toMatch(/--to: .*run forward/);
    const noBuilding = await cli(['report', 'weaknesses', ...PERIOD, '--building', 'Nowhere High']);
    expect(noBuilding.status).toBe(2);
    expect(noBuilding.stderr).toMatch(/--building: nothing is named "Nowhere High"/);
    const badFormat = await cli(['report', 'sla', ...PERIOD, '--format', 'pdf']);
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toMatch(/format/);
  });
});
