/**
 * `sla batch`: JSON lines in, the same lines with clockStart, responseDue and resolutionDue out,
 * in order; a bad line becomes {"error":"line N: field: why (got value)"} and the batch goes on.
 *
 * Built for hundreds of thousands of lines a second: input is split into lines by hand (the
 * same breaks as readline: \n, \r\n and a lone \r), calendars are remembered, and output is
 * written in large chunks, waiting for the pipe to drain.
 */
import { StringDecoder } from 'node:string_decoder';
import { SlaInputError } from '../../core/sla/sla-errors';
import { formatInstant } from '../../core/sla/zone-time';
import type { CliIo } from '../cli-io';
import { CalendarMemo, computeDue, icsClosures, messageOf, parseHolidays, parseZone, type DueResult } from './sla-requests';

const OUTPUT_CHUNK = 1 << 20;
const LF = 10;
const CR = 13;
const OPEN_BRACE = 123;

interface BatchOptions {
  holiday: string[];
  tz: string;
  ics?: string;
}

export async function runSlaBatch(options: BatchOptions, io: CliIo): Promise<void> {
  let memo: CalendarMemo;
  let defaultHolidays: string[] | undefined;
  try {
    memo = new CalendarMemo(await icsClosures(options.ics, (text) => io.stderr.write(text)));
    defaultHolidays = parseHolidays(options.holiday.length > 0 ? options.holiday : undefined, '--holiday');
    parseZone(options.tz);
  } catch (error) {
    io.stderr.write(`sla batch: ${messageOf(error)}\n`);
    io.exitCode = 2;
    return;
  }
  const output = new ChunkedOutput(io.stdout);
  let failed = false;
  let lineNumber = 0;
  const answerLine = (line: string): void => {
    lineNumber++;
    // Blank lines are skipped (but counted); a line starting with "{" is never blank.
    if (line.charCodeAt(0) !== OPEN_BRACE && line.trim() === '') return;
    try {
      output.add(answerFor(line, memo, defaultHolidays, options.tz));
    } catch (error) {
      failed = true;
      output.add(`${JSON.stringify({ error: `line ${lineNumber}: ${messageOf(error)}` })}\n`);
    }
  };
  const lines = new LineSplitter(answerLine);
  const decoder = new StringDecoder('utf8');
  for await (const chunk of io.stdin) {
    lines.push(typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    await output.flushIfFull();
  }
  lines.push(decoder.end());
  lines.end();
  await output.flush();
  if (failed) io.exitCode = 2;
}

function answerFor(line: string, memo: CalendarMemo, defaultHolidays: string[] | undefined, defaultZone: string): string {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (error) {
    throw new SlaInputError('json', line.length > 60 ? `${line.slice(0, 60)}…` : line, `bad JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new SlaInputError('json', input, 'expected a JSON object per line');
  const fields = input as Record<string, unknown>;
  const due = computeDue(
    {
      priority: fields.priority,
      received: fields.received,
      holidays: 'holidays' in fields ? fields.holidays : defaultHolidays,
      tz: 'tz' in fields ? fields.tz : defaultZone,
    },
    memo,
    defaultHolidays,
  );
  const clockStart = formatInstant(due.zone, due.deadlines.clockStart.at);
  const responseDue = formatDue(due, due.deadlines.response.dueAt);
  const resolutionDue = formatDue(due, due.deadlines.resolution.dueAt);
  if (!Object.hasOwn(fields, 'clockStart') && !Object.hasOwn(fields, 'responseDue') && !Object.hasOwn(fields, 'resolutionDue')) {
    // The three keys are new, so they go last: the line's own JSON with them appended is exactly
    // JSON.stringify({ ...fields, clockStart, responseDue, resolutionDue }), without the copy.
    // The instants are plain ASCII and need no escaping.
    const own = JSON.stringify(fields);
    const sep = own.length > 2 ? ',' : '';
    return `${own.slice(0, -1)}${sep}"clockStart":"${clockStart}","responseDue":${quoted(responseDue)},"resolutionDue":${quoted(resolutionDue)}}\n`;
  }
  return `${JSON.stringify({ ...fields, clockStart, responseDue, resolutionDue })}\n`;
}

function formatDue(due: DueResult, t: number | null): string | null {
  return t === null ? null : formatInstant(due.zone, t);
}

function quoted(text: string | null): string {
  return text === null ? 'null' : `"${text}"`;
}

/** Splits text pushed in pieces into lines at \n, \r\n or a lone \r, as readline does; the last line needs no break. */
class LineSplitter {
  private carry = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(piece: string): void {
    if (piece === '') return;
    const text = this.carry === '' ? piece : this.carry + piece;
    let start = 0;
    let cr = text.indexOf('\r');
    for (;;) {
      const lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        // A \r at the very end may be the first half of \r\n: wait for the next piece.
        if (cr === text.length - 1) break;
        this.onLine(text.slice(start, cr));
        start = text.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1;
      } else if (lf !== -1) {
        this.onLine(text.slice(start, lf));
        start = lf + 1;
      } else {
        break;
      }
    }
    this.carry = text.slice(start);
  }

  end(): void {
    const rest = this.carry;
    this.carry = '';
    if (rest === '') return;
    this.onLine(rest.charCodeAt(rest.length - 1) === CR ? rest.slice(0, -1) : rest);
  }
}

/**
 * Encodes output straight into a buffer of about a megabyte and writes it when full, waiting when
 * the reader is slower: one copy per byte, instead of joining strings and encoding them again.
 */
class ChunkedOutput {
  private buffer = Buffer.allocUnsafe(OUTPUT_CHUNK);
  private used = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  add(text: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (this.used + text.length * 3 > this.buffer.length) {
      this.writeOut();
      if (text.length * 3 > this.buffer.length) this.buffer = Buffer.allocUnsafe(text.length * 3);
    }
    this.used += this.buffer.write(text, this.used);
  }

  async flushIfFull(): Promise<void> {
    if (this.used >= OUTPUT_CHUNK / 2) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.writeOut()) return;
    await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }

  /** Hands the filled part to the stream (which keeps it) and starts a new buffer; false when the stream asks to wait. */
  private writeOut(): boolean {
    if (this.used === 0) return true;
    const chunk = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(OUTPUT_CHUNK);
    this.used = 0;
    return this.stream.write(chunk);
  }
}
