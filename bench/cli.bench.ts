/**
 * Command line benchmark: `npx tsx bench/cli.bench.ts`.
 *
 * Runs the CLI as a person or a script does, as separate processes on the built bundle:
 * - start-up: `npm run cli -- --help` and `node scripts/cli.mjs --help`, 10 runs each (median);
 * - `sla batch`: 500,000 generated JSON lines (mixed priorities and received times; one line in
 *   ten with its own zone, one in twenty with its own holidays) written into its standard input
 *   through a pipe and its output read from a pipe, end to end from process start to exit,
 *   3 runs (median). Every output line is counted and the exit code checked.
 *
 * Exits 1 when a target is missed: `--help` under 500 ms through npm, batch ≥ 200,000 lines/s.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { percentile, random, report } from './bench-kit';

const ROOT = path.resolve(__dirname, '..');
const LAUNCHER = path.join(ROOT, 'scripts', 'cli.mjs');
const LINES = 500_000;
const HELP_RUNS = 10;
const BATCH_RUNS = 3;

function batchInput(file: string): void {
  const next = random(2026);
  const pad = (n: number) => String(n).padStart(2, '0');
  const zones = ['America/New_York', 'America/Denver', 'Europe/London', 'Australia/Sydney'];
  const lines: string[] = [];
  for (let i = 0; i < LINES; i++) {
    const month = 1 + Math.floor(next() * 12);
    const day = 1 + Math.floor(next() * 28);
    const line: Record<string, unknown> = {
      id: `DW-${String(i + 1).padStart(6, '0')}`,
      priority: 1 + Math.floor(next() * 5),
      received: `2026-${pad(month)}-${pad(day)}T${pad(Math.floor(next() * 24))}:${pad(Math.floor(next() * 60))}:00`,
    };
    if (i % 10 === 3) line.tz = zones[i % zones.length];
    if (i % 20 === 7) line.holidays = ['2026-11-26', '2026-11-27', '2026-12-25'];
    lines.push(JSON.stringify(line));
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

function timeHelp(command: string, args: string[]): number[] {
  const samples: number[] = [];
  for (let i = 0; i < HELP_RUNS; i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (run.status !== 0 || !run.stdout.includes('Usage: deskwatch')) throw new Error(`--help failed: ${run.stderr}`);
  }
  return samples;
}

/**
 * CPU seconds used by this process's finished children (Linux: cutime + cstime of /proc/self/stat,
 * in clock ticks of 1/100 s), or NaN elsewhere. On a shared machine the wall clock also counts the
 * time the CLI waited for a core; this says what the CLI itself spent.
 */
function childrenCpuSeconds(): number {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    // After "pid (comm) ", field 3 (state) is index 0, so cutime (16) and cstime (17) are 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** One batch run through pipes: ms from spawn to exit, CPU seconds of the CLI, and the number of lines read back. */
function timeBatch(file: string): Promise<{ ms: number; cpu: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const cpuBefore = childrenCpuSeconds();
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [LAUNCHER, 'sla', 'batch'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    let lines = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    fs.createReadStream(file, { highWaterMark: 1 << 16 }).pipe(child.stdin);
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) reject(new Error(`sla batch exited with ${code}`));
      else resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, cpu: childrenCpuSeconds() - cpuBefore, lines });
    });
  });
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, [LAUNCHER, '--build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`could not build the CLI: ${build.stderr}`);

  const viaNpm = timeHelp('npm', ['run', '--silent', 'cli', '--', '--help']);
  const direct = timeHelp(process.execPath, [LAUNCHER, '--help']);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-cli-bench-'));
  const file = path.join(dir, 'requests.jsonl');
  try {
    batchInput(file);
    const runs: { ms: number; cpu: number; lines: number }[] = [];
    for (let i = 0; i < BATCH_RUNS; i++) runs.push(await timeBatch(file));
    for (const run of runs) if (run.lines !== LINES) throw new Error(`sla batch wrote ${run.lines} lines for ${LINES}`);
    const rates = runs.map((run) => LINES / (run.ms / 1000));
    console.log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0]?.toFixed(2)}, Node ${process.version}`);
    console.log(`sla batch runs: ${runs.map((r, i) => `${r.ms.toFixed(0)} ms (${Math.round(rates[i]!).toLocaleString('en-US')} lines/s)`).join(', ')}`);
    console.log(`CPU of the CLI per run: ${runs.map((r) => `${r.cpu.toFixed(2)} s (${Math.round(LINES / r.cpu).toLocaleString('en-US')} lines per CPU second)`).join(', ')}`);
    const ok = report('Command line', [
      { name: 'npm run cli -- --help, median of 10', value: percentile(viaNpm, 50), unit: 'ms', target: 500, better: 'lower' },
      { name: 'node scripts/cli.mjs --help, median of 10', value: percentile(direct, 50), unit: 'ms', target: 300, better: 'lower' },
      { name: `sla batch, ${LINES.toLocaleString('en-US')} lines through pipes, median of ${BATCH_RUNS}`, value: percentile(rates, 50) / 1000, unit: 'k/s', target: 200, better: 'higher' },
    ]);
    process.exitCode = ok ? 0 : 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
