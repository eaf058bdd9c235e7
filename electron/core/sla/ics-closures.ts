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

/** Closure dates matter for deadlines a few years out at most; a longer range is a mistake (or a 50-year daily event). */
export const MAX_ICS_RANGE_YEARS = 10;
const DAYS_PER_CHUNK = 366;
/** A closure's name is stored in 200 characters, as for one typed by hand. */
export const MAX_CLOSURE_NAME = 200;

function fitName(name: string): string {
  const trimmed = name.trim() || 'closure';
  return trimmed.length <= MAX_CLOSURE_NAME ? trimmed : `${trimmed.slice(0, MAX_CLOSURE_NAME - 1)}…`;
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

/**
 * Expanding one occurrence costs tens of microseconds; a small file of many daily events over
 * years would keep the core busy for minutes. No real school calendar comes near this many.
 */
export const MAX_ICS_OCCURRENCES = 20_000;

/**
 * Expands a recurring all-day event over [fromDay, toDay], a year at a time: the recurrence
 * library gives up after 10,000 steps in one call, which a daily rule over a long range (or one
 * with a huge COUNT) reaches. The event's dates are added only when all of them fit in
 * `budget.left` occurrences. Returns why the event could not be expanded, or null.
 */
function expandRecurring(
  event: VEvent,
  fromDay: number,
  toDay: number,
  budget: { left: number },
  add: (first: number, endExclusive: number) => void,
): string | null {
  if (budget.left <= 0) return occurrencesExhausted();
  const spans: [number, number][] = [];
  try {
    for (let chunkStart = fromDay; chunkStart <= toDay; chunkStart += DAYS_PER_CHUNK) {
      const chunkEnd = Math.min(toDay, chunkStart + DAYS_PER_CHUNK - 1);
      const instances = ical.expandRecurringEvent(event, {
        // A day of slack either side: the host's zone shifts the instants node-ical compares.
        from: new Date((chunkStart - 1) * 86_400_000),
        to: new Date((chunkEnd + 2) * 86_400_000),
      });
      for (const instance of instances) {
        // The slack days overlap the neighbouring chunk; adding a date twice changes nothing.
        const first = dayOfDateOnly(instance.start);
        spans.push([first, isDateOnly(instance.end) ? dayOfDateOnly(instance.end) : first + 1]);
      }
      if (spans.length > budget.left) {
        budget.left = 0;
        return occurrencesExhausted();
      }
    }
    budget.left -= spans.length;
    for (const [first, endExclusive] of spans) add(first, endExclusive);
    return null;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return /maximum iterations/i.test(detail)
      ? 'its repeat rule has too many occurrences to expand (a rule repeating more often than daily, or a very large COUNT); add its dates one by one'
      : `its repeat rule could not be read (${detail})`;
  }
}

function occurrencesExhausted(): string {
  return `the file's repeating events have more than ${MAX_ICS_OCCURRENCES.toLocaleString('en-US')} occurrences in the range; import a shorter range (from, to)`;
}

export function closuresFromIcs(text: string, range: IcsRange): IcsImport {
  const fromDay = parseIsoDate(range.from);
  const toDay = parseIsoDate(range.to);
  if (fromDay === null) throw new SlaInputError('range.from', range.from, 'expected a real date YYYY-MM-DD');
  if (toDay === null || toDay < fromDay) throw new SlaInputError('range.to', range.to, 'expected a real date YYYY-MM-DD, not before range.from');
  if (toDay - fromDay > MAX_ICS_RANGE_YEARS * 366) {
    throw new SlaInputError('range.to', range.to, `the range may span at most ${MAX_ICS_RANGE_YEARS} years from ${range.from}`);
  }
  let parsed: Parsed;
  try {
    parsed = ical.sync.parseICS(text);
  } catch (error) {
    throw new SlaInputError('ics', text.slice(0, 40), `not a readable iCalendar file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const byDay = new Map<number, string[]>();
  const skipped: IcsImport['skipped'] = [];
  const budget = { left: MAX_ICS_OCCURRENCES };
  const add = (first: number, endExclusive: number, name: string): void => {
    for (let day = first; day < Math.max(endExclusive, first + 1); day++) {
      if (day < fromDay || day > toDay) continue;
      const names = byDay.get(day);
      if (names === undefined) byDay.set(day, [name]);
      else if (!names.includes(name)) names.push(name);
    }
  };
  for (const component of Object.values(parsed)) {
    if (component === undefined || (component as { type?: string }).type !== 'VEVENT') continue;
    const event = component as VEvent;
    const name = fitName(summaryOf(event));
    if (event.status === 'CANCELLED') {
      skipped.push({ summary: name, reason: 'cancelled event' });
      continue;
    }
    if (!isDateOnly(event.start)) {
      skipped.push({ summary: name, reason: 'timed event: only all-day events are imported as closure dates' });
      continue;
    }
    if (event.rrule !== undefined) {
      const problem = expandRecurring(event, fromDay, toDay, budget, (first, endExclusive) => add(first, endExclusive, name));
      if (problem !== null) skipped.push({ summary: name, reason: problem });
      continue;
    }
    const first = dayOfDateOnly(event.start);
    // DTEND of an all-day event is exclusive; without one the event is that single day.
    add(first, isDateOnly(event.end) ? dayOfDateOnly(event.end) : first + 1, name);
  }
  const closures = [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([day, names]) => ({ date: formatIsoDate(day), name: fitName(names.join('; ')) }));
  return { closures, skipped };
}

