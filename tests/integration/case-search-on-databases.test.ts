import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock';
import { startCore, type Core } from '../../electron/core/core';
import { DomainError } from '../../electron/core/errors';
import { ReportFactKeeper } from '../../electron/core/reports/fact-keeper';
import { CaseSearch } from '../../electron/core/reports/case-search';
import { loadFactColumns } from '../../electron/core/reports/fact-load';
import { SlaDesk } from '../../electron/core/sla-desk';
import { caseSearchSchema } from '../../shared/contract-reports';
import { formatCaseNumber, type QueueCase, type StaffMember } from '../../shared/domain';
import type { CaseSearchInput } from '../../shared/reports';
import { MONDAY_MORNING, ONE_PERSON_SLOWED } from '../support/core-fixture';
import { DATABASE_KINDS, freshDatabase, type FreshDatabase } from '../support/databases';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ONE_STOPPED = { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'stopped' } as const;

/**
 * Three cases, written through the contract as the desk would, the reports' facts computed by the
 * keeper, then searched:
 *  A  Monday 9:00, priority 2, phone, building 1 / category 1; acknowledged at 9:30, resolved "Replaced the fuser unit".
 *  B  Monday 10:00, priority 4, email, building 2 / category 2, assigned to Tia; pending user response 11:00–13:00; a work note about HDMI.
 *  C  Tuesday 9:00, priority 3, web, no building; never touched (open, unassigned).
 */
// Each search asked of the database alone (as in the first seconds after a start) and of the facts in memory: the same answers.
const WAYS = DATABASE_KINDS.flatMap((kind) => [[kind, 'the database'] as const, [kind, 'the facts in memory'] as const]);

