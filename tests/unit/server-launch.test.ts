/**
 * `npm run server` (scripts/server.mjs): builds only what is stale, runs the server bundle in its
 * own process, and on a production install (no esbuild, no electron-vite) runs what is built and
 * writes nothing. Each test gets a small project of its own in the temp folder, with the real
 * launcher scripts copied in: a server entry that prints what it is, a renderer of two pages (the
 * console and the Tech Support Center), and the repository's packages linked in (real esbuild,
 * real electron-vite) or, for a production install, no node_modules at all.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const LAUNCHER_SCRIPTS = ['server.mjs', 'bundle.mjs', 'build-web.mjs'];
const BUNDLE = 'out/server/deskwatch-server.cjs';
const INDEX = 'out/renderer/index.html';
const BUILD_TIMEOUT = 60_000;

const SERVER_ENTRY = `import { greeting } from './greeting';
// Stays up with --stay until SIGTERM (handled before it says it is up); otherwise exits with $EXIT_CODE (default 0).
if (process.argv.includes('--stay')) {
  process.on('SIGTERM', () => {
    console.log('closing');
    setTimeout(() => process.exit(0), 100);
  });
  setInterval(() => undefined, 1000);
} else {
  process.exitCode = Number(process.env.EXIT_CODE ?? 0);
}
console.log(\`\${greeting} pid=\${process.pid} args=\${JSON.stringify(process.argv.slice(2))}\`);
`;

const VITE_CONFIG = `import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
export default defineConfig({
  renderer: {
    root: resolve(__dirname, 'renderer'),
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html'), support: resolve(__dirname, 'renderer/support.html') } },
    },
  },
});
`;

interface Project {
  dir: string;
  file(relative: string): string;
  write(relative: string, text: string): void;
  /** Writes `text` to a file (or only touches it): an edit made now. */
  edit(relative: string, text?: string): void;
  /** Sets a built file's time a few seconds before `source`'s: built before that edit, without sleeping. */
  backdate(built: string, source: string): void;
  mtime(relative: string): number;
  /** Takes the build tools away (npm ci --omit=dev) or gives them back. */
  tools(installed: boolean): void;
}

const projects: string[] = [];
afterEach(() => {
  for (const dir of projects.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function makeProject({ tools }: { tools: boolean }): Project {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-server-launch-'));
  projects.push(dir);
  const file = (relative: string) => path.join(dir, relative);
  const write = (relative: string, text: string) => {
    fs.mkdirSync(path.dirname(file(relative)), { recursive: true });
    fs.writeFileSync(file(relative), text);
  };
  const project: Project = {
    dir,
    file,
    write,
    edit: (relative, text) => {
      if (text === undefined) fs.utimesSync(file(relative), new Date(), new Date());
      else write(relative, text);
    },
    backdate: (built, source) => setTime(file(built), fs.statSync(file(source)).mtimeMs - 5_000),
    mtime: (relative) => fs.statSync(file(relative)).mtimeMs,
    tools: (installed) => {
      fs.rmSync(file('node_modules'), { recursive: true, force: true });
      if (!installed) return;
      // A folder of its own (the build writes its temp files there), holding links to the repository's packages.
      fs.mkdirSync(file('node_modules'));
      for (const name of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
        if (!name.startsWith('.') || name === '.bin') fs.symlinkSync(path.join(ROOT, 'node_modules', name), file(`node_modules/${name}`));
      }
    },
  };
  write('package.json', JSON.stringify({ name: 'launch-test', private: true }));
  for (const script of LAUNCHER_SCRIPTS) write(`scripts/${script}`, fs.readFileSync(path.join(ROOT, 'scripts', script), 'utf8'));
  write('electron/server/server-cli.ts', SERVER_ENTRY);
  write('electron/server/greeting.ts', "export const greeting: string = 'server v1';\n");
  write('electron.vite.config.ts', VITE_CONFIG);
  write('renderer/index.html', '<!doctype html><html><body><script type="module" src="./src/main.ts"></script></body></html>\n');
  write('renderer/src/main.ts', "document.title = 'console v1';\n");
  write('renderer/support.html', '<!doctype html><html><body><script type="module" src="./src/support.ts"></script></body></html>\n');
  write('renderer/src/support.ts', "document.title = 'support v1';\n");
  write('shared/contract.ts', 'export const channels: string[] = [];\n');
  // Sources written an hour ago: what is built or edited in the test is newer.
  for (const entry of Object.keys(snapshot(project))) setTime(file(entry), Date.now() - 3_600_000);
  project.tools(tools);
  return project;
}

function setTime(file: string, ms: number): void {
  fs.utimesSync(file, ms / 1000, ms / 1000);
}

interface Launch {
  code: number | null;
  signal: NodeJS.Signals | null;
  pid: number;
  stdout: string;
  stderr: string;
}

/** `node scripts/server.mjs ARGS` in the project, as `npm run server` starts it. */
function launch(project: Project, args: string[] = [], options: { env?: NodeJS.ProcessEnv; onStdout?: (text: string, stop: () => void) => void } = {}): Promise<Launch> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...options.env };
    const child = spawn(process.execPath, [project.file('scripts/server.mjs'), ...args], { cwd: project.dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      options.onStdout?.(stdout, () => child.kill('SIGTERM'));
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, pid: child.pid ?? 0, stdout, stderr }));
  });
}

