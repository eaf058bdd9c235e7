/**
 * `npm run cli -- <command>`: the project's command line. Runs in plain Node (through tsx,
 * so it works right after `npm install`), never imports Electron.
 */
import { Command, CommanderError } from 'commander';
import { registerCalendarCommands } from './commands/calendar';
import { registerCallerCommands } from './commands/callers';
import { registerDbCommands } from './commands/db';
import { registerSeedCommands } from './commands/seed';
import { registerSlaCommands } from './commands/sla';
import { DomainError } from '../core/errors';

export function buildProgram(): Command {
  const program = new Command()
    .name('deskwatch')
    .description('Deskwatch help desk console: command line')
    .showHelpAfterError()
    .exitOverride();
  registerDbCommands(program);
  registerSlaCommands(program);
  registerCallerCommands(program);
  registerSeedCommands(program);
  registerCalendarCommands(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`deskwatch: ${error instanceof Error ? error.message : String(error)}\n`);
    // A refusal the user can act on (a conflict, bad input) is a usage problem; anything else failed.
    return error instanceof DomainError ? 2 : 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
