/**
 * The desk's phone hours in words for employees ("Monday to Friday, 7:00 AM to 5:00 PM"), read
 * from the calendar the SLA counts with, so the page says what the clock does.
 */
import { DEFAULT_CALENDAR_SPEC, type CalendarSpec } from '../sla/calendar-spec';
import { WEEKDAYS, type OpenInterval } from '../sla/weekly-hours';

const DAY_NAMES = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' } as const;

/** "07:00" → "7:00 AM"; "12:00" → "noon". */
function timeWords(hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  if (h === 12 && m === 0) return 'noon';
  return `${h % 12 || 12}:${String(m).padStart(2, '0')} ${h < 12 || h === 24 ? 'AM' : 'PM'}`;
}

function intervalsWords(intervals: readonly OpenInterval[]): string {
  return intervals.map((i) => `${timeWords(i.open)} to ${timeWords(i.close)}`).join(' and ');
}

/** Days with the same hours in a row are one range: "Monday to Friday, 7:00 AM to 5:00 PM". */
export function deskHoursWords(spec: Pick<CalendarSpec, 'weeklyHours'> = DEFAULT_CALENDAR_SPEC): string {
  const runs: { first: number; last: number; hours: string }[] = [];
  WEEKDAYS.forEach((day, index) => {
    const intervals = spec.weeklyHours[day];
    if (intervals.length === 0) return;
    const hours = intervalsWords(intervals);
    const previous = runs[runs.length - 1];
    if (previous && previous.last === index - 1 && previous.hours === hours) previous.last = index;
    else runs.push({ first: index, last: index, hours });
  });
  if (runs.length === 0) return 'The desk has no phone hours set; submit your request here.';
  const name = (index: number) => DAY_NAMES[WEEKDAYS[index] as keyof typeof DAY_NAMES];
  const days = (r: { first: number; last: number }) =>
    r.first === r.last ? name(r.first) : `${name(r.first)} ${r.last === r.first + 1 ? 'and' : 'to'} ${name(r.last)}`;
  return runs.map((r) => `${days(r)}, ${r.hours}`).join('; ');
}
