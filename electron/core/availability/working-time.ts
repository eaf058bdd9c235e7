/**
 * A person's working time as a business calendar: the desk's calendar (zone, holidays, the
 * district's closures) with the person's own weekly hours, less their absences. Reusing the SLA
 * engine's calendar keeps "working hours" meaning the same thing for a deadline and for a person.
 */
import { compiledCalendar, type BusinessCalendar, type CalendarSpec } from '../sla';
import type { WeeklyHours } from '../sla/weekly-hours';

/** [start, end) in epoch milliseconds. */
export type Span = readonly [number, number];

/** The calendar a person works by: the desk's, with their own hours when they have them. */
export function staffCalendar(desk: CalendarSpec, hours: WeeklyHours | null): BusinessCalendar {
  // No intake cutoff: it is a rule about requests, not about when people work.
  return compiledCalendar({ ...desk, weeklyHours: hours ?? desk.weeklyHours, intakeCutoff: null });
}

/** Working milliseconds in [from, to): open time on the person's calendar outside every absence. */
export function workingMsBetween(calendar: BusinessCalendar, absences: readonly Span[], from: number, to: number): number {
  if (to <= from) return 0;
  let total = calendar.businessMsBetween(from, to);
  for (const [start, end] of mergeSpans(absences)) {
    const a = Math.max(start, from);
    const b = Math.min(end, to);
    if (b > a) total -= calendar.businessMsBetween(a, b);
  }
  return Math.max(0, total);
}

/** Whether the person is at work at `at`: inside their hours and not away. */
export function isWorkingAt(calendar: BusinessCalendar, absences: readonly Span[], at: number): boolean {
  return calendar.isOpen(at) && !absences.some(([start, end]) => start <= at && at < end);
}

/** Sorted, disjoint spans; absences entered by hand may overlap (sick during a training week). */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/**
 * A person's stored weekly hours (staff_member.working_hours), or null for the desk's. Text that
 * cannot be read also gives the desk's hours: the editor checks what it saves, and a bad row
 * must never stop the board or the forecast from answering.
 */
export function storedWorkingHours(json: string | null): WeeklyHours | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as WeeklyHours;
  } catch {
    return null;
  }
}
