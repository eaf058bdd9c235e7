/**
 * The command line in tests: in-process through `runCli` (fast, no compile, no process start),
 * and, for the few tests that prove the wiring, the real built CLI as `npm run cli` starts it.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { runCli as runProgram } from '../../electron/cli/main';

const ROOT = path.resolve(__dirname, '../..');
/** The launcher behind `npm run cli`: builds out/cli/deskwatch.cjs when stale, then runs it. */
export const CLI_LAUNCHER = path.join(ROOT, 'scripts', 'cli.mjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** Variables added to (or, when '', cleared from) the test process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Standard input, whole or in the pieces a pipe would deliver (a Buffer may end inside a character). */
  input?: string | readonly (string | Buffer)[];
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** Runs one command line in this process, with its own streams and environment. */
export async function runCli(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  const stdout = collector();
  const stderr = collector();
  const pieces = options.input === undefined ? [] : typeof options.input === 'string' ? [options.input] : options.input;
  const stdin = Readable.from(pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece)));
  const io = { stdin, stdout: stdout.stream, stderr: stderr.stream, env: { ...process.env, ...options.env }, exitCode: 0 };
  const status = await runProgram(args, io);
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

/** Builds the CLI bundle if it is stale (what `npm run cli` does before it runs). */
export function buildCli(): void {
  const run = spawnSync(process.execPath, [CLI_LAUNCHER, '--build'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`Could not build the CLI: ${run.stderr || run.error?.message}`);
}

/** Runs the real CLI in a child process, exactly as `npm run cli -- ARGS` does. */
export function spawnCli(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_LAUNCHER, ...args], { cwd: ROOT, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
    const stdin = new PassThrough();
    stdin.pipe(child.stdin);
    stdin.end(typeof options.input === 'string' ? options.input : Buffer.concat((options.input ?? []).map((p) => (typeof p === 'string' ? Buffer.from(p) : p))));
  });
}
