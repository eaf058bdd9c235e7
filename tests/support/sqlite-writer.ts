/**
 * A second process on the same SQLite file, as the desktop app and the CLI would be: it starts
 * its own core and runs `clients` concurrent editors, each on its own case, then prints a JSON
 * report of what failed. Run by tests/integration/two-processes-one-sqlite.test.ts.
 */
import { startCore } from '../../electron/core/core';
import { runEditors } from './concurrent-editors';

async function main(): Promise<void> {
  const [file, actor, caseIds, edits] = process.argv.slice(2);
  const core = await startCore({ database: { kind: 'sqlite', file: file! }, log: () => undefined });
  try {
    const report = await runEditors(core.dispatch, Number(actor), caseIds!.split(',').map(Number), Number(edits));
    process.stdout.write(JSON.stringify(report));
  } finally {
    await core.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error));
  process.exit(1);
});
