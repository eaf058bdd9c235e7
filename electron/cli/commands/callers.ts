import fs from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { databaseOption } from '../database-option';

/** `callers import FILE.csv [--skip-invalid] [--dry-run]`: the district's staff export into the caller directory. */
export function registerCallerCommands(program: Command, io: CliIo): void {
  const callers = program.command('callers').description('the caller directory');
  databaseOption(
    callers
      .command('import')
      .description('import callers from a CSV file (columns matched by header); nothing is imported if any row is bad')
      .argument('<file>', 'CSV file with a header row')
      .option('--skip-invalid', 'import the good rows and report the bad ones')
      .option('--dry-run', 'check the file and report what would change, without writing'),
  ).action(async (file: string, options: { db?: string; skipInvalid?: boolean; dryRun?: boolean }) => {
    let csv: string;
    try {
      csv = await fs.readFile(file, 'utf8');
    } catch (error) {
      io.stderr.write(`deskwatch: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      io.exitCode = 2;
      return;
    }
    // Loaded when the command runs: the core is heavy and `--help` needs none of it.
    const { withCore } = await import('../core-session');
    const report = await withCore(options, io, (core) => core.services.callers.import(csv, options));
    for (const p of report.problems) io.stderr.write(`${file}:${p.line}: ${p.reason}\n`);
    io.stdout.write(`${report.message}\n`);
    if (report.rejected && !options.dryRun) {
      io.stdout.write('To import the good rows and skip the bad ones: add --skip-invalid\n');
      io.exitCode = 2;
    }
  });
}
