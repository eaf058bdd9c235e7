/**
 * `deskwatch db import FILE`: an export (export-format.ts) into an empty database of the same
 * schema, ids and all, in one transaction: a bad line, a row the database refuses, a file cut
 * short, and nothing is written. Streamed: the file is read a line at a time and rows are written
 * in multi-row INSERTs, so a million rows are never held in memory.
 *
 * What the database derives from rows follows by itself: SQLite's caller search index (caller_fts)
 * is filled by its insert trigger, PostgreSQL's trigram index on the stored search text by the
 * index itself. The audit logs' append-only triggers refuse only changes and deletions, never
 * these inserts. PostgreSQL's id sequences are moved past the highest imported ids at the end.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import readline from 'node:readline';
import type { DataSource, EntityManager } from 'typeorm';
import { isPostgres } from '../dialect';
import { isTransientError } from '../transient-errors';
import { writeTransaction } from '../write-transaction';
import { DomainError } from '../../errors';
import { isRecord, readHeader, type EndLine, type ExportHeader } from './export-format';
import type { TableCount } from './export-database';
import { anyRow, insertRows, MAX_BOUND_VALUES, resetSequence, updateColumn, type Statement } from './portable-sql';
import { NOT_MOVED, portableTables, type PortableTable } from './portable-tables';
import { problemWith } from './portable-values';
import { appliedSchema, knownSchemas, schemaMismatch } from './schema-version';

export interface ImportReport {
  file: string;
  header: ExportHeader;
  /** Rows per table, in the file's order. */
  tables: TableCount[];
  rows: number;
  /** PostgreSQL id sequences moved past the imported ids (0 on SQLite, whose counters follow by themselves). */
  sequencesReset: number;
}

const NOTHING = 'Nothing was imported.';

export async function importDatabase(db: DataSource, file: string): Promise<ImportReport> {
  const tables = portableTables(db);
  const header = await readExportHeader(file);
  const schema = await appliedSchema(db, (sql, params) => db.query(sql, params));
  if (schema === null) throw refusal(`This database has no schema yet: run \`deskwatch db migrate\` on it, then import again.`);
  const mismatch = schemaMismatch(header.schema, schema, knownSchemas(db));
  if (mismatch) throw refusal(`${file} cannot go into this database: ${mismatch}.`);

  // One transaction, all or nothing. Everything it reads is read inside it, so that a retry after
  // a transient failure (writeTransaction) starts again from the file's first line.
  return writeTransaction(db, async (m) => {
    await refuseUnlessEmpty(db, m, tables);
    const importer = new RowImporter(db, m, tables, file);
    let end: EndLine | null = null;
    let lineNumber = 0;
    for await (const text of linesOf(file)) {
      lineNumber++;
      // The header was read and checked before the transaction began.
      if (lineNumber === 1 || text.trim() === '') continue;
      const at = (problem: string) => refusal(`${file}, line ${lineNumber}: ${problem}. ${NOTHING}`);
      if (end !== null) throw at(`it comes after the file's last line (the row count), which ends an export`);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        // JSON.parse counts lines within the one it was given: "(line 1 column 31)" would only confuse.
        throw at(`it is not valid JSON (${(error as Error).message.replace(/\s*\(line \d+ column \d+\)/, '')})`);
      }
      if (isRecord(value) && 'end' in value) {
        end = readEnd(value, at);
        await importer.finishTable();
        continue;
      }
      await importer.add(lineNumber, value, at);
    }
    if (end === null) {
      throw refusal(`${file} ends at line ${lineNumber} without its last line (the row count): the file is incomplete, perhaps cut short while it was written or copied. ${NOTHING}`);
    }
    const read = importer.counts();
    checkCounts(file, end, read);
    const counts = tables.map((t) => ({ table: t.name, rows: read.find((c) => c.table === t.name)?.rows ?? 0 }));
    let sequencesReset = 0;
    if (isPostgres(db)) {
      for (const table of tables) {
        if (table.generated === null) continue;
        const reset = resetSequence(db, table, table.generated);
        const [row] = (await m.query(reset.sql, reset.params)) as { next: unknown }[];
        if (row?.next === null || row?.next === undefined) throw new Error(`${table.name}.${table.generated} has no sequence to move past the imported ids`);
        sequencesReset++;
      }
    }
    return { file, header, tables: counts, rows: counts.reduce((sum, c) => sum + c.rows, 0), sequencesReset };
  });
}

