/**
 * The files that run the district server as a service (deploy/), checked as far as they can be
 * without systemd, a container engine or nginx: that they name what the project really has (the
 * server bundle `npm run build:server` makes, its settings, the folders an image copies), that
 * their safety settings are there, and that the bundle and the health check behave.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { builtinModules } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, requestLimitOf } from '../../shared/contract';
import { parseServerConfig } from '../../electron/server/server-config';
import { selfSignedCertificate, type CertificateFiles } from '../integration/server/self-signed';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; dependencies: Record<string, string> };
/** Where deploy/README.md installs the release; the unit names files there. */
const INSTALL_DIR = '/opt/deskwatch';

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

/** Runs `node file args` (file relative to the repository) and resolves with its exit code and output (never blocks the event loop). */
function runNode(file: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve(ROOT, file), ...args], { cwd: ROOT, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('systemd unit', () => {
  const unit = unitSettings(read('deploy/deskwatch-server.service'));
  const one = (key: string) => unit.get(key)?.at(-1);
  /** The unit's program and its file, as in this checkout (INSTALL_DIR is the repository's root). */
  const exec = /^(\S+) (\S+)$/.exec(one('Service.ExecStart') ?? '');
  const bundle = path.join(ROOT, path.posix.relative(INSTALL_DIR, exec?.[2] ?? ''));

  beforeAll(() => {
    // What deploy/README.md runs at install.
    const run = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    if (run.status !== 0) throw new Error(`npm run build:server failed: ${run.stderr || run.error?.message}`);
  }, 120_000);

  it('runs, with node, the server bundle npm run build:server makes in the release folder, with the settings file', () => {
    expect(exec, `ExecStart should be /usr/bin/node <file>, got ${one('Service.ExecStart')}`).not.toBeNull();
    expect(exec?.[1]).toBe('/usr/bin/node');
    expect(exec?.[2]).toBe(`${INSTALL_DIR}/out/server/deskwatch-server.cjs`);
    expect(pkg.scripts['build:server'], 'package.json defines no "build:server" script, which deploy/README.md runs').toEqual(expect.any(String));
    // Built from the server's entry point: its inputs list says so.
    const inputs = JSON.parse(fs.readFileSync(bundle.replace(/\.cjs$/, '.inputs.json'), 'utf8')) as string[];
    expect(inputs).toContain('electron/server/server-cli.ts');
    expect(fs.statSync(bundle).mtimeMs).toBeGreaterThanOrEqual(fs.statSync(path.join(ROOT, 'electron/server/server-cli.ts')).mtimeMs);
    expect(one('Service.EnvironmentFile')).toBe('/etc/deskwatch/server.env');
    expect(one('Service.WorkingDirectory')).toBe(INSTALL_DIR);
    expect(read('deploy/README.md')).toContain('npm ci && npm run build:server');
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

  it('does not restart on a setting the server refuses (the bundle exits 2 for those)', async () => {
    expect(one('Service.RestartPreventExitStatus')).toBe('2');
    const refused = await runNode(bundle, [], { env: { PATH: process.env.PATH ?? '', DESKWATCH_DATABASE_URL: 'sqlite:/tmp/x.sqlite' } });
    expect(refused.stderr).toContain('DESKWATCH_DATABASE_URL');
    expect(refused.code).toBe(2);
  });

  it('loads the whole server, ESM-only packages (openid-client) included, before it reaches the database', async () => {
    // The server loads its modules once the settings are usable, then opens the database: failing
    // on the connection means every module loaded.
    const run = await runNode(bundle, [], { env: { PATH: process.env.PATH ?? '', DESKWATCH_DATABASE_URL: 'postgres://deskwatch@127.0.0.1:1/deskwatch' } });
    expect(run.stderr).toBe('deskwatch server: connect ECONNREFUSED 127.0.0.1:1\n');
    expect(run.code).toBe(1);
  });

  it('needs production dependencies only (what npm ci --omit=dev installs), and no compiler', () => {
    const required = [...new Set([...fs.readFileSync(bundle, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1] ?? ''))];
    const packages = required
      .filter((id) => !id.startsWith('node:') && !builtinModules.includes(id))
      .map((id) => (id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : (id.split('/')[0] ?? '')));
    expect(packages).toContain('openid-client');
    expect(packages.filter((name) => !(name in pkg.dependencies)), 'packages the bundle loads that npm ci --omit=dev does not install').toEqual([]);
    expect(required.filter((id) => id.startsWith('.') || id.startsWith('/')), 'files the bundle loads from beside it').toEqual([]);
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

  it('ships production dependencies only, built without the Electron binary, and what npm run build:server built', () => {
    const omitDev = all.find((s) => s.lines.includes('RUN npm ci --omit=dev'));
    expect(omitDev, 'no stage runs npm ci --omit=dev').toBeDefined();
    expect(copiedFrom(omitDev?.name ?? '')).toEqual([`COPY --from=${omitDev?.name} /app/node_modules ./node_modules`]);
    expect(stage('deps').some((l) => /^ENV .*\bELECTRON_SKIP_BINARY_DOWNLOAD=1\b/.test(l))).toBe(true);
    expect(stage('build')).toContain('RUN npm run build:server');
    expect(pkg.scripts['build:server']).toEqual(expect.any(String));
    expect(copiedFrom('build')).toEqual([
      'COPY --from=build /app/out/renderer ./out/renderer',
      'COPY --from=build /app/out/server ./out/server',
      'COPY --from=build /app/out/cli ./out/cli',
    ]);
  });

  it('copies only what the repository has, no sources, and starts the same bundle as the systemd unit', () => {
    const copied = all.flatMap((s) => s.lines).filter((l) => l.startsWith('COPY ') && !l.startsWith('COPY --from'));
    for (const line of copied) {
      const sources = line.split(/\s+/).slice(1, -1);
      for (const source of sources) expect(fs.existsSync(path.join(ROOT, source)), `${line}: ${source}`).toBe(true);
    }
    const finalSources = final.lines.filter((l) => l.startsWith('COPY ') && !l.startsWith('COPY --from')).flatMap((l) => l.split(/\s+/).slice(1, -1));
    expect(finalSources.filter((source) => /^(electron|shared|renderer)\b|\.ts$/.test(source)), 'TypeScript sources in the image: nothing there compiles them').toEqual([]);
    const workdir = final.lines.filter((l) => l.startsWith('WORKDIR ')).at(-1)?.slice(8).trim() ?? '';
    const execStart = unitSettings(read('deploy/deskwatch-server.service')).get('Service.ExecStart')?.at(-1) ?? '';
    const bundle = path.posix.relative(INSTALL_DIR, execStart.split(' ')[1] ?? '');
    expect(final.lines).toContain(`CMD ["node", "${bundle}"]`);
    expect(path.posix.join(workdir, bundle)).toBe('/app/out/server/deskwatch-server.cjs');
  });

  it('can run npm run cli (the first supervisor): its launcher and the scripts it imports are there', () => {
    expect(pkg.scripts.cli).toBe('node scripts/cli.mjs');
    const finalSources = final.lines.filter((l) => l.startsWith('COPY ') && !l.startsWith('COPY --from')).flatMap((l) => l.split(/\s+/).slice(1, -1));
    expect(finalSources).toContain('package.json');
    expect(finalSources).toContain('scripts/cli.mjs');
    for (const [, imported] of read('scripts/cli.mjs').matchAll(/from '\.\/([^']+)'/g)) expect(finalSources).toContain(`scripts/${imported}`);
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
