import { defineConfig } from 'vitest/config';

/**
 * Two projects, one `vitest run`: unit (tests/unit, tests/shell) needs no server; integration
 * (tests/integration) gets the PostgreSQL cluster of tests/support/global-setup.ts. A project's
 * global setup runs only when that project has files to run, so `vitest run tests/unit/…` never
 * starts PostgreSQL.
 */
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores: keep file parallelism modest so PostgreSQL and SQLite tests do not starve each other.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/shell/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], globalSetup: ['tests/support/global-setup.ts'] },
      },
    ],
  },
});
