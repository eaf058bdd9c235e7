/**
 * Reads every report fact into columns, as numbers from the database: dates as day numbers and
 * each word (state, channel, unit, outcome, policy version) as its code, worked out in the SQL.
 * A million facts read as rows of text took a minute (most of it making strings); as numbers,
 * and on SQLite as plain arrays from the driver, they take seconds.
 */
import type { DataSource } from 'typeorm';
import { CASE_CHANNELS, CASE_STATUSES } from '../../../shared/domain';
import { TARGET_OUTCOMES, TIME_UNITS } from '../../../shared/reports';
import { isPostgres } from '../db/dialect';
import { yieldToEventLoop } from '../yield';
import { FactColumns, NONE, PAUSE_CODES } from './fact-columns';
import { inUnit } from './fact-selection';

const PAGE = 50_000;

/** A text column as the code of its value in `values` (−1 for anything else, which the schema's checks rule out). */
function codeOf(column: string, values: readonly (string | null)[]): string {
  const whens = values.flatMap((v, i) => (v === null ? [] : [`WHEN '${v}' THEN ${i}`])).join(' ');
  return `CASE ${column} ${whens} ELSE ${values.indexOf(null) >= 0 ? values.indexOf(null) : -1} END`;
}

/** The statement reading one page of facts after a case id, every value a number. */
function pageSql(postgres: boolean, policies: readonly string[]): string {
  // Days since 1970-01-01 (the civil day numbers of sla/civil-date.ts); NONE when there is no date.
  const day = (column: string) =>
    postgres ? `COALESCE(${column}::date - DATE '1970-01-01', ${NONE})` : `COALESCE(CAST(julianday(${column}) - 2440587.5 AS INTEGER), ${NONE})`;
  const flag = (column: string) => (postgres ? `CASE WHEN ${column} THEN 1 ELSE 0 END` : column);
  const columns = [
    'case_id',
    day('received_date'),
    'received_minute',
    'received_weekday',
    flag('after_cutoff'),
    'priority',
    codeOf('policy_version', policies),
    codeOf('status', CASE_STATUSES),
    codeOf('channel', CASE_CHANNELS),
    'COALESCE(building_id, 0)',
    'COALESCE(category_id, 0)',
    'COALESCE(assignee_id, 0)',
    'caller_id',
    'business_day_ms',
    codeOf('response_unit', TIME_UNITS),
    flag('response_has_target'),
    'response_due_at',
    'response_elapsed_ms',
    codeOf('response_outcome', TARGET_OUTCOMES),
    codeOf('resolution_unit', TIME_UNITS),
    flag('resolution_has_target'),
    'resolution_due_at',
    'resolution_elapsed_ms',
    codeOf('resolution_outcome', TARGET_OUTCOMES),
    day('resolved_date'),
    day('closed_date'),
    'received_at',
    'resolved_at',
    'pending_ms',
    'parts_ms',
    flag('ever_pending'),
    flag('ever_parts'),
    codeOf('open_pause_status', PAUSE_CODES),
    'open_pause_since',
    flag('first_contact'),
    'reopened',
  ];
  const placeholder = postgres ? '$1' : '?';
  return `SELECT ${columns.map((c, i) => `${c} AS v${i}`).join(', ')} FROM case_report_fact WHERE case_id > ${placeholder} ORDER BY case_id LIMIT ${PAGE}`;
}

interface RawStatement {
  raw(on: boolean): { all(...params: unknown[]): unknown[][] };
}

/** One page as arrays of values in the statement's order (SQLite: from the driver; PostgreSQL: its rows' values). */
async function readPage(db: DataSource, sql: string, after: number): Promise<unknown[][]> {
  if (isPostgres(db)) {
    const rows: Record<string, unknown>[] = await db.query(sql, [after]);
    return rows.map((row) => Object.values(row));
  }
  const connection = (db.driver as unknown as { databaseConnection: { prepare(sql: string): RawStatement } }).databaseConnection;
  return connection.prepare(sql).raw(true).all(after);
}

