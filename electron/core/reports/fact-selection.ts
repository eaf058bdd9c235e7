/**
 * Which facts a report counts (the filter as a predicate over the columns) and the small shared
 * arithmetic of the reports: periods, percentages, percentiles, units.
 */
import type { CaseChannel, Priority } from '../../../shared/domain';
import type { ReportFilter, ReportPeriod, TimeUnit } from '../../../shared/reports';
import { CASE_CHANNELS } from '../../../shared/domain';
import { formatIsoDate, isoWeekdayOf, parseIsoDate, pad2, yearMonthDayOf } from '../sla/civil-date';
import { DomainError } from '../errors';
import type { FactColumns } from './fact-columns';

const HOUR_MS = 3_600_000;

export interface Selection {
  fromDay: number;
  toDay: number;
  matches(slot: number): boolean;
}

export function civilDayOrThrow(date: string, field: string): number {
  const day = parseIsoDate(date);
  if (day === null) throw new DomainError('invalid_input', `${field} is not a date on the calendar: ${date}`, field);
  return day;
}

/**
 * The filter as a predicate: received within the dates, and in every list given. The columns
 * hold a missing building, category or technician as 0 (fact-columns.ts), so a 0 in a list
 * ("no building", "unassigned") matches those cases as it is.
 */
export function selectionOf(columns: FactColumns, filter: ReportFilter, onlyAssignee: number | null = null): Selection {
  const fromDay = civilDayOrThrow(filter.from, 'from');
  const toDay = civilDayOrThrow(filter.to, 'to');
  const set = <T>(list: readonly T[] | undefined) => (list && list.length ? new Set(list) : null);
  const priorities = set<Priority>(filter.priorities);
  const buildings = set(filter.buildingIds);
  const categories = set(filter.categoryIds);
  const assignees = set(filter.assigneeIds);
  const channels = set((filter.channels ?? []).map((c: CaseChannel) => CASE_CHANNELS.indexOf(c)));
  const { int32, uint8 } = columns;
  return {
    fromDay,
    toDay,
    matches(slot) {
      const day = int32.receivedDay[slot] as number;
      if (day < fromDay || day > toDay) return false;
      if (priorities && !priorities.has(uint8.priority[slot] as Priority)) return false;
      if (buildings && !buildings.has(int32.buildingId[slot] as number)) return false;
      if (categories && !categories.has(int32.categoryId[slot] as number)) return false;
      const assignee = int32.assigneeId[slot] as number;
      if (assignees && !assignees.has(assignee)) return false;
      if (onlyAssignee !== null && assignee !== onlyAssignee) return false;
      if (channels && !channels.has(uint8.channel[slot] as number)) return false;
      return true;
    },
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const periodKeys: Record<ReportPeriod, Map<number, string>> = { month: new Map(), week: new Map() };

/** "2026-03", or the ISO week "2026-W10" (its Thursday decides its year); remembered per day, as a report asks for every case. */
export function periodKeyOf(day: number, period: ReportPeriod): string {
  const memo = periodKeys[period];
  let key = memo.get(day);
  if (key === undefined) memo.set(day, (key = computePeriodKey(day, period)));
  return key;
}

function computePeriodKey(day: number, period: ReportPeriod): string {
  if (period === 'month') {
    const { year, month } = yearMonthDayOf(day);
    return `${year}-${pad2(month)}`;
  }
  const monday = day - (isoWeekdayOf(day) - 1);
  const year = yearMonthDayOf(monday + 3).year;
  const jan4 = parseIsoDate(`${year}-01-04`) as number;
  const firstMonday = jan4 - (isoWeekdayOf(jan4) - 1);
  return `${year}-W${pad2(Math.floor((monday - firstMonday) / 7) + 1)}`;
}

/** "March 2026", or "Week of 2026-03-02" (its Monday). */
export function periodLabel(key: string, period: ReportPeriod): string {
  if (period === 'month') {
    const [year, month] = key.split('-').map(Number) as [number, number];
    return `${MONTHS[month - 1]} ${year}`;
  }
  const [year, week] = key.split('-W').map(Number) as [number, number];
  const jan4 = parseIsoDate(`${year}-01-04`) as number;
  return `Week of ${formatIsoDate(jan4 - (isoWeekdayOf(jan4) - 1) + (week - 1) * 7)}`;
}

/** Adds one to a count in a list of counts. */
export function bump(counts: number[], i: number): void {
  counts[i] = (counts[i] ?? 0) + 1;
}

/** part / whole as a percentage with one decimal; null when the whole is empty. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/**
 * The p-th percentile with linear interpolation between closest ranks (PostgreSQL's
 * percentile_cont, Excel's PERCENTILE.INC, numpy's default). Sorts `values` in place.
 */
export function percentile(values: Float64Array, p: number): number | null {
  if (values.length === 0) return null;
  values.sort();
  const rank = (values.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = values[low] as number;
  const b = values[high] as number;
  return a + (b - a) * (rank - low);
}

/** A time in ms of its measure, in the unit the agreement states the target in. */
export function inUnit(ms: number, unit: TimeUnit, businessDayMs: number): number {
  return unit === 'business-days' ? ms / businessDayMs : ms / HOUR_MS;
}

export { HOUR_MS };
