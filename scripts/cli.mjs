#!/usr/bin/env node
/**
 * `npm run cli -- …`: runs the command line from plain JavaScript, out/cli/deskwatch.cjs.
 *
 * Compiling TypeScript at every start cost seconds, so the CLI is bundled with esbuild (about a
 * tenth of a second) and rebuilt only when one of the files it was built from has changed since.
 * That check is a stat of each source: it keeps `npm run cli` right after `npm install`, a
 * `git pull` or an edit, with no separate build step to forget. npm packages stay outside the
 * bundle (native better-sqlite3, typeorm, pg…) and load from node_modules when a command needs them.
 *
 *   node scripts/cli.mjs ARGS…     build if stale, then run the CLI with ARGS
 *   node scripts/cli.mjs --build   build if stale and stop (the benchmarks and tests use this)
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'out', 'cli');
export const CLI_BUNDLE = path.join(OUT_DIR, 'deskwatch.cjs');
/** Bundles by name (out/cli/NAME.cjs): the CLI, and the helper thread of a large `sla batch`. */
const ENTRIES = { deskwatch: 'electron/cli/bin.ts', 'sla-batch-worker': 'electron/cli/commands/sla-batch-worker.ts' };
const OUTPUTS = Object.keys(ENTRIES).map((name) => path.join(OUT_DIR, `${name}.cjs`));
/** The sources the bundle was built from (esbuild's metafile inputs), to tell when it is stale. */
const INPUTS = path.join(OUT_DIR, 'deskwatch.inputs.json');
const SELF = fileURLToPath(import.meta.url);

function mtimeMs(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function isFresh() {
  const built = Math.min(...OUTPUTS.map(mtimeMs));
  if (!Number.isFinite(built)) return false;
  let inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(INPUTS, 'utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(inputs) || inputs.length === 0) return false;
  // This launcher holds the build options: a change to it rebuilds too.
  return [SELF, ...inputs.map((file) => path.join(ROOT, file))].every((file) => mtimeMs(file) <= built);
}

async function build() {
  const require = createRequire(import.meta.url);
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    throw new Error('esbuild is missing: run npm install first.');
  }
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'error',
    outdir: OUT_DIR,
    outExtension: { '.js': '.cjs' },
  });
  fs.mkdirSync(OUT_DIR, { recursive: true });
  // Written aside and renamed, so a CLI starting at the same moment never reads half a file;
  // the inputs list goes first, the bundles (whose times say "fresh") last.
  const aside = (file) => `${file}.${process.pid}.tmp`;
  fs.writeFileSync(aside(INPUTS), JSON.stringify(Object.keys(result.metafile.inputs)));
  fs.renameSync(aside(INPUTS), INPUTS);
  for (const output of OUTPUTS) {
    const bundle = result.outputFiles.find((file) => file.path === output);
    if (!bundle) throw new Error(`esbuild produced no ${path.relative(ROOT, output)}`);
    fs.writeFileSync(aside(output), bundle.contents);
  }
  for (const output of OUTPUTS) fs.renameSync(aside(output), output);
}

export async function ensureCliBuilt() {
  if (!isFresh()) await build();
  return CLI_BUNDLE;
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  try {
    await ensureCliBuilt();
  } catch (error) {
    process.stderr.write(`deskwatch: could not build the command line: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  if (process.argv[2] !== '--build') createRequire(import.meta.url)(CLI_BUNDLE);
}
