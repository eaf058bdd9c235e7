/**
 * The case search at a large district's scale: 1,000,000 cases over five years (about 20,000 of
 * them open), 100,000 work notes, on SQLite and on PostgreSQL. A supervisor searches: words,
 * numbers, fields, a month's dates, sorts, deep pages, breached outcomes (the page's rows and the
 * total), warm. Target: p95 under 100 ms on each
 * database.
 *
 * The rows are written by bulk SQL (INSERT … SELECT over a generated series), and so are their
 * report facts: `case_report_fact` rows with plausible values written directly, not computed by
 * the reports' keeper (a million SLA ledgers would take the fill minutes and measure the keeper,
 * not the search). The facts' local dates take Chicago as six hours behind UTC all year.
 *
 * Timed through `core.dispatch('cases.search')` once the console has read the report facts
 * (fact-search.ts answers from them); BENCH_CASES_DATABASE_ALONE=1 also times the database
 * alone, as a console answers in its first seconds.
 *
 * PostgreSQL: DESKWATCH_BENCH_PG_URL (an admin URL whose user may create databases), else a
 * private cluster started for the run. Run: npm run bench -- case-search (about 5 minutes).
 * BENCH_CASES_DB=sqlite or postgres runs one database only; BENCH_CASES=N another size.
 */
