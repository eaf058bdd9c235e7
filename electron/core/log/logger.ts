/**
 * One logger for the whole core: the scheduler, the event relay and the handlers' dispatch all
 * write through it, so "details are in the log" names one place. Where lines go is the host's
 * choice: the console (stderr) for the browser mode and the CLI, a rotating file for the desktop
 * app (see rotating-file.ts).
 */
export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(message: string): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

/** The older shape (`log(message, error)`) some callers still pass; every such line is an error. */
export type LogFunction = (message: string, error: unknown) => void;

/** One formatted line per record: ISO time, level, message and, for an error, its stack (or text). */
export function formatLogLine(level: LogLevel, message: string, error: unknown, at: Date = new Date()): string {
  const detail = error === undefined ? '' : ` ${describeError(error)}`;
  return `${at.toISOString()} ${level.toUpperCase()} ${message}${detail}\n`;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const head = error.stack ?? `${error.name}: ${error.message}`;
    const withCode = typeof code === 'string' && !head.includes(code) ? `${head}\n  code: ${code}` : head;
    return error.cause === undefined ? withCode : `${withCode}\n  caused by: ${describeError(error.cause)}`;
  }
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

/** A logger that hands each formatted line to `write` (a stream, a file). */
export function lineLogger(write: (line: string) => void, now: () => Date = () => new Date()): Logger {
  const emit = (level: LogLevel, message: string, error?: unknown) => {
    try {
      write(formatLogLine(level, message, error, now()));
    } catch {
      // Logging must never take the app down with it (a full disk, a closed stream).
    }
  };
  return {
    info: (message) => emit('info', message),
    warn: (message, error) => emit('warn', message, error),
    error: (message, error) => emit('error', message, error),
  };
}

/** The browser mode's and the CLI's logger: lines on stderr, where a terminal or a service manager keeps them. */
export function consoleLogger(stream: Pick<NodeJS.WriteStream, 'write'> = process.stderr): Logger {
  return lineLogger((line) => stream.write(line));
}

/** Says nothing (tests, benchmarks). */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Several loggers at once (the desktop app: its file, and stderr while run from a terminal). */
export function teeLogger(...loggers: readonly Logger[]): Logger {
  return {
    info: (message) => loggers.forEach((l) => l.info(message)),
    warn: (message, error) => loggers.forEach((l) => l.warn(message, error)),
    error: (message, error) => loggers.forEach((l) => l.error(message, error)),
  };
}

/** Accepts a Logger or the older `log(message, error)` function. */
export function toLogger(log: Logger | LogFunction | undefined): Logger {
  if (log === undefined) return consoleLogger();
  if (typeof log === 'function') return { info: (m) => log(m, undefined), warn: (m, e) => log(m, e), error: (m, e) => log(m, e) };
  return log;
}
