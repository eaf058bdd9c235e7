/**
 * Entry point of the built CLI (out/cli/deskwatch.cjs, started by scripts/cli.mjs for
 * `npm run cli`): the project's command line on the process's own streams.
 */
import { processIo } from './cli-io';
import { runCli } from './main';

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
