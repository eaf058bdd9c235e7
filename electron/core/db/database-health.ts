/**
 * Checks a SQLite file before Deskwatch opens it for real (TypeORM, WAL, migrations): a damaged
 * file or one that cannot be written is refused with one line saying what is wrong and what to
 * do, and nothing is changed. Without this the app started on such a file and then answered every
 * call with "something went wrong".
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const UNCHANGED = 'Deskwatch changed nothing.';

/** Why a database was refused at start; the message is one line meant for the person starting the app. */
export class DatabaseRefusedError extends Error {
  constructor(
    readonly reason: 'damaged' | 'not_a_database' | 'read_only' | 'unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseRefusedError';
  }
}

export interface SqliteHealthOptions {
  /** A better-sqlite3 build for another ABI (Electron), as for the DataSource. */
  nativeBinding?: string;
}

/**
 * Throws DatabaseRefusedError when the SQLite file at `file` must not be opened. A file that does
 * not exist yet (or is empty) is fine as long as its folder is writable: it becomes a new database.
 *
 * Order matters for "nothing changed": write permission is checked before SQLite opens the file
 * (a read-only connection to a WAL database leaves -wal and -shm files behind it cannot remove),
 * and the integrity check runs on a read-write connection, which writes nothing for a read and,
 * as the last to close, removes the -wal and -shm files it made.
 */
export function checkSqliteDatabase(file: string, options: SqliteHealthOptions = {}): void {
  const folder = path.dirname(file);
  const stat = statOrNull(file);
  if (stat === null || stat.size === 0) {
    if (!canAccess(folder, fs.constants.W_OK)) throw readOnlyFolder(file, folder);
    return;
  }
  if (!canAccess(file, fs.constants.R_OK)) {
    throw new DatabaseRefusedError('unreadable', `The database ${file} cannot be read (permission denied). Give this user access to it, then start again; ${UNCHANGED}`);
  }
  // access(2) honours read-only mounts and immutable files even for root, which ignores chmod.
  if (!canAccess(file, fs.constants.W_OK)) throw readOnlyFile(file, 'the file is not writable');
  if (!canAccess(folder, fs.constants.W_OK)) throw readOnlyFolder(file, folder);
  if (!hasSqliteHeader(file)) throw notADatabase(file);
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 5_000, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    const problems = (db.pragma('quick_check(3)', { simple: false }) as Record<string, unknown>[]).map((row) => String(Object.values(row)[0]));
    if (problems.length !== 1 || problems[0] !== 'ok') throw damaged(file, problems.join('; '));
  } catch (error) {
    throw describeOpenError(file, error);
  } finally {
    db?.close();
  }
}

/** The SQLite error codes that mean "this file is broken" or "this file cannot be written", as our one line. */
export function describeOpenError(file: string, error: unknown): Error {
  if (error instanceof DatabaseRefusedError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB') return notADatabase(file);
  if (code === 'SQLITE_CORRUPT' || /malformed/i.test(message)) return damaged(file, message);
  if (typeof code === 'string' && (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM')) {
    return readOnlyFile(file, `${code}: ${message}`);
  }
  return error instanceof Error ? error : new Error(message);
}

function damaged(file: string, detail: string): DatabaseRefusedError {
  const oneLine = detail.replace(/\s+/g, ' ').replace(/^\*\*\* in database main \*\*\* /, '').slice(0, 200);
  return new DatabaseRefusedError(
    'damaged',
    `The database ${file} is damaged (quick_check: ${oneLine}). Restore it from a backup or move it aside to start a new one; ${UNCHANGED}`,
  );
}

function notADatabase(file: string): DatabaseRefusedError {
  return new DatabaseRefusedError(
    'not_a_database',
    `The file ${file} is not a SQLite database (file is not a database). Check the path, or restore the database from a backup and move this file aside; ${UNCHANGED}`,
  );
}

function readOnlyFile(file: string, detail: string): DatabaseRefusedError {
  return new DatabaseRefusedError(
    'read_only',
    `The database ${file} is read-only (${detail}). Make it writable, or copy it to a writable folder and open that copy with --db; ${UNCHANGED}`,
  );
}

function readOnlyFolder(file: string, folder: string): DatabaseRefusedError {
  return new DatabaseRefusedError(
    'read_only',
    `The folder ${folder} of the database ${path.basename(file)} is not writable (SQLite writes its journal beside the file). Make the folder writable, or choose another with --db or DESKWATCH_DATA_DIR; ${UNCHANGED}`,
  );
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function canAccess(target: string, mode: number): boolean {
  try {
    fs.accessSync(target, mode);
    return true;
  } catch {
    return false;
  }
}

function hasSqliteHeader(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}
