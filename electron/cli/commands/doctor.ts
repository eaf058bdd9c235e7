import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { databaseOption, resolveCliDatabase } from '../database-option';

/**
 * `doctor`: what someone helping a desk asks first: where the log and the database are, whether
 * the database is sound, which schema it has, and which versions run. Changes nothing (no
 * migration is run). Exit code 0 when healthy, 1 when not.
 */
export function registerDoctorCommand(program: Command, io: CliIo): void {
  databaseOption(program.command('doctor').description('check the database and print where the log, the database and the versions are')).action(
    async (options: { db?: string }) => {
      // Loaded here, not at the top: the database layer is heavy and `--help` needs none of it.
      const { runDoctor } = await import('./doctor-checks');
      const report = await runDoctor(resolveCliDatabase(options, io.env), io.env);
      io.stdout.write(report.text);
      if (!report.healthy) io.exitCode = 1;
    },
  );
}
