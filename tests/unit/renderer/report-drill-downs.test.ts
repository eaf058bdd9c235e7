/**
 * The drill-downs the trends and the "none" groups gained: each point's search, and its address
 * read back to the same search (what a click on a bar or point opens on Find cases).
 */
import { describe, expect, it } from 'vitest';
import type { CountPoint, ReportFilter } from '../../../shared/reports';
import { queryToSearch, searchInput, searchToQuery, type CaseSearchFilter } from '../../../renderer/src/lib/case-search-query';
import { countChart, drillAt, drillFilter, groupSearch, hasDrill, trendSearch } from '../../../renderer/src/lib/report-charts';

const FILTER: ReportFilter = { from: '2026-03-01', to: '2026-03-31', priorities: [2], buildingIds: [4] };

const roundTrip = (filter: CaseSearchFilter) => {
  const back = queryToSearch(searchToQuery({ filter, page: 1 }));
  expect(back.problems).toEqual([]);
  return back.filter;
};

describe('drill-downs of the trends', () => {
  it('an hour bar opens the period’s cases received in that local hour, with the report’s lists', () => {
    const search = trendSearch('hour', '9', FILTER);
    expect(search).toEqual({ from: '2026-03-01', to: '2026-03-31', priorities: [2], buildingIds: [4], receivedHours: [9] });
    expect(searchToQuery({ filter: search as CaseSearchFilter, page: 1 })).toMatchObject({ hour: '9', from: '2026-03-01', building: '4' });
    expect(roundTrip(search as CaseSearchFilter)).toEqual(search);
    expect(trendSearch('hour', '0', FILTER)).toMatchObject({ receivedHours: [0] });
    expect(trendSearch('hour', '23', FILTER)).toMatchObject({ receivedHours: [23] });
    expect(trendSearch('hour', '24', FILTER)).toBeNull();
    expect(trendSearch('hour', 'x', FILTER)).toBeNull();
  });

  it('a weekday bar opens that ISO weekday (Monday 1, Sunday 7)', () => {
    const search = trendSearch('weekday', '7', FILTER) as CaseSearchFilter;
    expect(search).toMatchObject({ from: '2026-03-01', to: '2026-03-31', receivedWeekdays: [7] });
    expect(searchToQuery({ filter: search, page: 1 }).weekday).toBe('7');
    expect(roundTrip(search)).toEqual(search);
    expect(trendSearch('weekday', '0', FILTER)).toBeNull();
    expect(trendSearch('weekday', '8', FILTER)).toBeNull();
  });

  it('a backlog point opens the cases open at the end of its day, whenever received: the lists without the period', () => {
    const search = trendSearch('backlog', '2026-03-14', FILTER) as CaseSearchFilter;
    expect(search).toEqual({ priorities: [2], buildingIds: [4], openOn: '2026-03-14' });
    expect(searchToQuery({ filter: search, page: 1 })).toEqual({ priority: '2', building: '4', open: '2026-03-14' });
    expect(roundTrip(search)).toEqual(search);
    expect(trendSearch('backlog', 'Week 3', FILTER)).toBeNull();
  });

  it('every point of a trend chart can be opened', () => {
    const points: CountPoint[] = [
      { key: '8', label: '8 AM', cases: 4 },
      { key: '9', label: '9 AM', cases: 0 },
    ];
    const data = countChart({ id: 'arrivals-by-hour', title: 'By hour', kind: 'bar', seriesName: 'Cases', categoryLabel: 'Hour', points, drill: (p) => trendSearch('hour', p.key, FILTER) });
    expect(hasDrill(data)).toBe(true);
    expect(drillAt(data, 0, 0)).toMatchObject({ receivedHours: [8] });
    expect(drillAt(data, 0, 1)).toMatchObject({ receivedHours: [9] });
  });

  it('a technician’s drill-downs are narrowed to their own cases, as their figures are', () => {
    expect(drillFilter(FILTER, null)).toBe(FILTER);
    expect(drillFilter(FILTER, { staffId: 12 })).toEqual({ ...FILTER, assigneeIds: [12] });
    expect(trendSearch('backlog', '2026-03-02', drillFilter(FILTER, { staffId: 12 }))).toMatchObject({ assigneeIds: [12], openOn: '2026-03-02' });
  });
});

describe('the "none" groups', () => {
  it('no building and no category open as 0, and 0 survives the address', () => {
    const building = groupSearch('building', '0', { from: '2026-03-01', to: '2026-03-31' }) as CaseSearchFilter;
    expect(building).toEqual({ from: '2026-03-01', to: '2026-03-31', buildingIds: [0] });
    expect(searchToQuery({ filter: building, page: 1 }).building).toBe('0');
    expect(roundTrip(building)).toEqual(building);
    const category = groupSearch('category', '0', { from: '2026-03-01', to: '2026-03-31' }) as CaseSearchFilter;
    expect(roundTrip(category)).toEqual({ from: '2026-03-01', to: '2026-03-31', categoryIds: [0] });
  });
});

describe('the new filters in the address', () => {
  it('round-trips hours, weekdays and an open date together, lists sorted and without repeats', () => {
    const filter: CaseSearchFilter = { receivedHours: [17, 8, 8], receivedWeekdays: [5, 1], openOn: '2026-02-28', buildingIds: [0, 3], categoryIds: [0] };
    const query = searchToQuery({ filter, page: 2 });
    expect(query).toEqual({ hour: '8,17', weekday: '1,5', open: '2026-02-28', building: '0,3', category: '0', page: '2' });
    const back = queryToSearch(query);
    expect(back).toEqual({ filter: { receivedHours: [8, 17], receivedWeekdays: [1, 5], openOn: '2026-02-28', buildingIds: [0, 3], categoryIds: [0] }, page: 2, problems: [] });
    expect(searchInput(back)).toMatchObject({ receivedHours: [8, 17], receivedWeekdays: [1, 5], openOn: '2026-02-28', limit: 50, offset: 50 });
  });

  it('leaves out what the address cannot mean, naming it', () => {
    const read = queryToSearch({ hour: '9,24,-1,x', weekday: '0,3,8', open: '2026-02-30x', building: '0,-2' });
    expect(read.filter).toEqual({ receivedHours: [9], receivedWeekdays: [3], buildingIds: [0] });
    expect(read.problems).toEqual([
      'Building: “-2” is not an id, so it was left out',
      'Received hour: “24, -1, x” is not from 0 to 23, so it was left out',
      'Received weekday: “0, 8” is not from 1 to 7, so it was left out',
      'Open at the end of: “2026-02-30x” is not a date (YYYY-MM-DD), so it was left out',
    ]);
    expect(queryToSearch({ open: '2026-13-01' }).problems).toEqual(['Open at the end of: “2026-13-01” is not a date (YYYY-MM-DD), so it was left out']);
  });
});
