/**
 * The Find cases screen's data: one page of a search over every case, open or closed. The search
 * is the address's (lib/case-search-query.ts): the screen reads it from the route, so a link from a
 * report opens the same search, and a changed form becomes a new address rather than state here.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { queryToSearch, searchInput, type CaseSearchState, type RouteQuery } from '../lib/case-search-query';
import { latestSearch } from './latest-search';
import { reportExport } from './report-export';
import { useSessionStore } from './session-store';
import type { ExportFormat } from '../../../shared/reports';

export const useCaseSearchStore = defineStore('case-search', () => {
  const session = useSessionStore();

  /** The search the address asks for. */
  const asked = ref<CaseSearchState>({ filter: {}, page: 1 });
  /** What in the address could not be read (left out of the search). */
  const problems = ref<string[]>([]);

  const {
    hits: rows,
    total,
    answered,
    searching,
    error,
    search: searchFor,
  } = latestSearch(
    (state: CaseSearchState) => session.call('cases.search', searchInput(state)),
    (value) => ({ hits: value.rows, total: value.total }),
    null,
  );

  function search(): Promise<void> {
    return searchFor({ filter: { ...asked.value.filter }, page: asked.value.page });
  }

  /** Runs the search an address means. */
  function searchQuery(query: RouteQuery): Promise<void> {
    const read = queryToSearch(query);
    asked.value = { filter: read.filter, page: read.page };
    problems.value = read.problems;
    return search();
  }

  const exporter = reportExport();
  /** Every case the search finds (not only this page), as a file. */
  function exportCases(format: ExportFormat): Promise<boolean> {
    const { limit: _limit, offset: _offset, ...input } = searchInput(asked.value);
    return exporter.run({ report: 'cases', format, input });
  }

  return {
    asked,
    problems,
    rows,
    total,
    answered,
    searching,
    error,
    search,
    searchQuery,
    exportCases,
    exporting: exporter.busy,
    exportError: exporter.error,
    exportNotice: exporter.notice,
  };
});
