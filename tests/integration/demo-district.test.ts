import { afterEach, describe, expect, it } from 'vitest';
import { OPEN_CASE_STATUSES, PRIORITIES } from '../../shared/domain';
import { seedDemoDistrict } from '../../electron/core/demo/demo-district';
import { SlaDesk } from '../../electron/core/sla-desk';
import { coreFixture, MONDAY_MORNING, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

const SMALL = { callers: 200, openCases: 8 * 5 * 2, closedCases: 300 };

describe.each(DATABASE_KINDS)('demo district on %s', (kind) => {
  const fixtures: CoreFixture[] = [];
  const seeded = async () => {
    const f = await coreFixture(kind);
    fixtures.push(f);
    await seedDemoDistrict(f.core.dataSource, new SlaDesk(), MONDAY_MORNING, SMALL);
    return f;
  };
  afterEach(async () => {
    for (const f of fixtures.splice(0)) await f.dispose();
  });

  it('fills every open state with every priority, deadlines around now, closed cases over the year', async () => {
    const f = await seeded();
    const q = (sql: string) => f.core.dataSource.query(sql) as Promise<Record<string, string | number>[]>;
    const combos = await q(`SELECT status, priority, COUNT(*) AS n FROM help_case GROUP BY status, priority`);
    for (const status of OPEN_CASE_STATUSES) {
      for (const priority of PRIORITIES) {
        expect(combos.some((c) => c.status === status && Number(c.priority) === priority), `${status} × P${priority}`).toBe(true);
      }
    }
    const [range] = await q(`SELECT MIN(received_at) AS oldest, MAX(response_due_at) AS latest_due FROM help_case`);
    expect(Number(range?.oldest)).toBeGreaterThan(MONDAY_MORNING - 366 * 86_400_000);
    expect(Number(range?.latest_due)).toBeGreaterThan(MONDAY_MORNING);
    const [events] = await q(`SELECT COUNT(*) AS n FROM case_event`);
    expect(Number(events?.n)).toBe(SMALL.openCases + SMALL.closedCases);
    const staff = await f.core.services.staff.list();
    expect(new Set(staff.map((s) => s.role))).toEqual(new Set(['agent', 'technician', 'supervisor']));
  });

  it('is deterministic, and refuses a database that already has data', async () => {
    const a = await seeded();
    const b = await seeded();
    const dump = (f: CoreFixture) =>
      f.core.dataSource.query(`SELECT c.summary, c.priority, c.status, c.received_at, r.name FROM help_case c JOIN caller r ON r.id = c.caller_id ORDER BY c.id`);
    expect(await dump(a)).toEqual(await dump(b));
    await expect(seedDemoDistrict(a.core.dataSource, new SlaDesk(), MONDAY_MORNING, SMALL)).rejects.toThrow('demo data goes only into a fresh database');
  });
});
