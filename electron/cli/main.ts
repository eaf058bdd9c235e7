/**
 * The project's command line as a function: `runCli(argv, io)` builds the program, runs one
 * command against the given streams and answers its exit code. electron/cli/bin.ts calls it with
 * the process's streams (`npm run cli`); tests call it in-process.
 *
 * Command modules register their options here and load their implementation (the database layer,
 * the SLA engine) only when they run, so `--help` starts in a blink. To add a command, write a
 * `register…(program, io)` function and list it in COMMANDS.
 */
import { Command, CommanderError } from 'commander';
import { DomainError } from '../core/errors';
import type { CliIo } from './cli-io';
import { registerCalendarCommands } from './commands/calendar';
import { registerCallerCommands } from './commands/callers';
import { registerDbCommands } from './commands/db';
import { registerDoctorCommand } from './commands/doctor';
import { registerKbCommands } from './commands/kb';
import { registerReportCommands } from './commands/report';
import { registerSeedCommands } from './commands/seed';
import { registerSlaCommands } from './commands/sla';
import { registerStaffCommands } from './commands/staff';

export type RegisterCommands = (program: Command, io: CliIo) => void;

const COMMANDS: readonly RegisterCommands[] = [
  registerDbCommands,
  registerSlaCommands,
  registerCallerCommands,
  registerSeedCommands,
  registerCalendarCommands,
  registerStaffCommands,
  registerKbCommands,
  registerReportCommands,
  registerDoctorCommand,
];

export function buildProgram(io: CliIo): Command {
  const program = new Command()
    .name('deskwatch')
    .description('Deskwatch help desk console: command line')
    // Set before the commands are added: subcommands inherit output and exit handling.
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program, io);
  return program;
}

/** Runs one command line (without the `node script` part) and answers its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return io.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    io.stderr.write(`deskwatch: ${error instanceof Error ? error.message : String(error)}\n`);
    // A refusal the user can act on (a conflict, bad input) is a usage problem; anything else failed.
    return error instanceof DomainError ? 2 : 1;
  }
}
