#!/usr/bin/env node
/**
 * Builds what browser mode serves: `electron-vite build` with the folders of
 * electron.vite.config.ts, so the renderer lands in out/renderer, where electron/web/web-cli.ts
 * reads it. `npm run web` and the end-to-end suite both build through this one script, so the
 * tests can never pass on a build the README's command does not make.
 *
 * Never pass electron-vite an `--outDir`: it is resolved against the renderer's own root
 * (renderer/out/…), not the project, and the server would then find nothing to serve.
 *
 * Exit codes: 0 built, 1 the build failed or left no out/renderer/index.html or out/renderer/support.html.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The folder web-cli.ts serves (its RENDERER_DIR). */
export const RENDERER_OUT = path.join(ROOT, 'out', 'renderer');

export function buildWeb({ root = ROOT, stdio = 'inherit' } = {}) {
  const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
  const run = spawnSync(bin, ['build'], { cwd: root, stdio, shell: process.platform === 'win32' });
  if (run.error) throw new Error(`Could not run electron-vite (${run.error.message}). Run npm install first.`);
  if (run.status !== 0) throw new Error(`The build failed (electron-vite exited with ${run.status}).`);
  const index = path.join(root, 'out', 'renderer', 'index.html');
  if (!fs.existsSync(index)) throw new Error(`The build finished but left no ${path.relative(root, index)}: browser mode would have nothing to serve.`);
  const support = path.join(root, 'out', 'renderer', 'support.html');
  if (!fs.existsSync(support)) {
    throw new Error(`The build finished but left no ${path.relative(root, support)}: the district server would have no Tech Support Center to serve at /support.`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    buildWeb();
  } catch (error) {
    process.stderr.write(`build-web: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
