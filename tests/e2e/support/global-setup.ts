import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ensureTestPostgres } from '../../support/postgres-server';
import { PG_ADMIN_URL_ENV, PG_PROBLEM_ENV } from './district-server-env';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

/**
 * Builds the renderer once per run with the very script `npm run web` runs first
 * (scripts/build-web.mjs), so the suite serves what a person's `npm run web` would serve.
 *
 * Then finds PostgreSQL for the district server's tests (DESKWATCH_TEST_PG_URL, else a private
 * cluster) and hands its admin URL to the workers through the environment, which Playwright's
 * workers inherit from this process. Without PostgreSQL only those tests fail, with the reason;
 * the returned function (Playwright's global teardown) stops a private cluster.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build-web.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
  try {
    const postgres = await ensureTestPostgres();
    process.env[PG_ADMIN_URL_ENV] = postgres.adminUrl;
    return () => postgres.stop();
  } catch (error) {
    process.env[PG_PROBLEM_ENV] = error instanceof Error ? error.message : String(error);
    return async () => undefined;
  }
}
