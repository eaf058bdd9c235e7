/** What `db export` and `db import` print when they are done. */
import type { ExportReport, TableCount } from './export-database';
import type { ImportReport } from './import-database';
import { NOT_MOVED } from './portable-tables';

const count = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

function tableLines(tables: readonly TableCount[]): string {
  const width = Math.max(...tables.map((t) => t.table.length));
  return tables.map((t) => `  ${t.table.padEnd(width)}  ${count(t.rows).padStart(9)}\n`).join('');
}

const notMoved = () => `Not moved: ${[...NOT_MOVED.values()].join(', ')} (people sign in again on the new database).\n`;

export function exportSummary(report: ExportReport, database: string, ms: number): string {
  return (
    `Exported ${count(report.rows)} rows of ${database} (schema ${report.header.schema}) to ${report.file} ` +
    `(${megabytes(report.bytes)}) in ${seconds(ms)}:\n${tableLines(report.tables)}${notMoved()}`
  );
}

export function importSummary(report: ImportReport, database: string, ms: number): string {
  const sequences = report.sequencesReset > 0 ? `; ${report.sequencesReset} id sequences moved past the highest ids` : '';
  return (
    `Imported ${count(report.rows)} rows from ${report.file} (exported from ${report.header.source} at ${report.header.exportedAt}, ` +
    `schema ${report.header.schema}) into ${database} in ${seconds(ms)}, ids kept${sequences}:\n${tableLines(report.tables)}`
  );
}