describe.each(WAYS)('case search on %s, answered by %s', (kind, way) => {
  let db: FreshDatabase;
  let core: Core;
  let search: CaseSearch;
  let keeper: ReportFactKeeper;
  /** The facts as the report service holds them for a search: brought up to date, read (afresh here: a few cases). */
  const facts = async () => {
    if (way === 'the database') return null;
    await keeper.refresh();
    return loadFactColumns(core.dataSource);
  };
  const find = async (input: CaseSearchInput, asOf: number) => search.search(input, asOf, await facts());
  const exportRowsOf = async (input: CaseSearchInput, asOf: number, max: number) => search.exportRows(input, asOf, max, await facts());
  const clock = new ManualClock(MONDAY_MORNING);
  let agent: StaffMember;
  let tom: StaffMember;
  let tia: StaffMember;
  let a: QueueCase;
  let b: QueueCase;
  let c: QueueCase;
  let buildings: number[];
  let categories: number[];
  /** Just after everything was written: C's targets are not due yet. */
  let now: number;
  /** Ten days on: C is past both its due instants. */
  const later = MONDAY_MORNING + 10 * DAY;

  const as = (who: StaffMember) => async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await core.dispatch(channel, input, { actorId: who.id });
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as T;
  };
  const act = (who: StaffMember, x: QueueCase, action: string, extra: Record<string, unknown> = {}) =>
    as(who)<QueueCase>('cases.transition', { id: x.id, version: x.version, action, ...extra });
  const ids = async (input: CaseSearchInput, asOf = now) => (await find(input, asOf)).rows.map((r) => r.id);

  beforeAll(async () => {
    db = await freshDatabase(kind);
    const sla = new SlaDesk();
    core = await startCore({ database: db.config, clock, sla, log: () => undefined });
    search = new CaseSearch(core.dataSource);
    agent = await core.services.staff.create({ name: 'Ann Agent', role: 'agent' });
    tom = await core.services.staff.create({ name: 'Tom Tech', role: 'technician' });
    tia = await core.services.staff.create({ name: 'Tia Tech', role: 'technician' });
    const ref = async (table: string) => ((await core.dataSource.query(`SELECT id FROM ${table} ORDER BY id`)) as { id: number | string }[]).map((r) => Number(r.id));
    buildings = await ref('building');
    categories = await ref('category');
    expect(buildings.length).toBeGreaterThanOrEqual(2);
    expect(categories.length).toBeGreaterThanOrEqual(2);

    a = await as(agent)<QueueCase>('cases.create', {
      callerName: 'Pat Teacher',
      summary: 'Printer offline in room 101',
      description: 'The laser printer shows a paper jam',
      buildingId: buildings[0],
      categoryId: categories[0],
      channel: 'phone',
      wizard: ONE_STOPPED,
    });
    clock.advance(0.5 * HOUR);
    a = await act(tom, a, 'acknowledge');
    clock.advance(0.5 * HOUR); // 10:00
    b = await as(agent)<QueueCase>('cases.create', {
      callerName: 'Lee Clerk',
      summary: 'Projector flickers',
      buildingId: buildings[1],
      categoryId: categories[1],
      channel: 'email',
      wizard: ONE_PERSON_SLOWED,
    });
    [b] = (await as(tia)<QueueCase[]>('cases.assign', { cases: [{ id: b.id, version: b.version }], assigneeId: tia.id })) as [QueueCase];
    b = await act(tia, b, 'acknowledge');
    clock.advance(HOUR); // 11:00
    b = await act(tia, b, 'pend', { note: 'Asked which room the projector is in' });
    clock.advance(2 * HOUR); // 13:00
    b = await act(tia, b, 'resume');
    b = await as(tia)<QueueCase>('cases.addNote', { id: b.id, note: 'Swapped the HDMI cable behind the cart' });
    a = await act(tom, a, 'resolve', { notes: 'Replaced the fuser unit and cleared the tray' });
    clock.set(MONDAY_MORNING + DAY); // Tuesday 9:00
    c = await as(agent)<QueueCase>('cases.create', { callerName: 'Kim Librarian', summary: 'Wi-Fi drops in the library', channel: 'web', priority: 3, priorityReason: 'Whole library affected' });
    now = clock.now();
    // The reports' facts, as the report service brings them up to date before a search.
    keeper = new ReportFactKeeper(core.dataSource, sla, clock);
    await keeper.refresh();
  });
  afterAll(async () => {
    await core?.close();
    await db?.dispose();
  });

  it('finds every case by default, newest first, with the total', async () => {
    const result = await find({}, now);
    expect(result.rows.map((r) => r.id)).toEqual([c.id, b.id, a.id]);
    expect(result.total).toBe(3);
  });

  it('finds words in the summary, description, resolution notes and work notes, every word required, stems and a prefix last', async () => {
    expect(await ids({ text: 'printer' })).toEqual([a.id]);
    expect(await ids({ text: 'paper jam' })).toEqual([a.id]);
    expect(await ids({ text: 'fuser' })).toEqual([a.id]);
    expect(await ids({ text: 'hdmi' })).toEqual([b.id]);
    expect(await ids({ text: 'HDM' })).toEqual([b.id]);
    // One word in the summary, the other in a work note: the case holds both.
    expect(await ids({ text: 'projector swapped' })).toEqual([b.id]);
    expect(await ids({ text: 'printer hdmi' })).toEqual([]);
    expect(await ids({ text: 'printers' })).toEqual([a.id]);
    expect(await ids({ text: 'flickering projector' })).toEqual([b.id]);
    expect(await ids({ text: 'wifi' })).toEqual([]);
    expect(await ids({ text: 'wi-fi library' })).toEqual([c.id]);
    // A prefix only on the last word: "proj" is not a word of B.
    expect(await ids({ text: 'proj cable' })).toEqual([]);
    // Nothing searchable (stop words, punctuation) narrows nothing.
    expect(await ids({ text: 'the !!' })).toEqual([c.id, b.id, a.id]);
  });

  it('finds a case by its number in any of the usual forms, and refuses what is not one by name', async () => {
    expect(await ids({ number: formatCaseNumber(b.id) })).toEqual([b.id]);
    expect(await ids({ number: String(b.id) })).toEqual([b.id]);
    expect(await ids({ number: `dw${b.id}` })).toEqual([b.id]);
    expect(await ids({ number: '999999' })).toEqual([]);
    const refusal = await find({ number: 'printer' }, now).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'invalid_input', field: 'number' });
  });

  it('narrows by each field alone', async () => {
    expect(await ids({ callerId: b.callerId })).toEqual([b.id]);
    expect(await ids({ priorities: [2] })).toEqual([a.id]);
    expect(await ids({ priorities: [3, 4] })).toEqual([c.id, b.id]);
    expect(await ids({ statuses: ['resolved'] })).toEqual([a.id]);
    expect(await ids({ statuses: ['new'] })).toEqual([c.id]);
    expect(await ids({ buildingIds: [buildings[1] as number] })).toEqual([b.id]);
    expect(await ids({ categoryIds: [categories[0] as number] })).toEqual([a.id]);
    expect(await ids({ assigneeIds: [tia.id] })).toEqual([b.id]);
    expect(await ids({ assigneeIds: [0] })).toContain(c.id);
    expect(await ids({ assigneeIds: [0] })).not.toContain(b.id);
    expect(await ids({ assigneeIds: [0, tia.id] })).toEqual(expect.arrayContaining([b.id, c.id]));
    expect(await ids({ channels: ['email', 'web'] })).toEqual([c.id, b.id]);
    // Received dates are the desk's local dates: Monday the 30th, Tuesday December 1st.
    expect(await ids({ from: '2026-12-01' })).toEqual([c.id]);
    expect(await ids({ to: '2026-11-30' })).toEqual([b.id, a.id]);
    expect(await ids({ from: '2026-11-30', to: '2026-11-30' })).toEqual([b.id, a.id]);
    expect(await ids({ from: '2026-12-02' })).toEqual([]);
  });

  it('narrows by several fields at once', async () => {
    expect(await ids({ priorities: [2, 4], channels: ['phone'] })).toEqual([a.id]);
    expect(await ids({ text: 'printer', statuses: ['new'] })).toEqual([]);
    expect(await ids({ text: 'projector', from: '2026-11-30', to: '2026-11-30', assigneeIds: [tia.id], buildingIds: [buildings[1] as number] })).toEqual([b.id]);
    expect(await ids({ to: '2026-11-30', statuses: ['resolved', 'in_progress'], categoryIds: [categories[1] as number] })).toEqual([b.id]);
  });

  it('judges outcomes at the instant asked: an open case past due is breached', async () => {
    expect(await ids({ outcome: { target: 'response', is: 'met' } })).toEqual([b.id, a.id]);
    expect(await ids({ outcome: { target: 'response', is: 'open' } }, now)).toEqual([c.id]);
    expect(await ids({ outcome: { target: 'response', is: 'breached' } }, now)).toEqual([]);
    expect(await ids({ outcome: { target: 'response', is: 'breached' } }, later)).toEqual([c.id]);
    expect(await ids({ outcome: { target: 'response', is: 'open' } }, later)).toEqual([]);
    expect(await ids({ outcome: { target: 'resolution', is: 'met' } })).toEqual([a.id]);
    expect(await ids({ outcome: { target: 'resolution', is: 'breached' } }, later)).toEqual([c.id, b.id]);
    const [row] = (await find({ number: String(c.id) }, later)).rows;
    expect(row?.response.outcome).toBe('breached');
    expect(row?.resolution.outcome).toBe('breached');
    const [fresh] = (await find({ number: String(c.id) }, now)).rows;
    expect(fresh?.response.outcome).toBe('open');
  });

  it('shows a case with its names and SLA figures', async () => {
    const rows = (await find({ sort: { field: 'id', direction: 'asc' } }, now)).rows;
    const [ra, rb, rc] = rows;
    expect(ra).toMatchObject({
      id: a.id,
      number: formatCaseNumber(a.id),
      summary: 'Printer offline in room 101',
      callerName: 'Pat Teacher',
      priority: 2,
      status: 'resolved',
      channel: 'phone',
      receivedAt: new Date(MONDAY_MORNING).toISOString(),
      firstContact: false,
      reopened: 0,
      closedAt: null,
    });
    expect(ra?.buildingName).toEqual(expect.any(String));
    expect(ra?.categoryName).toEqual(expect.any(String));
    expect(ra?.response).toMatchObject({ reachedAt: new Date(MONDAY_MORNING + 0.5 * HOUR).toISOString(), elapsed: 0.5, outcome: 'met' });
    expect(ra?.response.unit).not.toBe('business-days');
    expect(ra?.resolution.outcome).toBe('met');
    expect(ra?.resolution.reachedAt).toBe(new Date(MONDAY_MORNING + 4 * HOUR).toISOString());
    expect(rb).toMatchObject({ callerName: 'Lee Clerk', assigneeId: tia.id, assigneeName: 'Tia Tech', status: 'in_progress', pendingHours: 2, awaitingPartsHours: 0 });
    expect(rc).toMatchObject({ buildingName: null, categoryName: null, assigneeName: null, priority: 3, status: 'new' });
    expect(rc?.response).toMatchObject({ reachedAt: null, elapsed: null, outcome: 'open' });
    expect(rc?.response.dueAt).toEqual(expect.any(String));
  });

  it('sorts by each field, ties by id, and pages with the total of every match', async () => {
    expect(await ids({ sort: { field: 'receivedAt', direction: 'asc' } })).toEqual([a.id, b.id, c.id]);
    expect(await ids({ sort: { field: 'id', direction: 'desc' } })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ sort: { field: 'priority', direction: 'asc' } })).toEqual([a.id, c.id, b.id]);
    expect(await ids({ sort: { field: 'caller', direction: 'asc' } })).toEqual([c.id, b.id, a.id]); // Kim, Lee, Pat
    expect(await ids({ sort: { field: 'status', direction: 'asc' } })).toEqual([b.id, c.id, a.id]); // in_progress, new, resolved
    expect(await ids({ sort: { field: 'resolvedAt', direction: 'desc' } })).toEqual([a.id, c.id, b.id]); // unresolved last, ties by id
    expect(await ids({ sort: { field: 'assignee', direction: 'asc' } })).toEqual(expect.arrayContaining([b.id]));
    expect((await ids({ sort: { field: 'building', direction: 'asc' } })).at(-1)).toBe(c.id); // no building: last
    expect((await ids({ sort: { field: 'category', direction: 'desc' } })).at(-1)).toBe(c.id);

    const first = await find({ sort: { field: 'id', direction: 'asc' }, limit: 2 }, now);
    expect(first).toMatchObject({ total: 3 });
    expect(first.rows.map((r) => r.id)).toEqual([a.id, b.id]);
    const second = await find({ sort: { field: 'id', direction: 'asc' }, limit: 2, offset: 2 }, now);
    expect(second).toMatchObject({ total: 3 });
    expect(second.rows.map((r) => r.id)).toEqual([c.id]);
    expect(await find({ limit: 2, offset: 5 }, now)).toEqual({ rows: [], total: 3 });
    expect(await find({ text: 'projector', limit: 1 }, now)).toMatchObject({ total: 1 });
  });

  it('exports every match in the search order, and refuses more than the cap naming both', async () => {
    const rows = await exportRowsOf({ sort: { field: 'receivedAt', direction: 'asc' }, limit: 1, offset: 1 }, now, 10);
    expect(rows.map((r) => r.id)).toEqual([a.id, b.id, c.id]);
    expect((await exportRowsOf({ text: 'hdmi' }, now, 1)).map((r) => r.id)).toEqual([b.id]);
    const refusal = await exportRowsOf({}, now, 2).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'invalid_input' });
    expect((refusal as Error).message).toMatch(/\b3 cases\b.*\bat most 2\b/);
  });

  it('answers the same whichever way it reads the page: common-word plans, index walks, sorted matches', async () => {
    const always = new CaseSearch(core.dataSource, { commonWords: 0 });
    const inputs: CaseSearchInput[] = [
      { text: 'printer' },
      { text: 'projector', statuses: ['in_progress', 'resolved'] },
      { text: 'projector hdm', priorities: [4], buildingIds: [buildings[1] as number] },
      { text: 'printer', from: '2026-11-30', to: '2026-11-30' },
      { text: 'library', from: '2026-11-30' },
      { text: 'printer', statuses: ['new'] },
      { priorities: [2, 4], channels: ['phone', 'email'] },
      { categoryIds: [categories[1] as number], assigneeIds: [0, tia.id] },
      { text: 'printer', outcome: { target: 'resolution', is: 'met' }, from: '2026-11-01' },
    ];
    for (const input of inputs) {
      for (const page of [{}, { limit: 1 }, { limit: 1, offset: 1 }]) {
        const expected = await find({ ...input, ...page }, now);
        expect(await always.search({ ...input, ...page }, now), JSON.stringify({ input, page })).toEqual(expected);
      }
    }
    expect((await always.search({ text: 'projector', statuses: ['in_progress'] }, now)).rows.map((r) => r.id)).toEqual([b.id]);
    expect((await always.search({ text: 'printer', from: '2026-11-30', to: '2026-11-30' }, now)).total).toBe(1);
  });

  it('refuses bad inputs by the field to blame', () => {
    const fieldOf = (input: unknown) => {
      const r = caseSearchSchema.safeParse(input);
      return r.success ? null : r.error.issues[0]?.path.join('.');
    };
    expect(fieldOf({ text: 'printer', sort: { field: 'receivedAt', direction: 'asc' }, limit: 20 })).toBeNull();
    expect(fieldOf({ from: '2026-02-30' })).toBe('from');
    expect(fieldOf({ from: '2026-12-02', to: '2026-12-01' })).toBe('to');
    expect(fieldOf({ limit: 0 })).toBe('limit');
    expect(fieldOf({ limit: 501 })).toBe('limit');
    expect(fieldOf({ offset: -1 })).toBe('offset');
    expect(fieldOf({ sort: { field: 'mood', direction: 'asc' } })).toBe('sort.field');
    expect(fieldOf({ sort: { field: 'id', direction: 'up' } })).toBe('sort.direction');
    expect(fieldOf({ statuses: ['lost'] })).toBe('statuses.0');
    expect(fieldOf({ priorities: [6] })).toBe('priorities.0');
    expect(fieldOf({ assigneeIds: [-1] })).toBe('assigneeIds.0');
    expect(fieldOf({ outcome: { target: 'response', is: 'late' } })).toBe('outcome.is');
    expect(fieldOf({ callerId: 'x' })).toBe('callerId');
    expect(fieldOf({ text: 'x'.repeat(201) })).toBe('text');
    expect(caseSearchSchema.safeParse({ actorId: 1 }).success).toBe(false);
  });

  it('keeps its word index in step as cases change, and leaves the resolved-case index to resolved cases', async () => {
    const d = await as(agent)<QueueCase>('cases.create', { callerName: 'Pat Teacher', summary: 'Stapler jammed', wizard: ONE_PERSON_SLOWED });
    expect(await ids({ text: 'stapler' })).toEqual([d.id]);
    await as(agent)<QueueCase>('cases.update', { id: d.id, version: d.version, summary: 'Laminator jammed' });
    expect(await ids({ text: 'stapler' })).toEqual([]);
    expect(await ids({ text: 'laminator' })).toEqual([d.id]);
    if (kind === 'sqlite') {
      // Migration 0010's index of resolved cases still holds A only.
      const resolved = (await core.dataSource.query(`SELECT rowid AS id FROM case_fts WHERE case_fts MATCH 'jammed OR printer'`)) as { id: number }[];
      expect(resolved.map((r) => Number(r.id))).toEqual([a.id]);
    }
  });
});
