import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nativeBuildFolder, resolveNativeBinding } from '../../electron/main/native-binding';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = path.join(ROOT, 'scripts', 'electron-native.mjs');

/** The script is plain ESM without type declarations; these are the parts the tests use. */
interface NativeScript {
  nativeBuildFolder(version: string, platform: string, arch: string): string;
  nativeBinaryPath(root: string, version: string, platform: string, arch: string): string;
  parseArgs(argv: string[]): { check: boolean };
  electronBinaryStatus(electronDir: string, env: NodeJS.ProcessEnv): { installed: boolean; file: string };
  prebuildInstallArgs(target: { version: string; platform: string; arch: string }): string[];
  nodeGypArgs(target: { version: string; platform: string; arch: string }): string[];
  parseAbiProbe(output: string): { kind: string; abi?: string };
}

let script: NativeScript;
beforeAll(async () => {
  script = (await import(SCRIPT)) as NativeScript;
});

describe('which SQLite binary the desktop app loads', () => {
  const base = { electronVersion: '45.3.4', platform: 'linux', arch: 'x64', appPath: '/src/deskwatch' };

  it('a packaged app uses the better-sqlite3 that electron-builder rebuilt, without looking anywhere', () => {
    const looked: string[] = [];
    const choice = resolveNativeBinding({ ...base, isPackaged: true, exists: (file) => (looked.push(file), true) });
    expect(choice).toEqual({ kind: 'bundled' });
    expect(looked).toEqual([]);
  });

  it('development uses the .native build for this exact Electron version, platform and architecture', () => {
    const choice = resolveNativeBinding({ ...base, isPackaged: false, exists: () => true });
    expect(choice).toEqual({ kind: 'electron-build', path: '/src/deskwatch/.native/electron-45.3.4-linux-x64/better_sqlite3.node' });
  });

  it('development without that build says where it should be and how to make it', () => {
    const choice = resolveNativeBinding({ ...base, isPackaged: false, exists: () => false });
    expect(choice).toMatchObject({ kind: 'missing', path: '/src/deskwatch/.native/electron-45.3.4-linux-x64/better_sqlite3.node' });
    expect(choice.kind === 'missing' && choice.hint).toMatch(/electron-native\.mjs/);
  });

  it('looks where scripts/electron-native.mjs puts the build', () => {
    for (const [version, platform, arch] of [['45.3.4', 'linux', 'x64'], ['46.0.0-beta.2', 'win32', 'arm64'], ['45.3.4', 'darwin', 'arm64']] as const) {
      expect(nativeBuildFolder(version, platform, arch)).toBe(script.nativeBuildFolder(version, platform, arch));
      const choice = resolveNativeBinding({ electronVersion: version, platform, arch, appPath: '/r', isPackaged: false, exists: () => true });
      expect(choice).toEqual({ kind: 'electron-build', path: script.nativeBinaryPath('/r', version, platform, arch) });
    }
  });
});

