/**
 * Bundles TypeScript entry points into plain CommonJS (out/…/NAME.cjs) with esbuild, only when
 * they are stale: the launchers of `npm run cli` and `npm run server` start from JavaScript, with
 * no compiler at start and no separate build step to forget after `npm install`, a `git pull` or an
 * edit. Freshness is a stat of each source the last build read (esbuild's metafile inputs, kept
 * beside the bundles) and of the scripts that hold the build options.
 *
 * npm packages stay outside the bundle (native better-sqlite3, typeorm, pg…) and load from
 * node_modules when the code needs them.
 *
 * esbuild is a dev dependency. Without it (`npm ci --omit=dev`, a production image) the bundles
 * that exist are used as they are and nothing is written; when they do not exist, the error says
 * how to build them.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
export const ROOT = path.resolve(path.dirname(SELF), '..');

/** Modification time in ms, or null when the file is not there. */
export function mtimeMs(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * The sources newer than `builtMs` (or gone), relative to `root`; `builtMs` null (nothing built)
 * makes every source count.
 */
export function changedSince(builtMs, files, root) {
  return files.filter((file) => {
    const time = mtimeMs(file);
    return builtMs === null || time === null || time > builtMs;
  }).map((file) => path.relative(root, file));
}

/** esbuild as installed in the project at `root`, or null when it is not (a production install). */
function loadEsbuild(root) {
  try {
    return createRequire(path.join(root, 'package.json'))('esbuild');
  } catch (error) {
    if (error && error.code === 'MODULE_NOT_FOUND') return null;
    throw error;
  }
}

/**
 * What a bundle set is built from and where its files go.
 * @param {{ name: string, entries: Record<string, string>, outDir: string, root?: string, dependsOn?: string[] }} spec
 */
function describeBundle({ name, entries, outDir, root = ROOT, dependsOn = [] }) {
  if (typeof name !== 'string' || !/^[\w.-]+$/.test(name)) throw new Error(`bundle: name must be a plain file name, got ${JSON.stringify(name)}`);
  if (!entries || typeof entries !== 'object' || Object.keys(entries).length === 0) throw new Error(`bundle ${name}: entries must name at least one entry point`);
  if (!(name in entries)) throw new Error(`bundle ${name}: entries has no "${name}" (the bundle the inputs list is named after)`);
  const out = path.resolve(root, outDir);
  return {
    root,
    out,
    entries,
    outputs: Object.fromEntries(Object.keys(entries).map((entry) => [entry, path.join(out, `${entry}.cjs`)])),
    inputsFile: path.join(out, `${name}.inputs.json`),
    // These scripts hold the build options: a change to one rebuilds too.
    options: [SELF, ...dependsOn],
  };
}

/**
 * Whether the bundles are there and newer than everything they were built from.
 * @returns {{ built: boolean, changed: string[] }} changed: the sources newer than the bundles, or gone
 */
function inspect(target) {
  const times = Object.values(target.outputs).map(mtimeMs);
  if (times.includes(null)) return { built: false, changed: [] };
  const builtMs = Math.min(...times);
  let inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(target.inputsFile, 'utf8'));
  } catch {
    inputs = null;
  }
  // Without the list of what they were built from, the bundles cannot be told fresh.
  if (!Array.isArray(inputs) || inputs.length === 0) return { built: true, changed: [path.relative(target.root, target.inputsFile)] };
  return { built: true, changed: changedSince(builtMs, [...target.options, ...inputs.map((file) => path.join(target.root, file))], target.root) };
}

async function build(esbuild, target) {
  const result = await esbuild.build({
    absWorkingDir: target.root,
    entryPoints: target.entries,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'error',
    outdir: target.out,
    outExtension: { '.js': '.cjs' },
  });
  const outputs = Object.values(target.outputs);
  const contents = outputs.map((output) => {
    const bundle = result.outputFiles.find((file) => file.path === output);
    if (!bundle) throw new Error(`esbuild produced no ${path.relative(target.root, output)}`);
    return bundle.contents;
  });
  try {
    fs.mkdirSync(target.out, { recursive: true });
    // Written aside and renamed, so a process starting at the same moment never reads half a
    // file; the inputs list goes first, the bundles (whose times say "fresh") last.
    const aside = (file) => `${file}.${process.pid}.tmp`;
    fs.writeFileSync(aside(target.inputsFile), JSON.stringify(Object.keys(result.metafile.inputs)));
    fs.renameSync(aside(target.inputsFile), target.inputsFile);
    outputs.forEach((output, i) => fs.writeFileSync(aside(output), contents[i]));
    for (const output of outputs) fs.renameSync(aside(output), output);
  } catch (error) {
    throw new Error(`cannot write ${path.relative(target.root, target.out)} (${error instanceof Error ? error.message : String(error)}): build as the owner of the folder`, { cause: error });
  }
}

/**
 * Builds `outDir/ENTRY.cjs` for each of `entries` (name → source, relative to `root`) unless they
 * are newer than every source they were built from.
 *
 * @param {{
 *   name: string,                     the bundle its inputs list (NAME.inputs.json) is named after
 *   entries: Record<string, string>,  output name → entry source
 *   outDir: string,                   relative to root
 *   root?: string,                    the project folder (esbuild is looked up from there)
 *   dependsOn?: string[],             launcher scripts holding build options: newer ones rebuild
 *   howToBuild: string,               what to run when nothing is built and esbuild is missing
 * }} spec
 * @returns {Promise<{ outputs: Record<string, string>, status: 'fresh' | 'built' | 'kept', changed: string[] }>}
 *   status 'kept': stale (changed names the newer sources) but esbuild is not installed, so the
 *   bundles are used as they are.
 */
export async function ensureBundle(spec) {
  const target = describeBundle(spec);
  const state = inspect(target);
  if (state.built && state.changed.length === 0) return { outputs: target.outputs, status: 'fresh', changed: [] };
  const esbuild = loadEsbuild(target.root);
  if (!esbuild) {
    // A production install: what is there is what runs, and nothing is written.
    if (state.built) return { outputs: target.outputs, status: 'kept', changed: state.changed.filter((file) => mtimeMs(path.join(target.root, file)) !== null) };
    throw new Error(`${path.relative(target.root, Object.values(target.outputs)[0])} is not built, and esbuild (a dev dependency) is not installed here to build it: ${spec.howToBuild}`);
  }
  await build(esbuild, target);
  return { outputs: target.outputs, status: 'built', changed: state.changed };
}
