import { startCore, type Core } from '../core/core';
import { consoleLogger } from '../core/log/logger';
import { resolveCliDatabase } from './database-option';

/** Opens the core on the command's database for the length of one command. */
export async function withCore<T>(options: { db?: string }, env: NodeJS.ProcessEnv, work: (core: Core) => Promise<T>): Promise<T> {
  // The CLI's log is its terminal: what goes wrong underneath (a lost PostgreSQL connection) shows on stderr.
  const core = await startCore({ database: resolveCliDatabase(options, env), log: consoleLogger() });
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}
