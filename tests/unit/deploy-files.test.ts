/**
 * The files that run the district server as a service (deploy/), checked as far as they can be
 * without systemd, a container engine or nginx: that they name what the project really has (the
 * server's script, its settings, the folders an image copies), that their safety settings are
 * there, and that the two small scripts they run behave.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, requestLimitOf } from '../../shared/contract';
import { parseServerConfig } from '../../electron/server/server-config';
import { selfSignedCertificate, type CertificateFiles } from '../integration/server/self-signed';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; dependencies: Record<string, string> };

/** `Key=value` lines of a systemd unit, by section; a key may repeat. */
function unitSettings(text: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      section = header[1] ?? '';
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) throw new Error(`deskwatch-server.service: "${line}" is neither a section nor Key=value`);
    const key = `${section}.${line.slice(0, eq)}`;
    settings.set(key, [...(settings.get(key) ?? []), line.slice(eq + 1)]);
  }
  return settings;
}

/** Variables the env example sets or shows commented out, in order. */
const exampleNames = () => [...read('deploy/server.env.example').matchAll(/^#?(DESKWATCH_[A-Z0-9_]+)=/gm)].map((m) => m[1] ?? '');

/** The example's lines as an environment; `all` takes the commented-out settings too. */
function exampleEnv(all: boolean): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of read('deploy/server.env.example').matchAll(/^(#?)(DESKWATCH_[A-Z0-9_]+)=(.*)$/gm)) {
    if (m[1] === '' || all) env[m[2] ?? ''] = m[3] ?? '';
  }
  return env;
}

/** The final stage of the Containerfile: everything after its last FROM. */
function stages(text: string): { name: string; lines: string[] }[] {
  const joined = text.replace(/\\\n\s*/g, ' ');
  const result: { name: string; lines: string[] }[] = [];
  for (const line of joined.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?$/i.exec(line);
    if (from) result.push({ name: from[1] ?? '(final)', lines: [] });
    else result.at(-1)?.lines.push(line);
  }
  return result;
}

/** Runs `node file args` and resolves with its exit code and output (never blocks the event loop). */
function runNode(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; onStdout?: (text: string, child: ReturnType<typeof spawn>) => void } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, file), ...args], { cwd: options.cwd ?? ROOT, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('systemd unit', () => {
  const unit = unitSettings(read('deploy/deskwatch-server.service'));
  const one = (key: string) => unit.get(key)?.at(-1);

  it('starts the server script package.json defines, from the settings file', () => {
    const exec = /^\/usr\/bin\/node deploy\/run-script\.mjs (\S+)$/.exec(one('Service.ExecStart') ?? '');
    expect(exec, `ExecStart should be /usr/bin/node deploy/run-script.mjs <script>, got ${one('Service.ExecStart')}`).not.toBeNull();
    const script = exec?.[1] ?? '';
    expect(script).toBe('server');
    expect(pkg.scripts[script], `package.json defines no "${script}" script, which the unit runs`).toEqual(expect.any(String));
    expect(one('Service.EnvironmentFile')).toBe('/etc/deskwatch/server.env');
    expect(one('Service.WorkingDirectory')).toBe('/opt/deskwatch');
  });

  it('runs as its own user, restarts on failure, and is sandboxed', () => {
    expect(one('Service.User')).toBe('deskwatch');
    expect(['root', '0']).not.toContain(one('Service.Group'));
    expect(one('Service.Restart')).toBe('on-failure');
    expect(one('Service.KillMode')).toBe('control-group');
    for (const [key, value] of Object.entries({
      NoNewPrivileges: 'yes',
      ProtectSystem: 'strict',
      ProtectHome: 'yes',
      PrivateTmp: 'yes',
      PrivateDevices: 'yes',
      RestrictSUIDSGID: 'yes',
      CapabilityBoundingSet: '',
    })) {
      expect(one(`Service.${key}`), key).toBe(value);
    }
    // Nothing may hand back what ProtectSystem took away.
    expect(unit.has('Service.ReadWritePaths')).toBe(false);
  });

  it('does not restart on a setting the server refuses (it exits 2 for those)', async () => {
    expect(one('Service.RestartPreventExitStatus')).toBe('2');
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const refused = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(tsx, [path.join(ROOT, 'electron/server/server-cli.ts')], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', DESKWATCH_DATABASE_URL: 'sqlite:/tmp/x.sqlite' } });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(refused.stderr).toContain('DESKWATCH_DATABASE_URL');
    expect(refused.code).toBe(2);
  });

  it('the server script runs with production dependencies only (what the image installs), and builds nothing', () => {
    const script = pkg.scripts.server;
    expect(script, 'package.json defines no "server" script').toEqual(expect.any(String));
    // The renderer is built at install (deploy/README.md, the image's build stage): at start the
    // service's files are read-only (ProtectSystem=strict, a root-owned image) and the build's
    // tools (electron-vite) are dev dependencies.
    expect(script, 'the server script builds the renderer at each start').not.toMatch(/build-web|build:web|electron-vite/);
    const programs = (script ?? '')
      .split(/&&|\|\||;|\|/)
      .map((command) => command.trim().split(/\s+/).find((word) => !/^\w+=/.test(word)) ?? '');
    const shipped = (program: string) =>
      program === 'node' ||
      Object.keys(pkg.dependencies).some((dep) => {
        const bin = (JSON.parse(read(`node_modules/${dep}/package.json`)) as { bin?: string | Record<string, string> }).bin;
        return typeof bin === 'string' ? dep.split('/').at(-1) === program : bin !== undefined && program in bin;
      });
    for (const program of programs) expect(shipped(program), `"${program}" in the server script is not installed by npm ci --omit=dev`).toBe(true);
  });
});

describe('settings file example', () => {
  let tls: CertificateFiles;
  beforeAll(() => {
    tls = selfSignedCertificate();
  });
  afterAll(() => tls.dispose());

  it('lists each variable once, exactly the ones the server reads', () => {
    const names = exampleNames();
    expect(new Set(names).size).toBe(names.length);
    const serverDir = path.join(ROOT, 'electron/server');
    const sources = fs
      .readdirSync(serverDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fs.readFileSync(path.join(serverDir, f), 'utf8'))
      .join('\n');
    // env.NAME, env['NAME'], or a reader given (env, 'NAME').
    const readByServer = new Set([...sources.matchAll(/(?:\(env, ['"]|env\.|env\[['"])(DESKWATCH_[A-Z0-9_]+)/g)].map((m) => m[1]));
    expect([...readByServer].sort()).toEqual([...names].sort());
  });

  it('lists only variables the documentation lists', () => {
    const docs = ['README.md', 'deploy/README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).map((f) => `docs/${f}`)]
      .filter((f) => f.endsWith('.md'))
      .map(read)
      .join('\n');
    const documented = new Set(docs.match(/DESKWATCH_[A-Z0-9_]+/g));
    expect(exampleNames().filter((name) => !documented.has(name))).toEqual([]);
  });

  it('is a configuration the server accepts, as written and with every commented setting in', () => {
    expect(parseServerConfig({ env: exampleEnv(false) })).toMatchObject({ listen: { host: '127.0.0.1', port: 8080 }, trustProxy: { loopback: true }, tls: null });
    const all = { ...exampleEnv(true), DESKWATCH_TLS_CERT: tls.cert, DESKWATCH_TLS_KEY: tls.key };
    expect(parseServerConfig({ env: all })).toMatchObject({ oidc: { clientId: 'deskwatch' }, tls: { cert: expect.any(Buffer) } });
  });
});

describe('Containerfile', () => {
  const all = stages(read('deploy/Containerfile'));
  const final = all.at(-1) ?? { name: '', lines: [] };
  const stage = (name: string) => all.find((s) => s.name === name)?.lines ?? [];
  const copiedFrom = (name: string) => final.lines.filter((l) => l.startsWith(`COPY --from=${name} `));

  it('runs the server as an unprivileged user', () => {
    expect(final.name).toBe('(final)');
    const user = final.lines.filter((l) => l.startsWith('USER ')).at(-1);
    expect(user, 'the final stage sets no USER: it would run as root').toBeDefined();
    const [uid, gid] = (user ?? '').slice(5).trim().split(':');
    expect(['root', '0']).not.toContain(uid);
    expect(['root', '0']).not.toContain(gid);
    // And nothing runs after it as someone else.
    expect(final.lines.slice(final.lines.indexOf(user ?? '')).filter((l) => l.startsWith('RUN '))).toEqual([]);
  });

  it('ships production dependencies only, built without the Electron binary, and the built renderer', () => {
    const omitDev = all.find((s) => s.lines.includes('RUN npm ci --omit=dev'));
    expect(omitDev, 'no stage runs npm ci --omit=dev').toBeDefined();
    expect(copiedFrom(omitDev?.name ?? '')).toEqual([`COPY --from=${omitDev?.name} /app/node_modules ./node_modules`]);
    expect(stage('deps').some((l) => /^ENV .*\bELECTRON_SKIP_BINARY_DOWNLOAD=1\b/.test(l))).toBe(true);
    expect(stage('build')).toContain('RUN npm run build:web');
    expect(pkg.scripts['build:web']).toEqual(expect.any(String));
    expect(copiedFrom('build')).toEqual(['COPY --from=build /app/out/renderer ./out/renderer']);
  });

  it('copies only what the repository has, and starts the same script as the systemd unit', () => {
    for (const line of all.flatMap((s) => s.lines).filter((l) => l.startsWith('COPY ') && !l.startsWith('COPY --from'))) {
      const sources = line.split(/\s+/).slice(1, -1);
      for (const source of sources) expect(fs.existsSync(path.join(ROOT, source)), `${line}: ${source}`).toBe(true);
    }
    expect(final.lines).toContain('CMD ["node", "deploy/run-script.mjs", "server"]');
  });

  it('exposes the port it listens on, and checks its health at /api/health', () => {
    const listen = final.lines.find((l) => l.startsWith('ENV '))?.match(/\bDESKWATCH_LISTEN=(\S+)/)?.[1];
    expect(listen).toBe('0.0.0.0:8080');
    expect(final.lines).toContain('EXPOSE 8080');
    expect(final.lines.find((l) => l.startsWith('HEALTHCHECK '))).toMatch(/CMD \["node", "deploy\/healthcheck\.mjs"\]$/);
    expect(read('deploy/healthcheck.mjs')).toContain("path: '/api/health'");
  });
});

describe('nginx example', () => {
  const conf = read('deploy/nginx-deskwatch.conf').replace(/#.*$/gm, '');
  const block = (opening: RegExp): string => {
    const start = conf.search(opening);
    expect(start, `no block ${opening}`).toBeGreaterThanOrEqual(0);
    let depth = 0;
    for (let i = conf.indexOf('{', start); i < conf.length; i++) {
      if (conf[i] === '{') depth++;
      if (conf[i] === '}' && --depth === 0) return conf.slice(start, i + 1);
    }
    throw new Error(`unclosed block ${opening}`);
  };

  it('does not buffer the event stream', () => {
    const events = block(/location \/api\/events\s*\{/);
    expect(events).toMatch(/proxy_buffering\s+off;/);
    expect(events).toMatch(/proxy_read_timeout\s+\d+[hm];/);
    // A location with its own proxy_set_header would drop the server block's forwarded headers.
    expect(events).not.toMatch(/proxy_set_header/);
  });

  it('terminates TLS and passes the client address and scheme', () => {
    expect(conf).toMatch(/listen 443 ssl/);
    expect(conf).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
    expect(conf).toMatch(/proxy_set_header X-Forwarded-Proto \$scheme;/);
    expect(conf).toMatch(/proxy_set_header Host \$host;/);
  });

  it('proxies to the address the example settings listen on, and lets the largest call through', () => {
    expect(block(/upstream deskwatch\s*\{/)).toContain(`server ${exampleEnv(false).DESKWATCH_LISTEN};`);
    const size = /client_max_body_size (\d+)m;/.exec(conf)?.[1];
    const largest = Math.max(...Object.keys(contract).map((channel) => requestLimitOf(channel).bytes));
    expect(Number(size) * 1024 * 1024).toBeGreaterThan(largest);
  });
});

describe('run-script.mjs', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-run-script-'));
    fs.writeFileSync(
      path.join(dir, 'server.js'),
      `process.on('SIGTERM', () => { console.log('closing'); setTimeout(() => { console.log('closed'); process.exit(0); }, 300); });
       setInterval(() => {}, 1000); console.log('up ' + process.pid);`,
    );
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ scripts: { server: 'node server.js && echo after', crash: 'node -e "process.exit(3)"', bin: 'which-bin' } }),
    );
    fs.mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules/.bin/which-bin'), '#!/bin/sh\necho from-bin\n', { mode: 0o755 });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('passes a stop to the server through the shell, waits until it has closed, and exits 0', async () => {
    let pid = 0;
    const run = await runNode('deploy/run-script.mjs', ['server'], {
      cwd: dir,
      onStdout: (text, child) => {
        const up = /up (\d+)/.exec(text);
        if (up && pid === 0) {
          pid = Number(up[1]);
          child.kill('SIGTERM');
        }
      },
    });
    expect(run.stdout).toContain('closing');
    expect(run.stdout).toContain('closed');
    expect(run.code).toBe(0);
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it("exits with the script's status, finds node_modules/.bin, and names a missing script", async () => {
    expect((await runNode('deploy/run-script.mjs', ['crash'], { cwd: dir })).code).toBe(3);
    expect(await runNode('deploy/run-script.mjs', ['bin'], { cwd: dir })).toMatchObject({ code: 0, stdout: 'from-bin\n' });
    expect(await runNode('deploy/run-script.mjs', ['nope'], { cwd: dir })).toMatchObject({ code: 1, stderr: 'run-script: package.json has no "nope" script\n' });
  });
});

describe('healthcheck.mjs', () => {
  let tls: CertificateFiles;
  beforeAll(() => {
    tls = selfSignedCertificate();
  });
  afterAll(() => tls.dispose());

  const serve = async (secure: boolean, status: number) => {
    const answer = (req: http.IncomingMessage, res: http.ServerResponse) => {
      res.writeHead(req.url === '/api/health' ? status : 404, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    };
    const server = secure ? https.createServer({ cert: fs.readFileSync(tls.cert), key: fs.readFileSync(tls.key) }, answer) : http.createServer(answer);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(resolve)) };
  };
  const check = (env: Record<string, string>) => runNode('deploy/healthcheck.mjs', [], { env: { PATH: process.env.PATH ?? '', ...env } });

  it('is healthy when /api/health answers 200, over HTTP on every interface and over HTTPS', async () => {
    const plain = await serve(false, 200);
    expect((await check({ DESKWATCH_LISTEN: `0.0.0.0:${plain.port}` })).code).toBe(0);
    await plain.close();
    const secure = await serve(true, 200);
    expect((await check({ DESKWATCH_LISTEN: `127.0.0.1:${secure.port}`, DESKWATCH_TLS_CERT: tls.cert })).code).toBe(0);
    await secure.close();
  });

  it('is unhealthy when the server answers otherwise, or not at all', async () => {
    const failing = await serve(false, 503);
    const answered = await check({ DESKWATCH_LISTEN: `127.0.0.1:${failing.port}` });
    expect(answered).toMatchObject({ code: 1, stderr: 'health check: /api/health answered 503\n' });
    await failing.close();
    const gone = await check({ DESKWATCH_LISTEN: `127.0.0.1:${failing.port}` });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/ECONNREFUSED/);
  });
});
