/**
 * Trends over a period: the open backlog day by day (or week by week), when calls arrive, how
 * many are solved at the first contact or come back, who calls again and again, and each
 * technician's load and compliance. Pure: the columns in, the figures out.
 */
import type { CountPoint, ReportFilter, TechnicianLoad, TrendsReport } from '../../../shared/reports';
import { formatIsoDate } from '../sla/civil-date';
import type { ReportNames } from './compliance';
import { NONE, type FactColumns } from './fact-columns';
import { bump, percent, selectionOf } from './fact-selection';

/** Days a backlog is drawn day by day; longer periods week by week. */
const DAILY_BACKLOG_DAYS = 92;
export const REPEAT_CALLER_THRESHOLD = 3;
const REPEAT_CALLERS_SHOWN = 25;
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

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
  const opened = new Map<number, number>();
  const done = new Map<number, number>();
  let openBefore = 0;
  let received = 0;
  let afterCutoff = 0;
  let resolved = 0;
  let atFirstContact = 0;
  let everResolved = 0;
  let reopened = 0;
  const byCaller = new Map<number, number[]>();
  const technicians = new Map<number, { assigned: number; resolved: number; open: number; met: number[]; breached: number[] }>();
  const { int32, uint8 } = columns;

  for (let slot = 0; slot < columns.size; slot++) {
    if (!everyDay.matches(slot)) continue;
    const day = int32.receivedDay[slot] as number;
    const doneDay = int32.doneDay[slot] as number;
    if (day < fromDay) {
      if (doneDay === NONE || doneDay >= fromDay) openBefore += 1;
    } else if (day <= toDay) opened.set(day, (opened.get(day) ?? 0) + 1);
    // Leaves the backlog at the end of the day it was resolved (or closed); done days always follow the received day.
    if (doneDay !== NONE && doneDay >= fromDay && doneDay <= toDay) done.set(doneDay, (done.get(doneDay) ?? 0) + 1);
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
    const caller = int32.callerId[slot] as number;
    const calls = byCaller.get(caller);
    if (calls) calls.push(int32.caseId[slot] as number);
    else byCaller.set(caller, [int32.caseId[slot] as number]);

    const assignee = int32.assigneeId[slot] as number;
    if (assignee !== 0) {
      let t = technicians.get(assignee);
      if (!t) technicians.set(assignee, (t = { assigned: 0, resolved: 0, open: 0, met: [0, 0], breached: [0, 0] }));
      t.assigned += 1;
      if (isResolved) t.resolved += 1;
      if (doneDay === NONE) t.open += 1;
      (['response', 'resolution'] as const).forEach((target, i) => {
        const outcome = columns.outcome(slot, target, asOf);
        if (outcome === 'met') t.met[i] = (t.met[i] ?? 0) + 1;
        if (outcome === 'breached') t.breached[i] = (t.breached[i] ?? 0) + 1;
      });
    }
  }

  const step = span <= DAILY_BACKLOG_DAYS ? 'day' : 'week';
  const points: CountPoint[] = [];
  let open = openBefore;
  for (let day = fromDay; day <= toDay; day++) {
    open += (opened.get(day) ?? 0) - (done.get(day) ?? 0);
    const lastOfStep = step === 'day' || (day - fromDay) % 7 === 6 || day === toDay;
    if (lastOfStep) points.push({ key: formatIsoDate(day), label: formatIsoDate(day), cases: open });
  }

  const repeat = [...byCaller.entries()]
    .filter(([, ids]) => ids.length >= REPEAT_CALLER_THRESHOLD)
    .sort((a, b) => b[1].length - a[1].length || a[0] - b[0])
    .slice(0, REPEAT_CALLERS_SHOWN)
    .map(([callerId, caseIds]) => ({ callerId, cases: caseIds.length, caseIds: caseIds.sort((a, b) => a - b) }));

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

