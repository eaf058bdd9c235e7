import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILD = path.join(ROOT, 'build');
// electron-builder's own parts, found through electron-builder so hoisting does not matter.
const fromBuilder = createRequire(createRequire(path.join(ROOT, 'package.json')).resolve('electron-builder/package.json'));
const fromBuilderLib = createRequire(fromBuilder.resolve('app-builder-lib/package.json'));

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  directories: { output: string; buildResources: string };
  asarUnpack: string[];
  extraResources: Array<{ from: string; to: string; filter: string[] }>;
  npmRebuild: boolean;
  beforeBuild: string;
  afterPack: string;
  linux: { target: string[]; category: string; maintainer: string; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  electronFuses: Record<string, boolean>;
}

let config: BuilderConfig;
beforeAll(() => {
  const yaml = fromBuilderLib('js-yaml') as { load(text: string): unknown };
  config = yaml.load(fs.readFileSync(path.join(BUILD, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
});

describe('build/electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = fromBuilderLib('./out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = createRequire(fromBuilderLib.resolve('builder-util/package.json'))('./out/DebugLogger') as {
      DebugLogger: new (enabled: boolean) => unknown;
    };
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and packages only the built output', () => {
    expect(config).toMatchObject({
      appId: 'org.deskwatch.console',
      productName: 'Deskwatch',
      files: ['out/**', 'package.json'],
      directories: { output: 'dist', buildResources: 'build' },
      npmRebuild: true,
    });
  });

  it('builds AppImage and deb for Linux, NSIS for Windows, dmg for macOS, with icons that exist', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toMatch(/^(Office|Utility)$/);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    for (const icon of [config.linux.icon, config.win.icon, config.mac.icon]) expect(fs.existsSync(path.join(ROOT, icon)), icon).toBe(true);
  });

  it("unpacks better-sqlite3's native binary from the asar archive", async () => {
    const { minimatch } = fromBuilderLib('minimatch') as { minimatch(file: string, pattern: string): boolean };
    const file = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(config.asarUnpack.some((pattern) => minimatch(file, pattern))).toBe(true);
  });

  it('turns off the fuses that would let the environment inject code', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
  });

  it('resolves both hooks the way electron-builder does', async () => {
    const { resolveFunction } = fromBuilderLib('./out/util/resolve') as {
      resolveFunction(type: string, executor: string, name: string, root: string): Promise<unknown>;
    };
    // electron-builder resolves "./build/…" against the working folder, which `npm run dist` sets to the project root.
    const at = (hook: string) => (path.resolve(process.cwd()) === path.resolve(ROOT) ? hook : path.join(ROOT, hook));
    expect(await resolveFunction('', at(config.beforeBuild), 'beforeBuild', ROOT)).toBeTypeOf('function');
    expect(await resolveFunction('', at(config.afterPack), 'afterPack', ROOT)).toBeTypeOf('function');
  });
});

