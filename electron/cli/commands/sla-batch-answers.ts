/**
 * The answers of `sla batch` for a run of whole input lines: each line with clockStart,
 * responseDue and resolutionDue added, or {"error":"line N: …"}. Runs on the main thread and in
 * the batch's helper thread alike, so both give the same bytes.
 */
import { SlaInputError } from '../../core/sla/sla-errors';
import type { ClosureDate } from '../../core/sla/calendar-spec';
import { formatInstant } from '../../core/sla/zone-time';
import { CalendarMemo, computeDue, messageOf, type DueResult } from './sla-requests';

const LF = 10;
const CR = 13;
const OPEN_BRACE = 123;
const BYTES_PER_BUFFER = 1 << 20;

/** What every thread of one batch shares: checked once on the main thread. */
export interface BatchSettings {
  /** --holiday, checked; undefined: the default holidays. */
  defaultHolidays: string[] | undefined;
  /** --tz, checked. */
  defaultZone: string;
  /** Closure dates read from --ics. */
  closures: ClosureDate[];
}

export interface BatchAnswers {
  /** The output, in order, as UTF-8. */
  chunks: Buffer[];
  /** Whether any line was refused (the batch then exits 2). */
  failed: boolean;
}

export class BatchAnswerer {
  private readonly memo: CalendarMemo;

  constructor(private readonly settings: BatchSettings) {
    this.memo = new CalendarMemo(settings.closures);
  }

  /** Answers the lines of `text` (whole lines; the last may lack its break), numbering them from firstLine + 1. */
  answer(text: string, firstLine: number): BatchAnswers {
    const sink = new ByteSink();
    let failed = false;
    let lineNumber = firstLine;
    const lines = new LineSplitter((line) => {
      lineNumber++;
      // Blank lines are skipped (but counted); a line starting with "{" is never blank.
      if (line.charCodeAt(0) !== OPEN_BRACE && line.trim() === '') return;
      try {
        sink.add(this.answerLine(line));
      } catch (error) {
        failed = true;
        sink.add(`${JSON.stringify({ error: `line ${lineNumber}: ${messageOf(error)}` })}\n`);
      }
    });
    lines.push(text);
    lines.end();
    return { chunks: sink.take(), failed };
  }

  private answerLine(line: string): string {
    const { defaultHolidays, defaultZone } = this.settings;
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
      this.memo,
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
}

function formatDue(due: DueResult, t: number | null): string | null {
  return t === null ? null : formatInstant(due.zone, t);
}

function quoted(text: string | null): string {
  return text === null ? 'null' : `"${text}"`;
}

/** Output encoded straight into buffers of a megabyte: one copy per byte, no joined strings. */
class ByteSink {
  private chunks: Buffer[] = [];
  private buffer = Buffer.allocUnsafe(BYTES_PER_BUFFER);
  private used = 0;

  add(text: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (this.used + text.length * 3 > this.buffer.length) {
      this.seal();
      this.buffer = Buffer.allocUnsafe(Math.max(BYTES_PER_BUFFER, text.length * 3));
    }
    this.used += this.buffer.write(text, this.used);
  }

  take(): Buffer[] {
    this.seal();
    const chunks = this.chunks;
    this.chunks = [];
    return chunks;
  }

  private seal(): void {
    if (this.used > 0) this.chunks.push(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafe(0);
    this.used = 0;
  }
}

/** Splits text pushed in pieces into lines at \n, \r\n or a lone \r, as readline does; the last line needs no break. */
export class LineSplitter {
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
