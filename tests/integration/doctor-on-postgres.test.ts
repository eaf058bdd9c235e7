import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { freshDatabase, type FreshDatabase } from '../support/databases';
import { runCli } from '../support/run-cli';

describe('deskwatch doctor on PostgreSQL', () => {
  let db: FreshDatabase | null = null;
  afterEach(async () => {
    await db?.dispose();
    db = null;
  });

  it('makes a round trip, reads the schema version and exits 0', async () => {
    db = await freshDatabase('postgres');
    const url = (db.config as { url: string }).url;
    const env = { DESKWATCH_DATABASE_URL: url };
    expect((await runCli(['db', 'migrate'], { env })).status).toBe(0);
    const run = await runCli(['doctor'], { env });
    expect(run.stdout).toMatch(/health:\s+ok \(PostgreSQL \d+[^,]*, round trip \d+ ms\)/);
    expect(run.stdout).toContain(`(up to date, ${MIGRATIONS.length} migrations)`);
    expect(run.status).toBe(0);
  });
});
