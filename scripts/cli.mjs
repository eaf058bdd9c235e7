#!/usr/bin/env node
/**
 * `npm run cli -- …`: runs the command line from plain JavaScript, out/cli/deskwatch.cjs.
 *
 * Compiling TypeScript at every start cost seconds, so the CLI is bundled with esbuild (about a
 * tenth of a second) and rebuilt only when one of the files it was built from has changed since
 * (scripts/bundle.mjs). Where esbuild is not installed (a production install), the bundle that
 * is there runs as it is.
 *
 *   node scripts/cli.mjs ARGS…     build if stale, then run the CLI with ARGS
 *   node scripts/cli.mjs --build   build if stale and stop (the benchmarks and tests use this)
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBundle, ROOT } from './bundle.mjs';

const SELF = fileURLToPath(import.meta.url);
export const CLI_BUNDLE = path.join(ROOT, 'out', 'cli', 'deskwatch.cjs');

/** Builds out/cli if stale: the CLI, and the helper thread of a large `sla batch`. */
export async function ensureCliBuilt(root = ROOT) {
  const { outputs } = await ensureBundle({
    name: 'deskwatch',
    entries: { deskwatch: 'electron/cli/bin.ts', 'sla-batch-worker': 'electron/cli/commands/sla-batch-worker.ts' },
    outDir: 'out/cli',
    root,
    dependsOn: [SELF],
    howToBuild: 'run npm install first.',
  });
  return outputs.deskwatch;
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  let bundle;
  try {
    bundle = await ensureCliBuilt();
  } catch (error) {
    process.stderr.write(`deskwatch: could not build the command line: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  if (process.argv[2] !== '--build') createRequire(import.meta.url)(bundle);
}
