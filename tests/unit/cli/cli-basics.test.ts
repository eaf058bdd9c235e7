import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli';

describe('command line', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-cli-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('prints help that lists its commands', () => {
    const run = runCli(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: deskwatch');
    expect(run.stdout).toMatch(/\bdb\b/);
  });

  it('db migrate creates the schema in the file named by --db, and is idempotent', () => {
    const file = path.join(tempDir(), 'nested', 'desk.sqlite');
    const first = runCli(['db', 'migrate', '--db', file]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`SQLite file ${file}: schema up to date`);
    expect(runCli(['db', 'migrate', '--db', file]).status).toBe(0);
    const db = new Database(file, { readonly: true });
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['caller', 'case_event', 'help_case', 'staff_member']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('uses the data folder by default and refuses a non-PostgreSQL DESKWATCH_DATABASE_URL', () => {
    const dataDir = tempDir();
    const run = runCli(['db', 'migrate'], { env: { DESKWATCH_DATA_DIR: dataDir, DESKWATCH_DATABASE_URL: '' } });
    expect(run.status).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'deskwatch.sqlite'))).toBe(true);
    const bad = runCli(['db', 'migrate'], { env: { DESKWATCH_DATABASE_URL: 'mysql://u:secret@host/db' } });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('DESKWATCH_DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(bad.stderr).not.toContain('secret');
  });

  it('exits 2 on an unknown command or option', () => {
    expect(runCli(['frobnicate']).status).toBe(2);
    expect(runCli(['db', 'migrate', '--nope']).status).toBe(2);
  });
});
