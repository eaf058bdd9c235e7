/**
 * `deskwatch db export FILE`: every table the entities describe (but sign-in state) into one JSON
 * Lines file (export-format.ts), to move a desk to another database. Streamed: tables are read in
 * key-ordered pages and written as they are read, so a database of a million rows is never held
 * in memory; all pages come from one snapshot of the database.
 */
import fs from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { isPostgres } from '../dialect';
import { DomainError } from '../../errors';
import { EXPORT_FORMAT, EXPORT_VERSION, type EndLine, type ExportHeader, type RowLine } from './export-format';
import { pageQuery } from './portable-sql';
import { portableTables, type PortableTable } from './portable-tables';
import { toPortable, type PortableValue } from './portable-values';
import { inReadSnapshot } from './read-snapshot';
import { appliedSchema, type Query } from './schema-version';

export interface TableCount {
  table: string;
  rows: number;
}

export interface ExportReport {
  file: string;
  header: ExportHeader;
  /** Rows per table, in the file's order. */
  tables: TableCount[];
  rows: number;
  bytes: number;
}

export interface ExportOptions {
  /** The export's time (the header's exportedAt); default: now. */
  now?: number;
  /** Rows read per query. */
  pageSize?: number;
}

const PAGE_SIZE = 1_000;
/** Lines are gathered and written to the file about this many characters at a time. */
const WRITE_CHUNK = 1 << 20;

export async function exportDatabase(db: DataSource, file: string, options: ExportOptions = {}): Promise<ExportReport> {
  const tables = portableTables(db);
  if (await exists(file)) throw new DomainError('conflict', `${file} already exists: an export never writes over a file; give a new file name`, 'file');
  // Written under another name and renamed when whole: a failed export leaves no file that looks complete.
  const partial = `${file}.partial`;
  const out = await LineFile.create(partial, file);
  try {
    const { header, counts } = await inReadSnapshot(db, async (query) => {
      const schema = await appliedSchema(db, query);
      if (schema === null) throw new DomainError('invalid_input', 'The database has no schema yet (no migration was ever applied to it): there is nothing to export');
      const header: ExportHeader = {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        schema,
        exportedAt: new Date(options.now ?? Date.now()).toISOString(),
        source: isPostgres(db) ? 'postgres' : 'sqlite',
      };
      await out.write(header);
      const counts: TableCount[] = [];
      for (const table of tables) counts.push({ table: table.name, rows: await exportTable(db, query, table, out, options.pageSize ?? PAGE_SIZE) });
      return { header, counts };
    });
    const rows = counts.reduce((sum, c) => sum + c.rows, 0);
    const end: EndLine = { end: true, rows, tables: Object.fromEntries(counts.map((c) => [c.table, c.rows])) };
    await out.write(end);
    const bytes = await out.finish();
    await fs.rename(partial, file);
    return { file, header, tables: counts, rows, bytes };
  } catch (error) {
    await out.abandon();
    throw error;
  }
}

async function exportTable(db: DataSource, query: Query, table: PortableTable, out: LineFile, pageSize: number): Promise<number> {
  let after: unknown[] | null = null;
  let count = 0;
  for (;;) {
    const page = pageQuery(db, table, after, pageSize);
    const rows = await query(page.sql, page.params);
    for (const raw of rows) {
      const line: RowLine = { table: table.name, row: portableRow(table, raw) };
      await out.write(line);
    }
    count += rows.length;
    if (rows.length < pageSize) return count;
    const last = rows[rows.length - 1] as Record<string, unknown>;
    after = table.key.map((k) => last[k]);
  }
}

function portableRow(table: PortableTable, raw: Record<string, unknown>): Record<string, PortableValue> {
  const row: Record<string, PortableValue> = {};
  for (const column of table.columns) {
    try {
      row[column.name] = toPortable(raw[column.name], column);
    } catch (error) {
      const key = table.key.map((k) => `${k} ${String(raw[k])}`).join(', ');
      throw new DomainError('invalid_input', `Cannot export ${table.name} row ${key}: ${(error as Error).message}; correct it in the database, then export again`);
    }
  }
  return row;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/** The file being written: lines gathered and written in large pieces, synced before it is renamed into place. */
class LineFile {
  private pending: string[] = [];
  private pendingLength = 0;
  private bytes = 0;

  private constructor(
    private readonly handle: fs.FileHandle,
    private readonly path: string,
  ) {}

  static async create(path: string, shownAs: string): Promise<LineFile> {
    try {
      return new LineFile(await fs.open(path, 'w'), path);
    } catch (error) {
      throw new DomainError('invalid_input', `Cannot write ${shownAs}: ${describeFsError(error)}`, 'file');
    }
  }

  async write(value: unknown): Promise<void> {
    const text = `${JSON.stringify(value)}\n`;
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= WRITE_CHUNK) await this.flush();
  }

  /** Writes what is left, syncs and closes; answers the file's size in bytes. */
  async finish(): Promise<number> {
    await this.flush();
    await this.handle.sync();
    await this.handle.close();
    return this.bytes;
  }

  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await fs.rm(this.path, { force: true });
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingLength = 0;
    await this.handle.write(chunk);
    this.bytes += chunk.length;
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  return code ?? String(error);
}
