/**
 * `sla due` and `sla batch`: deadlines under the district agreement from the command line, for
 * people checking a case by hand and for scripts. The default calendar is the agreement's hours
 * and cutoff with US federal + Missouri public holidays; holidays given with --holiday (or on a
 * batch line) replace those closure dates, an empty list meaning no closures at all.
 * Bad input names the field and value and exits 2.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { PRIORITIES, type Priority } from '../../../shared/domain';
import {
  closuresFromIcs,
  compiledCalendar,
  computeDeadlines,
  DEFAULT_CALENDAR_SPEC,
  DEFAULT_POLICY,
  explainDeadlines,
  formatInstant,
  isKnownZone,
  parseInstant,
  SlaInputError,
  type BusinessCalendar,
  type CalendarSpec,
  type ClosureDate,
} from '../../core/sla';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

interface DueRequest {
  priority: unknown;
  received: unknown;
  /** undefined: the default holidays; a list: exactly these closure dates. */
  holidays: unknown;
  tz: unknown;
}

interface DueAnswer {
  clockStart: string;
  responseDue: string | null;
  resolutionDue: string | null;
  explanation: string[];
}

/** Compiled calendars by raw (zone, holidays) so a batch compiles each distinct calendar once. */
class CalendarMemo {
  private readonly byRaw = new Map<string, BusinessCalendar>();

  constructor(private readonly extraClosures: readonly ClosureDate[]) {}

  get(zone: string, holidays: readonly string[] | undefined): BusinessCalendar {
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
    return calendar;
  }
}

function parsePriority(value: unknown): Priority {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !(PRIORITIES as readonly number[]).includes(n)) {
    throw new SlaInputError('priority', value, 'unknown priority (expected 1, 2, 3, 4 or 5)');
  }
  return n as Priority;
}

function parseZone(value: unknown): string {
  if (value === undefined) return DEFAULT_CALENDAR_SPEC.zone;
  if (typeof value !== 'string' || !isKnownZone(value)) throw new SlaInputError('tz', value, 'unknown IANA time zone');
  return value;
}

function parseHolidays(value: unknown, field: string): string[] | undefined {
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

function answer(request: DueRequest, memo: CalendarMemo, withExplanation: boolean): DueAnswer {
  const priority = parsePriority(request.priority);
  const zone = parseZone(request.tz);
  const holidays = parseHolidays(request.holidays, 'holidays');
  if (typeof request.received !== 'string') throw new SlaInputError('received', request.received, 'expected an ISO 8601 date-time string');
  const received = parseInstant(request.received, zone);
  if (!received.ok) throw new SlaInputError('received', request.received, received.reason);
  const calendar = memo.get(zone, holidays);
  const deadlines = computeDeadlines({ priority, receivedAt: received.value, policyVersion: DEFAULT_POLICY.version }, DEFAULT_POLICY, calendar);
  const format = (t: number | null): string | null => (t === null ? null : formatInstant(zone, t));
  return {
    clockStart: formatInstant(zone, deadlines.clockStart.at),
    responseDue: format(deadlines.response.dueAt),
    resolutionDue: format(deadlines.resolution.dueAt),
    explanation: withExplanation ? explainDeadlines(deadlines, calendar) : [],
  };
}

function messageOf(error: unknown): string {
  if (error instanceof SlaInputError) return error.message;
  if (error instanceof RangeError) return `out of range: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** Closure dates from --ics, expanded over ten years either side of now (the CLI may read the clock). */
function icsClosures(path: string | undefined): ClosureDate[] {
  if (path === undefined) return [];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SlaInputError('ics', path, `cannot read the file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const year = new Date().getUTCFullYear();
  const imported = closuresFromIcs(text, { from: `${year - 10}-01-01`, to: `${year + 10}-12-31` });
  for (const skipped of imported.skipped) process.stderr.write(`sla: ics: skipped "${skipped.summary}": ${skipped.reason}\n`);
  return imported.closures;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerSlaCommands(program: Command): void {
  const sla = program.command('sla').description('SLA deadlines under the district agreement (policy 2026.1)');

  sla
    .command('due')
    .description('print the clock start, response and resolution due instants of one case as JSON')
    .option('--priority <n>', 'priority 1–5')
    .option('--received <iso>', 'when the case was received, ISO 8601; without an offset it is read in --tz')
    .option('--holiday <date>', 'closure date YYYY-MM-DD, repeatable; replaces the default US + Missouri holidays', collect, [])
    .option('--tz <zone>', 'IANA time zone of the calendar', DEFAULT_CALENDAR_SPEC.zone)
    .option('--ics <file>', 'add the all-day events of an iCalendar file as closure dates')
    .action((options: { priority?: string; received?: string; holiday: string[]; tz: string; ics?: string }) => {
      try {
        const memo = new CalendarMemo(icsClosures(options.ics));
        const holidays = parseHolidays(options.holiday.length > 0 ? options.holiday : undefined, '--holiday');
        const result = answer(
          { priority: options.priority, received: options.received, holidays, tz: options.tz },
          memo,
          true,
        );
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } catch (error) {
        process.stderr.write(`sla due: ${messageOf(error)}\n`);
        process.exitCode = 2;
      }
    });

  sla
    .command('batch')
    .description('read JSON lines {"priority","received","holidays"?,"tz"?} on stdin; write each with clockStart, responseDue, resolutionDue added')
    .option('--holiday <date>', 'closure date YYYY-MM-DD, repeatable; replaces the default holidays for lines without their own', collect, [])
    .option('--tz <zone>', 'IANA time zone for lines without their own', DEFAULT_CALENDAR_SPEC.zone)
    .option('--ics <file>', 'add the all-day events of an iCalendar file as closure dates')
    .action(async (options: { holiday: string[]; tz: string; ics?: string }) => {
      let memo: CalendarMemo;
      let defaultHolidays: string[] | undefined;
      try {
        memo = new CalendarMemo(icsClosures(options.ics));
        defaultHolidays = parseHolidays(options.holiday.length > 0 ? options.holiday : undefined, '--holiday');
        parseZone(options.tz);
      } catch (error) {
        process.stderr.write(`sla batch: ${messageOf(error)}\n`);
        process.exitCode = 2;
        return;
      }
      let failed = false;
      let lineNumber = 0;
      let pending = '';
      const flush = async (): Promise<void> => {
        if (pending === '') return;
        const chunk = pending;
        pending = '';
        if (!process.stdout.write(chunk)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
      };
      for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        lineNumber++;
        if (line.trim() === '') continue;
        let output: string;
        try {
          let input: unknown;
          try {
            input = JSON.parse(line);
          } catch (error) {
            throw new SlaInputError('json', line.length > 60 ? `${line.slice(0, 60)}…` : line, `bad JSON: ${error instanceof Error ? error.message : String(error)}`);
          }
          if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new SlaInputError('json', input, 'expected a JSON object per line');
          const fields = input as Record<string, unknown>;
          const result = answer(
            {
              priority: fields.priority,
              received: fields.received,
              holidays: 'holidays' in fields ? fields.holidays : defaultHolidays,
              tz: 'tz' in fields ? fields.tz : options.tz,
            },
            memo,
            false,
          );
          output = JSON.stringify({ ...fields, clockStart: result.clockStart, responseDue: result.responseDue, resolutionDue: result.resolutionDue });
        } catch (error) {
          failed = true;
          output = JSON.stringify({ error: `line ${lineNumber}: ${messageOf(error)}` });
        }
        pending += `${output}\n`;
        if (pending.length > 65_536) await flush();
      }
      await flush();
      if (failed) process.exitCode = 2;
    });
}
