/**
 * The PostgreSQL fixture's own database handling, under a role like the one CI uses: CREATEDB,
 * not a superuser. Dropping a test database must not need to signal other roles' processes
 * (`DROP DATABASE … WITH (FORCE)` refused with "must be a member of the role whose process is
 * being terminated"), and must not fail while a session is still closing.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../support/postgres-server';

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  return (await query(adminUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length === 1;
}

const nameOf = (url: string) => new URL(url).pathname.slice(1);

/** The same server and user as `url`, on another database. */
function onDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

describe('test databases on PostgreSQL', () => {
  const adminUrl = inject('pgAdminUrl');
  let isSuperuser = false;
  /** A CREATEDB role without superuser rights (the admin itself when it is one already). */
  let roleUrl = adminUrl;
  const role = `dw_fixture_${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    const problem = inject('pgProblem');
    if (problem) throw new Error(problem);
    isSuperuser = (await query<{ rolsuper: boolean }>(adminUrl, 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user'))[0]?.rolsuper === true;
    if (isSuperuser) {
      await query(adminUrl, `CREATE ROLE ${role} LOGIN CREATEDB PASSWORD 'fixture'`);
      const url = new URL(adminUrl);
      url.username = role;
      url.password = 'fixture';
      roleUrl = url.toString();
    }
  });

  afterAll(async () => {
    if (isSuperuser) await query(adminUrl, `DROP ROLE IF EXISTS ${role}`);
  });

  it("drops a database while another role's session on it is still ending, without signalling it", async () => {
    const db = await createTestDatabase(roleUrl);
    // Another role's process on the database: a superuser's session when we may open one (as an
    // autovacuum worker would be), else a session of this role.
    const other = new pg.Client({ connectionString: isSuperuser ? onDatabase(adminUrl, nameOf(db.url)) : db.url });
    // Without a superuser the other session is this role's own, which the drop may end from the server side.
    other.on('error', () => undefined);
    await other.connect();
    const closing = new Promise<void>((resolve) => setTimeout(() => void other.end().catch(() => undefined).then(resolve), 400));
    await db.drop();
    await closing;
    expect(await databaseExists(adminUrl, nameOf(db.url))).toBe(false);
  });

  it("ends this role's own sessions that outlive the test", async () => {
    const db = await createTestDatabase(roleUrl);
    const lingering = new pg.Client({ connectionString: db.url });
    lingering.on('error', () => undefined); // it is ended from the server side
    await lingering.connect();
    await db.drop();
    expect(await databaseExists(adminUrl, nameOf(db.url))).toBe(false);
    await lingering.end().catch(() => undefined);
  });
});
