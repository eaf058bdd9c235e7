import type { Command } from 'commander';
import { SlaDesk } from '../../core/sla-desk';
import { seedDemoDistrict } from '../../core/demo/demo-district';
import { withCore } from '../core-session';
import { databaseOption } from '../database-option';

/** `seed --demo`: a living district in a fresh database, for a first look or a demo. */
export function registerSeedCommands(program: Command): void {
  databaseOption(
    program
      .command('seed')
      .description('fill a fresh database with data')
      .requiredOption('--demo', 'a realistic, deterministic demo district (about 2,000 callers and 4,000 cases)'),
  ).action(async (options: { db?: string }) => {
    await withCore(options, async (core) => {
      const result = await seedDemoDistrict(core.dataSource, new SlaDesk(), core.clock.now());
      process.stdout.write(
        `Demo district: ${result.staff} staff, ${result.callers} callers, ${result.openCases} open and ${result.closedCases} closed cases\n`,
      );
    });
  });
}
