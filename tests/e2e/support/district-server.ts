/**
 * The district server's end-to-end fixtures: each test gets its own server (started in the
 * test's worker process, on 127.0.0.1) on a fresh PostgreSQL database, serving the console the
 * global setup built, and staff put in place through the core's staff service, as the command
 * line's `staff add` would. The browser then does everything else as a person would.
 *
 * The server's clock is a ManualClock a test moves forward (to let a session go idle); it starts
 * at the real time so the browser's cookies and the server's sessions agree.
 */
import path from 'node:path';
import { ManualClock } from '../../../electron/core/clock';
import { describeError, type Logger } from '../../../electron/core/log/logger';
import { startDistrictServer, type DistrictServer } from '../../../electron/server/district-server';
import { parseServerConfig } from '../../../electron/server/server-config';
import type { StaffMember, StaffRole } from '../../../shared/domain';
import { createTestDatabase } from '../../support/postgres-server';
import { DistrictHeader } from '../pages/district-header';
import { SignInPage } from '../pages/sign-in-page';
import { StaffPage } from '../pages/staff-page';
import { PG_ADMIN_URL_ENV, PG_PROBLEM_ENV } from './district-server-env';
import { expect, test as base } from './fixtures';
import { freePort } from '../../support/free-port';
export { freePort };

/** What the global setup built (scripts/build-web.mjs): the console `npm run server` serves. */
export const RENDERER_DIR = path.resolve(__dirname, '../../../out/renderer');

/** A staff member with a sign-in email and (unless made without one) a local password. */
export type SignInStaff = StaffMember & { email: string; password: string };

export interface DistrictRun {
  server: DistrictServer;
  /** The origin the browser opens (http://127.0.0.1:PORT). */
  origin: string;
  /** The server's clock: advance it to let sessions expire. */
  clock: ManualClock;
  /** Puts a staff member on the list, with `password: null` for single sign-on only. */
  staff(name: string, role: StaffRole, options?: { email?: string; password?: string | null }): Promise<SignInStaff>;
  /** Everything the server logged, for the report of a failed test. */
  log: string[];
}

interface DistrictFixtures {
  /** More settings for this test's server (`test.use({ districtEnv: { DESKWATCH_IDLE_MINUTES: '5' } })`). */
  districtEnv: Record<string, string>;
  /** The port to listen on; 0 (default) takes a free one. A test that must name its address before the server starts picks one (`freePort`). */
  districtPort: number;
  district: DistrictRun;
  signInPage: SignInPage;
  districtHeader: DistrictHeader;
  staffPage: StaffPage;
}

/** A password long enough for the core's rule; tests that are not about passwords use it. */
export const PASSWORD = 'correct horse battery staple';

export const test = base.extend<DistrictFixtures>({
  districtEnv: [{}, { option: true }],
  districtPort: [0, { option: true }],
  district: async ({ districtEnv, districtPort }, use, testInfo) => {
    const adminUrl = postgresAdminUrl();
    const database = await createTestDatabase(adminUrl);
    const log: string[] = [];
    const clock = new ManualClock(Date.now());
    let server: DistrictServer | null = null;
    try {
      const config = parseServerConfig({
        env: { DESKWATCH_DATABASE_URL: database.url, DESKWATCH_LISTEN: `127.0.0.1:${districtPort}`, ...districtEnv },
      });
      server = await startDistrictServer(config, { rendererDir: RENDERER_DIR, clock, log: collectingLogger(log) });
      const running = server;
      await use({
        server: running,
        origin: running.origin,
        clock,
        log,
        async staff(name, role, options = {}) {
          const email = options.email ?? `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@lakeside.example`;
          const password = options.password === undefined ? PASSWORD : options.password;
          const member = await running.core.services.staff.create({ name, role, email, ...(password === null ? {} : { password }) });
          return { ...member, email, password: password ?? '' };
        },
      });
    } finally {
      await server?.close();
      await database.drop();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('district-server.log', { body: log.join(''), contentType: 'text/plain' });
      }
    }
  },
  signInPage: async ({ page }, use) => {
    await use(new SignInPage(page));
  },
  districtHeader: async ({ page }, use) => {
    await use(new DistrictHeader(page));
  },
  staffPage: async ({ page }, use) => {
    await use(new StaffPage(page));
  },
});

/** The run's PostgreSQL (tests/e2e/support/global-setup.ts), or the setup's reason there is none. */
function postgresAdminUrl(): string {
  const url = process.env[PG_ADMIN_URL_ENV];
  if (url) return url;
  throw new Error(
    process.env[PG_PROBLEM_ENV] ??
      `${PG_ADMIN_URL_ENV} is not set: the district server's tests need PostgreSQL from tests/e2e/support/global-setup.ts (run them with npx playwright test).`,
  );
}

function collectingLogger(lines: string[]): Logger {
  const write = (level: string, message: string, error?: unknown) =>
    lines.push(`${new Date().toISOString()} ${level} ${message}${error === undefined ? '' : ` ${describeError(error)}`}\n`);
  return {
    info: (message) => write('INFO', message),
    warn: (message, error) => write('WARN', message, error),
    error: (message, error) => write('ERROR', message, error),
  };
}


export { expect };