import type { DataSource } from 'typeorm';
import type { Core } from '../electron/core/core';
import { DEMO_TEXTS, WORK_NOTES } from '../electron/core/demo/demo-texts';
import { CaseSearch } from '../electron/core/reports/case-search';
import type { CaseSearchInput } from '../shared/reports';
import { benchPostgres, onFreshDatabase } from './bench-database';
import { percentile, random, report, timeEach, type Check } from './bench-kit';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const OPEN = 20_000;
const CALLERS = 20_000;
const TECHNICIANS = 30;
const TARGET_P95_MS = 100;
const NOW = Date.parse('2026-11-30T15:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SPAN = 5 * 365 * DAY;
const ZONE_OFFSET = 6 * HOUR;
const OPEN_STATES = ['new', 'acknowledged', 'in_progress', 'pending_user_response', 'awaiting_parts'];

interface Figures {
  fillSeconds: number;
  samples: Map<string, number[]>;
}

async function main(): Promise<void> {
  const only = process.env.BENCH_CASES_DB;
  const checks: Check[] = [];
  const lines: string[] = [];
  const kinds = (['sqlite', 'postgres'] as const).filter((k) => !only || only === k);
  const pg = benchPostgres('bench-case-search');
  try {
    for (const kind of kinds) {
      // BENCH_CASES_KEEP=1 leaves the SQLite file for a look at the plans.
      const figures = await onFreshDatabase(kind, pg.adminUrl, NOW, (core, restart) => searching(core, restart, kind), { keepSqlite: Boolean(process.env.BENCH_CASES_KEEP) });
      const all = [...figures.samples.values()].flat();
      lines.push(`${kind}: filled in ${figures.fillSeconds.toFixed(0)} s; ${all.length} searches: p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms, max ${Math.max(...all).toFixed(1)} ms`);
      for (const [name, samples] of figures.samples) {
        lines.push(`  ${kind} ${name.padEnd(34)} p50 ${percentile(samples, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(samples, 95).toFixed(1).padStart(7)} ms  max ${Math.max(...samples).toFixed(1).padStart(7)} ms`);
      }
      checks.push({ name: `${kind}: case search p95 (${CASES.toLocaleString()} cases, every kind of search)`, value: percentile(all, 95), unit: 'ms', target: TARGET_P95_MS, better: 'lower' });
    }
  } finally {
    await pg.stop();
  }
  for (const line of lines) console.log(`  ${line}`);
  const ok = report('Case search (in the core)', checks);
  process.exitCode = ok ? 0 : 1;
}

async function searching(seeding: Core, restart: () => Promise<Core>, kind: string): Promise<Figures> {
  const fillStart = Date.now();
  const ref = await fill(seeding.dataSource);
  if (kind === 'postgres') await seeding.dataSource.query('VACUUM ANALYZE');
  else await seeding.dataSource.query('ANALYZE');
  const fillSeconds = (Date.now() - fillStart) / 1000;
  console.log(`  ${kind}: ${CASES.toLocaleString()} cases with their facts and ${Math.floor(CASES / 10).toLocaleString()} work notes in ${fillSeconds.toFixed(0)} s`);

  // A console started on the district's database, its facts read (as a few seconds after a start):
  // the searches go through the contract as a supervisor's do. The database alone (before the
  // facts are read) is timed too, for the record.
  const core = await restart();
  const readStart = Date.now();
  await core.services.reports.facts();
  const wordsStart = Date.now();
  await core.services.reports.ready();
  const words = kind === 'postgres' ? `, then the case words in ${((Date.now() - wordsStart) / 1000).toFixed(1)} s` : '';
  console.log(`  ${kind}: facts read into memory in ${((wordsStart - readStart) / 1000).toFixed(1)} s${words}`);
  const sup = await core.services.staff.create({ name: 'Bench Supervisor', role: 'supervisor' });
  const ask = async (input: CaseSearchInput) => {
    const r = await core.dispatch('cases.search', input, { actorId: sup.id });
    if (!r.ok) throw new Error(`cases.search ${JSON.stringify(input)}: ${r.error.message}`);
  };
  const suites = searches(ref);
  const samples = new Map<string, number[]>();
  for (const [, inputs] of suites) await timeEach(inputs, ask); // warm-up: statement caches, buffer cache
  for (const [name, inputs] of suites) samples.set(name, await timeEach(inputs, ask));
  if (process.env.BENCH_CASES_DATABASE_ALONE) {
    const search = new CaseSearch(core.dataSource);
    const alone: number[] = [];
    for (const [, inputs] of suites) alone.push(...(await timeEach(inputs, (input) => search.search(input, NOW))));
    console.log(`  ${kind}: the database alone (before the facts are read): p50 ${percentile(alone, 50).toFixed(1)} ms, p95 ${percentile(alone, 95).toFixed(1)} ms`);
  }
  return { fillSeconds, samples };
}

export interface Reference {
  buildings: number[];
  categories: number[];
  technicians: number[];
  callers: number[];
}

/** The searches timed, by kind: each a handful of variations, so no one answer is merely cached. */
export function searches(ref: Reference): [string, CaseSearchInput[]][] {
  const rand = random(7);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)] as T;
  const month = (k: number) => {
    const start = new Date(NOW - (k + 1) * 30 * DAY);
    const end = new Date(start.getTime() + 30 * DAY);
    return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
  };
  const times = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));
  const words = ['projector', 'chromebook', 'password reset', 'toner', 'wifi drops', 'locked out', 'smartboard', 'printer jam', 'hdmi', 'laptop charger', 'proj', 'chrome', 'attendance', 'phone voicemail'];
  return [
    ['newest first, page 1', times(10, () => ({}))],
    ['words', words.map((text) => ({ text }))],
    ['words + open states', words.map((text) => ({ text, statuses: ['new', 'acknowledged', 'in_progress'] }))],
    ['words + a month', words.map((text, i) => ({ text, ...month(i) }))],
    ['number', times(10, () => ({ number: `DW-${String(1 + Math.floor(rand() * CASES)).padStart(6, '0')}` }))],
    ['caller', times(10, () => ({ callerId: pick(ref.callers) }))],
    ['open states', times(10, () => ({ statuses: [pick(OPEN_STATES)] as CaseSearchInput['statuses'] }))],
    ['priority + building', times(10, () => ({ priorities: [1, 2], buildingIds: [pick(ref.buildings)] }) as CaseSearchInput)],
    ['category + technician', times(10, () => ({ categoryIds: [pick(ref.categories)], assigneeIds: [pick(ref.technicians)] }))],
    ['unassigned', times(5, () => ({ assigneeIds: [0] }))],
    ['channel', times(5, () => ({ channels: [pick(['email', 'web', 'walk_in'] as const)] }))],
    ['a month', times(10, (i) => month(i * 3))],
    ['a month, by caller', times(10, (i) => ({ ...month(i * 2), sort: { field: 'caller', direction: 'asc' } }) as CaseSearchInput)],
    ['a month, by priority', times(10, (i) => ({ ...month(i * 2), sort: { field: 'priority', direction: 'desc' } }) as CaseSearchInput)],
    ['all, by id asc', times(5, () => ({ sort: { field: 'id', direction: 'asc' } }) as CaseSearchInput)],
    ['all, by resolved', times(5, () => ({ sort: { field: 'resolvedAt', direction: 'desc' } }) as CaseSearchInput)],
    ['deep page (offset 10,000)', times(5, (i) => ({ offset: 10_000 + i * 50 }))],
    ['deep page (offset 100,000)', times(5, (i) => ({ offset: 100_000 + i * 50 }))],
    ['resolution breached, a month', times(10, (i) => ({ ...month(i * 4), outcome: { target: 'resolution', is: 'breached' } }) as CaseSearchInput)],
    ['response breached, open states', times(5, () => ({ statuses: ['new', 'acknowledged', 'in_progress'], outcome: { target: 'response', is: 'breached' } }) as CaseSearchInput)],
    ['resolution breached, building', times(10, () => ({ buildingIds: [pick(ref.buildings)], outcome: { target: 'resolution', is: 'breached' } }) as CaseSearchInput)],
  ];
}