function refusal(message: string): DomainError {
  return new DomainError('invalid_input', message);
}

/** The file's first line, checked (the CLI reads it before it opens, and so creates or migrates, any database). */
export async function readExportHeader(file: string): Promise<ExportHeader> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw refusal(`${file} is not a file.`);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw refusal(`Cannot read ${file}: ${code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'permission denied' : (code ?? String(error))}.`);
  }
  let first: string | undefined;
  for await (const line of linesOf(file)) {
    first = line;
    break;
  }
  if (first === undefined || first.trim() === '') throw refusal(`${file} is empty (or its first line is): it is not a Deskwatch export. ${NOTHING}`);
  let value: unknown;
  try {
    value = JSON.parse(first);
  } catch {
    value = null;
  }
  const header = readHeader(value);
  if (typeof header === 'string') throw refusal(`${file}, line 1: ${header}. ${NOTHING}`);
  return header;
}

/** The file's lines, one at a time (a UTF-8 byte order mark before the first is dropped). */
async function* linesOf(file: string): AsyncGenerator<string> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let first = true;
  try {
    for await (const line of lines) {
      yield first && line.startsWith('\uFEFF') ? line.slice(1) : line;
      first = false;
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

async function refuseUnlessEmpty(db: DataSource, m: EntityManager, tables: readonly PortableTable[]): Promise<void> {
  const holding: string[] = [];
  for (const table of tables) if (((await m.query(anyRow(db, table))) as unknown[]).length > 0) holding.push(table.name);
  if (holding.length === 0) return;
  throw new DomainError(
    'conflict',
    `This database is not empty: ${holding.join(', ')} ${holding.length === 1 ? 'has' : 'have'} rows. ` +
      'Import only into a new database, before a console or the server has started on it (a first start adds the default buildings and categories). ' +
      NOTHING,
  );
}

function readEnd(value: Record<string, unknown>, at: (problem: string) => DomainError): EndLine {
  const tables = value.tables;
  if (value.end !== true || typeof value.rows !== 'number' || !isRecord(tables) || !Object.values(tables).every((n) => typeof n === 'number')) {
    throw at('it is not a valid last line ({"end": true, "rows": …, "tables": {…}})');
  }
  return { end: true, rows: value.rows, tables: tables as Record<string, number> };
}

/** The file's last line counts its rows: a file that lost lines in its middle is refused too. */
function checkCounts(file: string, end: EndLine, counts: readonly TableCount[]): void {
  const read = new Map(counts.map((c) => [c.table, c.rows]));
  for (const table of new Set([...Object.keys(end.tables), ...read.keys()])) {
    const said = end.tables[table] ?? 0;
    const found = read.get(table) ?? 0;
    if (said !== found) {
      throw refusal(`${file} says it holds ${said} rows of ${table}, and ${found} were read: lines are missing or were added. ${NOTHING}`);
    }
  }
  const total = counts.reduce((sum, c) => sum + c.rows, 0);
  if (end.rows !== total) throw refusal(`${file} says it holds ${end.rows} rows, and ${total} were read: the file is damaged. ${NOTHING}`);
}

interface PendingRow {
  line: number;
  values: unknown[];
}

/** A self-reference written after its table's rows: it points at a row further on in the file. */
interface LaterReference {
  line: number;
  column: string;
  value: unknown;
  key: unknown;
}

/**
 * Checks each row line and writes the rows, a table at a time and many rows per statement. When
 * the database refuses a statement, its rows are tried one by one (under a savepoint) to name
 * the line it refused.
 */
class RowImporter {
  private readonly byName: Map<string, PortableTable>;
  private readonly order: Map<string, number>;
  private current: PortableTable | null = null;
  private batch: PendingRow[] = [];
  private later: LaterReference[] = [];
  private readonly rows = new Map<string, number>();

  constructor(
    private readonly db: DataSource,
    private readonly m: EntityManager,
    tables: readonly PortableTable[],
    private readonly file: string,
  ) {
    this.byName = new Map(tables.map((t) => [t.name, t]));
    this.order = new Map(tables.map((t, i) => [t.name, i]));
  }

  async add(line: number, value: unknown, at: (problem: string) => DomainError): Promise<void> {
    if (!isRecord(value) || typeof value.table !== 'string' || !isRecord(value.row)) throw at('it is not a row line ({"table": …, "row": {…}})');
    const extra = Object.keys(value).find((k) => k !== 'table' && k !== 'row');
    if (extra !== undefined) throw at(`it has a field "${extra}" besides "table" and "row"`);
    const table = this.byName.get(value.table);
    if (!table) {
      const why = NOT_MOVED.get(value.table);
      throw at(why ? `it holds a row of ${value.table} (${why}), which is never moved` : `it names a table "${value.table}" that this database does not have`);
    }
    if (table !== this.current) {
      if (this.current !== null && (this.order.get(table.name) ?? 0) <= (this.order.get(this.current.name) ?? 0)) {
        throw at(`a row of ${table.name} comes after rows of ${this.current.name}: tables must come in the order an export writes them`);
      }
      await this.finishTable();
      this.current = table;
    }
    const values = this.valuesOf(table, value.row, at);
    this.deferForwardReferences(table, line, values);
    this.batch.push({ line, values });
    this.rows.set(table.name, (this.rows.get(table.name) ?? 0) + 1);
    if (this.batch.length >= Math.max(1, Math.floor(MAX_BOUND_VALUES / table.columns.length))) await this.writeBatch();
  }

  /** Writes what is left of the current table, then its later references. */
  async finishTable(): Promise<void> {
    const table = this.current;
    if (table === null) return;
    await this.writeBatch();
    for (const ref of this.later) {
      await this.run(updateColumn(this.db, table, ref.column, ref.value, ref.key), ref.line, table);
    }
    this.later = [];
    this.current = null;
  }

  counts(): TableCount[] {
    return [...this.rows].map(([table, rows]) => ({ table, rows }));
  }

  private valuesOf(table: PortableTable, row: Record<string, unknown>, at: (problem: string) => DomainError): unknown[] {
    const unknown = Object.keys(row).find((k) => !table.columns.some((c) => c.name === k));
    if (unknown !== undefined) throw at(`${table.name} has no column "${unknown}"`);
    return table.columns.map((column) => {
      if (!(column.name in row)) throw at(`the ${table.name} row has no ${column.name}`);
      const problem = problemWith(row[column.name], column);
      if (problem !== null) throw at(`${table.name}.${problem}`);
      return row[column.name];
    });
  }

  /**
   * Rows are written in key order, so a reference to a smaller key is to a row already written;
   * one to the same or a larger key is written empty, then set once the table is complete.
   */
  private deferForwardReferences(table: PortableTable, line: number, values: unknown[]): void {
    if (table.selfReferences.length === 0) return;
    const keyAt = table.columns.findIndex((c) => c.name === table.key[0]);
    const key = values[keyAt];
    for (const column of table.selfReferences) {
      const at = table.columns.findIndex((c) => c.name === column);
      const value = values[at];
      if (value === null || (typeof value === 'number' && typeof key === 'number' && value < key)) continue;
      this.later.push({ line, column, value, key });
      values[at] = null;
    }
  }

  private async writeBatch(): Promise<void> {
    const table = this.current;
    const batch = this.batch;
    this.batch = [];
    if (table === null || batch.length === 0) return;
    const statement = insertRows(this.db, table, batch.map((r) => r.values));
    if (batch.length === 1) return this.run(statement, batch[0]!.line, table);
    // Under a savepoint: should the database refuse the statement, the transaction lives on to find the line.
    await this.m.query('SAVEPOINT deskwatch_import');
    try {
      await this.m.query(statement.sql, statement.params);
    } catch (error) {
      if (isTransientError(error)) throw error;
      await this.m.query('ROLLBACK TO SAVEPOINT deskwatch_import');
      for (const row of batch) await this.run(insertRows(this.db, table, [row.values]), row.line, table);
      throw error;
    }
    await this.m.query('RELEASE SAVEPOINT deskwatch_import');
  }

  /** Runs one row's statement; a refusal names the row's line and what the database said. */
  private async run(statement: Statement, line: number, table: PortableTable): Promise<void> {
    try {
      await this.m.query(statement.sql, statement.params);
    } catch (error) {
      if (isTransientError(error)) throw error;
      throw refusal(`${this.file}, line ${line}: the database refused this ${table.name} row: ${databaseWords(error)}. ${NOTHING}`);
    }
  }
}

/** The database's own words for a refusal, with PostgreSQL's detail (which key, which value). */
function databaseWords(error: unknown): string {
  const e = error as { message?: string; detail?: string; driverError?: { message?: string; detail?: string } };
  const message = e.driverError?.message ?? e.message ?? String(error);
  const detail = e.driverError?.detail ?? e.detail;
  return detail ? `${message} (${detail})` : message;
}
