import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli, spawnCli } from '../../support/run-cli';

describe('command line', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-cli-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('prints help that lists its commands', async () => {
    const run = await runCli(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: deskwatch');
    expect(run.stdout).toMatch(/\bdb\b/);
  });

  it('db migrate creates the schema in the file named by --db, and is idempotent', async () => {
    const file = path.join(tempDir(), 'nested', 'desk.sqlite');
    const first = await runCli(['db', 'migrate', '--db', file]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`SQLite file ${file}: schema up to date`);
    expect((await runCli(['db', 'migrate', '--db', file])).status).toBe(0);
    const db = new Database(file, { readonly: true });
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['caller', 'case_event', 'help_case', 'staff_member']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('uses the data folder by default and refuses a non-PostgreSQL DESKWATCH_DATABASE_URL', async () => {
    const dataDir = tempDir();
    const run = await runCli(['db', 'migrate'], { env: { DESKWATCH_DATA_DIR: dataDir, DESKWATCH_DATABASE_URL: '' } });
    expect(run.status).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'deskwatch.sqlite'))).toBe(true);
    const bad = await runCli(['db', 'migrate'], { env: { DESKWATCH_DATABASE_URL: 'mysql://u:secret@host/db' } });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('DESKWATCH_DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(bad.stderr).not.toContain('secret');
  });

  it('exits 2 on an unknown command or option, and says what was wrong', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect((await runCli(['db', 'migrate', '--nope'])).status).toBe(2);
  });
});

describe('command line: callers and demo data', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-cli-data-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('callers import reports bad rows by line and imports nothing, unless --skip-invalid', async () => {
    const db = path.join(dir, 'import.sqlite');
    const csv = path.join(dir, 'staff.csv');
    fs.writeFileSync(csv, 'Name,Email,School\nAnn Lee,ann@x.org,Lee Elementary\nBob Ray,not-an-email,Lee Elementary\n');
    const strict = await runCli(['callers', 'import', csv, '--db', db]);
    expect(strict.status).toBe(2);
    // The bad row is named by file and line, then the problem in words.
    expect(strict.stderr.split('\n').find((line) => line.startsWith(`${csv}:3: `))).toContain('Email must look like name@example.org');
    expect(strict.stdout).toContain('Nothing imported: 1 bad row');
    const lenient = await runCli(['callers', 'import', csv, '--db', db, '--skip-invalid']);
    expect(lenient.status).toBe(0);
    expect(lenient.stdout).toContain('Imported 1 new and updated 0 existing callers. Skipped 1 bad row.');
    const missing = await runCli(['callers', 'import', path.join(dir, 'nope.csv'), '--db', db]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  });

  it('seed --demo fills a fresh database once', async () => {
    const db = path.join(dir, 'demo.sqlite');
    const first = await runCli(['seed', '--demo', '--db', db]);
    expect(first.stdout).toMatch(/Demo district: 12 staff, 2000 callers, \d+ open and 4000 closed cases/);
    const again = await runCli(['seed', '--demo', '--db', db]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('demo data goes only into a fresh database');
  }, 120_000); // thousands of rows: a busy machine needs more than the default
});

describe('command line: district closures', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-cli-cal-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds, lists and removes closure dates, and imports the all-day events of an .ics file', async () => {
    const db = path.join(dir, 'cal.sqlite');
    expect((await runCli(['calendar', 'add', '2026-12-01', 'Snow', 'day', '--db', db])).stdout).toContain('Closed on 2026-12-01.');
    const ics = path.join(dir, 'district.ics');
    fs.writeFileSync(ics, 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20261221\r\nDTEND;VALUE=DATE:20261223\r\nSUMMARY:Winter break\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
    const imported = await runCli(['calendar', 'import-ics', ics, '--db', db]);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('Added 2 closure date(s)');
    const listed = (await runCli(['calendar', 'closures', '--db', db])).stdout;
    expect(listed).toContain('2026-12-01  Snow day');
    expect(listed).toContain('2026-12-22  Winter break  (imported)');
    expect((await runCli(['calendar', 'remove', '2026-12-01', '--db', db])).status).toBe(0);
    const missing = await runCli(['calendar', 'remove', '2026-12-01', '--db', db]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("2026-12-01 is not one of the district's closure dates");
  });
});

describe('the built command line (npm run cli)', () => {
  // The one place the CLI runs as its own process: the launcher, the bundle and the exit code.
  beforeAll(() => buildCli(), 120_000);

  it('answers --help and runs a command from out/cli, with the exit code of the command', async () => {
    const help = await spawnCli(['--help']);
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: deskwatch');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-cli-built-'));
    try {
      const file = path.join(dir, 'desk.sqlite');
      const migrate = await spawnCli(['db', 'migrate', '--db', file]);
      expect(migrate.stdout).toContain(`SQLite file ${file}: schema up to date`);
      expect(migrate.status).toBe(0);
      const bad = await spawnCli(['db', 'migrate', '--nope']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain("unknown option '--nope'");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
