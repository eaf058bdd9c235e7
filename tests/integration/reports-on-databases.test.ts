/**
 * The reports against a desk's real history on both databases: every figure of the SLA
 * compliance report and the trends is recomputed from the raw tables by a deliberately simple
 * route (tests/support/simple-reports.ts) and must agree; roles narrow what a technician sees;
 * bad periods are refused by name; exports carry the same figures.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceReport, ComplianceRow, ExportedFile, TrendsReport, WeaknessReport } from '../../shared/reports';
import type { ContractError } from '../../shared/result';
import type { StaffMember } from '../../shared/domain';
import { coreFixture, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';
import { writeDeskHistory, type DeskHistory } from '../support/desk-history';
import { simpleCases, simpleRow, type SimpleCase, type SimpleRow } from '../support/simple-reports';

/** Monday 2 November 2026, 6:30 AM in Chicago: five weeks with Veterans Day and Thanksgiving in them. */
const START = Date.parse('2026-11-02T12:30:00Z');
const PERIOD = { from: '2026-11-01', to: '2026-12-31' };

describe.each(DATABASE_KINDS)('reports on %s', (kind) => {
  let f: CoreFixture;
  let history: DeskHistory;
  let simple: SimpleCase[];
  let asOf: number;
  const as = (who: StaffMember) => async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await f.core.dispatch(channel, input, { actorId: who.id });
    if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.message}`), { error: r.error });
    return r.value as T;
  };
  const refusal = async (who: StaffMember, channel: string, input: unknown): Promise<ContractError> => {
    const r = await f.core.dispatch(channel, input, { actorId: who.id });
    if (r.ok) throw new Error(`${channel} was accepted`);
    return r.error;
  };

  beforeAll(async () => {
    f = await coreFixture(kind);
    history = await writeDeskHistory(f, { start: START, steps: 260 });
    asOf = f.clock.now();
    simple = await simpleCases(f.core.dataSource, asOf);
  }, 240_000);
  afterAll(async () => {
    await f?.dispose();
  });

  const expectRow = (actual: ComplianceRow | undefined, expected: SimpleRow, what: string) => {
    expect(actual, what).toBeDefined();
    const a = actual as ComplianceRow;
    expect(a.cases, `${what}: cases`).toBe(expected.cases);
    for (const target of ['response', 'resolution'] as const) {
      const e = expected[target];
      expect({ met: a[target].met, breached: a[target].breached, open: a[target].open, none: a[target].none }, `${what}: ${target}`).toEqual({
        met: e.met,
        breached: e.breached,
        open: e.open,
        none: e.none,
      });
      const decided = (e.met ?? 0) + (e.breached ?? 0);
      expect(a[target].metPercent, `${what}: ${target} met %`).toBe(decided ? Math.round(((e.met ?? 0) / decided) * 1000) / 10 : null);
    }
    for (const t of a.times) {
      const e = expected.times[t.priority];
      expect(e, `${what}: priority ${t.priority} present`).toBeDefined();
      for (const target of ['response', 'resolution'] as const) {
        const got = t[target];
        const want = e?.[target];
        expect(got?.count, `${what}: P${t.priority} ${target} count`).toBe(want?.count);
        if (want?.median === null) expect(got?.median).toBeNull();
        else expect(got?.median, `${what}: P${t.priority} ${target} median`).toBeCloseTo(want?.median as number, 2);
        if (want?.p90 === null) expect(got?.p90).toBeNull();
        else expect(got?.p90, `${what}: P${t.priority} ${target} p90`).toBeCloseTo(want?.p90 as number, 2);
      }
    }
    expect(Object.keys(expected.times).map(Number).sort()).toEqual(a.times.map((t) => t.priority));
    expect(a.sideStates.pendingCases, `${what}: pending cases`).toBe(expected.pendingCases);
    expect(a.sideStates.pendingHours, `${what}: pending hours`).toBeCloseTo(expected.pendingHours, 2);
    expect(a.sideStates.awaitingPartsCases).toBe(expected.partsCases);
    expect(a.sideStates.awaitingPartsHours).toBeCloseTo(expected.partsHours, 2);
  };

  it('writes a varied history (the scenario itself is worth checking)', () => {
    expect(history.cases).toBeGreaterThan(80);
    const outcomes = new Set(simple.flatMap((c) => [c.response.outcome, c.resolution.outcome]));
    expect([...outcomes].sort()).toEqual(['breached', 'met', 'none', 'open']);
    expect(simple.some((c) => c.firstContact)).toBe(true);
    expect(simple.some((c) => c.reopened > 0)).toBe(true);
    expect(simple.some((c) => c.everPending) && simple.some((c) => c.everParts)).toBe(true);
    expect(new Set(simple.map((c) => c.priority)).size).toBe(5);
  });

  it('SLA compliance: every count, percentage, median and 90th percentile agrees with the simple route, in every group', async () => {
    const report = await as(history.staff.sup)<ComplianceReport>('reports.sla', { filter: PERIOD, period: 'week' });
    expect(report.limitedTo).toBeNull();
    expect(report.policyVersions).toEqual(['2026.1']);
    const inPeriod = simple.filter((c) => c.receivedDate >= PERIOD.from && c.receivedDate <= PERIOD.to);
    expectRow(report.totals, simpleRow(inPeriod), 'totals');
    const by = <K>(key: (c: SimpleCase) => K) => {
      const groups = new Map<K, SimpleCase[]>();
      for (const c of inPeriod) groups.set(key(c), [...(groups.get(key(c)) ?? []), c]);
      return groups;
    };
    for (const [priority, cases] of by((c) => c.priority)) expectRow(report.groups.priority.find((r) => r.key === String(priority)), simpleRow(cases), `priority ${priority}`);
    for (const [assignee, cases] of by((c) => c.assigneeId)) expectRow(report.groups.technician.find((r) => r.key === String(assignee)), simpleRow(cases), `technician ${assignee}`);
    for (const [building, cases] of by((c) => c.buildingId)) expectRow(report.groups.building.find((r) => r.key === String(building)), simpleRow(cases), `building ${building}`);
    for (const [category, cases] of by((c) => c.categoryId)) expectRow(report.groups.category.find((r) => r.key === String(category)), simpleRow(cases), `category ${category}`);
    expect(report.groups.period.reduce((s, r) => s + r.cases, 0)).toBe(inPeriod.length);
    expect(report.groups.period.map((r) => r.key)).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-W49', '2026-W50', '2026-W51', '2026-W52', '2026-W53'].filter((k) => report.groups.period.some((r) => r.key === k)));
  });

  it('narrows by the lists given, and a later report sees a change made since', async () => {
    const filter = { ...PERIOD, priorities: [3, 4], buildingIds: [history.buildings[0] as number] };
    const report = await as(history.staff.sup)<ComplianceReport>('reports.sla', { filter });
    const chosen = simple.filter((c) => (c.priority === 3 || c.priority === 4) && c.buildingId === history.buildings[0]);
    expectRow(report.totals, simpleRow(chosen), 'narrowed totals');

    // A case written now shows in the next report without a restart.
    const before = (await as(history.staff.sup)<ComplianceReport>('reports.sla', { filter: PERIOD })).totals.cases;
    await as(history.staff.agent)('cases.create', { callerName: 'Late caller', summary: 'Projector dead', priority: 4, priorityReason: 'Set by hand' });
    const after = (await as(history.staff.sup)<ComplianceReport>('reports.sla', { filter: PERIOD })).totals.cases;
    expect(after).toBe(before + 1);
    simple = await simpleCases(f.core.dataSource, f.clock.now());
  });

  it('trends: arrivals, after 4 PM, first contact, reopenings, repeat callers and the backlog agree with the simple route', async () => {
    const t = await as(history.staff.sup)<TrendsReport>('reports.trends', { filter: PERIOD });
    const inPeriod = simple.filter((c) => c.receivedDate >= PERIOD.from && c.receivedDate <= PERIOD.to);
    expect(t.received).toBe(inPeriod.length);
    for (let h = 0; h < 24; h++) expect(t.arrivalsByHour[h]?.cases, `hour ${h}`).toBe(inPeriod.filter((c) => c.receivedHour === h).length);
    for (let d = 1; d <= 7; d++) expect(t.arrivalsByWeekday[d - 1]?.cases, `weekday ${d}`).toBe(inPeriod.filter((c) => c.weekday === d).length);
    expect(t.afterCutoff.cases).toBe(inPeriod.filter((c) => c.receivedHour >= 16).length);
    const resolved = inPeriod.filter((c) => c.resolution.elapsed !== null);
    expect(t.firstContact).toMatchObject({ resolved: resolved.length, atFirstContact: resolved.filter((c) => c.firstContact).length });
    expect(t.reopened.reopened).toBe(inPeriod.filter((c) => c.reopened > 0).length);
    const counts = new Map<number, number>();
    for (const c of inPeriod) counts.set(c.callerId, (counts.get(c.callerId) ?? 0) + 1);
    expect(t.repeatCallers.callers.map((c) => [c.callerId, c.cases]).sort()).toEqual([...counts.entries()].filter(([, n]) => n >= t.repeatCallers.threshold).sort());
    expect(t.backlog.step).toBe('day');
    for (const point of t.backlog.points.filter((_, i) => i % 5 === 0)) {
      const open = simple.filter((c) => c.receivedDate <= point.key && (c.doneDate === null || c.doneDate > point.key)).length;
      expect(point.cases, `backlog ${point.key}`).toBe(open);
    }
  });

  it('a technician sees the desk totals and only their own rows; asking for another technician is refused', async () => {
    const tom = history.staff.techs[0] as StaffMember;
    const report = await as(tom)<ComplianceReport>('reports.sla', { filter: PERIOD });
    expect(report.limitedTo).toEqual({ staffId: tom.id });
    expect(report.totals.cases).toBe(simple.filter((c) => c.receivedDate >= PERIOD.from && c.receivedDate <= PERIOD.to).length);
    expect(report.groups.technician.map((r) => r.key)).toEqual(report.groups.technician.length ? [String(tom.id)] : []);
    expect(report.groups.priority.reduce((s, r) => s + r.cases, 0)).toBe(simple.filter((c) => c.assigneeId === tom.id).length);
    const other = history.staff.techs[1] as StaffMember;
    const refused = await refusal(tom, 'reports.sla', { filter: { ...PERIOD, assigneeIds: [other.id] } });
    expect(refused).toMatchObject({ code: 'forbidden', field: 'assigneeIds' });
  });

  it('refuses a period that is not on the calendar, runs backward or is too long, naming the field', async () => {
    const sup = history.staff.sup;
    expect(await refusal(sup, 'reports.sla', { filter: { from: '2026-02-30', to: '2026-03-31' } })).toMatchObject({ code: 'invalid_input', field: 'filter.from' });
    expect(await refusal(sup, 'reports.sla', { filter: { from: '2026-03-31', to: '2026-03-01' } })).toMatchObject({ code: 'invalid_input', field: 'filter.to' });
    expect(await refusal(sup, 'reports.trends', { filter: { from: '1990-01-01', to: '2026-03-01' } })).toMatchObject({ code: 'invalid_input', field: 'filter.to' });
    expect(await refusal(sup, 'reports.sla', { filter: { ...PERIOD, priorities: [7] } })).toMatchObject({ code: 'invalid_input' });
  });

  it('weaknesses: a building and category far above their own baseline is listed with its cases', async () => {
    const building = history.buildings[3] as number;
    const category = history.categories[3] as number;
    // A burst in the first week of December, after a quiet November for that combination.
    const spike: number[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await as(history.staff.agent)<{ id: number }>('cases.create', { callerName: `Burst ${i}`, summary: 'Wi-Fi down', buildingId: building, categoryId: category, priority: 3, priorityReason: 'Set by hand' });
      spike.push(c.id);
    }
    const day = DateTime.fromMillis(f.clock.now(), { zone: 'America/Chicago' }).toISODate() as string;
    const w = await as(history.staff.sup)<WeaknessReport>('reports.weaknesses', { filter: { from: day, to: day } });
    const item = w.items.find((i) => i.kind === 'building-category' && i.buildingId === building && i.categoryId === category);
    expect(item, JSON.stringify(w.items.slice(0, 3))).toBeDefined();
    expect(item?.caseIds).toEqual(expect.arrayContaining(spike));
    expect(item?.ratio).toBeGreaterThanOrEqual(w.rule.minRatio);
    expect(item?.label).toMatch(/× its usual rate$/);
    simple = await simpleCases(f.core.dataSource, f.clock.now());
  });

  it('exports: the compliance CSV and XLSX carry the report figures; the cases CSV recomputes the totals on its own', async () => {
    const sup = history.staff.sup;
    const report = await as(sup)<ComplianceReport>('reports.sla', { filter: PERIOD });
    const csv = await as(sup)<ExportedFile>('reports.export', { report: 'sla', format: 'csv', input: { filter: PERIOD } });
    expect(csv.mimeType).toMatch(/^text\/csv/);
    const rows: Record<string, string>[] = parse(Buffer.from(csv.dataBase64, 'base64').toString('utf8'), { columns: true, bom: true });
    const total = rows.find((r) => r.grouping === 'all');
    expect(Number(total?.cases)).toBe(report.totals.cases);
    expect(Number(total?.response_breached)).toBe(report.totals.response.breached);

    const xlsx = await as(sup)<ExportedFile>('reports.export', { report: 'sla', format: 'xlsx', input: { filter: PERIOD } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.dataBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('grouping');
    expect(sheet?.getRow(2).getCell(4).value).toBe(report.totals.cases);

    const casesCsv = await as(sup)<ExportedFile>('reports.export', { report: 'cases', format: 'csv', input: { from: PERIOD.from, to: PERIOD.to } });
    const cases: Record<string, string>[] = parse(Buffer.from(casesCsv.dataBase64, 'base64').toString('utf8'), { columns: true, bom: true });
    expect(cases).toHaveLength(report.totals.cases);
    const outcomes = (target: 'response_outcome' | 'resolution_outcome', is: string) => cases.filter((c) => c[target] === is).length;
    expect(outcomes('response_outcome', 'met')).toBe(report.totals.response.met);
    expect(outcomes('response_outcome', 'breached')).toBe(report.totals.response.breached);
    expect(outcomes('resolution_outcome', 'breached')).toBe(report.totals.resolution.breached);
  });
});