/** Every file and folder of the project but node_modules, with its time: what a write would change. */
function snapshot(project: Project): Record<string, number> {
  const entries: Record<string, number> = {};
  const visit = (relative: string) => {
    const stat = fs.lstatSync(project.file(relative));
    entries[relative] = stat.mtimeMs;
    if (stat.isDirectory()) for (const name of fs.readdirSync(project.file(relative))) visit(path.join(relative, name));
  };
  for (const name of fs.readdirSync(project.dir).filter((n) => n !== 'node_modules')) visit(name);
  return entries;
}

/** A project whose renderer and server bundle are built. */
async function builtProject(): Promise<Project> {
  const project = makeProject({ tools: true });
  const first = await launch(project, ['--build']);
  expect(first.stderr).toContain('bundled out/server/deskwatch-server.cjs');
  // --build (npm run build:server) does not run the server.
  expect(first.stdout).toBe('');
  expect(first.code).toBe(0);
  return project;
}

describe('npm run server (scripts/server.mjs)', () => {
  it(
    'builds the renderer and the server bundle when they are missing, then runs the bundle in its own process with its arguments',
    async () => {
      const project = makeProject({ tools: true });
      const run = await launch(project, ['--listen', '127.0.0.1:9']);
      expect(run.stderr).toContain('deskwatch server: building the renderer (not built yet)…');
      expect(run.stderr).toContain('deskwatch server: bundled out/server/deskwatch-server.cjs in');
      // The server's standard output is its own: the build's lines went to stderr.
      expect(run.stdout).toBe(`server v1 pid=${run.pid} args=["--listen","127.0.0.1:9"]\n`);
      expect(run.code).toBe(0);
      expect(fs.readFileSync(project.file(INDEX), 'utf8')).toContain('<script');
      const assets = fs.readdirSync(project.file('out/renderer/assets')).map((name) => fs.readFileSync(project.file(`out/renderer/assets/${name}`), 'utf8'));
      expect(assets.join('')).toContain('console v1');
    },
    BUILD_TIMEOUT,
  );

  it(
    'builds nothing when everything is fresh: no file or folder of the project changes',
    async () => {
      const project = await builtProject();
      const before = snapshot(project);
      const run = await launch(project);
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(`server v1 pid=${run.pid} args=[]\n`);
      expect(run.code).toBe(0);
      expect(snapshot(project)).toEqual(before);
    },
    BUILD_TIMEOUT,
  );

  it(
    'rebuilds the server bundle, and only it, when a file the server was built from is newer',
    async () => {
      const project = await builtProject();
      const index = project.mtime(INDEX);
      project.edit('electron/server/greeting.ts', "export const greeting: string = 'server v2';\n");
      project.backdate(BUNDLE, 'electron/server/greeting.ts');
      const run = await launch(project);
      expect(run.stderr).toMatch(/^deskwatch server: bundled out\/server\/deskwatch-server\.cjs in \d+\.\d s \(electron\/server\/greeting\.ts changed\)\.\n$/);
      expect(run.stdout).toContain('server v2');
      expect(project.mtime(INDEX)).toBe(index);
      // And the bundle is fresh again.
      expect((await launch(project)).stderr).toBe('');

      // The launcher holds the build options: a newer one rebuilds too.
      project.edit('scripts/server.mjs');
      project.backdate(BUNDLE, 'scripts/server.mjs');
      expect((await launch(project)).stderr).toMatch(/ \(scripts\/server\.mjs( and [^)]+)? changed\)\.\n$/);
    },
    BUILD_TIMEOUT,
  );

  it(
    'rebuilds the renderer, and only it, when a renderer source is newer',
    async () => {
      const project = await builtProject();
      const bundle = project.mtime(BUNDLE);
      project.edit('renderer/src/main.ts', "document.title = 'console v2';\n");
      project.backdate(INDEX, 'renderer/src/main.ts');
      const run = await launch(project);
      expect(run.stderr).toContain('deskwatch server: building the renderer (renderer/src/main.ts changed)…');
      expect(run.stderr).not.toContain('bundled');
      expect(run.code).toBe(0);
      expect(project.mtime(BUNDLE)).toBe(bundle);
      const assets = fs.readdirSync(project.file('out/renderer/assets')).map((name) => fs.readFileSync(project.file(`out/renderer/assets/${name}`), 'utf8'));
      expect(assets.join('')).toContain('console v2');
    },
    BUILD_TIMEOUT,
  );

  it(
    'rebuilds the renderer when a source was removed (only its folder changes)',
    async () => {
      const project = await builtProject();
      fs.rmSync(project.file('shared/contract.ts'));
      project.backdate(INDEX, 'shared');
      const run = await launch(project);
      expect(run.stderr).toContain('deskwatch server: building the renderer (shared changed)…');
      expect(run.code).toBe(0);
    },
    BUILD_TIMEOUT,
  );

  it(
    "is the server's process: a stop reaches the server's own handler, and the server's exit code is the launcher's",
    async () => {
      const project = await builtProject();
      let stopped = false;
      const run = await launch(project, ['--stay'], {
        onStdout: (text, stop) => {
          if (text.includes('server v1') && !stopped) {
            stopped = true;
            stop();
          }
        },
      });
      expect(run.stdout).toBe(`server v1 pid=${run.pid} args=["--stay"]\nclosing\n`);
      expect(run).toMatchObject({ code: 0, signal: null });
      expect((await launch(project, [], { env: { EXIT_CODE: '2' } })).code).toBe(2);
    },
    BUILD_TIMEOUT,
  );
});

