#!/usr/bin/env node
/**
 * `npm run server`: the district server from plain JavaScript, out/server/deskwatch-server.cjs,
 * serving the console built in out/renderer.
 *
 * A start builds only what is stale: the renderer (electron-vite, a few seconds) when
 * out/renderer/index.html is missing or older than a renderer source, the server bundle (esbuild,
 * a fraction of a second; scripts/bundle.mjs) when it is older than a file it was built from.
 * Then the bundle runs in this process, so a stop signal reaches the server itself.
 *
 * A service does not start through here: the systemd unit and the image run the bundle with node
 * (deploy/), built at install by `npm run build:server`. Where the build tools are not installed
 * (`npm ci --omit=dev`), what is built runs as it is and nothing is written; when nothing is
 * built, the message says what to run.
 *
 *   node scripts/server.mjs [--listen HOST:PORT]   build what is stale, then run the server
 *   node scripts/server.mjs --build                build what is stale and stop (npm run build:server)
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWeb } from './build-web.mjs';
import { changedSince, ensureBundle, mtimeMs } from './bundle.mjs';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
export const SERVER_BUNDLE = path.join(ROOT, 'out', 'server', 'deskwatch-server.cjs');
/** What electron-vite builds the renderer from (electron.vite.config.ts): its folder, the contract it imports, its packages. */
const RENDERER_SOURCES = ['renderer', 'shared', 'electron.vite.config.ts', 'package-lock.json'];
const HOW_TO_BUILD =
  'run `npm run build:server` on a machine with the dev dependencies installed (npm ci, without --omit=dev), and start the server where that out/ folder is.';

const log = (line) => process.stderr.write(`deskwatch server: ${line}\n`);
const rel = (root, file) => path.relative(root, file);
/** "a.ts", "a.ts and b.ts", "a.ts and 4 more". */
const some = (files) => (files.length <= 2 ? files.join(' and ') : `${files[0]} and ${files.length - 1} more`);

/**
 * Every file and folder under the renderer's sources. Folders count too: removing or renaming a
 * file changes its folder's time, not any file's.
 */
function rendererSources(root) {
  const found = [];
  const visit = (file) => {
    let entries;
    try {
      entries = fs.readdirSync(file, { withFileTypes: true });
    } catch (error) {
      if (error.code === 'ENOTDIR') return void found.push(file);
      if (error.code === 'ENOENT') return;
      throw error;
    }
    found.push(file);
    for (const entry of entries) visit(path.join(file, entry.name));
  };
  for (const source of RENDERER_SOURCES) visit(path.join(root, source));
  return found;
}

/** Builds out/renderer when out/renderer/index.html is missing or older than a renderer source. */
function ensureRenderer(root) {
  const index = path.join(root, 'out', 'renderer', 'index.html');
  const builtMs = mtimeMs(index);
  const changed = builtMs === null ? [] : changedSince(builtMs, rendererSources(root), root);
  if (builtMs !== null && changed.length === 0) return;
  if (!fs.existsSync(path.join(root, 'node_modules', '.bin', 'electron-vite'))) {
    if (builtMs === null) throw new Error(`${rel(root, index)} is not built, and electron-vite (a dev dependency) is not installed here to build it: ${HOW_TO_BUILD}`);
    log(`${rel(root, index)} is older than ${some(changed)}, and electron-vite is not installed here to rebuild it: serving it as it is.`);
    return;
  }
  log(`building the renderer (${builtMs === null ? 'not built yet' : `${some(changed)} changed`})…`);
  const started = performance.now();
  // Its output goes to stderr with these lines: standard output stays the server's own.
  buildWeb({ root, stdio: ['ignore', 2, 2] });
  log(`built the renderer in ${seconds(started)}.`);
}

/** Bundles the server into out/server/deskwatch-server.cjs when stale; answers its path. */
async function ensureServerBundle(root) {
  const started = performance.now();
  const { outputs, status, changed } = await ensureBundle({
    name: 'deskwatch-server',
    entries: { 'deskwatch-server': 'electron/server/server-cli.ts' },
    outDir: 'out/server',
    root,
    dependsOn: [SELF],
    howToBuild: HOW_TO_BUILD,
  });
  const bundle = outputs['deskwatch-server'];
  if (status === 'built') log(`bundled ${rel(root, bundle)} in ${seconds(started)}${changed.length ? ` (${some(changed)} changed)` : ''}.`);
  if (status === 'kept' && changed.length) log(`${rel(root, bundle)} is older than ${some(changed)}, and esbuild is not installed here to rebuild it: running it as it is.`);
  return bundle;
}

function seconds(started) {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}

/** Builds what is stale (renderer, then server bundle) and answers the bundle to run. */
export async function ensureServerBuilt(root = ROOT) {
  ensureRenderer(root);
  return ensureServerBundle(root);
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  let bundle;
  try {
    bundle = await ensureServerBuilt();
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  // In this process, not a child: the server's own SIGTERM and SIGINT handlers close it, and its
  // exit code (2 for a refused setting) is this process's. It reads its flags from
  // process.argv.slice(2), which are this script's.
  if (process.argv[2] !== '--build') createRequire(import.meta.url)(bundle);
}