describe('the hooks that give node_modules its Node build back after packaging', () => {
  interface Hooks {
    beforeBuild(): Promise<boolean>;
    afterPack(): Promise<void>;
  }
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function project() {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-hooks-'));
    made.push(root);
    const release = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release');
    fs.mkdirSync(release, { recursive: true });
    // The real Node build from this checkout: the hooks recognise it by loading it.
    fs.copyFileSync(path.join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), path.join(release, 'better_sqlite3.node'));
    const { createHooks } = (await import(path.join(BUILD, 'native-sqlite-hooks.mjs'))) as { createHooks(root: string, log: (m: string) => void): Hooks };
    const warnings: string[] = [];
    return { root, release, hooks: createHooks(root, (message) => warnings.push(message)), warnings };
  }

  it('keeps the Node build, lets electron-builder rebuild, and puts the Node build back after packing', async () => {
    const { release, hooks, warnings } = await project();
    const nodeBuild = fs.readFileSync(path.join(release, 'better_sqlite3.node'));
    // true, or electron-builder would skip the rebuild and package a Node build.
    await expect(hooks.beforeBuild()).resolves.toBe(true);
    // What electron-builder's rebuild leaves behind:
    fs.writeFileSync(path.join(release, 'better_sqlite3.node'), 'ELECTRON BUILD');
    fs.writeFileSync(path.join(release, '.forge-meta'), 'linux--x64--150');
    await hooks.afterPack();
    expect(fs.readFileSync(path.join(release, 'better_sqlite3.node')).equals(nodeBuild)).toBe(true);
    expect(fs.existsSync(path.join(release, '.forge-meta'))).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('after an interrupted run, keeps the earlier copy rather than saving the Electron build as "the Node build"', async () => {
    const { release, hooks } = await project();
    await hooks.beforeBuild();
    const nodeBuild = fs.readFileSync(path.join(release, 'better_sqlite3.node'));
    fs.writeFileSync(path.join(release, 'better_sqlite3.node'), 'ELECTRON BUILD');
    // Packaging died here; the next run starts:
    await hooks.beforeBuild();
    await hooks.afterPack();
    expect(fs.readFileSync(path.join(release, 'better_sqlite3.node')).equals(nodeBuild)).toBe(true);
  });

  it('never fails the packaging: with nothing to keep it warns and still says "rebuild"', async () => {
    const { release, hooks, warnings } = await project();
    fs.writeFileSync(path.join(release, 'better_sqlite3.node'), 'ELECTRON BUILD');
    await expect(hooks.beforeBuild()).resolves.toBe(true);
    await expect(hooks.afterPack()).resolves.toBeUndefined();
    expect(warnings.join('\n')).toMatch(/npm rebuild better-sqlite3/);
    expect(fs.readFileSync(path.join(release, 'better_sqlite3.node'), 'utf8')).toBe('ELECTRON BUILD');
  });
});

describe('app icons', () => {
  const pngSize = (file: string) => {
    const data = fs.readFileSync(file);
    expect(data.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), colourType: data[25] };
  };

  it('icon.png is 1024×1024 RGBA', () => {
    expect(pngSize(path.join(BUILD, 'icon.png'))).toEqual({ width: 1024, height: 1024, colourType: 6 });
  });

  it.each([16, 24, 32, 48, 64, 128, 256, 512])('icons/%ix%i.png has that size', (size) => {
    expect(pngSize(path.join(BUILD, 'icons', `${size}x${size}.png`))).toMatchObject({ width: size, height: size });
  });

  it('icon.ico holds PNG images from 16 to 256', () => {
    const ico = fs.readFileSync(path.join(BUILD, 'icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => {
      const entry = 6 + 16 * i;
      const offset = ico.readUInt32LE(entry + 12);
      expect(ico.subarray(offset, offset + 4).toString('latin1')).toBe('\x89PNG');
      return ico[entry] === 0 ? 256 : ico[entry];
    });
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('icon.icns holds PNG entries ic08, ic09 and ic10, and its lengths add up', () => {
    const icns = fs.readFileSync(path.join(BUILD, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      types.push(icns.subarray(at, at + 4).toString('latin1'));
      expect(icns.subarray(at + 8, at + 12).toString('latin1')).toBe('\x89PNG');
    }
    expect(types).toEqual(expect.arrayContaining(['ic08', 'ic09', 'ic10']));
  });

  it('the committed tray icons are what build/make-tray-icons.mjs draws now', async () => {
    const { trayIconFiles } = (await import(path.join(BUILD, 'make-tray-icons.mjs'))) as { trayIconFiles(): Map<string, Buffer> };
    const files = trayIconFiles();
    for (const [name, contents] of files) {
      expect(fs.readFileSync(path.join(BUILD, name)).equals(contents), `${name} is stale: run node build/make-tray-icons.mjs`).toBe(true);
    }
    expect(fs.readdirSync(path.join(BUILD, 'tray')).sort()).toEqual([...files.keys()].map((name) => path.basename(name)).sort());
  });

  it('has a tray image, at 16 and 32 px, for every count the tray can show, and packages them beside the app', async () => {
    const { trayImageFile, trayImageFor } = await import('../../electron/main/alerts/tray-state');
    for (const summary of [null, { atRisk: 0, breached: 0 }, ...Array.from({ length: 12 }, (_, n) => ({ atRisk: n, breached: 0 })), ...Array.from({ length: 12 }, (_, n) => ({ atRisk: 0, breached: n + 1 }))]) {
      const file = trayImageFile(trayImageFor(summary));
      expect(pngSize(path.join(BUILD, 'tray', file))).toMatchObject({ width: 16, height: 16 });
      expect(pngSize(path.join(BUILD, 'tray', file.replace('.png', '@2x.png')))).toMatchObject({ width: 32, height: 32 });
    }
    expect(config.extraResources).toContainEqual({ from: 'build/tray', to: 'tray', filter: ['*.png'] });
  });

  it('the committed icons are what build/make-icons.mjs draws now', async () => {
    const { iconFiles } = (await import(path.join(BUILD, 'make-icons.mjs'))) as { iconFiles(): Map<string, Buffer> };
    for (const [name, contents] of iconFiles()) {
      expect(fs.readFileSync(path.join(BUILD, name)).equals(contents), `${name} is stale: run node build/make-icons.mjs`).toBe(true);
    }
  });
});