describe('npm run server where the build tools are not installed (npm ci --omit=dev)', () => {
  it(
    'runs what is built and writes nothing, saying so when a source is newer',
    async () => {
      const project = await builtProject();
      project.tools(false);
      project.edit('electron/server/greeting.ts', "export const greeting: string = 'server v2';\n");
      project.backdate(BUNDLE, 'electron/server/greeting.ts');
      project.edit('renderer/src/main.ts');
      project.backdate(INDEX, 'renderer/src/main.ts');
      const before = snapshot(project);
      const run = await launch(project);
      expect(run.stdout).toBe(`server v1 pid=${run.pid} args=[]\n`);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe(
        'deskwatch server: out/renderer/index.html is older than renderer/src/main.ts, and electron-vite is not installed here to rebuild it: serving it as it is.\n' +
          'deskwatch server: out/server/deskwatch-server.cjs is older than electron/server/greeting.ts, and esbuild is not installed here to rebuild it: running it as it is.\n',
      );
      expect(snapshot(project)).toEqual(before);
    },
    BUILD_TIMEOUT,
  );

  it('runs a build shipped without its sources (an image) quietly', async () => {
    const project = await builtProject();
    project.tools(false);
    for (const source of ['electron', 'renderer', 'shared', 'electron.vite.config.ts']) fs.rmSync(project.file(source), { recursive: true });
    const run = await launch(project);
    expect(run).toMatchObject({ code: 0, stderr: '', stdout: `server v1 pid=${run.pid} args=[]\n` });
  }, BUILD_TIMEOUT);

  it('says what to run when nothing is built, and writes nothing', async () => {
    const project = makeProject({ tools: false });
    const before = snapshot(project);
    const run = await launch(project);
    expect(run.stderr).toBe(
      'deskwatch server: out/renderer/index.html is not built, and electron-vite (a dev dependency) is not installed here to build it: ' +
        'run `npm run build:server` on a machine with the dev dependencies installed (npm ci, without --omit=dev), and start the server where that out/ folder is.\n',
    );
    expect(run.stdout).toBe('');
    expect(run.code).toBe(1);
    expect(snapshot(project)).toEqual(before);
  });

  it(
    'says what to run when the renderer is built but the server bundle is not',
    async () => {
      const project = await builtProject();
      project.tools(false);
      fs.rmSync(project.file('out/server'), { recursive: true });
      const run = await launch(project);
      expect(run.stderr).toBe(
        'deskwatch server: out/server/deskwatch-server.cjs is not built, and esbuild (a dev dependency) is not installed here to build it: ' +
          'run `npm run build:server` on a machine with the dev dependencies installed (npm ci, without --omit=dev), and start the server where that out/ folder is.\n',
      );
      expect(run.code).toBe(1);
      expect(fs.existsSync(project.file('out/server'))).toBe(false);
    },
    BUILD_TIMEOUT,
  );
});
