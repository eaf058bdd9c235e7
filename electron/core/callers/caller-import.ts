/**
 * Reads a CSV of callers: columns matched by header, every row validated like the directory's
 * own form, every problem reported with its line number. Writing is the service's job.
 */
import { parse } from 'csv-parse/sync';
import { callerInputSchema, type CallerInput, type ImportProblem } from '../../../shared/contract';
import { validationError } from '../handlers/validation';

type CallerColumn = keyof CallerInput | 'building' | 'firstName' | 'lastName';

/** Header spellings seen in district exports, folded to lower-case letters and digits. */
const HEADER_ALIASES: Record<string, CallerColumn> = {
  name: 'name',
  fullname: 'name',
  callername: 'name',
  displayname: 'name',
  firstname: 'firstName',
  givenname: 'firstName',
  lastname: 'lastName',
  surname: 'lastName',
  familyname: 'lastName',
  email: 'email',
  emailaddress: 'email',
  mail: 'email',
  phone: 'phone',
  phonenumber: 'phone',
  telephone: 'phone',
  mobile: 'phone',
  extension: 'extension',
  ext: 'extension',
  building: 'building',
  school: 'building',
  site: 'building',
  location: 'building',
  room: 'room',
  roomnumber: 'room',
  department: 'department',
  dept: 'department',
  role: 'role',
  title: 'role',
  position: 'role',
  jobtitle: 'role',
  notes: 'notes',
  note: 'notes',
  employeeid: 'employeeId',
  employeenumber: 'employeeId',
  empid: 'employeeId',
  staffid: 'employeeId',
};

export interface ParsedCallerRow {
  line: number;
  caller: CallerInput;
}

export interface ParsedCallerFile {
  rows: ParsedCallerRow[];
  problems: ImportProblem[];
  ignoredHeaders: string[];
}

/** No caller row comes near this: every field of a caller is at most 2,000 characters. */
const MAX_CSV_ROW_CHARACTERS = 100_000;

const foldHeader = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

export function parseCallerCsv(text: string, buildingIds: ReadonlyMap<string, number>): ParsedCallerFile {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      // csv-parse slows down more than linearly on one huge field (a 20 MB line took half a minute).
      max_record_size: MAX_CSV_ROW_CHARACTERS,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    const reason =
      (error as { code?: unknown }).code === 'CSV_MAX_RECORD_SIZE'
        ? `a row is longer than ${MAX_CSV_ROW_CHARACTERS.toLocaleString('en-US')} characters (a quote left open?); this does not look like a caller export`
        : `not valid CSV: ${(error as Error).message}`;
    return { rows: [], problems: [{ line, reason }], ignoredHeaders: [] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ line: 1, reason: 'the file has no header row' }], ignoredHeaders: [] };

  const columns = header.record.map((h) => HEADER_ALIASES[foldHeader(h)] ?? null);
  const ignoredHeaders = header.record.filter((_, i) => columns[i] === null);
  if (!columns.includes('name') && !(columns.includes('firstName') && columns.includes('lastName'))) {
    return {
      rows: [],
      problems: [{ line: header.info.lines, reason: 'no name column: expected "Name" (or "First name" and "Last name")' }],
      ignoredHeaders,
    };
  }

  const rows: ParsedCallerRow[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    const cell: Partial<Record<CallerColumn, string>> = {};
    columns.forEach((column, i) => {
      const value = record[i];
      if (column && value) cell[column] = value;
    });
    const name = cell.name ?? [cell.firstName, cell.lastName].filter(Boolean).join(' ');
    let buildingId: number | null = null;
    if (cell.building) {
      const found = buildingIds.get(cell.building.toLowerCase());
      if (found === undefined) {
        problems.push({ line, reason: `unknown building "${cell.building}"` });
        continue;
      }
      buildingId = found;
    }
    const parsed = callerInputSchema.safeParse({
      name,
      email: cell.email,
      phone: cell.phone,
      extension: cell.extension,
      buildingId,
      room: cell.room,
      department: cell.department,
      role: cell.role,
      notes: cell.notes,
      employeeId: cell.employeeId,
    });
    if (!parsed.success) {
      problems.push({ line, reason: validationError(parsed.error).message });
      continue;
    }
    const key = parsed.data.email ? `email:${parsed.data.email.toLowerCase()}` : parsed.data.employeeId ? `id:${parsed.data.employeeId}` : null;
    const earlier = key ? seen.get(key) : undefined;
    if (key && earlier !== undefined) {
      problems.push({ line, reason: `same ${key.startsWith('email') ? 'email' : 'employee id'} as line ${earlier}` });
      continue;
    }
    if (key) seen.set(key, line);
    rows.push({ line, caller: parsed.data });
  }
  return { rows, problems, ignoredHeaders };
}
