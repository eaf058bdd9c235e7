/**
 * Reports as files: CSV (csv-stringify; RFC 4180 quoting, a header row, UTF-8 with a byte-order
 * mark so spreadsheet programs read accents right) and XLSX (exceljs; one sheet per table, the
 * header bold and frozen). Text that a spreadsheet would run as a formula (=, +, -, @ first) is
 * written with a leading apostrophe: a case summary typed by a caller must never become one.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { ChannelParsedInput } from '../../../shared/contract';
import type { ExportedFile, ExportFormat } from '../../../shared/reports';
import { reportTables, type Cell, type ReportData, type ReportTable } from './report-tables';

export type ExportRequest = ChannelParsedInput<'reports.export'>;

const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: Cell): Cell {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

export async function exportFile(data: ReportData, format: ExportFormat): Promise<ExportedFile> {
  const tables = reportTables(data);
  const bytes = format === 'csv' ? Buffer.from(`\uFEFF${csvOf(tables)}`, 'utf8') : await xlsxOf(tables);
  return {
    fileName: `deskwatch-${fileStem(data)}.${format}`,
    mimeType: MIME[format],
    dataBase64: bytes.toString('base64'),
    rows: tables.reduce((n, t) => n + t.rows.length, 0),
  };
}

/** One table as CSV; several as sections, each headed by its name and parted by a blank line. */
export function csvOf(tables: readonly ReportTable[]): string {
  const one = (t: ReportTable) => stringify([t.columns, ...t.rows.map((r) => r.map(safeCell))], { cast: { boolean: (b) => (b ? 'true' : 'false') } });
  if (tables.length === 1) return one(tables[0] as ReportTable);
  return tables.map((t) => `${stringify([[t.name]])}${one(t)}`).join('\r\n');
}

export async function xlsxOf(tables: readonly ReportTable[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Deskwatch';
  for (const t of tables) {
    const sheet = book.addWorksheet(t.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(t.columns).font = { bold: true };
    for (const row of t.rows) sheet.addRow(row.map(safeCell));
    sheet.columns.forEach((c, i) => {
      c.width = Math.min(60, Math.max(10, (t.columns[i] ?? '').length + 2));
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

function fileStem(data: ReportData): string {
  switch (data.report) {
    case 'sla':
      return `sla-${data.data.filter.from}-to-${data.data.filter.to}`;
    case 'trends':
      return `trends-${data.data.filter.from}-to-${data.data.filter.to}`;
    case 'weaknesses':
      return `weaknesses-${data.data.filter.from}-to-${data.data.filter.to}`;
    case 'cases':
      return 'cases';
  }
}