describe('scripts/electron-native.mjs, its pieces', () => {
  it('accepts --check and nothing else', () => {
    expect(script.parseArgs([])).toEqual({ check: false });
    expect(script.parseArgs(['--check'])).toEqual({ check: true });
    expect(() => script.parseArgs(['--force'])).toThrow(/unknown argument/);
  });

  it('asks prebuild-install and node-gyp for an Electron build of the installed version', () => {
    const target = { version: '45.3.4', platform: 'linux', arch: 'x64' };
    expect(script.prebuildInstallArgs(target)).toEqual(expect.arrayContaining(['--runtime=electron', '--target=45.3.4', '--arch=x64', '--platform=linux']));
    expect(script.nodeGypArgs(target)).toEqual(
      expect.arrayContaining(['rebuild', '--runtime=electron', '--target=45.3.4', '--arch=x64', '--dist-url=https://electronjs.org/headers']),
    );
  });

  it('reads what Node says when it loads a binary', () => {
    expect(script.parseAbiProbe('loaded\n')).toEqual({ kind: 'node' });
    expect(
      script.parseAbiProbe(
        "The module '/x/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 150. This version of Node.js requires\nNODE_MODULE_VERSION 115.",
      ),
    ).toEqual({ kind: 'abi', abi: '150' });
    expect(script.parseAbiProbe('/x/better_sqlite3.node: invalid ELF header')).toMatchObject({ kind: 'unknown' });
  });

  it('finds the Electron executable the way the electron package does', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-electron-pkg-'));
    try {
      expect(script.electronBinaryStatus(dir, {}).installed).toBe(false);
      fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
      expect(script.electronBinaryStatus(dir, {})).toEqual({ installed: false, file: path.join(dir, 'dist', 'electron') });
      fs.mkdirSync(path.join(dir, 'dist'));
      fs.writeFileSync(path.join(dir, 'dist', 'electron'), '');
      expect(script.electronBinaryStatus(dir, {}).installed).toBe(true);
      expect(script.electronBinaryStatus(dir, { ELECTRON_OVERRIDE_DIST_PATH: path.join(dir, 'elsewhere') }).installed).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The whole script, run as `npm start` runs it, in a made-up project: a copy of the script,
 * a fake electron package, a small fake better-sqlite3, and fake prebuild-install / node-gyp
 * that write a pretend binary where the real ones would (or fail). What this cannot show:
 * that the real tools, which need the network, produce a build Electron loads.
 */
describe('scripts/electron-native.mjs, run in a made-up project', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  function project(options: { binary?: boolean; prebuild?: 'writes' | 'fails' | 'writes-node-build'; nodeGyp?: 'writes' | 'fails' } = {}) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-native-project-'));
    made.push(root);
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    fs.mkdirSync(path.join(root, 'scripts'));
    fs.copyFileSync(SCRIPT, path.join(root, 'scripts', 'electron-native.mjs'));
    write('node_modules/electron/package.json', JSON.stringify({ name: 'electron', version: '45.3.4' }));
    write('node_modules/electron/abi_version', '150');
    if (options.binary !== false) {
      write('node_modules/electron/path.txt', 'electron');
      write('node_modules/electron/dist/electron', '');
    }
    write('node_modules/better-sqlite3/package.json', JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
    write('node_modules/better-sqlite3/src/better_sqlite3.cpp', '// sources');
    write('node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'THE NODE BUILD');
    // Each fake tool records its arguments and working folder, then writes (or not) the binary.
    const tool = (name: string, behaviour: string | undefined, content: string) => {
      write(`node_modules/${name}/package.json`, JSON.stringify({ name, bin: name === 'node-gyp' ? './bin/node-gyp.js' : './bin.js' }));
      const body =
        `const fs = require('fs'), path = require('path');\n` +
        `fs.appendFileSync(${JSON.stringify(path.join(root, 'calls.log'))}, JSON.stringify({ tool: ${JSON.stringify(name)}, args: process.argv.slice(2), cwd: process.cwd() }) + '\\n');\n` +
        (behaviour === 'fails'
          ? 'process.exit(1);\n'
          : `fs.mkdirSync('build/Release', { recursive: true }); fs.copyFileSync(${JSON.stringify(content)}, 'build/Release/better_sqlite3.node');\n`);
      write(name === 'node-gyp' ? `node_modules/${name}/bin/node-gyp.js` : `node_modules/${name}/bin.js`, body);
    };
    write('pretend-electron-build.node', 'AN ELECTRON BUILD');
    const nodeBuild = path.join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    tool('prebuild-install', options.prebuild ?? 'writes', options.prebuild === 'writes-node-build' ? nodeBuild : path.join(root, 'pretend-electron-build.node'));
    tool('node-gyp', options.nodeGyp ?? 'fails', path.join(root, 'pretend-electron-build.node'));
    return root;
  }

  function run(root: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
    const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'electron-native.mjs'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    const calls = fs.existsSync(path.join(root, 'calls.log'))
      ? fs.readFileSync(path.join(root, 'calls.log'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { tool: string; args: string[]; cwd: string })
      : [];
    return { status: result.status, output: `${result.stdout}${result.stderr}`, calls };
  }

  const built = (root: string) => path.join(root, '.native', `electron-45.3.4-${process.platform}-${process.arch}`, 'better_sqlite3.node');
  const digest = (dir: string) => {
    const hash = createHash('sha256');
    const walk = (at: string) => {
      for (const entry of fs.readdirSync(at, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(at, entry.name);
        hash.update(full);
        if (entry.isDirectory()) walk(full);
        else hash.update(fs.readFileSync(full));
      }
    };
    walk(dir);
    return hash.digest('hex');
  };

  it('without the Electron binary: says the desktop app cannot start here, suggests npm run web, exits non-zero, builds nothing', () => {
    const root = project({ binary: false });
    const { status, output, calls } = run(root, [], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(status).toBe(1);
    expect(output).toMatch(/cannot start on this machine/);
    expect(output).toMatch(/npm run web/);
    expect(output).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD/);
    expect(calls).toEqual([]);
  });

  it('without the electron package at all: exits non-zero', () => {
    const root = project();
    fs.rmSync(path.join(root, 'node_modules', 'electron'), { recursive: true });
    expect(run(root).status).toBe(1);
  });

  it('builds in a temporary copy with prebuild-install and keeps the result in .native, leaving node_modules untouched', () => {
    const root = project();
    const before = digest(path.join(root, 'node_modules', 'better-sqlite3'));
    const { status, output, calls } = run(root);
    expect(status, output).toBe(0);
    expect(fs.readFileSync(built(root), 'utf8')).toBe('AN ELECTRON BUILD');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.tool).toBe('prebuild-install');
    expect(calls[0]?.args).toEqual(
      expect.arrayContaining(['--runtime=electron', '--target=45.3.4', `--arch=${process.arch}`, `--platform=${process.platform}`]),
    );
    expect(calls[0]?.cwd.startsWith(root)).toBe(false);
    expect(digest(path.join(root, 'node_modules', 'better-sqlite3'))).toBe(before);
    // The temporary copy is gone.
    expect(fs.existsSync(calls[0]!.cwd)).toBe(false);
  });

  it('falls back to node-gyp against Electron headers when prebuild-install fails', () => {
    const root = project({ prebuild: 'fails', nodeGyp: 'writes' });
    const { status, output, calls } = run(root);
    expect(status, output).toBe(0);
    expect(calls.map((call) => call.tool)).toEqual(['prebuild-install', 'node-gyp']);
    expect(calls[1]?.args).toEqual(expect.arrayContaining(['rebuild', '--target=45.3.4', '--dist-url=https://electronjs.org/headers']));
    expect(fs.existsSync(built(root))).toBe(true);
  });

  it('fails clearly when neither tool gets a build, and leaves no partial file', () => {
    const root = project({ prebuild: 'fails', nodeGyp: 'fails' });
    const { status, output } = run(root);
    expect(status).toBe(1);
    expect(output).toMatch(/could not get an Electron 45\.3\.4 build/);
    expect(output).toMatch(/npm run web/);
    expect(fs.existsSync(path.join(root, '.native'))).toBe(false);
  });

  it('refuses a "build" that Node itself can load: that is the Node build, which Electron cannot use', () => {
    const root = project({ prebuild: 'writes-node-build', nodeGyp: 'fails' });
    const { status, output } = run(root);
    expect(status).toBe(1);
    expect(output).toMatch(/produced a build for Node/);
    expect(fs.existsSync(built(root))).toBe(false);
  });

  it('does nothing when the build is already there', () => {
    const root = project();
    fs.mkdirSync(path.dirname(built(root)), { recursive: true });
    fs.writeFileSync(built(root), 'EARLIER BUILD');
    const { status, output, calls } = run(root);
    expect(status).toBe(0);
    expect(output).toMatch(/is ready/);
    expect(calls).toEqual([]);
  });

  it('--check reports and changes nothing, even without the binary or the build', () => {
    const root = project({ binary: false });
    const { status, output, calls } = run(root, ['--check']);
    expect(status).toBe(0);
    expect(output).toMatch(/Electron 45\.3\.4/);
    expect(output).toMatch(/not built yet/);
    expect(calls).toEqual([]);
    expect(fs.existsSync(path.join(root, '.native'))).toBe(false);
  });

  it('rejects unknown arguments with exit code 2', () => {
    expect(run(project(), ['--force']).status).toBe(2);
  });
});