/**
 * A million cases, their facts and a work note on every tenth, by INSERT … SELECT over a series
 * (the triggers index the words as they would any insert). Texts come from the demo district's
 * problems, resolutions and notes, picked by the row number.
 */
export async function fill(db: DataSource): Promise<Reference> {
  const postgres = db.options.type === 'postgres';
  const buildings = ((await db.query('SELECT id FROM building ORDER BY id')) as { id: number | string }[]).map((r) => Number(r.id));
  const categories = ((await db.query('SELECT id FROM category ORDER BY id')) as { id: number | string }[]).map((r) => Number(r.id));
  await db.query(
    `INSERT INTO staff_member (name, role, active, created_at) VALUES ${Array.from({ length: TECHNICIANS }, (_, i) => `('Technician ${i + 1}', 'technician', ${postgres ? 'true' : '1'}, ${NOW})`).join(', ')}`,
  );
  const technicians = ((await db.query(`SELECT id FROM staff_member WHERE role = 'technician' ORDER BY id`)) as { id: number | string }[]).map((r) => Number(r.id));
  const series = (n: number) => (postgres ? `SELECT g::bigint AS i FROM generate_series(1, ${n}) g` : `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n}) SELECT i FROM s`);
  await db.query(`INSERT INTO caller (name, search_text, created_at, updated_at) SELECT 'Caller ' || i, ' caller ' || i || ' ', ${NOW}, ${NOW} FROM (${series(CALLERS)}) n`);
  const callers = ((await db.query('SELECT id FROM caller ORDER BY id')) as { id: number | string }[]).map((r) => Number(r.id));

  // The texts, numbered, for the generator to pick from.
  const problems = Object.values(DEMO_TEXTS).flatMap((t) => t.problems);
  const resolutions = Object.values(DEMO_TEXTS).flatMap((t) => t.resolutions);
  await db.query('CREATE TABLE bench_problem (k integer PRIMARY KEY, summary text, description text)');
  await db.query('CREATE TABLE bench_resolution (k integer PRIMARY KEY, notes text)');
  await db.query('CREATE TABLE bench_note (k integer PRIMARY KEY, note text)');
  const insertTexts = async (table: string, columns: string, rows: string[][]) => {
    let n = 0;
    const values = rows.map((row) => `(${[null, ...row].map(() => (postgres ? `$${++n}` : '?')).join(', ')})`).join(', ');
    await db.query(`INSERT INTO ${table} (k, ${columns}) VALUES ${values}`, rows.flatMap((row, k) => [k, ...row]));
  };
  await insertTexts('bench_problem', 'summary, description', problems.map((p) => [p.summary, p.description]));
  await insertTexts('bench_resolution', 'notes', resolutions.map((r) => [r]));
  // Spelled as JSON string content: the notes' detail is JSON, as the core writes it.
  await insertTexts('bench_note', 'note', WORK_NOTES.map((w) => [JSON.stringify(w).slice(1, -1)]));

  const list = (items: readonly (number | string)[]) => (postgres ? `(ARRAY[${items.map((x) => (typeof x === 'string' ? `'${x}'` : x)).join(', ')}])` : null);
  // An element of a list by an index expression, in each dialect (SQLite has no arrays: a CASE).
  const elementOf = (items: readonly (number | string)[], index: string) =>
    postgres
      ? `${list(items)}[((${index}) + 1)::int]`
      : `CASE ${index} ${items.map((x, k) => `WHEN ${k} THEN ${typeof x === 'string' ? `'${x}'` : x}`).join(' ')} END`;
  const h = (salt: number) => `((i * ${2_654_435_761 + salt * 40_503}) % 1000003)`;
  const received = `(${NOW - SPAN} + (i * ${Math.floor(SPAN / CASES)}))`;
  const isOpen = `(i > ${CASES - OPEN})`;
  const priority = `(CASE WHEN ${h(1)} % 100 < 3 THEN 1 WHEN ${h(1)} % 100 < 15 THEN 2 WHEN ${h(1)} % 100 < 50 THEN 3 WHEN ${h(1)} % 100 < 90 THEN 4 ELSE 5 END)`;
  const status = `(CASE WHEN ${isOpen} THEN ${elementOf(OPEN_STATES, `i % ${OPEN_STATES.length}`)} WHEN ${h(2)} % 100 < 85 THEN 'closed' ELSE 'resolved' END)`;
  const resolvedAt = `(CASE WHEN ${isOpen} THEN NULL ELSE ${received} + (${h(3)} % ${4 * DAY}) END)`;
  const assignee = `(CASE WHEN ${h(4)} % 50 = 0 THEN NULL ELSE ${elementOf(technicians, `${h(4)} % ${technicians.length}`)} END)`;
  await db.query(`INSERT INTO help_case (id, caller_id, summary, description, priority, status, channel, assignee_id, received_at, response_due_at, resolution_due_at,
      policy_version, building_id, category_id, clock_start_at, responded_at, resolved_at, closed_at, resolution_notes, version, created_at, updated_at)
    SELECT i, ${callers[0]} + (${h(5)} % ${callers.length}), p.summary, p.description, ${priority}, ${status},
      ${elementOf(['phone', 'phone', 'phone', 'email', 'web', 'walk_in'], `${h(6)} % 6`)}, ${assignee}, ${received}, ${received} + ${4 * HOUR}, ${received} + ${3 * DAY},
      '2026.1', ${elementOf(buildings, `${h(7)} % ${buildings.length}`)}, ${elementOf(categories, `${h(8)} % ${categories.length}`)}, ${received},
      CASE WHEN ${isOpen} AND i % 5 = 0 THEN NULL ELSE ${received} + (${h(9)} % ${6 * HOUR}) END, ${resolvedAt},
      CASE WHEN ${isOpen} OR ${h(2)} % 100 >= 85 THEN NULL ELSE ${resolvedAt} + ${DAY} END,
      CASE WHEN ${isOpen} THEN NULL ELSE r.notes END, 1, ${received}, ${received}
    FROM (${series(CASES)}) n
    JOIN bench_problem p ON p.k = ${h(10)} % ${problems.length}
    JOIN bench_resolution r ON r.k = ${h(11)} % ${resolutions.length}`);
  if (postgres) await db.query(`SELECT setval(pg_get_serial_sequence('help_case', 'id'), ${CASES})`);

  await db.query(`INSERT INTO case_event (case_id, actor_id, kind, at, detail)
    SELECT i, ${technicians[0]}, 'note', ${received} + ${HOUR}, '{"note":"' || w.note || '"}'
    FROM (${series(CASES)}) n JOIN bench_note w ON w.k = ${h(12)} % ${WORK_NOTES.length} WHERE i % 10 = 0`);

  // The facts, written directly (see the header): targets met mostly, some breached; open cases judged at report time.
  const localDate = postgres ? `to_char(to_timestamp((c.received_at - ${ZONE_OFFSET}) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')` : `date((c.received_at - ${ZONE_OFFSET}) / 1000, 'unixepoch')`;
  const minute = `(((c.received_at - ${ZONE_OFFSET}) % ${DAY}) / 60000)`;
  const isOpenCase = `(c.resolved_at IS NULL)`;
  await db.query(`INSERT INTO case_report_fact (case_id, case_version, received_at, received_date, received_minute, received_weekday, after_cutoff, priority, policy_version,
      status, channel, building_id, category_id, assignee_id, caller_id, clock_start_at, business_day_ms,
      response_unit, response_has_target, response_due_at, responded_at, response_elapsed_ms, response_outcome,
      resolution_unit, resolution_has_target, resolution_due_at, resolved_at, resolution_elapsed_ms, resolution_outcome, resolved_date,
      pending_ms, parts_ms, ever_pending, ever_parts, open_pause_status, open_pause_since, first_contact, reopened, closed_at, closed_date)
    SELECT c.id, c.version, c.received_at, ${localDate}, ${minute}, 1 + (c.id % 7), ${minute} >= 960, c.priority, '2026.1',
      c.status, c.channel, c.building_id, c.category_id, c.assignee_id, c.caller_id, c.received_at, ${10 * HOUR},
      'business-hours', c.priority < 5, c.response_due_at, c.responded_at, c.responded_at - c.received_at,
      CASE WHEN c.priority = 5 THEN 'none' WHEN c.responded_at IS NULL THEN 'open' WHEN c.responded_at - c.received_at > ${4 * HOUR} THEN 'breached' ELSE 'met' END,
      'business-days', c.priority < 5, c.resolution_due_at, c.resolved_at, c.resolved_at - c.received_at,
      CASE WHEN c.priority = 5 THEN 'none' WHEN ${isOpenCase} THEN 'open' WHEN c.resolved_at - c.received_at > ${3 * DAY} THEN 'breached' ELSE 'met' END,
      CASE WHEN ${isOpenCase} THEN NULL ELSE ${localDate.replace(/received_at/g, 'resolved_at')} END,
      CASE WHEN c.id % 20 = 0 THEN ${2 * HOUR} ELSE 0 END, CASE WHEN c.id % 50 = 0 THEN ${DAY} ELSE 0 END, c.id % 20 = 0, c.id % 50 = 0,
      CASE WHEN c.status IN ('pending_user_response', 'awaiting_parts') THEN c.status END,
      CASE WHEN c.status IN ('pending_user_response', 'awaiting_parts') THEN c.received_at + ${HOUR} END,
      c.id % 9 = 0 AND c.resolved_at IS NOT NULL, CASE WHEN c.id % 97 = 0 THEN 1 ELSE 0 END, c.closed_at,
      CASE WHEN c.closed_at IS NULL THEN NULL ELSE ${localDate.replace(/received_at/g, 'closed_at')} END
    FROM help_case c`);
  for (const t of ['bench_problem', 'bench_resolution', 'bench_note']) await db.query(`DROP TABLE ${t}`);
  return { buildings, categories, technicians, callers };
}

// Run as a script (npm run bench); imported, it only lends its fill.
if (require.main === module) void main();
