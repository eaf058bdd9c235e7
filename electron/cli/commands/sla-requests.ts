/**
 * One deadline request (`sla due`, a line of `sla batch`): its fields checked and named when bad,
 * its calendar compiled once per distinct (zone, holidays), its deadlines computed under the
 * agreement's policy.
 */
import { readFileSync } from 'node:fs';
import { PRIORITIES, type Priority } from '../../../shared/domain';
// The engine's modules one by one rather than its index: the index also loads the .ics reader,
// which only --ics needs and which would add to every start.
import type { BusinessCalendar } from '../../core/sla/business-calendar';
import { compiledCalendar } from '../../core/sla/calendar-cache';
import { DEFAULT_CALENDAR_SPEC, type CalendarSpec, type ClosureDate } from '../../core/sla/calendar-spec';
import { computeDeadlines, type CaseDeadlines } from '../../core/sla/case-deadlines';
import { parseInstant } from '../../core/sla/instant-text';
import { SlaInputError } from '../../core/sla/sla-errors';
import { DEFAULT_POLICY } from '../../core/sla/sla-policy';
import { isKnownZone } from '../../core/sla/zone-time';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const PRIORITY_TEXT = /^\s*\d+\s*$/;

export interface DueRequest {
  priority: unknown;
  received: unknown;
  /** undefined: the default holidays; a list: exactly these closure dates. */
  holidays: unknown;
  tz: unknown;
}

export interface DueResult {
  zone: string;
  calendar: BusinessCalendar;
  deadlines: CaseDeadlines;
}

/** Compiled calendars by raw (zone, holidays) so a batch compiles each distinct calendar once. */
export class CalendarMemo {
  private readonly byRaw = new Map<string, BusinessCalendar>();
  // The calendar of the previous request: a batch mostly repeats one (zone, holidays) pair.
  private lastZone: string | null = null;
  private lastHolidays: readonly string[] | undefined;
  private lastCalendar: BusinessCalendar | null = null;

  constructor(private readonly extraClosures: readonly ClosureDate[]) {}

  get(zone: string, holidays: readonly string[] | undefined): BusinessCalendar {
    if (this.lastCalendar !== null && zone === this.lastZone && holidays === this.lastHolidays) return this.lastCalendar;
    const raw = `${zone}\u0000${holidays === undefined ? '*' : holidays.join(',')}`;
    let calendar = this.byRaw.get(raw);
    if (calendar === undefined) {
      const spec: CalendarSpec = {
        ...DEFAULT_CALENDAR_SPEC,
        zone,
        holidays: holidays === undefined ? DEFAULT_CALENDAR_SPEC.holidays : null,
        closures: [...(holidays ?? []).map((date) => ({ date, name: 'holiday' })), ...this.extraClosures],
      };
      calendar = compiledCalendar(spec);
      if (this.byRaw.size >= 4096) this.byRaw.clear();
      this.byRaw.set(raw, calendar);
    }
    this.lastZone = zone;
    this.lastHolidays = holidays;
    this.lastCalendar = calendar;
    return calendar;
  }
}

function parsePriority(value: unknown): Priority {
  if (value === 1 || value === 2 || value === 3 || value === 4 || value === 5) return value;
  const n = typeof value === 'string' && PRIORITY_TEXT.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !(PRIORITIES as readonly number[]).includes(n)) {
    throw new SlaInputError('priority', value, 'unknown priority (expected 1, 2, 3, 4 or 5)');
  }
  return n as Priority;
}

export function parseZone(value: unknown): string {
  if (value === undefined) return DEFAULT_CALENDAR_SPEC.zone;
  if (typeof value !== 'string' || !isKnownZone(value)) throw new SlaInputError('tz', value, 'unknown IANA time zone');
  return value;
}

export function parseHolidays(value: unknown, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new SlaInputError(field, value, 'expected a list of dates YYYY-MM-DD');
  return value.map((date: unknown) => {
    if (typeof date !== 'string' || !DATE_ONLY.test(date) || !isRealDate(date)) {
      throw new SlaInputError(field, date, 'malformed holiday (expected a real date YYYY-MM-DD)');
    }
    return date;
  });
}

function isRealDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Checks the request in the order the fields are reported (priority, tz, holidays, received) and
 * computes its deadlines. `holidays` may be a list already checked (the batch's --holiday default):
 * it is then used as it is, so the memo recognises it.
 */
export function computeDue(request: DueRequest, memo: CalendarMemo, checkedHolidays?: readonly string[]): DueResult {
  const priority = parsePriority(request.priority);
  const zone = parseZone(request.tz);
  const holidays = checkedHolidays !== undefined && request.holidays === checkedHolidays ? checkedHolidays : parseHolidays(request.holidays, 'holidays');
  if (typeof request.received !== 'string') throw new SlaInputError('received', request.received, 'expected an ISO 8601 date-time string');
  const received = parseInstant(request.received, zone);
  if (!received.ok) throw new SlaInputError('received', request.received, received.reason);
  const calendar = memo.get(zone, holidays);
  const deadlines = computeDeadlines({ priority, receivedAt: received.value, policyVersion: DEFAULT_POLICY.version }, DEFAULT_POLICY, calendar);
  return { zone, calendar, deadlines };
}

export function messageOf(error: unknown): string {
  if (error instanceof SlaInputError) return error.message;
  if (error instanceof RangeError) return `out of range: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Closure dates from --ics, recurring events expanded over the ten years around now (the longest
 * range the .ics reader takes; the CLI may read the clock): five years back, this year and four ahead.
 */
export async function icsClosures(path: string | undefined, warn: (text: string) => void): Promise<ClosureDate[]> {
  if (path === undefined) return [];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SlaInputError('ics', path, `cannot read the file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { closuresFromIcs } = await import('../../core/sla/ics-closures');
  const year = new Date().getUTCFullYear();
  const imported = closuresFromIcs(text, { from: `${year - 5}-01-01`, to: `${year + 4}-12-31` });
  for (const skipped of imported.skipped) warn(`sla: ics: skipped "${skipped.summary}": ${skipped.reason}\n`);
  return imported.closures;
}
