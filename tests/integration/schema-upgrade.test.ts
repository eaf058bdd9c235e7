import { describe, expect, it } from 'vitest';
import { DataSource, EntitySchema } from 'typeorm';
import { ManualClock } from '../../electron/core/clock';
import { startCore } from '../../electron/core/core';
import { callerRowFields } from '../../electron/core/callers/caller-row';
import { dataSourceOptions, openDatabase } from '../../electron/core/db/data-source';
import { isPostgres } from '../../electron/core/db/dialect';
import { CallerEntity, ENTITIES, StaffEntity } from '../../electron/core/db/entities';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { seedDemoDistrict } from '../../electron/core/demo/demo-district';
import { ReferenceListService } from '../../electron/core/directory/reference-lists';
import { EventBus } from '../../electron/core/event-bus';
import { SlaDesk } from '../../electron/core/sla-desk';
import { MONDAY_MORNING } from '../support/core-fixture';
import { DATABASE_KINDS, freshDatabase } from '../support/databases';
import { expectedTriggers, hasCallerSearchIndex, refusal, triggerNames } from './schema-probes';

/** The last migration a desk may already run: everything after it is what an upgrade applies. */
const PREVIOUS_VERSION = 'CalendarClosures1764806400000';
const DEMO = { callers: 120, openCases: 30, closedCases: 40 };
/** Every table of the previous version, with its key, in an order the foreign keys allow. */
const TABLES: [string, string][] = [
  ['staff_member', 'id'],
  ['building', 'id'],
  ['category', 'id'],
  ['caller', 'id'],
  ['help_case', 'id'],
  ['case_event', 'id'],
  ['case_pause', 'id'],
  ['case_contact', 'id'],
  ['case_phase', 'id'],
  ['saved_view', 'id'],
  ['alert_delivery', 'id'],
  ['alert_preference', 'staff_id'],
  ['calendar_closure', 'date'],
];
/**
 * staff_member as the previous version's entity had it (before 0008's sign-in columns), so the
 * demo seed writes the rows that version would have written. TypeORM finds a schema's metadata by
 * name, so the seed's `getRepository(StaffEntity)` uses this one on the previous version's source.
 */
const PREVIOUS_STAFF = new EntitySchema({
  ...StaffEntity.options,
  columns: Object.fromEntries(Object.entries(StaffEntity.options.columns).filter(([key]) => ['id', 'name', 'role', 'active', 'createdAt'].includes(key))),
  indices: [],
});
const PREVIOUS_ENTITIES = ENTITIES.filter((e) => e !== StaffEntity && !['StaffSession', 'StaffAudit', 'SignInAttempt', 'AuthFlow'].includes(e.options.name)).concat(PREVIOUS_STAFF);
/** What the upgrade may change on a caller whose email or employee id another, older caller has. */
const CLEARED_ON_DUPLICATES = ['email', 'employee_id', 'notes', 'updated_at'];

type Row = Record<string, unknown>;

async function snapshot(db: DataSource): Promise<Map<string, Row[]>> {
  const tables = new Map<string, Row[]>();
  for (const [table, key] of TABLES) tables.set(table, await db.query(`SELECT * FROM ${table} ORDER BY ${key}`));
  return tables;
}

/** Rows of the version-5 tables, written as a desk on that version would have: the demo district, the alert ledger, closures. */
async function populate(db: DataSource): Promise<{ keeperEmail: Row; keeperEmployee: Row; dupEmailId: number; dupEmployeeId: number }> {
  const p = (n: number) => Array.from({ length: n }, (_, i) => (isPostgres(db) ? `$${i + 1}` : '?')).join(', ');
  await new ReferenceListService(db, new EventBus()).seedDefaults();
  await seedDemoDistrict(db, new SlaDesk(), MONDAY_MORNING, DEMO);
  const technician = await db.getRepository(StaffEntity).findOneByOrFail({ role: 'technician' });
  const open: { id: number | string; response_due_at: number | string }[] = await db.query(`SELECT id, response_due_at FROM help_case WHERE status = 'new' ORDER BY id`);
  for (const c of open.slice(0, 12)) {
    for (const kind of ['response_warning', 'response_breach']) {
      await db.query(`INSERT INTO alert_delivery (case_id, kind, recipient_id, due_at, delivered_at, missed, superseded, title, body) VALUES (${p(9)})`, [
        Number(c.id), kind, technician.id, Number(c.response_due_at), MONDAY_MORNING, false, kind === 'response_warning', `Case #${c.id}: ${kind.replace('_', ' ')}`, 'Respond before the target.',
      ]);
    }
  }
  const first = Number(open[0]?.id);
  await db.query(`INSERT INTO case_contact (case_id, actor_id, at, method, outcome, note) VALUES (${p(6)})`, [first, technician.id, MONDAY_MORNING, 'phone', 'no_answer', 'Left a voicemail.']);
  await db.query(`INSERT INTO case_phase (case_id, position, title, target_date, done) VALUES (${p(5)})`, [first, 1, 'Order the projectors', '2026-12-11', false]);
  await db.query(`INSERT INTO alert_preference (staff_id, kinds, sound, mute_until) VALUES (${p(4)})`, [technician.id, '["response_breach"]', false, null]);
  await db.query(`INSERT INTO saved_view (staff_id, name, filter) VALUES (${p(3)})`, [technician.id, 'My printers', '{"categoryIds":[1]}']);
  for (const [date, name] of [['2026-12-21', 'Winter break'], ['2026-12-22', 'Winter break']]) {
    await db.query(`INSERT INTO calendar_closure (date, name, source, added_at) VALUES (${p(4)})`, [date, name, 'ics', MONDAY_MORNING]);
  }

  // Duplicates the old read-before-insert let through when two consoles saved at once (and one whose case differs).
  const [keeperEmail, keeperEmployee] = (await db.query(`SELECT * FROM caller ORDER BY id LIMIT 2`)) as Row[];
  const later = MONDAY_MORNING - 86_400_000;
  const repo = db.getRepository(CallerEntity);
  const dupEmail = await repo.save({ ...callerRowFields({ name: 'Second Entry', email: String(keeperEmail?.email), notes: 'Entered at intake.' }, null), createdAt: later, updatedAt: later });
  await db.query(`UPDATE caller SET email = ${p(1)} WHERE id = ${Number(dupEmail.id)}`, [String(keeperEmail?.email).toUpperCase()]);
  const dupEmployee = await repo.save({ ...callerRowFields({ name: 'Third Entry', employeeId: String(keeperEmployee?.employee_id) }, null), createdAt: later, updatedAt: later });
  return { keeperEmail: keeperEmail as Row, keeperEmployee: keeperEmployee as Row, dupEmailId: dupEmail.id, dupEmployeeId: dupEmployee.id };
}

