/** How the desk calendar speaks of a closure date. */
import type { CalendarClosure } from '../../../../shared/contract';

/**
 * A closure is a civil date (YYYY-MM-DD) in the desk's time zone, not an instant: it is formatted
 * as noon UTC of that date in UTC, so the browser's own zone cannot move it to another day.
 */
const LONG_DATE = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });

/** "Tuesday, December 1, 2026"; the text as given when it is not a date. */
export function closureDay(date: string): string {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T12:00:00Z`) : NaN;
  // Date.parse rolls an impossible day over (Feb 30 → Mar 2); such a text is shown as it is.
  if (Number.isNaN(instant) || new Date(instant).toISOString().slice(0, 10) !== date) return date;
  return LONG_DATE.format(instant);
}

export const SOURCE_LABELS: Record<CalendarClosure['source'], string> = {
  district: 'Added at the desk',
  ics: 'Imported from a calendar file',
};
