/**
 * The case search in the address: every filter of the Find cases screen lives in the route's query,
 * so a report's drill-down link, a bookmark or the back button opens the same search. Short keys,
 * lists comma-separated: `#/cases/search?q=printer&priority=1,2&from=2026-03-01&outcome=response:breached`;
 * the trends' drill-downs add `hour=9,10`, `weekday=1` (ISO, Monday 1) and `open=2026-03-04`. In
 * the id lists 0 means none (no building, no category, unassigned).
 * What the address cannot mean (a priority 9, a date that is no date) is dropped and named.
 */
import { CASE_CHANNELS, CASE_STATUSES, PRIORITIES, type CaseChannel, type CaseStatus, type Priority } from '../../../shared/domain';
import { CASE_SORT_FIELDS, SLA_TARGETS, TARGET_OUTCOMES, type CaseSearchInput, type CaseSortField, type ReportFilter } from '../../../shared/reports';

/** Cases a page of results shows. */
export const SEARCH_PAGE_SIZE = 50;

/** The search as the screen holds it: the contract's input without paging, plus the page (1 first). */
export type CaseSearchFilter = Omit<CaseSearchInput, 'limit' | 'offset'>;
export interface CaseSearchState {
  filter: CaseSearchFilter;
  page: number;
}

/** What a route query holds (vue-router's LocationQuery, without depending on it). */
export type QueryValue = string | null | undefined | (string | null)[];
export type RouteQuery = Record<string, QueryValue>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_SORT = { field: 'receivedAt', direction: 'desc' } as const;

function single(value: QueryValue): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : null;
}

function listOf(value: QueryValue): string[] {
  const raw = Array.isArray(value) ? value : [value];
  return raw.flatMap((v) => (typeof v === 'string' ? v.split(',') : [])).map((v) => v.trim()).filter(Boolean);
}

const isWhole = (v: string, min: number) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= 2_147_483_647;

/** Keeps the known members of a list, in the order the domain lists them; names what it dropped. */
function known<T extends string | number>(raw: string[], all: readonly T[], label: string, problems: string[]): T[] | undefined {
  const kept = all.filter((item) => raw.includes(String(item)));
  const unknown = raw.filter((v) => !all.some((item) => String(item) === v));
  if (unknown.length) problems.push(`${label}: “${unknown.join(', ')}” is not one we know, so it was left out`);
  return kept.length ? kept : undefined;
}

function ids(raw: string[], min: number, label: string, problems: string[]): number[] | undefined {
  const bad = raw.filter((v) => !isWhole(v, min));
  if (bad.length) problems.push(`${label}: “${bad.join(', ')}” is not an id, so it was left out`);
  const kept = [...new Set(raw.filter((v) => isWhole(v, min)).map(Number))].sort((a, b) => a - b);
  return kept.length ? kept : undefined;
}

/** Whole numbers from min to max (hours 0–23, weekdays 1–7), sorted; names what it dropped. */
function wholes(raw: string[], min: number, max: number, label: string, problems: string[]): number[] | undefined {
  const fits = (v: string) => /^\d{1,2}$/.test(v) && Number(v) >= min && Number(v) <= max;
  const bad = raw.filter((v) => !fits(v));
  if (bad.length) problems.push(`${label}: “${bad.join(', ')}” is not from ${min} to ${max}, so it was left out`);
  const kept = sortedSet(raw.filter(fits).map(Number));
  return kept.length ? kept : undefined;
}

