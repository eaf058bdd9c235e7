import { startCore, type Core } from '../core/core';
import { consoleLogger } from '../core/log/logger';
import type { CliIo } from './cli-io';
import { resolveCliDatabase } from './database-option';

/** Opens the core on the command's database for the length of one command. */
export async function withCore<T>(options: { db?: string }, io: Pick<CliIo, 'env' | 'stderr'>, work: (core: Core) => Promise<T>): Promise<T> {
  // The CLI's log is its terminal: what goes wrong underneath (a lost PostgreSQL connection) shows on stderr.
  const core = await startCore({ database: resolveCliDatabase(options, io.env), log: consoleLogger(io.stderr) });
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}
