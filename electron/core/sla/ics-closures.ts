/**
 * Closure dates from an iCalendar (.ics) file, e.g. the district's published school calendar:
 * every all-day event (snow day, break, holiday) closes each date it covers; recurring all-day
 * events are expanded over the requested range. Timed events (an early release at noon) are not
 * whole-day closures and are reported back as skipped rather than guessed at. The text is parsed
 * here; reading the file is the caller's business.
 */
import ical from 'node-ical';
import { civilDayOf, formatIsoDate, parseIsoDate } from './civil-date';
import type { ClosureDate } from './calendar-spec';
import { SlaInputError } from './sla-errors';

export interface IcsImport {
  closures: ClosureDate[];
  skipped: { summary: string; reason: string }[];
}

export interface IcsRange {
  /** First and last local date (YYYY-MM-DD) over which recurring events are expanded. */
  from: string;
  to: string;
}

type Parsed = ReturnType<typeof ical.sync.parseICS>;
type VEvent = Extract<NonNullable<Parsed[string]>, { type: 'VEVENT' }>;

/**
 * node-ical builds an all-day date as midnight of the host's own time zone, so the host's local
 * date fields give back the date the file wrote.
 */
function dayOfDateOnly(date: Date): number {
  return civilDayOf(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

function summaryOf(event: VEvent): string {
  const s = event.summary as unknown;
  if (typeof s === 'string') return s;
  if (s !== null && typeof s === 'object' && 'val' in s) return String((s as { val: unknown }).val);
  return 'closure';
}

function isDateOnly(value: unknown): value is Date & { dateOnly: true } {
  return value instanceof Date && (value as { dateOnly?: boolean }).dateOnly === true;
}

export function closuresFromIcs(text: string, range: IcsRange): IcsImport {
  const fromDay = parseIsoDate(range.from);
  const toDay = parseIsoDate(range.to);
  if (fromDay === null) throw new SlaInputError('range.from', range.from, 'expected a real date YYYY-MM-DD');
  if (toDay === null || toDay < fromDay) throw new SlaInputError('range.to', range.to, 'expected a real date YYYY-MM-DD, not before range.from');
  let parsed: Parsed;
  try {
    parsed = ical.sync.parseICS(text);
  } catch (error) {
    throw new SlaInputError('ics', text.slice(0, 40), `not a readable iCalendar file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const byDay = new Map<number, string>();
  const skipped: IcsImport['skipped'] = [];
  const add = (first: number, endExclusive: number, name: string): void => {
    for (let day = first; day < Math.max(endExclusive, first + 1); day++) {
      if (day < fromDay || day > toDay) continue;
      const existing = byDay.get(day);
      byDay.set(day, existing === undefined || existing === name ? name : `${existing}; ${name}`);
    }
  };
  for (const component of Object.values(parsed)) {
    if (component === undefined || (component as { type?: string }).type !== 'VEVENT') continue;
    const event = component as VEvent;
    const name = summaryOf(event);
    if (event.status === 'CANCELLED') {
      skipped.push({ summary: name, reason: 'cancelled event' });
      continue;
    }
    if (!isDateOnly(event.start)) {
      skipped.push({ summary: name, reason: 'timed event: only all-day events are imported as closure dates' });
      continue;
    }
    if (event.rrule !== undefined) {
      const instances = ical.expandRecurringEvent(event, {
        // A day of slack either side: the host's zone shifts the instants node-ical compares.
        from: new Date((fromDay - 1) * 86_400_000),
        to: new Date((toDay + 2) * 86_400_000),
      });
      for (const instance of instances) {
        const first = dayOfDateOnly(instance.start);
        add(first, isDateOnly(instance.end) ? dayOfDateOnly(instance.end) : first + 1, name);
      }
      continue;
    }
    const first = dayOfDateOnly(event.start);
    // DTEND of an all-day event is exclusive; without one the event is that single day.
    add(first, isDateOnly(event.end) ? dayOfDateOnly(event.end) : first + 1, name);
  }
  const closures = [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([day, name]) => ({ date: formatIsoDate(day), name }));
  return { closures, skipped };
}

