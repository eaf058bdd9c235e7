/**
 * Trends over a period: the open backlog day by day (or week by week), when calls arrive, how
 * many are solved at the first contact or come back, who calls again and again, and each
 * technician's load and compliance. Pure: the columns in, the figures out.
 */
import type { CountPoint, ReportFilter, TechnicianLoad, TrendsReport } from '../../../shared/reports';
import { formatIsoDate } from '../sla/civil-date';
import type { ReportNames } from './compliance';
import { TARGET_OUTCOMES } from '../../../shared/reports';
import { NONE, type FactColumns } from './fact-columns';
import { bump, percent, selectionOf, type Selection } from './fact-selection';

/** Days a backlog is drawn day by day; longer periods week by week. */
const DAILY_BACKLOG_DAYS = 92;
export const REPEAT_CALLER_THRESHOLD = 3;
const REPEAT_CALLERS_SHOWN = 25;
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const MET = TARGET_OUTCOMES.indexOf('met');
const OPEN = TARGET_OUTCOMES.indexOf('open');
const BREACHED = TARGET_OUTCOMES.indexOf('breached');
/** Past this caller id the counts are kept in a map: an array would be too large. */
const CALLER_ARRAY_LIMIT = 1 << 22;

export type TrendFigures = Omit<TrendsReport, 'filter' | 'asOf' | 'timeZone' | 'limitedTo' | 'repeatCallers'> & {
  repeatCallers: { threshold: number; callers: { callerId: number; cases: number; caseIds: number[] }[] };
};

export function trendFigures(columns: FactColumns, filter: ReportFilter, asOf: number, names: ReportNames, onlyAssignee: number | null): TrendFigures {
  const selection = selectionOf(columns, filter, onlyAssignee);
  // The backlog counts every case matching the lists, whenever received: one open since last year is still open today.
  const everyDay = selectionOf(columns, { ...filter, from: '1900-01-01', to: '9999-12-31' }, onlyAssignee);
  const { fromDay, toDay } = selection;
  const span = toDay - fromDay + 1;
  const byHour = new Array<number>(24).fill(0);
  const byWeekday = new Array<number>(7).fill(0);
  // Per day of the period (index: day − fromDay): counts in arrays, as a report passes a million cases.
  const opened = new Int32Array(span);
  const done = new Int32Array(span);
  let openBefore = 0;
  let received = 0;
  let afterCutoff = 0;
  let resolved = 0;
  let atFirstContact = 0;
  let everResolved = 0;
  let reopened = 0;
  const calls = new CallCounts(columns);
  const technicians = new Map<number, { assigned: number; resolved: number; open: number; met: number[]; breached: number[] }>();
  const { int32, uint8, float64 } = columns;
  const outcomes = [
    { stored: uint8.responseOutcome, due: float64.responseDueAt },
    { stored: uint8.resolutionOutcome, due: float64.resolutionDueAt },
  ];

  for (let slot = 0; slot < columns.size; slot++) {
    if (!everyDay.matches(slot)) continue;
    const day = int32.receivedDay[slot] as number;
    const doneDay = int32.doneDay[slot] as number;
    if (day < fromDay) {
      if (doneDay === NONE || doneDay >= fromDay) openBefore += 1;
    } else if (day <= toDay) opened[day - fromDay] = (opened[day - fromDay] as number) + 1;
    // Leaves the backlog at the end of the day it was resolved (or closed); done days always follow the received day.
    if (doneDay !== NONE && doneDay >= fromDay && doneDay <= toDay) done[doneDay - fromDay] = (done[doneDay - fromDay] as number) + 1;
    if (!selection.matches(slot)) continue;

    received += 1;
    bump(byHour, Math.floor((int32.receivedMinute[slot] as number) / 60));
    bump(byWeekday, (uint8.weekday[slot] as number) - 1);
    if (uint8.afterCutoff[slot] === 1) afterCutoff += 1;
    const isResolved = (int32.resolvedDay[slot] as number) !== NONE;
    if (isResolved) {
      resolved += 1;
      if (uint8.firstContact[slot] === 1) atFirstContact += 1;
    }
    const wasReopened = (uint8.reopened[slot] as number) > 0;
    if (isResolved || wasReopened) everResolved += 1;
    if (wasReopened) reopened += 1;
    calls.add(int32.callerId[slot] as number);

    const assignee = int32.assigneeId[slot] as number;
    if (assignee !== 0) {
      let t = technicians.get(assignee);
      if (!t) technicians.set(assignee, (t = { assigned: 0, resolved: 0, open: 0, met: [0, 0], breached: [0, 0] }));
      t.assigned += 1;
      if (isResolved) t.resolved += 1;
      if (doneDay === NONE) t.open += 1;
      for (let i = 0; i < 2; i++) {
        // As FactColumns.outcome: an open target past its due instant is breached.
        const { stored, due } = outcomes[i] as (typeof outcomes)[number];
        let outcome = stored[slot] as number;
        if (outcome === OPEN && (due[slot] as number) < asOf) outcome = BREACHED;
        if (outcome === MET) t.met[i] = (t.met[i] as number) + 1;
        else if (outcome === BREACHED) t.breached[i] = (t.breached[i] as number) + 1;
      }
    }
  }

  const step = span <= DAILY_BACKLOG_DAYS ? 'day' : 'week';
  const points: CountPoint[] = [];
  let open = openBefore;
  for (let day = fromDay; day <= toDay; day++) {
    open += (opened[day - fromDay] as number) - (done[day - fromDay] as number);
    const lastOfStep = step === 'day' || (day - fromDay) % 7 === 6 || day === toDay;
    if (lastOfStep) points.push({ key: formatIsoDate(day), label: formatIsoDate(day), cases: open });
  }

  const repeat = calls.repeatCallers(REPEAT_CALLER_THRESHOLD, REPEAT_CALLERS_SHOWN, selection);

  const technicianRows: TechnicianLoad[] = [...technicians.entries()]
    .map(([staffId, t]) => ({
      staffId,
      name: names.staff.get(staffId) ?? `Staff #${staffId}`,
      assigned: t.assigned,
      resolved: t.resolved,
      open: t.open,
      responseMetPercent: percent(t.met[0] ?? 0, (t.met[0] ?? 0) + (t.breached[0] ?? 0)),
      resolutionMetPercent: percent(t.met[1] ?? 0, (t.met[1] ?? 0) + (t.breached[1] ?? 0)),
    }))
    .sort((a, b) => b.assigned - a.assigned || a.name.localeCompare(b.name));

  return {
    backlog: { step, points },
    arrivalsByHour: byHour.map((cases, hour) => ({ key: String(hour), label: `${hour % 12 || 12} ${hour < 12 ? 'AM' : 'PM'}`, cases })),
    arrivalsByWeekday: byWeekday.map((cases, i) => ({ key: String(i + 1), label: WEEKDAYS[i] as string, cases })),
    afterCutoff: { cases: afterCutoff, percent: percent(afterCutoff, received) },
    received,
    firstContact: { resolved, atFirstContact, percent: percent(atFirstContact, resolved) },
    reopened: { resolved: everResolved, reopened, percent: percent(reopened, everResolved) },
    repeatCallers: { threshold: REPEAT_CALLER_THRESHOLD, callers: repeat },
    technicians: technicianRows,
  };
}


