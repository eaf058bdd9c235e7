/**
 * Runs the same integration tests against a real SQLite file and a real PostgreSQL database,
 * each test on a fresh one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { DatabaseConfig } from '../../electron/core/db/database-config';
import { createTestDatabase } from './postgres-server';

export type DatabaseKind = 'sqlite' | 'postgres';
export const DATABASE_KINDS: DatabaseKind[] = ['sqlite', 'postgres'];

export interface FreshDatabase {
  config: DatabaseConfig;
  dispose(): Promise<void>;
}

export async function freshDatabase(kind: DatabaseKind): Promise<FreshDatabase> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-test-'));
    return {
      config: { kind: 'sqlite', file: path.join(dir, 'deskwatch.sqlite') },
      dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const problem = inject('pgProblem');
  if (problem === undefined) {
    throw new Error('No PostgreSQL server in this test project: tests that need PostgreSQL belong in tests/integration (see vitest.config.mts).');
  }
  if (problem) throw new Error(problem);
  const db = await createTestDatabase(inject('pgAdminUrl'));
  return { config: { kind: 'postgres', url: db.url }, dispose: db.drop };
}