export async function loadFactColumns(db: DataSource): Promise<FactColumns> {
  const [count] = await db.query('SELECT COUNT(*) AS n FROM case_report_fact');
  const policies = ((await db.query('SELECT DISTINCT policy_version AS v FROM case_report_fact')) as { v: string }[]).map((r) => r.v);
  const columns = new FactColumns(Math.max(1_024, Math.ceil(Number(count?.n ?? 0) * 1.1)));
  const policyCodes = policies.map((v) => columns.policyCodeOf(v));
  const sql = pageSql(isPostgres(db), policies);
  const { int32, uint8, float64 } = columns;
  const num = (v: unknown) => Number(v);
  const instant = (v: unknown) => (v === null ? NaN : Number(v));
  let after = 0;
  for (;;) {
    const page = await readPage(db, sql, after);
    for (const r of page) {
      const caseId = num(r[0]);
      const slot = columns.slotForLoad(caseId);
      int32.caseId[slot] = caseId;
      int32.receivedDay[slot] = num(r[1]);
      int32.receivedMinute[slot] = num(r[2]);
      uint8.weekday[slot] = num(r[3]);
      uint8.afterCutoff[slot] = num(r[4]);
      uint8.priority[slot] = num(r[5]);
      uint8.policy[slot] = policyCodes[num(r[6])] as number;
      uint8.status[slot] = num(r[7]);
      uint8.channel[slot] = num(r[8]);
      int32.buildingId[slot] = num(r[9]);
      int32.categoryId[slot] = num(r[10]);
      int32.assigneeId[slot] = num(r[11]);
      int32.callerId[slot] = num(r[12]);
      const businessDayMs = num(r[13]);
      int32.businessDayMs[slot] = businessDayMs;
      uint8.responseUnit[slot] = num(r[14]);
      uint8.responseHasTarget[slot] = num(r[15]);
      float64.responseDueAt[slot] = instant(r[16]);
      const responseElapsed = instant(r[17]);
      float64.responseElapsedMs[slot] = responseElapsed;
      uint8.responseOutcome[slot] = num(r[18]);
      uint8.resolutionUnit[slot] = num(r[19]);
      uint8.resolutionHasTarget[slot] = num(r[20]);
      float64.resolutionDueAt[slot] = instant(r[21]);
      const resolutionElapsed = instant(r[22]);
      float64.resolutionElapsedMs[slot] = resolutionElapsed;
      uint8.resolutionOutcome[slot] = num(r[23]);
      const resolvedDay = num(r[24]);
      int32.resolvedDay[slot] = resolvedDay;
      // Out of the backlog: resolved, or closed without a resolution (as FactColumns.upsert).
      int32.doneDay[slot] = resolvedDay !== NONE ? resolvedDay : num(r[25]);
      float64.receivedAt[slot] = num(r[26]);
      float64.resolvedAt[slot] = instant(r[27]);
      float64.pendingMs[slot] = num(r[28]);
      float64.partsMs[slot] = num(r[29]);
      uint8.everPending[slot] = num(r[30]);
      uint8.everParts[slot] = num(r[31]);
      uint8.openPause[slot] = Math.max(0, num(r[32]));
      float64.openPauseSince[slot] = instant(r[33]);
      uint8.firstContact[slot] = num(r[34]);
      uint8.reopened[slot] = Math.min(255, num(r[35]));
      float64.responseValue[slot] = Number.isNaN(responseElapsed) ? NaN : inUnit(responseElapsed, TIME_UNITS[uint8.responseUnit[slot] as number] ?? 'clock-hours', businessDayMs);
      float64.resolutionValue[slot] = Number.isNaN(resolutionElapsed) ? NaN : inUnit(resolutionElapsed, TIME_UNITS[uint8.resolutionUnit[slot] as number] ?? 'clock-hours', businessDayMs);
    }
    if (page.length < PAGE) break;
    after = num(page[page.length - 1]?.[0]);
    await yieldToEventLoop();
  }
  columns.loaded();
  return columns;
}
