/**
 * `sla due` and `sla batch`: deadlines under the district agreement from the command line, for
 * people checking a case by hand and for scripts. The default calendar is the agreement's hours
 * and cutoff with US federal + Missouri public holidays; holidays given with --holiday (or on a
 * batch line) replace those closure dates, an empty list meaning no closures at all.
 * Bad input names the field and value and exits 2.
 */
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';

/** The agreement's zone; the SLA engine's DEFAULT_CALENDAR_SPEC says the same (not imported here: `--help` stays light). */
const AGREEMENT_ZONE = 'America/Chicago';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerSlaCommands(program: Command, io: CliIo): void {
  const sla = program.command('sla').description('SLA deadlines under the district agreement (policy 2026.1)');

  sla
    .command('due')
    .description('print the clock start, response and resolution due instants of one case as JSON')
    .option('--priority <n>', 'priority 1–5')
    .option('--received <iso>', 'when the case was received, ISO 8601; without an offset it is read in --tz')
    .option('--holiday <date>', 'closure date YYYY-MM-DD, repeatable; replaces the default US + Missouri holidays', collect, [])
    .option('--tz <zone>', 'IANA time zone of the calendar', AGREEMENT_ZONE)
    .option('--ics <file>', 'add the all-day events of an iCalendar file as closure dates')
    .action(async (options: { priority?: string; received?: string; holiday: string[]; tz: string; ics?: string }) => {
      // The SLA engine is loaded when a command runs, not for `--help`.
      const { CalendarMemo, computeDue, icsClosures, messageOf, parseHolidays } = await import('./sla-requests');
      const { explainDeadlines } = await import('../../core/sla/explanation');
      const { formatInstant } = await import('../../core/sla/zone-time');
      try {
        const memo = new CalendarMemo(await icsClosures(options.ics, (text) => io.stderr.write(text)));
        const holidays = parseHolidays(options.holiday.length > 0 ? options.holiday : undefined, '--holiday');
        const { zone, calendar, deadlines } = computeDue({ priority: options.priority, received: options.received, holidays, tz: options.tz }, memo);
        const format = (t: number | null): string | null => (t === null ? null : formatInstant(zone, t));
        const result = {
          clockStart: formatInstant(zone, deadlines.clockStart.at),
          responseDue: format(deadlines.response.dueAt),
          resolutionDue: format(deadlines.resolution.dueAt),
          explanation: explainDeadlines(deadlines, calendar),
        };
        io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } catch (error) {
        io.stderr.write(`sla due: ${messageOf(error)}\n`);
        io.exitCode = 2;
      }
    });

  sla
    .command('batch')
    .description('read JSON lines {"priority","received","holidays"?,"tz"?} on stdin; write each with clockStart, responseDue, resolutionDue added')
    .option('--holiday <date>', 'closure date YYYY-MM-DD, repeatable; replaces the default holidays for lines without their own', collect, [])
    .option('--tz <zone>', 'IANA time zone for lines without their own', AGREEMENT_ZONE)
    .option('--ics <file>', 'add the all-day events of an iCalendar file as closure dates')
    .action(async (options: { holiday: string[]; tz: string; ics?: string }) => {
      const { runSlaBatch } = await import('./sla-batch');
      await runSlaBatch(options, io);
    });
}
