/**
 * How the global setup hands PostgreSQL to the district server's tests: environment variables,
 * which Playwright's workers inherit from the runner that ran the setup. Kept apart from
 * district-server.ts so the setup does not load the server and its core.
 */

/** The admin URL of the run's PostgreSQL server (each test creates a database of its own on it). */
export const PG_ADMIN_URL_ENV = 'DESKWATCH_E2E_PG_ADMIN_URL';
/** Why there is no PostgreSQL for this run, with how to start one. */
export const PG_PROBLEM_ENV = 'DESKWATCH_E2E_PG_PROBLEM';