/**
 * Calls per caller, counted in an array by caller id (a map past ids of four million); the cases
 * of the callers shown are gathered afterwards, in one more pass, rather than a list kept for
 * every caller.
 */
class CallCounts {
  private readonly array: Int32Array | null;
  private readonly map = new Map<number, number>();

  constructor(private readonly columns: FactColumns) {
    let largest = 0;
    for (let slot = 0; slot < columns.size; slot++) largest = Math.max(largest, columns.int32.callerId[slot] as number);
    this.array = largest < CALLER_ARRAY_LIMIT ? new Int32Array(largest + 1) : null;
  }

  add(caller: number): void {
    if (this.array) this.array[caller] = (this.array[caller] as number) + 1;
    else this.map.set(caller, (this.map.get(caller) ?? 0) + 1);
  }

  /** The callers with at least `threshold` calls, most calls first (ties by id), at most `shown`, with their cases. */
  repeatCallers(threshold: number, shown: number, selection: Selection): { callerId: number; cases: number; caseIds: number[] }[] {
    const counts: [number, number][] = [];
    if (this.array) this.array.forEach((n, caller) => n >= threshold && counts.push([caller, n]));
    else for (const [caller, n] of this.map) if (n >= threshold) counts.push([caller, n]);
    counts.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const top = new Map(counts.slice(0, shown).map(([caller]) => [caller, [] as number[]]));
    if (top.size) {
      const { int32 } = this.columns;
      for (let slot = 0; slot < this.columns.size; slot++) {
        const ids = top.get(int32.callerId[slot] as number);
        if (ids && selection.matches(slot)) ids.push(int32.caseId[slot] as number);
      }
    }
    return [...top].map(([callerId, caseIds]) => ({ callerId, cases: caseIds.length, caseIds: caseIds.sort((a, b) => a - b) }));
  }
}
