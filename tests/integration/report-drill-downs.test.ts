/**
 * Every figure opens the cases behind it, on both databases: for a desk's real history, the
 * search a bar or point drills to (built by the renderer's own functions) finds exactly as many
 * cases as the figure counts: the "no building" and "no category" groups, each hour of the day
 * and weekday, and the backlog on each day of the period. Bad drill-down input is refused by name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSearchFilter } from '../../renderer/src/lib/case-search-query';
import { searchInput } from '../../renderer/src/lib/case-search-query';
import { groupSearch, trendSearch } from '../../renderer/src/lib/report-charts';
import type { StaffMember } from '../../shared/domain';
import type { CaseSearchResult, ComplianceReport, ReportFilter, TrendsReport } from '../../shared/reports';
import type { ContractError } from '../../shared/result';
import { coreFixture, newCaseInput, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';
import { writeDeskHistory, type DeskHistory } from '../support/desk-history';

/** Monday 2 November 2026, 6:30 AM in Chicago. */
const START = Date.parse('2026-11-02T12:30:00Z');
const PERIOD: ReportFilter = { from: '2026-11-01', to: '2026-12-31' };
const HOUR = 3_600_000;

describe.each(DATABASE_KINDS)('report drill-downs on %s', (kind) => {
  let f: CoreFixture;
  let history: DeskHistory;
  let sup: StaffMember;
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await f.core.dispatch(channel, input, { actorId: sup.id });
    if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.message}`), { error: r.error });
    return r.value as T;
  };
  const refusal = async (channel: string, input: unknown): Promise<ContractError> => {
    const r = await f.core.dispatch(channel, input, { actorId: sup.id });
    if (r.ok) throw new Error(`${channel} was accepted`);
    return r.error;
  };
  /** How many cases the drill-down's search finds (the search's own total, one page asked). */
  const found = async (filter: CaseSearchFilter | null): Promise<number> => {
    expect(filter, 'the figure has a drill-down').not.toBeNull();
    return (await call<CaseSearchResult>('cases.search', { ...searchInput({ filter: filter as CaseSearchFilter, page: 1 }), limit: 1 })).total;
  };

  beforeAll(async () => {
    f = await coreFixture(kind);
    history = await writeDeskHistory(f, { start: START, steps: 200, seed: 11 });
    sup = history.staff.sup;
    // Cases without a building or a category (walk-ins, calls about no place in particular), some resolved.
    for (let i = 0; i < 7; i++) {
      f.clock.advance(5 * HOUR);
      const c = await call<{ id: number; version: number }>('cases.create', newCaseInput({ callerName: `Walk-in ${i}`, summary: `Walk-in ${i}`, ...(i % 2 ? { buildingId: history.buildings[0] } : {}) }));
      if (i % 3 === 0) await call('cases.transition', { id: c.id, version: c.version, action: 'resolve', notes: 'Sorted at the desk' });
    }
  }, 240_000);
  afterAll(async () => {
    await f?.dispose();
  });

  it('the "no building" and "no category" groups open exactly their cases (0 means none)', async () => {
    const report = await call<ComplianceReport>('reports.sla', { filter: PERIOD, period: 'week' });
    const noBuilding = report.groups.building.find((g) => g.key === '0');
    const noCategory = report.groups.category.find((g) => g.key === '0');
    expect(noBuilding?.label).toBe('No building');
    expect(noBuilding?.cases).toBeGreaterThan(0);
    expect(noCategory?.cases).toBeGreaterThan(noBuilding?.cases ?? 0);
    expect(await found(groupSearch('building', '0', PERIOD))).toBe(noBuilding?.cases);
    expect(await found(groupSearch('category', '0', PERIOD))).toBe(noCategory?.cases);
    // Every building group, the real ones and none, adds up to the period: none is counted once.
    let sum = 0;
    for (const g of report.groups.building) sum += await found(groupSearch('building', g.key, PERIOD));
    expect(sum).toBe(report.totals.cases);
    // 0 with a real id: either.
    const first = String(history.buildings[0]);
    const both = (noBuilding?.cases ?? 0) + (report.groups.building.find((g) => g.key === first)?.cases ?? 0);
    expect(await found({ ...PERIOD, buildingIds: [0, Number(first)] })).toBe(both);
    // A report narrowed to no building counts the same cases.
    const narrowed = await call<ComplianceReport>('reports.sla', { filter: { ...PERIOD, buildingIds: [0] } });
    expect(narrowed.totals.cases).toBe(noBuilding?.cases);
  });

  it('each hour-of-day and weekday bar opens exactly its cases', async () => {
    const trends = await call<TrendsReport>('reports.trends', { filter: PERIOD });
    expect(trends.arrivalsByHour).toHaveLength(24);
    expect(trends.arrivalsByHour.filter((p) => p.cases > 0).length).toBeGreaterThan(5);
    for (const point of trends.arrivalsByHour) expect(await found(trendSearch('hour', point.key, PERIOD)), `hour ${point.key}`).toBe(point.cases);
    for (const point of trends.arrivalsByWeekday) expect(await found(trendSearch('weekday', point.key, PERIOD)), `weekday ${point.key}`).toBe(point.cases);
    expect(await found({ ...PERIOD, receivedHours: [9, 10] })).toBe((trends.arrivalsByHour[9]?.cases ?? 0) + (trends.arrivalsByHour[10]?.cases ?? 0));
  });

  it('each backlog point opens exactly the cases open at the end of its day, with the report’s lists', async () => {
    const trends = await call<TrendsReport>('reports.trends', { filter: PERIOD });
    expect(trends.backlog.step).toBe('day');
    const points = trends.backlog.points;
    expect(Math.max(...points.map((p) => p.cases))).toBeGreaterThan(3);
    // The backlog rises and falls: resolutions and closings count, not only arrivals.
    expect(points.some((p, i) => i > 0 && p.cases < (points[i - 1]?.cases ?? 0))).toBe(true);
    for (const point of points) expect(await found(trendSearch('backlog', point.key, PERIOD)), `open on ${point.key}`).toBe(point.cases);

    const narrow: ReportFilter = { ...PERIOD, priorities: [3, 4] };
    const narrowed = await call<TrendsReport>('reports.trends', { filter: narrow });
    for (const point of narrowed.backlog.points.filter((_, i) => i % 5 === 0)) {
      expect(await found(trendSearch('backlog', point.key, narrow)), `P3–4 open on ${point.key}`).toBe(point.cases);
    }
    // Week by week over a longer period: each point is the week's last day.
    const long: ReportFilter = { from: '2026-09-01', to: '2026-12-31' };
    const weekly = await call<TrendsReport>('reports.trends', { filter: long });
    expect(weekly.backlog.step).toBe('week');
    for (const point of weekly.backlog.points) expect(await found(trendSearch('backlog', point.key, long)), `week ending ${point.key}`).toBe(point.cases);
  });

  it('refuses bad drill-down input, naming the field', async () => {
    const hour = await refusal('cases.search', { receivedHours: [24] });
    expect(hour).toMatchObject({ code: 'invalid_input', field: 'receivedHours.0' });
    expect(hour.message).toMatch(/hour of the day from 0 to 23/);
    expect(await refusal('cases.search', { receivedHours: [9.5] })).toMatchObject({ field: 'receivedHours.0' });
    const weekday = await refusal('cases.search', { receivedWeekdays: [0] });
    expect(weekday).toMatchObject({ code: 'invalid_input', field: 'receivedWeekdays.0' });
    expect(weekday.message).toMatch(/weekday from 1 \(Monday\) to 7 \(Sunday\)/);
    expect(await refusal('cases.search', { openOn: 'yesterday' })).toMatchObject({ code: 'invalid_input', field: 'openOn' });
    expect(await refusal('cases.search', { openOn: '2026-02-30' })).toMatchObject({ field: 'openOn', message: expect.stringMatching(/Open on is not a date on the calendar/) });
    expect(await refusal('cases.search', { buildingIds: [-1] })).toMatchObject({ field: 'buildingIds.0' });
    expect(await refusal('reports.sla', { filter: { ...PERIOD, categoryIds: [-3] } })).toMatchObject({ field: 'filter.categoryIds.0' });
  });
});
