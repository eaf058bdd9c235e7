import { describe, expect, it } from 'vitest';
import {
  SEARCH_PAGE_SIZE,
  nextSort,
  queryToSearch,
  reportSearch,
  searchInput,
  searchToQuery,
  type CaseSearchState,
} from '../../../renderer/src/lib/case-search-query';

describe('the case search in the address', () => {
  it('round-trips every filter through the query', () => {
    const state: CaseSearchState = {
      filter: {
        text: 'projector hdmi',
        number: 'DW-001234',
        callerId: 17,
        from: '2026-03-01',
        to: '2026-03-31',
        priorities: [1, 3],
        statuses: ['in_progress', 'closed'],
        buildingIds: [4, 2],
        categoryIds: [9],
        assigneeIds: [0, 5],
        channels: ['phone', 'email'],
        outcome: { target: 'resolution', is: 'breached' },
        sort: { field: 'priority', direction: 'asc' },
      },
      page: 3,
    };
    const query = searchToQuery(state);
    expect(query).toEqual({
      q: 'projector hdmi',
      number: 'DW-001234',
      caller: '17',
      from: '2026-03-01',
      to: '2026-03-31',
      priority: '1,3',
      state: 'in_progress,closed',
      building: '2,4',
      category: '9',
      tech: '0,5',
      channel: 'phone,email',
      outcome: 'resolution:breached',
      sort: 'priority:asc',
      page: '3',
    });
    const back = queryToSearch(query);
    expect(back.problems).toEqual([]);
    expect(back.page).toBe(3);
    expect(back.filter).toEqual({ ...state.filter, buildingIds: [2, 4] });
    expect(searchToQuery({ filter: back.filter, page: back.page })).toEqual(query);
  });

  it('leaves out empty parts, page 1 and the default sort', () => {
    expect(searchToQuery({ filter: { text: '  ', priorities: [], sort: { field: 'receivedAt', direction: 'desc' } }, page: 1 })).toEqual({});
    expect(queryToSearch({})).toEqual({ filter: {}, page: 1, problems: [] });
  });

  it('drops what it cannot read and says so by name', () => {
    const read = queryToSearch({ priority: '2,9', caller: 'abc', from: '2026-13-45', outcome: 'response:late', sort: 'colour:asc', building: '3,x', page: '-2' });
    expect(read.filter).toEqual({ priorities: [2], buildingIds: [3] });
    expect(read.page).toBe(1);
    expect(read.problems).toEqual([
      'Caller: “abc” is not a caller id, so it was left out',
      'Received from: “2026-13-45” is not a date (YYYY-MM-DD), so it was left out',
      'Priority: “9” is not one we know, so it was left out',
      'Building: “x” is not an id, so it was left out',
      'SLA outcome: “response:late” is not one we know, so it was left out',
      'Sort: “colour:asc” is not a column we sort by, so the newest cases come first',
    ]);
  });

  it('reads repeated keys as one list, as vue-router gives them', () => {
    expect(queryToSearch({ priority: ['1', '2'], state: ['new', null] }).filter).toEqual({ priorities: [1, 2], statuses: ['new'] });
  });

  it('asks the contract for one page of 50, newest first unless sorted', () => {
    expect(searchInput({ filter: { text: 'wifi' }, page: 3 })).toEqual({
      text: 'wifi',
      sort: { field: 'receivedAt', direction: 'desc' },
      limit: SEARCH_PAGE_SIZE,
      offset: 100,
    });
  });

  it('flips the direction on the sorted column, else starts with its natural one', () => {
    expect(nextSort(undefined, 'receivedAt')).toEqual({ field: 'receivedAt', direction: 'asc' });
    expect(nextSort(undefined, 'caller')).toEqual({ field: 'caller', direction: 'asc' });
    expect(nextSort({ field: 'caller', direction: 'asc' }, 'caller')).toEqual({ field: 'caller', direction: 'desc' });
    expect(nextSort({ field: 'caller', direction: 'asc' }, 'resolvedAt')).toEqual({ field: 'resolvedAt', direction: 'desc' });
  });

  it("makes a report's filter a search, narrowed further", () => {
    expect(reportSearch({ from: '2026-03-01', to: '2026-03-31', priorities: [1, 2], buildingIds: [4] }, { categoryIds: [7], outcome: { target: 'response', is: 'met' } })).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      priorities: [1, 2],
      buildingIds: [4],
      categoryIds: [7],
      outcome: { target: 'response', is: 'met' },
    });
  });
});
