import { startCore, type Core } from '../core/core';
import { resolveCliDatabase } from './database-option';

/** Opens the core on the command's database for the length of one command. */
export async function withCore<T>(options: { db?: string }, env: NodeJS.ProcessEnv, work: (core: Core) => Promise<T>): Promise<T> {
  const core = await startCore({ database: resolveCliDatabase(options, env), log: () => undefined });
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}