const sortedSet = (values: readonly number[]) => [...new Set(values)].sort((a, b) => a - b);
const isDate = (v: string) => DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/** Drops empty parts, so two equal searches have one address. */
export function normalizeSearch(filter: CaseSearchFilter): CaseSearchFilter {
  const out: CaseSearchFilter = {};
  if (filter.text?.trim()) out.text = filter.text.trim();
  if (filter.number?.trim()) out.number = filter.number.trim();
  if (filter.callerId) out.callerId = filter.callerId;
  if (filter.from) out.from = filter.from;
  if (filter.to) out.to = filter.to;
  if (filter.priorities?.length) out.priorities = PRIORITIES.filter((p) => filter.priorities?.includes(p));
  if (filter.statuses?.length) out.statuses = CASE_STATUSES.filter((s) => filter.statuses?.includes(s));
  if (filter.buildingIds?.length) out.buildingIds = [...new Set(filter.buildingIds)].sort((a, b) => a - b);
  if (filter.categoryIds?.length) out.categoryIds = [...new Set(filter.categoryIds)].sort((a, b) => a - b);
  if (filter.assigneeIds?.length) out.assigneeIds = [...new Set(filter.assigneeIds)].sort((a, b) => a - b);
  if (filter.channels?.length) out.channels = CASE_CHANNELS.filter((c) => filter.channels?.includes(c));
  if (filter.outcome) out.outcome = { ...filter.outcome };
  if (filter.receivedHours?.length) out.receivedHours = sortedSet(filter.receivedHours);
  if (filter.receivedWeekdays?.length) out.receivedWeekdays = sortedSet(filter.receivedWeekdays);
  if (filter.openOn) out.openOn = filter.openOn;
  if (filter.sort && (filter.sort.field !== DEFAULT_SORT.field || filter.sort.direction !== DEFAULT_SORT.direction)) out.sort = { ...filter.sort };
  return out;
}

/** The address of a search (its query), page 1 left out. */
export function searchToQuery(state: CaseSearchState): Record<string, string> {
  const f = normalizeSearch(state.filter);
  const q: Record<string, string> = {};
  if (f.text) q.q = f.text;
  if (f.number) q.number = f.number;
  if (f.callerId) q.caller = String(f.callerId);
  if (f.from) q.from = f.from;
  if (f.to) q.to = f.to;
  if (f.priorities) q.priority = f.priorities.join(',');
  if (f.statuses) q.state = f.statuses.join(',');
  if (f.buildingIds) q.building = f.buildingIds.join(',');
  if (f.categoryIds) q.category = f.categoryIds.join(',');
  if (f.assigneeIds) q.tech = f.assigneeIds.join(',');
  if (f.channels) q.channel = f.channels.join(',');
  if (f.outcome) q.outcome = `${f.outcome.target}:${f.outcome.is}`;
  if (f.receivedHours) q.hour = f.receivedHours.join(',');
  if (f.receivedWeekdays) q.weekday = f.receivedWeekdays.join(',');
  if (f.openOn) q.open = f.openOn;
  if (f.sort) q.sort = `${f.sort.field}:${f.sort.direction}`;
  if (state.page > 1) q.page = String(state.page);
  return q;
}

