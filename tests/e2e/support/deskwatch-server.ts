import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export interface ServerStartOptions {
  /** An instant for the core's clock to start at, e.g. 2026-11-30T11:59:00-06:00 (web-cli's `--now`). */
  now?: string;
}

/**
 * One browser-mode server (`web-cli.ts`) on one database file. It can be stopped and started
 * again on the same database and the same port, as a person restarting it would; the token is
 * new each time, as it is in real use.
 */
export class DeskwatchServer {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private current: { origin: string; token: string; url: string } | null = null;
  /** Everything the server printed, for the report of a failed test. */
  log = '';

  /** `extraArgs`: more flags for web-cli.ts, e.g. `['--now', '2026-11-30T16:30:00-06:00']`. */
  constructor(
    readonly dbPath: string,
    readonly extraArgs: readonly string[] = [],
  ) {}

  /** The address to open: origin plus `?token=`. */
  get url(): string {
    return this.running().url;
  }
  get origin(): string {
    return this.running().origin;
  }
  get token(): string {
    return this.running().token;
  }

  /** `options.now` (ISO 8601) starts the core's clock there for this run (`--now`, after `extraArgs`, so it wins); it then runs on in real time. */
  async start(port = 0, options: ServerStartOptions = {}): Promise<void> {
    if (this.child) throw new Error('The Deskwatch server is already running');
    const child = spawn(
      path.join(REPO_ROOT, 'node_modules/.bin/tsx'),
      ['electron/web/web-cli.ts', '--db', this.dbPath, '--port', String(port), ...this.extraArgs, ...(options.now ? ['--now', options.now] : [])],
      // Its own process group, so stop() also ends the node process tsx starts.
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, NO_COLOR: '1' } },
    );
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));

    this.current = await new Promise((resolve, reject) => {
      let stdout = '';
      const fail = (why: string) => {
        clearTimeout(timer);
        reject(new Error(`${why}\n--- server output ---\n${this.log}`));
      };
      const timer = setTimeout(() => fail(`The Deskwatch server printed no "open:" line within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        this.log += chunk.toString();
        const match = /open: (http:\/\/\S+)/.exec(stdout);
        if (!match?.[1]) return;
        clearTimeout(timer);
        const url = new URL(match[1]);
        const token = url.searchParams.get('token') ?? '';
        resolve({ origin: url.origin, token, url: match[1] });
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        this.log += chunk.toString();
      });
      child.once('exit', (code, signal) => fail(`The Deskwatch server exited before it was ready (code ${code}, signal ${signal})`));
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    this.current = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    signalGroup(child, 'SIGTERM');
    const stopped = await Promise.race([this.exited.then(() => true), delay(STOP_TIMEOUT_MS).then(() => false)]);
    if (!stopped) {
      signalGroup(child, 'SIGKILL');
      await this.exited;
    }
  }

  /** Stops the server and starts it again on the same database and port. */
  async restart(options: ServerStartOptions = {}): Promise<void> {
    const port = Number(new URL(this.origin).port);
    await this.stop();
    await this.start(port, options);
  }

  private running(): { origin: string; token: string; url: string } {
    if (!this.current) throw new Error('The Deskwatch server is not running');
    return this.current;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
