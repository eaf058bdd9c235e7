/**
 * `sla batch`: JSON lines in, the same lines with clockStart, responseDue and resolutionDue out,
 * in order; a bad line becomes {"error":"line N: field: why (got value)"} and the batch goes on.
 *
 * Built for hundreds of thousands of lines a second. Input is cut into runs of whole lines (the
 * same breaks as readline: \n, \r\n and a lone \r); each run is answered on this thread or, once
 * the input proves larger than one run, the CLI runs from its bundle and a core is idle, on a
 * helper thread as well. Answers are written strictly in input order,
 * in large chunks, waiting for the reader when it is slower.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { Worker } from 'node:worker_threads';
import type { CliIo } from '../cli-io';
import { BatchAnswerer, type BatchAnswers, type BatchSettings } from './sla-batch-answers';
import type { BatchJob, BatchJobDone } from './sla-batch-worker';
import { icsClosures, messageOf, parseHolidays, parseZone } from './sla-requests';

const LF = 10;
const CR = 13;

interface BatchOptions {
  holiday: string[];
  tz: string;
  ics?: string;
}

export interface BatchTuning {
  /** Characters of input per run of lines. */
  runChars?: number;
  /** The helper thread's script, or null for none (default: the bundle's, when the CLI runs from it). */
  workerFile?: string | null;
}

/** Runs waiting to be written at most; reading pauses beyond it, so memory stays bounded. */
const MAX_RUNS_IN_FLIGHT = 32;

/**
 * out/cli/sla-batch-worker.cjs beside the bundle, when a core is idle (load average below the core
 * count less one: a busy machine gains nothing from a second thread and pays for its start);
 * none when running from the TypeScript sources.
 */
function helperWorkerFile(): string | null {
  const file = path.join(__dirname, 'sla-batch-worker.cjs');
  if (!__filename.endsWith('.cjs') || !fs.existsSync(file)) return null;
  const cores = os.availableParallelism();
  return cores >= 2 && (os.loadavg()[0] ?? 0) <= cores - 1 ? file : null;
}

export async function runSlaBatch(options: BatchOptions, io: CliIo, tuning: BatchTuning = {}): Promise<void> {
  let settings: BatchSettings;
  try {
    const closures = await icsClosures(options.ics, (text) => io.stderr.write(text));
    const defaultHolidays = parseHolidays(options.holiday.length > 0 ? options.holiday : undefined, '--holiday');
    settings = { defaultHolidays, defaultZone: parseZone(options.tz), closures };
  } catch (error) {
    io.stderr.write(`sla batch: ${messageOf(error)}\n`);
    io.exitCode = 2;
    return;
  }
  const runChars = tuning.runChars ?? 1 << 18;
  const workerFile = tuning.workerFile === undefined ? helperWorkerFile() : tuning.workerFile;
  const local = new BatchAnswerer(settings);
  const writer = new OrderedWriter(io.stdout);
  let helper: HelperThread | null = null;
  let runs = 0;
  let nextLine = 0;

  const answerRun = async (text: string, lines: number): Promise<void> => {
    const firstLine = nextLine;
    nextLine += lines;
    // A second run means a large input: worth starting a helper thread (it costs a module load).
    if (runs === 1 && workerFile !== null) helper = new HelperThread(workerFile, settings);
    runs++;
    if (helper !== null && helper.queued < 2) writer.add(helper.answer(text, firstLine));
    else writer.add(local.answer(text, firstLine));
    await writer.roomFor(MAX_RUNS_IN_FLIGHT);
  };

  const cutter = new RunCutter(runChars);
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of io.stdin) {
      for (const run of cutter.push(typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer))) await answerRun(run.text, run.lines);
    }
    for (const run of cutter.push(decoder.end())) await answerRun(run.text, run.lines);
    const rest = cutter.end();
    if (rest !== '') await answerRun(rest, 0);
    await writer.finish();
  } finally {
    await (helper as HelperThread | null)?.close();
  }
  if (writer.failed) io.exitCode = 2;
}

/** Cuts text pushed in pieces into runs of whole lines of about `runChars` characters. */
class RunCutter {
  private pending = '';

  constructor(private readonly runChars: number) {}

