#!/usr/bin/env node
/**
 * Gives the desktop app its own build of better-sqlite3.
 *
 * node_modules/better-sqlite3 is compiled for Node's ABI: tests, the CLI and the browser mode
 * load it. Electron has another ABI and cannot load that file, and rebuilding node_modules in
 * place for Electron would break `npm test`. So this script makes a second build, in a copy,
 * and keeps it in `.native/electron-<version>-<platform>-<arch>/better_sqlite3.node`, where the
 * main process finds it (electron/main/native-binding.ts). It never writes to node_modules.
 *
 *   node scripts/electron-native.mjs          make the build if it is missing (npm start, npm run dev)
 *   node scripts/electron-native.mjs --check  change nothing; report, and fail only when the
 *                                             electron package itself is missing (npm run dist:
 *                                             electron-builder downloads its own Electron and
 *                                             rebuilds better-sqlite3 itself)
 *
 * Exit codes: 0 ready, 1 not ready (the message says why), 2 wrong arguments.
 * Plain Node (>= 20), no dependencies beyond what `npm install` put in node_modules.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NATIVE_DIR = '.native';
export const SQLITE_BINARY = 'better_sqlite3.node';
/** Where Electron's headers come from when better-sqlite3 has to be compiled. */
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

/** Same name as electron/main/native-binding.ts builds; a test keeps the two equal. */
export function nativeBuildFolder(electronVersion, platform, arch) {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

export function nativeBinaryPath(root, electronVersion, platform, arch) {
  return path.join(root, NATIVE_DIR, nativeBuildFolder(electronVersion, platform, arch), SQLITE_BINARY);
}

export function parseArgs(argv) {
  const options = { check: false };
  for (const arg of argv) {
    if (arg === '--check') options.check = true;
    else throw new UsageError(`unknown argument "${arg}"`);
  }
  return options;
}

export class UsageError extends Error {}

/** The installed electron package: its version, and its Node ABI number when the package ships it. */
export function readElectronPackage(root) {
  const dir = path.join(root, 'node_modules', 'electron');
  let version;
  try {
    version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+/.test(version)) return null;
  let abi;
  try {
    abi = fs.readFileSync(path.join(dir, 'abi_version'), 'utf8').trim() || undefined;
  } catch {
    abi = undefined;
  }
  return { dir, version, abi };
}

/**
 * Whether the Electron executable is there, judged the way the electron package itself does
 * (path.txt names the executable under dist/, ELECTRON_OVERRIDE_DIST_PATH replaces dist/).
 * Never load the electron package itself here: when the binary is missing, loading it starts a download.
 */
export function electronBinaryStatus(electronDir, env = process.env) {
  let executable;
  try {
    executable = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    executable = undefined;
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const file = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
    return { installed: fs.existsSync(file), file };
  }
  if (!executable) return { installed: false, file: path.join(electronDir, 'dist') };
  const file = path.join(electronDir, 'dist', executable);
  return { installed: fs.existsSync(file), file };
}

export function missingBinaryMessage(status, env = process.env) {
  const skipped = env.ELECTRON_SKIP_BINARY_DOWNLOAD ? ' (ELECTRON_SKIP_BINARY_DOWNLOAD is set)' : '';
  return [
    `The Electron binary is not installed${skipped}: ${status.file} is missing.`,
    'The Deskwatch desktop app cannot start on this machine.',
    '  - To use Deskwatch here anyway: npm run web   (the same console, in your browser, on this computer only)',
    `  - To install Electron: ${env.ELECTRON_SKIP_BINARY_DOWNLOAD ? 'unset ELECTRON_SKIP_BINARY_DOWNLOAD, then ' : ''}run "node node_modules/electron/install.js"`,
    '    (or delete node_modules/electron and run "npm install") on a machine that can download it.',
  ].join('\n');
}

export function prebuildInstallArgs(target) {
  return ['--runtime=electron', `--target=${target.version}`, `--arch=${target.arch}`, `--platform=${target.platform}`, '--verbose'];
}

export function nodeGypArgs(target) {
  return ['rebuild', '--release', '--runtime=electron', `--target=${target.version}`, `--arch=${target.arch}`, `--dist-url=${ELECTRON_HEADERS_URL}`];
}

/**
 * What loading a binary into this Node process says about it: Node refuses a module built for
 * another ABI with a message naming that ABI. `loaded` means it is a build for Node, exactly
 * what Electron cannot use.
 */
export function parseAbiProbe(output) {
  if (/^loaded$/m.test(output)) return { kind: 'node' };
  const match = /using\s+NODE_MODULE_VERSION\s+(\d+)/.exec(output);
  if (match) return { kind: 'abi', abi: match[1] };
  return { kind: 'unknown', detail: output.trim().split('\n')[0] ?? '' };
}

function probeAbi(file) {
  // In a child process: a binary for another runtime may not just throw, it may crash the loader.
  const probe = 'try { process.dlopen({ exports: {} }, process.argv[1]); console.log("loaded"); } catch (e) { console.log(String(e && e.message)); }';
  const run = spawnSync(process.execPath, ['-e', probe, file], { encoding: 'utf8' });
  return parseAbiProbe(`${run.stdout ?? ''}${run.stderr ?? ''}`);
}

function resolvePackageBin(fromDir, name) {
  try {
    const require = createRequire(path.join(fromDir, 'package.json'));
    const manifestPath = require.resolve(`${name}/package.json`);
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[name];
    return bin ? path.join(path.dirname(manifestPath), bin) : undefined;
  } catch {
    return undefined;
  }
}

/** Copies better-sqlite3 without its build/ folder, so the Node build can never be mistaken for the result. */
function copyPackage(from, to) {
  const buildDir = path.join(from, 'build');
  fs.cpSync(from, to, { recursive: true, filter: (source) => source !== buildDir });
}

/**
 * Makes the Electron build in a temporary copy of better-sqlite3: prebuild-install first (a
 * download of the published Electron build), node-gyp second (compiles against Electron's
 * headers; needs Python and a C++ toolchain). Returns the method used, or throws.
 */
function buildForElectron({ root, target, expectedAbi, destination, log }) {
  const sqliteDir = path.join(root, 'node_modules', 'better-sqlite3');
  if (!fs.existsSync(path.join(sqliteDir, 'package.json'))) {
    throw new Error(`better-sqlite3 is not installed (${sqliteDir}); run "npm install" first.`);
  }
  const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-sqlite-electron-'));
  try {
    const work = path.join(temporary, 'better-sqlite3');
    copyPackage(sqliteDir, work);
    const built = path.join(work, 'build', 'Release', SQLITE_BINARY);
    const attempts = [
      { method: 'prebuild-install', bin: resolvePackageBin(sqliteDir, 'prebuild-install'), args: prebuildInstallArgs(target) },
      { method: 'node-gyp', bin: resolvePackageBin(sqliteDir, 'node-gyp'), args: nodeGypArgs(target) },
    ];
    const failures = [];
    for (const attempt of attempts) {
      if (!attempt.bin) {
        failures.push(`${attempt.method}: not found in node_modules`);
        continue;
      }
      log(`running ${attempt.method} ${attempt.args.join(' ')}`);
      const run = spawnSync(process.execPath, [attempt.bin, ...attempt.args], { cwd: work, stdio: 'inherit', env: process.env });
      if (run.status === 0 && fs.existsSync(built)) {
        checkAbi(built, expectedAbi, attempt.method, log);
        fs.mkdirSync(path.dirname(destination), { recursive: true });
        // Copy then rename: an interrupted run never leaves a half-written binary for the app to load.
        const partial = `${destination}.partial`;
        fs.copyFileSync(built, partial);
        fs.renameSync(partial, destination);
        return attempt.method;
      }
      failures.push(`${attempt.method}: ${run.error ? run.error.message : `exit code ${run.status}`}`);
    }
    throw new Error(`could not get an Electron ${target.version} build of better-sqlite3:\n  ${failures.join('\n  ')}`);
  } finally {
    fs.rmSync(temporary, { recursive: true, force: true });
  }
}

function checkAbi(file, expectedAbi, method, log) {
  const probe = probeAbi(file);
  if (probe.kind === 'node') throw new Error(`${method} produced a build for Node, not for Electron`);
  if (probe.kind === 'abi' && expectedAbi && probe.abi !== expectedAbi) {
    throw new Error(`${method} produced a build for ABI ${probe.abi}; Electron needs ${expectedAbi}`);
  }
  if (probe.kind === 'unknown') log(`note: could not confirm the build's ABI (${probe.detail}); the app reports it at start if it is wrong`);
}

export function run(argv, { root, env = process.env, platform = process.platform, arch = process.arch, log, error } = {}) {
  const say = log ?? ((message) => console.log(`electron-native: ${message}`));
  const complain = error ?? ((message) => console.error(`electron-native: ${message}`));
  let options;
  try {
    options = parseArgs(argv);
  } catch (failure) {
    complain(`${failure.message}\nusage: node scripts/electron-native.mjs [--check]`);
    return 2;
  }

  const electron = readElectronPackage(root);
  if (!electron) {
    complain('the electron package is not installed (node_modules/electron/package.json); run "npm install" first.');
    return 1;
  }
  const target = { version: electron.version, platform, arch };
  const destination = nativeBinaryPath(root, electron.version, platform, arch);
  const binary = electronBinaryStatus(electron.dir, env);
  const haveBuild = fs.existsSync(destination);

  if (options.check) {
    say(`Electron ${electron.version} (${platform}-${arch}), ABI ${electron.abi ?? 'unknown'}`);
    say(binary.installed ? `Electron binary: ${binary.file}` : `Electron binary: missing (${binary.file}); "npm start" cannot run here, packaging downloads its own copy.`);
    say(haveBuild ? `better-sqlite3 for Electron: ${destination}` : `better-sqlite3 for Electron: not built yet (${destination}); "npm start" builds it. Packaging does not need it.`);
    return 0;
  }

  if (!binary.installed) {
    complain(missingBinaryMessage(binary, env));
    return 1;
  }
  if (haveBuild) {
    say(`better-sqlite3 for Electron ${electron.version} is ready: ${path.relative(root, destination)}`);
    return 0;
  }
  say(`building better-sqlite3 for Electron ${electron.version} (${platform}-${arch}) in a temporary copy; node_modules is left as it is`);
  try {
    const method = buildForElectron({ root, target, expectedAbi: electron.abi, destination, log: say });
    say(`done (${method}): ${path.relative(root, destination)}`);
    return 0;
  } catch (failure) {
    complain(
      `${failure.message}\n` +
        'prebuild-install needs to download from GitHub; node-gyp needs Python, a C++ compiler and Electron\'s headers.\n' +
        'Without them the desktop app cannot open a SQLite database. "npm run web" runs the console in a browser instead.',
    );
    return 1;
  }
}

function isDirectRun() {
  if (!process.argv[1]) return false;
  try {
    return fs.realpathSync(fileURLToPath(import.meta.url)) === fs.realpathSync(process.argv[1]);
  } catch {
    return import.meta.url === pathToFileURL(process.argv[1]).href;
  }
}

if (isDirectRun()) {
  process.exitCode = run(process.argv.slice(2), { root: fileURLToPath(new URL('..', import.meta.url)) });
}
