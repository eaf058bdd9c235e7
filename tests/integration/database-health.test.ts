/**
 * A damaged or read-only SQLite database is refused at start with one line that says what is
 * wrong and what to do, and the file is left exactly as it was: same bytes, same modification
 * time, no -wal or -shm file beside it.
 *
 * Read-only, honestly: the tests run as root, and root writes through `chmod 444`. What stops
 * root too is an immutable file or folder (`chattr +i`, which needs CAP_LINUX_IMMUTABLE) or a
 * read-only mount. When neither chmod (non-root) nor chattr can make a file read-only here, the
 * read-only tests check the refusal through SQLite's own error code (SQLITE_READONLY) instead.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/db/data-source';
import { checkSqliteDatabase, DatabaseRefusedError, describeOpenError } from '../../electron/core/db/database-health';
import { describeStartupFailure } from '../../electron/main/app-lifecycle/startup-failure';
import { runCli } from '../support/run-cli';

interface Snapshot {
  hash: string;
  mtimeMs: number;
  siblings: string[];
}

function snapshot(file: string): Snapshot {
  return {
    hash: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
    mtimeMs: fs.statSync(file).mtimeMs,
    siblings: fs.readdirSync(path.dirname(file)).sort(),
  };
}

/** Makes `target` unwritable for this process, or says it cannot; returns how, to undo it. */
function makeReadOnly(target: string): 'chmod' | 'chattr' | null {
  if (process.getuid?.() !== 0) {
    fs.chmodSync(target, fs.statSync(target).isDirectory() ? 0o555 : 0o444);
    return 'chmod';
  }
  return spawnSync('chattr', ['+i', target]).status === 0 ? 'chattr' : null;
}

function undoReadOnly(target: string, how: 'chmod' | 'chattr' | null): void {
  if (how === 'chattr') spawnSync('chattr', ['-i', target]);
  if (how === 'chmod') fs.chmodSync(target, fs.statSync(target).isDirectory() ? 0o755 : 0o644);
}

async function migratedDatabase(file: string): Promise<void> {
  const core = await startCore({ database: { kind: 'sqlite', file }, log: () => undefined });
  await core.services.staff.create({ name: 'Sam Supervisor', role: 'supervisor' });
  await core.close();
}

/** Garbage over a few pages past the header: the file still says "SQLite", its b-trees do not hold. */
function damagePages(file: string): void {
  const pageSize = fs.readFileSync(file).readUInt16BE(16);
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize * 4, 0x5a), 0, pageSize * 4, pageSize * 2);
  fs.closeSync(fd);
}

describe('a database that must not be opened', () => {
  let dir: string;
  let file: string;
  const undo: (() => void)[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-health-'));
    file = path.join(dir, 'deskwatch.sqlite');
  });
  afterEach(() => {
    for (const step of undo.splice(0).reverse()) step();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a damaged database in one line, and changes nothing', async () => {
    await migratedDatabase(file);
    damagePages(file);
    const before = snapshot(file);
    const refusal = openDatabase({ kind: 'sqlite', file });
    await expect(refusal).rejects.toBeInstanceOf(DatabaseRefusedError);
    await expect(refusal).rejects.toThrow(
      new RegExp(`^The database ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is damaged \\(quick_check: .+\\)\\. Restore it from a backup or move it aside to start a new one; Deskwatch changed nothing\\.$`),
    );
    expect(snapshot(file)).toEqual(before);
  });

  it('refuses a file that is not a database at all, and changes nothing', async () => {
    fs.writeFileSync(file, crypto.randomBytes(8192));
    const before = snapshot(file);
    await expect(openDatabase({ kind: 'sqlite', file })).rejects.toThrow(/^The file .+ is not a SQLite database \(file is not a database\)\. .+Deskwatch changed nothing\.$/);
    expect(snapshot(file)).toEqual(before);
  });

  it('opens a healthy database and a new one as before', async () => {
    await migratedDatabase(file);
    expect(() => checkSqliteDatabase(file)).not.toThrow();
    expect(() => checkSqliteDatabase(path.join(dir, 'new.sqlite'))).not.toThrow();
    const db = await openDatabase({ kind: 'sqlite', file });
    await db.destroy();
  });

  it('refuses a read-only database file, and changes nothing', async () => {
    await migratedDatabase(file);
    const how = makeReadOnly(file);
    undo.push(() => undoReadOnly(file, how));
    if (how === null) {
      // No way to make a file read-only for root here: check SQLite's own verdict is read the same way.
      const mapped = describeOpenError(file, Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' }));
      expect(mapped).toBeInstanceOf(DatabaseRefusedError);
      expect(mapped.message).toMatch(/is read-only .+Make it writable/);
      return;
    }
    const before = snapshot(file);
    await expect(openDatabase({ kind: 'sqlite', file })).rejects.toThrow(/^The database .+ is read-only \(the file is not writable\)\. Make it writable, .+Deskwatch changed nothing\.$/);
    expect(snapshot(file)).toEqual(before);
  });

  it('refuses a database in a read-only folder, where SQLite cannot write its journal, and changes nothing', async () => {
    await migratedDatabase(file);
    const how = makeReadOnly(dir);
    undo.push(() => undoReadOnly(dir, how));
    if (how === null) {
      const mapped = describeOpenError(file, Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' }));
      expect(mapped.message).toMatch(/is read-only/);
      return;
    }
    const before = snapshot(file);
    await expect(openDatabase({ kind: 'sqlite', file })).rejects.toThrow(/^The folder .+ is not writable .+Deskwatch changed nothing\.$/);
    await expect(openDatabase({ kind: 'sqlite', file: path.join(dir, 'new.sqlite') })).rejects.toThrow(/^The folder .+ is not writable/);
    expect(snapshot(file)).toEqual(before);
  });

  it('is shown as that one line by the CLI (non-zero exit) and in the desktop app’s start-up failure dialog', async () => {
    await migratedDatabase(file);
    damagePages(file);
    const run = await runCli(['calendar', 'closures', '--db', file]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/^deskwatch: The database .+ is damaged \(quick_check: .+\)\. Restore it from a backup .+\n$/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);

    const error = await openDatabase({ kind: 'sqlite', file }).catch((e: unknown) => e);
    const dialog = describeStartupFailure({ stage: 'database', database: { kind: 'sqlite', file } }, error);
    expect(dialog.message).toContain((error as Error).message);
    // The line says what to do; the generic "check the folder and disk space" hint would only blur it.
    expect(dialog.message).not.toContain('free space');
  });
});