/** The search an address means, and what in it could not be read (already left out). */
export function queryToSearch(query: RouteQuery): CaseSearchState & { problems: string[] } {
  const problems: string[] = [];
  const filter: CaseSearchFilter = {};
  const text = single(query.q);
  if (text) filter.text = text.slice(0, 200);
  const number = single(query.number);
  if (number) filter.number = number.slice(0, 20);
  const caller = single(query.caller);
  if (caller) {
    if (isWhole(caller, 1)) filter.callerId = Number(caller);
    else problems.push(`Caller: “${caller}” is not a caller id, so it was left out`);
  }
  for (const key of ['from', 'to'] as const) {
    const date = single(query[key]);
    if (!date) continue;
    if (isDate(date)) filter[key] = date;
    else problems.push(`${key === 'from' ? 'Received from' : 'Received to'}: “${date}” is not a date (YYYY-MM-DD), so it was left out`);
  }
  const priorities = known<Priority>(listOf(query.priority), PRIORITIES, 'Priority', problems);
  if (priorities) filter.priorities = priorities;
  const statuses = known<CaseStatus>(listOf(query.state), CASE_STATUSES, 'State', problems);
  if (statuses) filter.statuses = statuses;
  const buildings = ids(listOf(query.building), 0, 'Building', problems);
  if (buildings) filter.buildingIds = buildings;
  const categories = ids(listOf(query.category), 0, 'Category', problems);
  if (categories) filter.categoryIds = categories;
  const techs = ids(listOf(query.tech), 0, 'Technician', problems);
  if (techs) filter.assigneeIds = techs;
  const channels = known<CaseChannel>(listOf(query.channel), CASE_CHANNELS, 'Channel', problems);
  if (channels) filter.channels = channels;
  const outcome = single(query.outcome);
  if (outcome) {
    const [target, is] = outcome.split(':');
    const t = SLA_TARGETS.find((v) => v === target);
    const o = TARGET_OUTCOMES.find((v) => v === is);
    if (t && o) filter.outcome = { target: t, is: o };
    else problems.push(`SLA outcome: “${outcome}” is not one we know, so it was left out`);
  }
  const hours = wholes(listOf(query.hour), 0, 23, 'Received hour', problems);
  if (hours) filter.receivedHours = hours;
  const weekdays = wholes(listOf(query.weekday), 1, 7, 'Received weekday', problems);
  if (weekdays) filter.receivedWeekdays = weekdays;
  const openOn = single(query.open);
  if (openOn) {
    if (isDate(openOn)) filter.openOn = openOn;
    else problems.push(`Open at the end of: “${openOn}” is not a date (YYYY-MM-DD), so it was left out`);
  }
  const sort = single(query.sort);
  if (sort) {
    const [field, direction] = sort.split(':');
    const f = CASE_SORT_FIELDS.find((v) => v === field);
    if (f && (direction === 'asc' || direction === 'desc')) filter.sort = { field: f, direction };
    else problems.push(`Sort: “${sort}” is not a column we sort by, so the newest cases come first`);
  }
  const pageText = single(query.page);
  const page = pageText && isWhole(pageText, 1) ? Math.min(Number(pageText), 200_000) : 1;
  return { filter: normalizeSearch(filter), page, problems };
}

/** The contract's input for one page of a search. */
export function searchInput(state: CaseSearchState): CaseSearchInput {
  return { ...normalizeSearch(state.filter), sort: state.filter.sort ?? { ...DEFAULT_SORT }, limit: SEARCH_PAGE_SIZE, offset: (state.page - 1) * SEARCH_PAGE_SIZE };
}

/** The sort a column header asks for: the other direction when it is already sorted by it, else its natural one. */
export function nextSort(current: CaseSearchFilter['sort'], field: CaseSortField): { field: CaseSortField; direction: 'asc' | 'desc' } {
  const now = current ?? DEFAULT_SORT;
  if (now.field === field) return { field, direction: now.direction === 'asc' ? 'desc' : 'asc' };
  // Dates read newest first; names and numbers from the top.
  return { field, direction: field === 'receivedAt' || field === 'resolvedAt' ? 'desc' : 'asc' };
}

/** The sort in effect (the default when none is asked). */
export function sortOf(filter: CaseSearchFilter): { field: CaseSortField; direction: 'asc' | 'desc' } {
  return filter.sort ?? { ...DEFAULT_SORT };
}

/** A report's cases as a search: the same period and lists, narrowed further by `more`. */
export function reportSearch(filter: ReportFilter, more: CaseSearchFilter = {}): CaseSearchFilter {
  return normalizeSearch({ from: filter.from, to: filter.to, ...listSearch(filter, more) });
}

/**
 * A report's lists without its period, narrowed by `more`: the backlog counts a case open on a
 * day whenever it was received, so its drill-down asks `openOn` over every date.
 */
export function listSearch(filter: ReportFilter, more: CaseSearchFilter = {}): CaseSearchFilter {
  return normalizeSearch({
    ...(filter.priorities ? { priorities: filter.priorities } : {}),
    ...(filter.buildingIds ? { buildingIds: filter.buildingIds } : {}),
    ...(filter.categoryIds ? { categoryIds: filter.categoryIds } : {}),
    ...(filter.assigneeIds ? { assigneeIds: filter.assigneeIds } : {}),
    ...(filter.channels ? { channels: filter.channels } : {}),
    ...more,
  });
}