describe.each(DATABASE_KINDS)('upgrading a populated database on %s', (kind) => {
  it('keeps every row, searches and triggers, and settles duplicate emails and employee ids without failing', async () => {
    const db = await freshDatabase(kind);
    try {
      const upTo = MIGRATIONS.findIndex((m) => new m().name === PREVIOUS_VERSION) + 1;
      expect(upTo).toBeGreaterThan(0);
      const previous = new DataSource({ ...dataSourceOptions(db.config), entities: PREVIOUS_ENTITIES, migrations: MIGRATIONS.slice(0, upTo) });
      await previous.initialize();
      let populated;
      let before;
      try {
        await previous.runMigrations({ transaction: 'each' });
        populated = await populate(previous);
        before = await snapshot(previous);
      } finally {
        await previous.destroy();
      }
      const { keeperEmail, keeperEmployee, dupEmailId, dupEmployeeId } = populated;
      const duplicates = new Set([dupEmailId, dupEmployeeId]);

      const upgraded = await openDatabase(db.config);
      try {
        const ran = ((await upgraded.query(`SELECT name FROM migrations ORDER BY id`)) as { name: string }[]).map((r) => r.name);
        expect(ran).toEqual(MIGRATIONS.map((m) => new m().name));

        const after = await snapshot(upgraded);
        for (const [table, rows] of before) {
          const columns = Object.keys(rows[0] ?? {});
          const project = (row: Row) => Object.fromEntries(columns.filter((c) => table !== 'caller' || !duplicates.has(Number(row.id)) || !CLEARED_ON_DUPLICATES.includes(c)).map((c) => [c, row[c]]));
          expect(rows.length, table).toBeGreaterThan(0);
          expect((after.get(table) ?? []).map(project), table).toEqual(rows.map(project));
        }
        const callers = new Map((after.get('caller') ?? []).map((r) => [Number(r.id), r]));
        expect(callers.get(dupEmailId)).toMatchObject({ email: null, notes: expect.stringMatching(new RegExp(`^Entered at intake\\.\\n.*email ${String(keeperEmail.email).toUpperCase()} removed on upgrade; caller #${keeperEmail.id} \\(${keeperEmail.name}\\) has it\\.$`)) });
        expect(callers.get(dupEmployeeId)).toMatchObject({ employee_id: null, notes: expect.stringContaining(`employee id ${keeperEmployee.employee_id} removed on upgrade; caller #${keeperEmployee.id} (${keeperEmployee.name}) has it.`) });
        expect(callers.get(Number(keeperEmail.id))).toMatchObject({ email: keeperEmail.email });

        expect(await triggerNames(upgraded)).toEqual(expectedTriggers(upgraded));
        expect(await hasCallerSearchIndex(upgraded)).toBe(true);
        expect(await refusal(upgraded, `DELETE FROM case_event`)).toMatch(/append-only/);
        const { upQueries } = await upgraded.driver.createSchemaBuilder().log();
        expect(upQueries.map((q) => q.query)).toEqual([]);
      } finally {
        await upgraded.destroy();
      }

      const core = await startCore({ database: db.config, clock: new ManualClock(MONDAY_MORNING), log: () => undefined });
      try {
        const agent = await core.services.staff.create({ name: 'New Agent', role: 'agent' });
        const lastName = String(keeperEmployee.name).split(' ').pop() ?? '';
        const byName = await core.services.callers.search(lastName);
        expect(byName.callers.map((c) => c.id)).toContain(Number(keeperEmployee.id));
        // The cleared entry keeps its search text until edited: a search by the old email finds both, to be merged.
        const byEmail = await core.services.callers.search(String(keeperEmail.email));
        expect(byEmail.callers.map((c) => c.id).sort((a, b) => a - b)).toEqual([Number(keeperEmail.id), dupEmailId]);
        const again = await core.dispatch('callers.create', { name: 'Third Try', email: String(keeperEmail.email) }, { actorId: agent.id });
        expect(again).toMatchObject({ ok: false, error: { code: 'conflict', field: 'email', message: `A caller with this email already exists: ${keeperEmail.name}` } });
        const queue = await core.services.queue.openCases();
        expect(queue).toHaveLength(DEMO.openCases);
      } finally {
        await core.close();
      }
    } finally {
      await db.dispose();
    }
  }, 120_000);
});
