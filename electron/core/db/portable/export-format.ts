/**
 * The export file: JSON Lines. The first line says what the file is and which schema its rows
 * have; then one line per row, `{ table, row }`, a table's rows together and in primary-key order,
 * tables in foreign-key order; the last line counts what came before it, so a file cut short at
 * a line's end is recognised as incomplete instead of importing part of a desk.
 *
 *   {"format":"deskwatch-export","version":1,"schema":"StaffSignIn1765065600000","exportedAt":"…","source":"sqlite"}
 *   {"table":"staff_member","row":{"id":1,"name":"Maria Lopez","role":"agent","active":true,…}}
 *   …
 *   {"end":true,"rows":5120,"tables":{"staff_member":12,…}}
 */
import type { PortableValue } from './portable-values';

export const EXPORT_FORMAT = 'deskwatch-export';
export const EXPORT_VERSION = 1;

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: number;
  /** The name of the last migration applied to the exported database. */
  schema: string;
  /** When the export was taken (ISO 8601, UTC). */
  exportedAt: string;
  source: 'sqlite' | 'postgres';
}

export interface RowLine {
  table: string;
  row: Record<string, PortableValue>;
}

export interface EndLine {
  end: true;
  /** Row lines in the file. */
  rows: number;
  /** Row lines per table. */
  tables: Record<string, number>;
}

/** The header's fields checked; answers the problem in words, or the header. */
export function readHeader(value: unknown): ExportHeader | string {
  if (!isRecord(value) || value.format !== EXPORT_FORMAT) {
    return `it does not start with a Deskwatch export header (${JSON.stringify({ format: EXPORT_FORMAT })}): is this a file "deskwatch db export" wrote?`;
  }
  if (typeof value.version !== 'number' || !Number.isInteger(value.version)) return 'its header has no format version';
  if (value.version > EXPORT_VERSION) {
    return `it is in export format version ${value.version}, and this Deskwatch reads version ${EXPORT_VERSION}: import it with the Deskwatch version that wrote it, or a newer one`;
  }
  if (value.version !== EXPORT_VERSION) return `it is in export format version ${value.version}, which this Deskwatch does not read (it reads version ${EXPORT_VERSION})`;
  if (typeof value.schema !== 'string' || value.schema === '') return 'its header does not say which schema its rows have';
  if (value.source !== 'sqlite' && value.source !== 'postgres') return 'its header does not say which kind of database it came from';
  if (typeof value.exportedAt !== 'string') return 'its header does not say when it was exported';
  return { format: EXPORT_FORMAT, version: value.version, schema: value.schema, exportedAt: value.exportedAt, source: value.source };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
