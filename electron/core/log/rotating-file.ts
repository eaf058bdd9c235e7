import fs from 'node:fs';
import path from 'node:path';
import { lineLogger, type Logger } from './logger';

export const LOG_FILE_NAME = 'deskwatch.log';
/** About 5 MB a file and three files: a few weeks of a desk's warnings, never a full disk. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_KEEP_FILES = 3;

export interface RotatingFileOptions {
  /** The live file, e.g. `<userData>/logs/deskwatch.log`; older ones are `deskwatch.log.1`, `.2`… */
  file: string;
  maxBytes?: number;
  /** Files kept in all, the live one included. */
  keepFiles?: number;
}

/** Where the desktop app keeps its log, inside the per-user data folder. */
export function logFileIn(userDataDir: string): string {
  return path.join(userDataDir, 'logs', LOG_FILE_NAME);
}

/**
 * Appends lines to a file and, when the next line would take it past `maxBytes`, shifts the files
 * (`.log` → `.log.1` → `.log.2`…, dropping the oldest) and starts a new one. Writes are synchronous:
 * a log is written rarely, and a line written just before a crash is the one that explains it.
 */
export class RotatingFile {
  private readonly maxBytes: number;
  private readonly keepFiles: number;
  private fd: number | null = null;
  private size = 0;

  constructor(private readonly options: RotatingFileOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.keepFiles = Math.max(1, options.keepFiles ?? DEFAULT_KEEP_FILES);
  }

  get file(): string {
    return this.options.file;
  }

  write(line: string): void {
    const bytes = Buffer.byteLength(line);
    if (this.fd === null) this.open();
    if (this.size > 0 && this.size + bytes > this.maxBytes) {
      this.rotate();
      this.open();
    }
    fs.writeSync(this.fd as number, line);
    this.size += bytes;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private open(): void {
    fs.mkdirSync(path.dirname(this.options.file), { recursive: true });
    this.fd = fs.openSync(this.options.file, 'a');
    this.size = fs.fstatSync(this.fd).size;
  }

  private rotate(): void {
    this.close();
    const name = (n: number) => (n === 0 ? this.options.file : `${this.options.file}.${n}`);
    fs.rmSync(name(this.keepFiles - 1), { force: true });
    for (let n = this.keepFiles - 2; n >= 0; n--) {
      if (fs.existsSync(name(n))) fs.renameSync(name(n), name(n + 1));
    }
  }
}

/** A logger writing to a rotating file; `close()` releases the file at quit. */
export function rotatingFileLogger(options: RotatingFileOptions): Logger & { file: string; close(): void } {
  const target = new RotatingFile(options);
  return { ...lineLogger((line) => target.write(line)), file: target.file, close: () => target.close() };
}
