import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { databaseOption } from '../database-option';

interface SeedOptions {
  db?: string;
  years?: string;
  scale?: string;
}

/** Progress lines only for a district large enough to take a while. */
const PROGRESS_FROM_CASES = 50_000;

/**
 * `seed --demo [--years N] [--scale S]`: a living district in a fresh database, for a first look,
 * a demo or (large) the reports' benchmarks.
 */
export function registerSeedCommands(program: Command, io: CliIo): void {
  databaseOption(
    program
      .command('seed')
      .description('fill a fresh database with data')
      .requiredOption('--demo', 'a realistic, deterministic demo district (about 2,000 callers and 4,000 closed cases a year)')
      .option('--years <n>', 'years of closed cases with their histories (1 to 10)', '1')
      .option('--scale <s>', 'callers and closed cases times S (1 to 500; 50 with --years 5 is about a million cases)', '1'),
  ).action(async (options: SeedOptions) => {
    // Loaded when the command runs: the core and the demo generator are heavy and `--help` needs neither.
    const { DEMO_LIMITS, demoSize, seedDemoDistrict } = await import('../../core/demo/demo-district');
    const years = wholeNumber(options.years ?? '1', 'years', DEMO_LIMITS.years);
    const scale = wholeNumber(options.scale ?? '1', 'scale', DEMO_LIMITS.scale);
    for (const refused of [years, scale]) {
      if (typeof refused === 'string') {
        io.stderr.write(`deskwatch: ${refused}\n`);
        io.exitCode = 2;
        return;
      }
    }
    const size = demoSize(years as number, scale as number);
    const { withCore } = await import('../core-session');
    const { SlaDesk } = await import('../../core/sla-desk');
    await withCore(options, io, async (core) => {
      const started = Date.now();
      let shown = 0;
      const progress = (written: number, total: number) => {
        if (total < PROGRESS_FROM_CASES || written < total * ((shown + 1) / 10)) return;
        shown = Math.floor((written / total) * 10);
        io.stderr.write(`  ${written.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} cases written\n`);
      };
      const result = await seedDemoDistrict(core.dataSource, new SlaDesk(), core.clock.now(), size, undefined, progress);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      io.stdout.write(
        `Demo district: ${result.staff} staff, ${result.callers} callers, ${result.openCases} open and ${result.closedCases} closed cases over ${size.years} year(s) (${seconds} s)\n`,
      );
    });
  });
}

/** The option's whole number, or the message that refuses it. */
function wholeNumber(text: string, name: string, limits: { min: number; max: number }): number | string {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(value) || value < limits.min || value > limits.max) {
    return `--${name} must be a whole number from ${limits.min} to ${limits.max} (got "${text}")`;
  }
  return value;
}
