import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueCase } from '../../shared/domain';
import type { Core } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/db/data-source';
import type { DatabaseConfig } from '../../electron/core/db/database-config';
import { exportDatabase, type ExportReport } from '../../electron/core/db/portable/export-database';
import { importDatabase } from '../../electron/core/db/portable/import-database';
import { NOT_MOVED } from '../../electron/core/db/portable/portable-tables';
import { freshDatabase, type DatabaseKind, type FreshDatabase } from '../support/databases';
import { deskCore, fillStandaloneDesk, type StandaloneDesk } from '../support/standalone-desk';

/** Sign-in state: the tables an export leaves behind (named here on purpose, not read from the module under test). */
const SIGN_IN_STATE = ['staff_session', 'sign_in_attempt', 'auth_flow', 'employee_session'];

async function withDatabase<T>(config: DatabaseConfig, work: (db: DataSource) => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

async function withCore<T>(config: DatabaseConfig, work: (core: Core) => Promise<T>): Promise<T> {
  const core = await deskCore(config);
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}

/** The moved tables' entities, as TypeORM reads them back (its own conversions, none of the export's). */
const movedEntities = (db: DataSource) => db.entityMetadatas.filter((m) => !SIGN_IN_STATE.includes(m.tableName));

/** Every row of every moved table, in key order, read through the entities. */
async function everyRow(config: DatabaseConfig): Promise<Record<string, unknown[]>> {
  return withDatabase(config, async (db) => {
    const out: Record<string, unknown[]> = {};
    for (const m of movedEntities(db)) {
      const order = Object.fromEntries(m.primaryColumns.map((c) => [c.propertyName, 'ASC' as const]));
      out[m.tableName] = await db.getRepository(m.name).find({ order });
    }
    // Not selected by default (select: false), so read on its own.
    out.password_hashes = await db.query('SELECT id, password_hash FROM staff_member WHERE password_hash IS NOT NULL ORDER BY id');
    return out;
  });
}

async function rowCounts(config: DatabaseConfig): Promise<Record<string, number>> {
  return withDatabase(config, async (db) => {
    const counts: Record<string, number> = {};
    for (const m of db.entityMetadatas) {
      const [row] = (await db.query(`SELECT COUNT(*) AS n FROM ${m.tableName}`)) as { n: number | string }[];
      counts[m.tableName] = Number(row?.n);
    }
    return counts;
  });
}

const ok = async <T>(answer: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>): Promise<T> => {
  const r = await answer;
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
};

/** What a desk sees: a few cases with their history, caller searches, the queue, alerts, the calendar. */
async function whatTheDeskSees(config: DatabaseConfig, desk: StandaloneDesk): Promise<Record<string, unknown>> {
  return withCore(config, async (core) => {
    const as = { actorId: desk.supervisor.id };
    const [closed] = (await core.dataSource.query(`SELECT MIN(id) AS id FROM help_case WHERE status = 'closed'`)) as { id: number }[];
    const [pending] = (await core.dataSource.query(`SELECT MIN(id) AS id FROM help_case WHERE status = 'pending_user_response'`)) as { id: number }[];
    const caseIds = [1, Number(closed?.id), Number(pending?.id), desk.lastCaseId];
    const cases = [];
    for (const id of caseIds) cases.push(await ok(core.dispatch('cases.get', { id }, as)));
    const searches: Record<string, unknown> = {};
    for (const query of ['Renée', 'celik orsted', '4471', 'rcelik@district.example.org', 'Maria']) {
      const found = await ok<{ callers: { id: number }[]; total: number }>(core.dispatch('callers.search', { query, limit: 100 }, as));
      // The two databases search differently (FTS5, trigrams) and may rank ties apart: compare who is found.
      searches[query] = { ids: found.callers.map((c) => c.id).sort((a, b) => a - b), total: found.total };
    }
    const queue = await ok<{ rows: unknown[]; total: number }>(core.dispatch('queue.rows', {}, as));
    return {
      cases,
      searches,
      queue: { rows: queue.rows, total: queue.total },
      alerts: await ok(core.dispatch('alerts.list', { limit: 200 }, as)),
      preferences: await ok(core.dispatch('alerts.preferences', {}, as)),
      closures: await ok(core.dispatch('calendar.closures', {}, as)),
      views: await ok(core.dispatch('views.list', {}, { actorId: desk.technician.id })),
      staff: await ok(core.dispatch('staff.list', {}, as)),
    };
  });
}

describe('moving a standalone desk to another database (db export, db import)', () => {
  let dir: string;
  let source: FreshDatabase;
  let desk: StandaloneDesk;
  let file: string;
  let exported: ExportReport;
  let sourceRows: Record<string, unknown[]>;
  let sourceView: Record<string, unknown>;
  const databases: FreshDatabase[] = [];
  const fresh = async (kind: DatabaseKind) => {
    const db = await freshDatabase(kind);
    databases.push(db);
    return db;
  };
  /** A copy of the export with its lines changed. */
  const edited = (name: string, change: (lines: string[]) => string[]) => {
    const copy = path.join(dir, name);
    fs.writeFileSync(copy, `${change(fs.readFileSync(file, 'utf8').trimEnd().split('\n')).join('\n')}\n`);
    return copy;
  };
  const lineOf = (table: string, nth = 0) => fs.readFileSync(file, 'utf8').split('\n').map((l, i) => ({ l, n: i + 1 })).filter(({ l }) => l.startsWith(`{"table":"${table}"`))[nth]!.n;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-portable-'));
    source = await fresh('sqlite');
    desk = await fillStandaloneDesk(source.config);
    file = path.join(dir, 'desk.jsonl');
    exported = await withDatabase(source.config, (db) => exportDatabase(db, file));
    sourceRows = await everyRow(source.config);
    sourceView = await whatTheDeskSees(source.config, desk);
  }, 120_000);
  afterAll(async () => {
    for (const db of databases.splice(0)) await db.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('carries every table the entities describe but sign-in state, each after the tables it refers to, and every row of them', async () => {
    const counts = await rowCounts(source.config);
    await withDatabase(source.config, async (db) => {
      const moved = movedEntities(db).map((m) => m.tableName);
      expect(exported.tables.map((t) => t.table).sort()).toEqual([...moved].sort());
      // The desk filled every table, so a table left out or cut short shows.
      for (const t of exported.tables) expect(t.rows, t.table).toBe(counts[t.table]);
      for (const t of exported.tables) expect(t.rows, `${t.table} has rows to move`).toBeGreaterThan(0);
      for (const table of SIGN_IN_STATE) expect(counts[table], `${table} has rows left behind`).toBeGreaterThan(0);
      // The module's own list names exactly these, each an entity's table (a renamed table would otherwise move unnoticed).
      expect([...NOT_MOVED.keys()].sort()).toEqual([...SIGN_IN_STATE].sort());
      for (const table of NOT_MOVED.keys()) expect(db.entityMetadatas.some((m) => m.tableName === table), table).toBe(true);
      const position = new Map(exported.tables.map((t, i) => [t.table, i]));
      for (const m of movedEntities(db)) {
        for (const fk of m.foreignKeys) {
          const target = fk.referencedEntityMetadata.tableName;
          if (target !== m.tableName) expect(position.get(target)!, `${target} before ${m.tableName}`).toBeLessThan(position.get(m.tableName)!);
        }
      }
    });
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toEqual({ format: 'deskwatch-export', version: 1, schema: exported.header.schema, exportedAt: expect.any(String), source: 'sqlite' });
    expect(exported.header.schema).toBe(await withDatabase(source.config, async (db) => db.migrations.at(-1)!.name));
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: true, rows: exported.rows });
    expect(lines).toHaveLength(exported.rows + 2);
    // Values as stored, the same in either dialect: instants as numbers, flags as booleans.
    const aCase = JSON.parse(lines[lineOf('help_case') - 1]!).row;
    expect(aCase).toMatchObject({ id: 1, received_at: expect.any(Number), kb_candidate: false, related_case_id: desk.lastCaseId });
  });

  it('SQLite → PostgreSQL: the same rows, cases with their history, caller search, queue and alerts; new rows take new ids', async () => {
    const target = await fresh('postgres');
    const report = await withDatabase(target.config, (db) => importDatabase(db, file));
    expect(report.rows).toBe(exported.rows);
    expect(report.sequencesReset).toBeGreaterThan(10);

    expect(await everyRow(target.config)).toEqual(sourceRows);
    const counts = await rowCounts(target.config);
    for (const table of SIGN_IN_STATE) expect(counts[table], table).toBe(0);
    expect(await whatTheDeskSees(target.config, desk)).toEqual(sourceView);
    expect((sourceView.searches as Record<string, { ids: number[] }>)['Renée']!.ids).toHaveLength(1);

    // Work goes on at the server: new rows take ids past the imported ones, and are searchable.
    await withCore(target.config, async (core) => {
      const as = { actorId: desk.supervisor.id };
      const maxCase = Math.max(...(sourceRows.help_case as { id: number }[]).map((c) => c.id));
      const maxCaller = Math.max(...(sourceRows.caller as { id: number }[]).map((c) => c.id));
      const caller = await ok<{ id: number }>(core.dispatch('callers.create', { name: 'Quentin Newhire', extension: '5550' }, as));
      expect(caller.id).toBe(maxCaller + 1);
      const created = await ok<QueueCase>(core.dispatch('cases.create', { callerId: caller.id, summary: 'First call at the server', priority: 4, priorityReason: 'Test' }, as));
      expect(created.id).toBe(maxCase + 1);
      const detail = await ok<{ events: { id: number }[] }>(core.dispatch('cases.get', { id: created.id }, as));
      const maxEvent = Math.max(...(sourceRows.case_event as { id: number }[]).map((e) => e.id));
      expect(detail.events[0]!.id).toBeGreaterThan(maxEvent);
      const staff = await core.services.staff.create({ name: 'New Agent', role: 'agent' });
      expect(staff.id).toBe(desk.supervisor.id + 1);
      const found = await ok<{ callers: { id: number }[] }>(core.dispatch('callers.search', { query: 'newhire' }, as));
      expect(found.callers.map((c) => c.id)).toEqual([caller.id]);
    });
  });

  it('PostgreSQL → SQLite and SQLite → SQLite: the same rows, search and queue; new rows take new ids', async () => {
    const postgres = await fresh('postgres');
    await withDatabase(postgres.config, (db) => importDatabase(db, file));
    const fromPostgres = path.join(dir, 'from-postgres.jsonl');
    const again = await withDatabase(postgres.config, (db) => exportDatabase(db, fromPostgres));
    expect(again.header.source).toBe('postgres');
    // Every row line the same, whichever database wrote it (PostgreSQL may order text keys by its own collation).
    const rowLines = (f: string) => fs.readFileSync(f, 'utf8').trimEnd().split('\n').slice(1).sort();
    expect(rowLines(fromPostgres)).toEqual(rowLines(file));

    for (const [name, from] of [['PostgreSQL → SQLite', fromPostgres], ['SQLite → SQLite', file]] as const) {
      const target = await fresh('sqlite');
      const report = await withDatabase(target.config, (db) => importDatabase(db, from));
      expect(report.sequencesReset, name).toBe(0);
      expect(await everyRow(target.config), name).toEqual(sourceRows);
      expect(await whatTheDeskSees(target.config, desk), name).toEqual(sourceView);
      await withCore(target.config, async (core) => {
        const created = await ok<QueueCase>(core.dispatch('cases.create', { callerName: 'Walk In', summary: 'New here', priority: 5, priorityReason: 'Test' }, { actorId: desk.supervisor.id }));
        expect(created.id, name).toBe(desk.lastCaseId + 1);
      });
    }
  });

  it('refuses a database that already holds data, naming its tables, and changes nothing', async () => {
    const target = await fresh('postgres');
    await withDatabase(target.config, (db) => importDatabase(db, file));
    const before = await rowCounts(target.config);
    await expect(withDatabase(target.config, (db) => importDatabase(db, file))).rejects.toThrow(/not empty: staff_member, building, caller, .*have rows.*Nothing was imported/);
    expect(await rowCounts(target.config)).toEqual(before);

    // A first start of the console adds the default buildings and categories: that is data too.
    const started = await fresh('sqlite');
    await withCore(started.config, async () => undefined);
    await expect(withDatabase(started.config, (db) => importDatabase(db, file))).rejects.toThrow(/not empty: building, category have rows/);
  });

  /** Damaged files: each on PostgreSQL (the import that matters), the JSON and database refusals on SQLite too. */
  const damage: { what: string; kinds: DatabaseKind[]; table: string; change: (line: string) => string; expected: RegExp }[] = [
    { what: 'a line cut short', kinds: ['postgres', 'sqlite'], table: 'case_event', change: (t) => t.slice(0, 30), expected: /line \d+: it is not valid JSON/ },
    { what: 'a value of the wrong kind', kinds: ['postgres'], table: 'help_case', change: (t) => t.replace(/"priority":\d/, '"priority":"high"'), expected: /line \d+: help_case\.priority must be a whole number, and is "high"/ },
    {
      what: 'a row the database refuses (a case of a caller that does not exist)',
      kinds: ['postgres', 'sqlite'],
      table: 'help_case',
      change: (t) => t.replace(/"caller_id":\d+/, '"caller_id":999999'),
      expected: /line \d+: the database refused this help_case row: .*(foreign key|FOREIGN KEY)/,
    },
    { what: 'a column this database does not have', kinds: ['postgres'], table: 'caller', change: (t) => t.replace('"row":{', '"row":{"colour":"red",'), expected: /line \d+: caller has no column "colour"/ },
    { what: 'a row of sign-in state', kinds: ['postgres'], table: 'case_pause', change: () => '{"table":"staff_session","row":{}}', expected: /line \d+: it holds a row of staff_session \(signed-in sessions\), which is never moved/ },
  ];

  it.each(damage.flatMap((d) => d.kinds.map((kind) => [d.what, kind, d] as const)))('refuses %s on %s, naming its line, and writes nothing', async (what, kind, d) => {
    const line = lineOf(d.table, 3);
    const bad = edited(`bad-${damage.indexOf(d)}-${kind}.jsonl`, (lines) => lines.map((text, i) => (i === line - 1 ? d.change(text) : text)));
    const target = await fresh(kind);
    const message = await withDatabase(target.config, (db) => importDatabase(db, bad)).then(
      () => 'imported',
      (e: Error) => e.message,
    );
    expect(message, what).toMatch(d.expected);
    expect(message).toContain(`line ${line}:`);
    expect(message).toContain('Nothing was imported');
    const counts = await rowCounts(target.config);
    expect(Object.values(counts).every((n) => n === 0), JSON.stringify(counts)).toBe(true);
  });

  it('refuses a file cut short at a line end, or with lines lost, by the count on its last line', async () => {
    const target = await fresh('postgres');
    const cut = edited('cut.jsonl', (lines) => lines.slice(0, -1));
    await expect(withDatabase(target.config, (db) => importDatabase(db, cut))).rejects.toThrow(/without its last line \(the row count\): the file is incomplete/);
    const dropped = lineOf('case_event', 5);
    const lost = edited('lost.jsonl', (lines) => lines.filter((_, i) => i !== dropped - 1));
    await expect(withDatabase(target.config, (db) => importDatabase(db, lost))).rejects.toThrow(/says it holds \d+ rows of case_event, and \d+ were read/);
    expect(Object.values(await rowCounts(target.config)).every((n) => n === 0)).toBe(true);
  });

  it('refuses a file of another schema, saying what to do, before it writes anything', async () => {
    const target = await fresh('postgres');
    const known = await withDatabase(target.config, async (db) => db.migrations.map((m) => m.name!));
    const withSchema = (schema: string) => edited(`schema-${schema}.jsonl`, ([header, ...rest]) => [JSON.stringify({ ...JSON.parse(header!), schema }), ...rest]);
    await expect(withDatabase(target.config, (db) => importDatabase(db, withSchema(known.at(-2)!)))).rejects.toThrow(
      new RegExp(`schema ${known.at(-2)}, this database has ${known.at(-1)}; the file is older: export the desk's database again with this version`),
    );
    await expect(withDatabase(target.config, (db) => importDatabase(db, withSchema('FutureThing9999999999999')))).rejects.toThrow(/newer than this Deskwatch knows .*upgrade Deskwatch/);
    const notExport = edited('not-export.jsonl', (lines) => ['{"name":"a list of something"}', ...lines.slice(1)]);
    await expect(withDatabase(target.config, (db) => importDatabase(db, notExport))).rejects.toThrow(/line 1: it does not start with a Deskwatch export header/);
    expect(Object.values(await rowCounts(target.config)).every((n) => n === 0)).toBe(true);
  });

  it('never writes over a file', async () => {
    await expect(withDatabase(source.config, (db) => exportDatabase(db, file))).rejects.toThrow(/already exists: an export never writes over a file/);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
  });
});
