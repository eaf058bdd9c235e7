import type { TestProject } from 'vitest/node';
import { ensureTestPostgres, type TestPostgres } from './postgres-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test PostgreSQL server, or '' when it could not be reached. */
    pgAdminUrl: string;
    /** Why PostgreSQL is not available, with how to start it; '' when it is. */
    pgProblem: string;
  }
}

let server: TestPostgres | null = null;

/** Starts (or finds) PostgreSQL once per run. A failure is handed to the PostgreSQL tests, which fail with it. */
export async function setup(project: TestProject): Promise<void> {
  try {
    server = await ensureTestPostgres();
    project.provide('pgAdminUrl', server.adminUrl);
    project.provide('pgProblem', '');
  } catch (error) {
    project.provide('pgAdminUrl', '');
    project.provide('pgProblem', error instanceof Error ? error.message : String(error));
  }
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