  push(piece: string): { text: string; lines: number }[] {
    this.pending = this.pending === '' ? piece : this.pending + piece;
    const runs: { text: string; lines: number }[] = [];
    while (this.pending.length >= this.runChars) {
      const text = this.pending;
      // A \r at the very end may be the first half of \r\n: never cut right after it.
      const end = text.charCodeAt(text.length - 1) === CR ? text.length - 1 : text.length;
      const searchFrom = Math.min(this.runChars, end) - 1;
      // The first break at or after runChars (or, failing that, the last one before the end).
      let cut = nextBreakEnd(text, searchFrom, end);
      if (cut === -1) cut = lastBreakEnd(text, end);
      if (cut <= 0) break; // one line longer than a run: wait for its end
      runs.push({ text: text.slice(0, cut), lines: countBreaks(text, cut) });
      this.pending = text.slice(cut);
    }
    return runs;
  }

  /** What is left: the last line, without its break, if any. */
  end(): string {
    const rest = this.pending;
    this.pending = '';
    return rest;
  }
}

/** The index just after the first complete line break at or after `from`, before `end`; -1 if none. */
function nextBreakEnd(text: string, from: number, end: number): number {
  const lf = text.indexOf('\n', from);
  const cr = text.indexOf('\r', from);
  const first = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
  if (first === -1 || first >= end) return -1;
  if (text.charCodeAt(first) === CR && text.charCodeAt(first + 1) === LF) return first + 2;
  return first + 1;
}

/** The index just after the last complete line break before `end`; 0 if none. */
function lastBreakEnd(text: string, end: number): number {
  const lf = text.lastIndexOf('\n', end - 1);
  const cr = text.lastIndexOf('\r', end - 1);
  return Math.max(lf, cr) + 1;
}

/** Line breaks in text[0, end): each \n, and each \r not followed by \n. */
function countBreaks(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  for (let i = text.indexOf('\r'); i !== -1 && i < end; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== LF) count++;
  return count;
}

/** Writes runs' answers in the order the runs were read, whichever thread finishes first. */
class OrderedWriter {
  failed = false;
  private readonly slots: (BatchAnswers | null)[] = [];
  private written = 0;
  private waiting: (() => void) | null = null;
  private error: unknown = null;
  private draining: Promise<void> | null = null;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  add(answers: BatchAnswers | Promise<BatchAnswers>): void {
    const slot = this.slots.length;
    this.slots.push(null);
    if (answers instanceof Promise) {
      answers.then(
        (done) => this.settle(slot, done),
        (error: unknown) => {
          this.error ??= error;
          this.wake();
        },
      );
    } else {
      this.settle(slot, answers);
    }
  }

  /** Waits until at most `max` runs are unwritten and the stream has room. */
  async roomFor(max: number): Promise<void> {
    for (;;) {
      if (this.error !== null) throw this.error;
      if (this.draining !== null) await this.draining;
      else if (this.slots.length - this.written <= max) return;
      else await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  async finish(): Promise<void> {
    await this.roomFor(0);
  }

  private settle(slot: number, answers: BatchAnswers): void {
    this.slots[slot] = answers;
    for (let next = this.slots[this.written]; next !== null && next !== undefined; next = this.slots[this.written]) {
      this.slots[this.written] = null;
      this.written++;
      if (next.failed) this.failed = true;
      for (const chunk of next.chunks) {
        if (!this.stream.write(chunk) && this.draining === null) {
          this.draining = new Promise<void>((resolve) =>
            this.stream.once('drain', () => {
              this.draining = null;
              resolve();
            }),
          );
        }
      }
    }
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }
}

/** A worker thread answering runs with the same settings; its answers come back in order of sending. */
class HelperThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (answers: BatchAnswers) => void; reject: (error: unknown) => void }>();
  private nextId = 0;

  constructor(file: string, settings: BatchSettings) {
    this.worker = new Worker(file, { workerData: settings });
    this.worker.on('message', (done: BatchJobDone) => {
      const job = this.pending.get(done.id);
      this.pending.delete(done.id);
      // Buffers arrive as plain Uint8Arrays over the thread boundary.
      job?.resolve({ chunks: done.chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)), failed: done.failed });
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => {
      if (this.pending.size > 0) this.failAll(new Error(`the batch's helper thread stopped (exit code ${code})`));
    });
  }

  get queued(): number {
    return this.pending.size;
  }

  answer(text: string, firstLine: number): Promise<BatchAnswers> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const job: BatchJob = { id, text, firstLine };
      this.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private failAll(error: unknown): void {
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}
