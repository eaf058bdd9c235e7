import { afterEach, describe, expect, it } from 'vitest';
import { OPEN_CASE_STATUSES, PRIORITIES } from '../../shared/domain';
import { en } from '@faker-js/faker';
import { DateTime } from 'luxon';
import { DEMO_SIZE, seedDemoDistrict } from '../../electron/core/demo/demo-district';
import { SlaDesk } from '../../electron/core/sla-desk';
import { coreFixture, MONDAY_MORNING, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

const SMALL = { callers: 200, openCases: 8 * 5 * 2, closedCases: 300 };
/** The demo's own open-case count, fewer callers and closed cases: the first look a newcomer gets. */
const FIRST_LOOK = { callers: 300, openCases: DEMO_SIZE.openCases, closedCases: 400 };
const ZONE = 'America/Chicago';
/** English words that faker's placeholder Latin happens to share. */
const ENGLISH_IN_LATIN = new Set(['a', 'in', 'at', 'sub', 'sit', 'comes', 'video', 'curriculum', 'error']);
const LATIN = new Set((en.lorem?.word ?? []).filter((w) => !ENGLISH_IN_LATIN.has(w)));

describe.each(DATABASE_KINDS)('demo district on %s', (kind) => {
  const fixtures: CoreFixture[] = [];
  const seeded = async (size = SMALL) => {
    const f = await coreFixture(kind);
    fixtures.push(f);
    await seedDemoDistrict(f.core.dataSource, new SlaDesk(), MONDAY_MORNING, size);
    return f;
  };
  afterEach(async () => {
    for (const f of fixtures.splice(0)) await f.dispose();
  });

  it('fills every open state and every priority, deadlines around now, closed cases over the year', async () => {
    const f = await seeded();
    const q = (sql: string) => f.core.dataSource.query(sql) as Promise<Record<string, string | number>[]>;
    const combos = await q(`SELECT status, priority, COUNT(*) AS n FROM help_case GROUP BY status, priority`);
    for (const status of OPEN_CASE_STATUSES) expect(combos.some((c) => c.status === status), status).toBe(true);
    for (const priority of PRIORITIES) expect(combos.some((c) => Number(c.priority) === priority), `P${priority}`).toBe(true);
    const [range] = await q(`SELECT MIN(received_at) AS oldest, MAX(response_due_at) AS latest_due FROM help_case`);
    expect(Number(range?.oldest)).toBeGreaterThan(MONDAY_MORNING - 366 * 86_400_000);
    expect(Number(range?.latest_due)).toBeGreaterThan(MONDAY_MORNING);
    const [events] = await q(`SELECT COUNT(*) AS n FROM case_event WHERE kind = 'created'`);
    expect(Number(events?.n)).toBe(SMALL.openCases + SMALL.closedCases);
    const staff = await f.core.services.staff.list();
    expect(new Set(staff.map((s) => s.role))).toEqual(new Set(['agent', 'technician', 'supervisor']));
  });

  it('looks like a normal day at the desk: priority 1 rare, most cases within target, calls in the desk hours, a school district in words', async () => {
    const f = await seeded(FIRST_LOOK);
    const queue = await f.core.services.queue.openCases();
    expect(queue).toHaveLength(FIRST_LOOK.openCases);
    // Priority 1 (a building or the district down) is rare: at most two open.
    expect(queue.filter((c) => c.priority === 1).length).toBeLessThanOrEqual(2);
    const mix = new Map(PRIORITIES.map((p) => [p, queue.filter((c) => c.priority === p).length / queue.length]));
    expect(mix.get(3)).toBeGreaterThan(0.25);
    expect(mix.get(4)).toBeGreaterThan(0.25);
    // Where each case's next target stands at the demo's now: one or two breached, a few near, the rest within.
    const states = queue.map((c) => (c.status === 'new' ? c.sla.response.state : c.sla.resolution.state));
    const breached = states.filter((s) => s === 'breached').length;
    expect(breached).toBeGreaterThanOrEqual(1);
    expect(breached).toBeLessThanOrEqual(3);
    const anyBreach = queue.filter((c) => c.sla.response.state === 'breached' || c.sla.resolution.state === 'breached').length;
    expect(anyBreach / queue.length).toBeLessThan(0.02);
    const atRisk = states.filter((s) => s === 'at_risk').length / queue.length;
    expect(atRisk).toBeGreaterThan(0.01);
    expect(atRisk).toBeLessThan(0.12);

    const q = (sql: string) => f.core.dataSource.query(sql) as Promise<Record<string, string | number>[]>;
    const calls = await q(`SELECT channel, received_at FROM help_case`);
    const hourOf = (c: Record<string, string | number>) => DateTime.fromMillis(Number(c.received_at), { zone: ZONE }).hour;
    // Phone calls and walk-ins come while the desk is open (7 AM to 5 PM); web forms and email also in the evening, never before dawn.
    const inPerson = calls.filter((c) => c.channel === 'phone' || c.channel === 'walk_in');
    expect(inPerson.filter((c) => hourOf(c) < 7 || hourOf(c) >= 17)).toEqual([]);
    expect(calls.filter((c) => hourOf(c) < 6)).toEqual([]);
    expect(calls.filter((c) => hourOf(c) >= 7 && hourOf(c) < 17).length / calls.length).toBeGreaterThan(0.85);
    expect(calls.filter((c) => hourOf(c) >= 16 && hourOf(c) < 17).length).toBeGreaterThan(0);

    const caseTexts = await q(`SELECT summary AS t FROM help_case UNION ALL SELECT description FROM help_case UNION ALL SELECT resolution_notes FROM help_case`);
    const notes = (await q(`SELECT detail FROM case_event WHERE kind = 'note'`)).map((row) => ({ t: (JSON.parse(String(row.detail)) as { note: string }).note }));
    expect(notes.length).toBeGreaterThan(0);
    const texts = [...caseTexts, ...notes];
    const latin = new Set<string>();
    for (const row of texts) for (const word of String(row.t ?? '').toLowerCase().match(/[a-z]+/g) ?? []) if (LATIN.has(word)) latin.add(word);
    expect([...latin]).toEqual([]);
    expect(texts.some((row) => /Chromebook/.test(String(row.t)))).toBe(true);
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
