import fs from 'node:fs/promises';
import type { Command } from 'commander';
import type { Core } from '../../core/core';
import type { CliIo } from '../cli-io';
import { databaseOption } from '../database-option';

/** `calendar …`: the district's own closure dates (snow days, breaks), on top of the public holidays. */
export function registerCalendarCommands(program: Command, io: CliIo): void {
  // The core is loaded when a command runs: it is heavy and `--help` needs none of it.
  const withCore = async <T>(options: { db?: string }, work: (core: Core) => Promise<T>): Promise<T> =>
    (await import('../core-session')).withCore(options, io, work);
  const calendar = program.command('calendar').description("the district's closure dates (snow days, breaks)");

  databaseOption(calendar.command('closures').description('list the closure dates')).action(async (options: { db?: string }) => {
    const list = await withCore(options, (core) => core.services.calendar.list());
    for (const c of list.closures) io.stdout.write(`${c.date}  ${c.name}${c.source === 'ics' ? '  (imported)' : ''}\n`);
    io.stdout.write(`${list.closures.length} closure date(s) in ${list.timeZone}. ${list.holidays}\n`);
  });

  databaseOption(calendar.command('add').description('close the desk on a date').argument('<date>', 'YYYY-MM-DD').argument('<name...>', 'why, e.g. Snow day')).action(
    async (date: string, name: string[], options: { db?: string }) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
        io.stderr.write(`deskwatch: date must be YYYY-MM-DD, got "${date}"\n`);
        io.exitCode = 2;
        return;
      }
      const list = await withCore(options, (core) => core.services.calendar.add(date, name.join(' ')));
      io.stdout.write(`Closed on ${date}. ${list.closures.length} closure date(s) now.\n`);
    },
  );

  databaseOption(calendar.command('remove').description('open the desk again on a date').argument('<date>', 'YYYY-MM-DD')).action(
    async (date: string, options: { db?: string }) => {
      await withCore(options, (core) => core.services.calendar.remove(date));
      io.stdout.write(`${date} is a business day again.\n`);
    },
  );

  databaseOption(
    calendar
      .command('import-ics')
      .description("add the all-day events of a district calendar (.ics) as closure dates")
      .argument('<file>', 'iCalendar file')
      .option('--from <date>', 'expand recurring events from this date (default: January 1 this year)')
      .option('--to <date>', 'expand recurring events to this date (default: December 31 next year)')
      .option('--dry-run', 'report what would be added, without writing'),
  ).action(async (file: string, options: { db?: string; from?: string; to?: string; dryRun?: boolean }) => {
    let ics: string;
    try {
      ics = await fs.readFile(file, 'utf8');
    } catch (error) {
      io.stderr.write(`deskwatch: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      io.exitCode = 2;
      return;
    }
    const report = await withCore(options, (core) =>
      core.services.calendar.importIcs({ ics, ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}), dryRun: options.dryRun === true }),
    );
    for (const c of report.added) io.stdout.write(`${c.date}  ${c.name}\n`);
    for (const s of report.skipped) io.stderr.write(`skipped: ${s.summary}: ${s.reason}\n`);
    io.stdout.write(`${report.message}\n`);
  });
}
