import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../../support/databases';
import { runCli } from '../../support/run-cli';
import { request } from './server-fixture';

const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SERVER_CLI = path.join(ROOT, 'electron', 'server', 'server-cli.ts');

interface Started {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** `npm run server` without the renderer build: the same entry point, in its own process, with this environment only. */
function startServerProcess(env: Record<string, string>): Started {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DESKWATCH_')));
  const child = spawn(TSX, [SERVER_CLI], { cwd: ROOT, env: { ...clean, ...env } });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitForOutput(started: Started, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(started.stdout());
    if (match) return match;
    if (started.child.exitCode !== null) throw new Error(`the server exited (${started.child.exitCode}): ${started.stderr()}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms; stdout: ${started.stdout()} stderr: ${started.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('npm run server (server-cli.ts)', () => {
  let db: FreshDatabase | null = null;
  const running: Started[] = [];
  afterEach(async () => {
    for (const started of running.splice(0)) {
      if (started.child.exitCode === null) {
        started.child.kill('SIGTERM');
        await started.exited;
      }
    }
    await db?.dispose();
    db = null;
  });

  it('starts on PostgreSQL, prints its URL and how to create the first supervisor, serves health, and stops on SIGTERM', { timeout: 120_000 }, async () => {
    db = await freshDatabase('postgres');
    if (db.config.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const env = { DESKWATCH_DATABASE_URL: db.config.url, DESKWATCH_LISTEN: '127.0.0.1:0' };
    const first = startServerProcess(env);
    running.push(first);
    const [, url] = await waitForOutput(first, /open: (http:\/\/127\.0\.0\.1:\d+)\n/);
    await waitForOutput(first, /sign-in: email and password\n/);
    await waitForOutput(first, /No active supervisor can sign in yet[\s\S]*npm run cli -- staff add --role supervisor/);
    const health = await request(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(health.json()).toMatchObject({ ok: true, value: { status: 'ok' } });
    expect(first.stdout()).toContain('database: PostgreSQL');
    // The password never shows (CI's role is deskwatch:deskwatch, so look for it where it would stand).
    const password = new URL(db.config.url).password;
    if (password) {
      expect(first.stdout()).not.toContain(`:${password}@`);
      expect(first.stdout()).toContain(':***@');
    }
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    // With a supervisor who has a password, the hint is gone.
    const added = await runCli(['staff', 'add', '--role', 'supervisor', '--name', 'Dana Supervisor', '--email', 'dana@district.example', '--password-stdin'], {
      env: { DESKWATCH_DATABASE_URL: db.config.url },
      input: 'a long enough password\n',
    });
    expect(added.status, added.stderr).toBe(0);
    const second = startServerProcess(env);
    running.push(second);
    // The whole banner is written at once, the hint with it when there is one.
    await waitForOutput(second, /sign-in: email and password\n/);
    expect(second.stdout()).not.toContain('No active supervisor');
  });

  it('refuses to listen on a wildcard address without TLS or a proxy, saying why (exit 2)', { timeout: 60_000 }, async () => {
    const started = startServerProcess({ DESKWATCH_DATABASE_URL: 'postgres://deskwatch@127.0.0.1:1/none', DESKWATCH_LISTEN: '0.0.0.0:8080' });
    running.push(started);
    expect(await started.exited).toBe(2);
    expect(started.stderr()).toMatch(/^deskwatch server: Refusing to listen on every interface \(0\.0\.0\.0:8080\) over plain HTTP/);
    expect(started.stderr()).toMatch(/DESKWATCH_TLS_CERT/);
  });

  it('refuses to start without a database URL, naming the variable', { timeout: 60_000 }, async () => {
    const started = startServerProcess({});
    running.push(started);
    expect(await started.exited).toBe(2);
    expect(started.stderr()).toMatch(/DESKWATCH_DATABASE_URL is not set: the district server needs PostgreSQL/);
  });
});
