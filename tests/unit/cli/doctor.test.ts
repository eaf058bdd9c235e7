import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { runCli } from '../../support/run-cli';

const LAST_MIGRATION = new (MIGRATIONS[MIGRATIONS.length - 1]!)().name as string;

describe('deskwatch doctor', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-doctor-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const doctor = (dir: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) => runCli(['doctor', ...args], { env: { DESKWATCH_DATA_DIR: dir, DESKWATCH_DATABASE_URL: '', ...env } });

  it('prints the log, the database, its health, its schema and the versions of a healthy desk, and exits 0', async () => {
    const dir = dataDir();
    expect((await runCli(['db', 'migrate'], { env: { DESKWATCH_DATA_DIR: dir, DESKWATCH_DATABASE_URL: '' } })).status).toBe(0);
    const run = await doctor(dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`log:       ${path.join(dir, 'logs', 'deskwatch.log')} (desktop app, not written yet)`);
    expect(run.stdout).toContain(`database:  SQLite file ${path.join(dir, 'deskwatch.sqlite')}`);
    expect(run.stdout).toContain('health:    ok (PRAGMA quick_check)');
    expect(run.stdout).toContain(`schema:    ${LAST_MIGRATION} (up to date, ${MIGRATIONS.length} migrations)`);
    expect(run.stdout).toMatch(/versions: {2}Deskwatch \d+\.\d+\.\d+, Node v\d+[^,]*, better-sqlite3 \d+\.\d+\.\d+, typeorm \d+\.\d+\.\d+, pg \d+\.\d+\.\d+/);
    expect(run.stdout).toContain('Deskwatch looks healthy.');
  });

  it('changes nothing: a missing database is reported, not created', async () => {
    const dir = dataDir();
    const run = await doctor(dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('no database yet');
    expect(fs.existsSync(path.join(dir, 'deskwatch.sqlite'))).toBe(false);
  });

  it('names pending migrations', async () => {
    const dir = dataDir();
    const file = path.join(dir, 'desk.sqlite');
    await runCli(['db', 'migrate', '--db', file]);
    const db = new Database(file);
    db.prepare('DELETE FROM migrations WHERE name = ?').run(LAST_MIGRATION);
    db.close();
    const run = await doctor(dir, ['--db', file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`1 pending (${LAST_MIGRATION})`);
  });

  it('exits 1 on a damaged database, saying what quick_check found', async () => {
    const dir = dataDir();
    const file = path.join(dir, 'desk.sqlite');
    await runCli(['db', 'migrate', '--db', file]);
    // Overwrite pages after the header: the file still says SQLite, its content is garbage.
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(8192, 0xab), 0, 8192, 4096);
    fs.closeSync(fd);
    const run = await doctor(dir, ['--db', file]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/health:\s+FAILED: The database .* is (damaged|not a SQLite database)/);
    expect(run.stdout).toContain('Deskwatch is NOT healthy');
  });

  it('exits 1 on a schema made by a newer Deskwatch', async () => {
    const dir = dataDir();
    const file = path.join(dir, 'desk.sqlite');
    await runCli(['db', 'migrate', '--db', file]);
    const db = new Database(file);
    db.prepare('INSERT INTO migrations (timestamp, name) VALUES (?, ?)').run(9999999999999, 'FromTheFuture9999999999999');
    db.close();
    const run = await doctor(dir, ['--db', file]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('made by a newer Deskwatch (unknown to this version: FromTheFuture9999999999999)');
  });

  it('exits 1 when the PostgreSQL server cannot be reached, without printing its password', async () => {
    const dir = dataDir();
    const run = await doctor(dir, [], { DESKWATCH_DATABASE_URL: 'postgres://desk:s3cret@127.0.0.1:1/deskwatch' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('database:  PostgreSQL postgres://desk:***@127.0.0.1:1/deskwatch');
    expect(run.stdout).toMatch(/health:\s+FAILED: cannot reach the server/);
    expect(run.stdout).not.toContain('s3cret');
  });
});
