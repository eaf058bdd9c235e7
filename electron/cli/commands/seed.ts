import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { databaseOption } from '../database-option';

/** `seed --demo`: a living district in a fresh database, for a first look or a demo. */
export function registerSeedCommands(program: Command, io: CliIo): void {
  databaseOption(
    program
      .command('seed')
      .description('fill a fresh database with data')
      .requiredOption('--demo', 'a realistic, deterministic demo district (about 2,000 callers and 4,000 cases)'),
  ).action(async (options: { db?: string }) => {
    // Loaded when the command runs: the core and the demo generator are heavy and `--help` needs neither.
    const { withCore } = await import('../core-session');
    const { SlaDesk } = await import('../../core/sla-desk');
    const { seedDemoDistrict } = await import('../../core/demo/demo-district');
    await withCore(options, io, async (core) => {
      const result = await seedDemoDistrict(core.dataSource, new SlaDesk(), core.clock.now());
      io.stdout.write(
        `Demo district: ${result.staff} staff, ${result.callers} callers, ${result.openCases} open and ${result.closedCases} closed cases\n`,
      );
    });
  });
}
