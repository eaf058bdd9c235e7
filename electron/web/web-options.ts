import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';

export interface WebOptions {
  db?: string;
  port: number;
  /** Start the core's clock at this instant (epoch ms); it then runs forward in real time. */
  now?: number;
  /** Fill a fresh database with the demo district. */
  demo: boolean;
}

export class UsageError extends Error {}

/** Parses `npm run web -- [--db PATH] [--port N] [--now ISO] [--demo]`; every bad flag is named in the error. */
export function parseWebOptions(argv: string[]): WebOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { db: { type: 'string' }, port: { type: 'string' }, now: { type: 'string' }, demo: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const options: WebOptions = { port: 0, demo: values.demo === true };
  if (values.db !== undefined) {
    if (!values.db.trim()) throw new UsageError('--db needs a file path');
    options.db = values.db;
  }
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
    options.port = port;
  }
  if (values.now !== undefined) {
    const parsed = DateTime.fromISO(values.now, { setZone: true });
    if (!parsed.isValid) throw new UsageError(`--now must be an ISO 8601 instant such as 2026-11-30T08:00:00-06:00, got "${values.now}"`);
    options.now = parsed.toMillis();
  }
  return options;
}
