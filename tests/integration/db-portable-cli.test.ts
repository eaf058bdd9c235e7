import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/data-source';
import type { DatabaseConfig } from '../../electron/core/db/database-config';
import { freshDatabase, type FreshDatabase } from '../support/databases';
import { buildCli, runCli, spawnCli } from '../support/run-cli';
import { fillStandaloneDesk } from '../support/standalone-desk';

async function caseCount(config: DatabaseConfig): Promise<number> {
  const db = await openDatabase(config);
  try {
    const [row] = (await db.query('SELECT COUNT(*) AS n FROM help_case')) as { n: number | string }[];
    return Number(row?.n);
  } finally {
    await db.destroy();
  }
}

describe('deskwatch db export / db import', () => {
  let dir: string;
  let desk: FreshDatabase;
  let deskFile: string;
  let cases: number;
  const databases: FreshDatabase[] = [];
  const fresh = async (kind: 'sqlite' | 'postgres') => {
    const db = await freshDatabase(kind);
    databases.push(db);
    return db;
  };
  const urlOf = (db: FreshDatabase) => (db.config as { url: string }).url;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-portable-cli-'));
    desk = await fresh('sqlite');
    deskFile = (desk.config as { file: string }).file;
    await fillStandaloneDesk(desk.config);
    cases = await caseCount(desk.config);
    buildCli();
  }, 180_000);
  afterAll(async () => {
    for (const db of databases.splice(0)) await db.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('moves a standalone desk to PostgreSQL: export, import, and refusals with exit code 2 that say what to do', async () => {
    const file = path.join(dir, 'desk.jsonl');
    const exported = await runCli(['db', 'export', file, '--db', deskFile]);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    expect(exported.stdout).toMatch(new RegExp(`^Exported [\\d,]+ rows of SQLite file ${deskFile} \\(schema \\w+\\) to ${file} \\([\\d.]+ MB\\) in [\\d.]+ s:\\n`));
    expect(exported.stdout).toMatch(new RegExp(`\\n  help_case +${cases}\\n`));
    expect(exported.stdout).toContain('Not moved: signed-in sessions, sign-in attempts, sign-ins in progress');

    const again = await runCli(['db', 'export', file, '--db', deskFile]);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(`deskwatch: ${file} already exists: an export never writes over a file; give a new file name\n`);

    const server = await fresh('postgres');
    const env = { DESKWATCH_DATABASE_URL: urlOf(server) };
    const imported = await runCli(['db', 'import', file], { env });
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/^Imported [\d,]+ rows from .* \(exported from sqlite at \d{4}-.*, schema \w+\) into PostgreSQL postgres:\/\/\S+ in [\d.]+ s, ids kept; \d+ id sequences moved past the highest ids:\n/);
    expect(imported.stdout).toMatch(new RegExp(`\\n  help_case +${cases}\\n`));
    expect(await caseCount(server.config)).toBe(cases);

    const twice = await runCli(['db', 'import', file], { env });
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/^deskwatch: This database is not empty: staff_member, .* have rows\. Import only into a new database.*Nothing was imported\.\n$/);
    expect(await caseCount(server.config)).toBe(cases);

    const missing = await runCli(['db', 'import', path.join(dir, 'nope.jsonl'), '--db', path.join(dir, 'never.sqlite')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Cannot read');
    expect(missing.stderr).toContain('there is no such file');
    // The file is read before the database is opened: no database was created for it.
    expect(fs.existsSync(path.join(dir, 'never.sqlite'))).toBe(false);

    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('{"table":"case_event"')) + 10;
    lines[at] = '{"table":"case_event","row":';
    const damaged = path.join(dir, 'damaged.jsonl');
    fs.writeFileSync(damaged, lines.join('\n'));
    const other = await fresh('postgres');
    const bad = await runCli(['db', 'import', damaged], { env: { DESKWATCH_DATABASE_URL: urlOf(other) } });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`^deskwatch: ${damaged}, line ${at + 1}: it is not valid JSON .*Nothing was imported\\.\\n$`));
    expect(await caseCount(other.config)).toBe(0);
  });

  it('lists both commands in the help of db', async () => {
    const help = await runCli(['db', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/export \[options\] <file> +write the whole database/);
    expect(help.stdout).toMatch(/import \[options\] <file> +import a file of `db export`/);
  });

  it('runs from the built command line (npm run cli): PostgreSQL back to a SQLite file', async () => {
    const server = await fresh('postgres');
    const first = path.join(dir, 'built-1.jsonl');
    expect((await runCli(['db', 'export', first, '--db', deskFile])).status).toBe(0);
    expect((await runCli(['db', 'import', first], { env: { DESKWATCH_DATABASE_URL: urlOf(server) } })).status).toBe(0);

    const second = path.join(dir, 'built-2.jsonl');
    const exported = await spawnCli(['db', 'export', second], { env: { DESKWATCH_DATABASE_URL: urlOf(server) } });
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    const back = path.join(dir, 'back.sqlite');
    const imported = await spawnCli(['db', 'import', second, '--db', back]);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('exported from postgres');
    expect(imported.status).toBe(0);
    expect(await caseCount({ kind: 'sqlite', file: back })).toBe(cases);
  });
});
