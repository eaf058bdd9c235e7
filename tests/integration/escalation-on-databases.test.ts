/**
 * Priority 1 paging and escalation on both databases, with the core's manual clock and the
 * scheduler woken by hand: the page to whoever is on call (email, text to the SMS gateway address,
 * console) with what it says; the supervisors when nobody is on call or everyone on call is away;
 * the escalation once, on two cores sharing PostgreSQL too; none once acknowledged; one breach
 * email per supervisor and target; the parts-date reminder once per date; and a standalone
 * console, which has no mail, paging in the console only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/alerts';
import type { CasePage, EscalationSettings } from '../../shared/escalation';
import type { QueueCase, StaffMember } from '../../shared/domain';
import { ManualClock } from '../../electron/core/clock';
import { startCore, type Core } from '../../electron/core/core';
import { OnCallShiftEntity, StaffAbsenceEntity } from '../../electron/core/db/availability-entities';
import { CaseEntity, StaffEntity } from '../../electron/core/db/entities';
import { writeTransaction } from '../../electron/core/db/write-transaction';
import { callAs, MONDAY_MORNING, newCaseInput, RecordingTimers, refusalOf } from '../support/core-fixture';
import { DATABASE_KINDS, freshDatabase, type DatabaseKind, type FreshDatabase } from '../support/databases';

const MIN = 60_000;
const HOUR = 60 * MIN;
const P1 = { securityOrSafety: true, missionCritical: false, affected: 'one', workEffect: 'stopped' } as const;
const P4 = { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'slowed' } as const;
const ORIGIN = 'https://desk.lakeside.example.org';

interface OutboxRow {
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

async function coreOn(db: FreshDatabase, clock: ManualClock, mode: 'server' | 'standalone'): Promise<Core> {
  const core = await startCore({ database: db.config, clock, log: () => undefined, timers: new RecordingTimers(), mode, mail: { settings: null } });
  core.services.mail.usePublicOrigin(ORIGIN);
  return core;
}

describe.each(DATABASE_KINDS)('priority 1 paging and escalation on %s', (kind: DatabaseKind) => {
  let db: FreshDatabase;
  let clock: ManualClock;
  let core: Core;
  let others: Core[];
  let agent: StaffMember;
  let tech: StaffMember;
  let onCall: StaffMember;
  let supervisor: StaffMember;
  let supervisor2: StaffMember;
  let building: number;

  const person = async (role: StaffMember['role'], name: string, email: string | null, pager: string | null = null) => {
    const member = await core.services.staff.create({ name, role, ...(email ? { email } : {}) });
    if (pager) await core.dataSource.getRepository(StaffEntity).update({ id: member.id }, { pagerAddress: pager });
    return member;
  };
  const shift = (staffId: number, from: number, to: number) =>
    core.dataSource.getRepository(OnCallShiftEntity).insert({ staffId, startsAt: from, endsAt: to, handoverNote: null, createdById: null, createdAt: from, updatedAt: from });
  const absent = (staffId: number, from: number, to: number) =>
    core.dataSource.getRepository(StaffAbsenceEntity).insert({ staffId, kind: 'sick', startsAt: from, endsAt: to, note: null, createdById: null, createdAt: from });
  const openP1 = (over: Record<string, unknown> = {}) =>
    callAs<QueueCase>(core, agent, 'cases.create', newCaseInput({ wizard: P1, onCallNotified: true, callerName: 'Pat Principal', callbackNumber: '573-555-0142', buildingId: building, room: '114', summary: 'Smoke from the server closet', description: 'Smell of burning plastic near the switch.', ...over }));
  const outbox = async (where = ''): Promise<OutboxRow[]> =>
    core.dataSource.query(`SELECT kind, to_address AS "to", subject, text_body AS "text", html_body AS "html" FROM mail_outbox ${where} ORDER BY id`);
  const pages = (caseId: number) => callAs<CasePage[]>(core, supervisor, 'escalation.pages', { caseId });
  const summary = (list: readonly CasePage[]) => list.map((p) => `${p.kind} ${p.channel} ${p.staffName}`).sort();
  const alertsOf = (alerts: readonly Alert[]) => alerts.map((a) => `${a.kind}→${a.recipientId}`).sort();

  beforeEach(async () => {
    db = await freshDatabase(kind);
    clock = new ManualClock(MONDAY_MORNING);
    core = await coreOn(db, clock, 'server');
    others = [];
    agent = await person('agent', 'Ann Agent', 'ann.agent@district.example');
    tech = await person('technician', 'Tom Tech', 'tom.tech@district.example');
    onCall = await person('technician', 'Olive Oncall', 'olive.oncall@district.example', '5735550199@txt.example.net');
    supervisor = await person('supervisor', 'Sue Supervisor', 'sue.supervisor@district.example', '5735550111@txt.example.net');
    supervisor2 = await person('supervisor', 'Sid Supervisor', null);
    building = Number((await core.dataSource.query('SELECT id FROM building ORDER BY id'))[0].id);
    await core.services.scheduler.start();
  }, 60_000);
  afterEach(async () => {
    for (const other of others) await other.close();
    await core.close();
    await db.dispose();
  });

  it('pages the person on call by email, by text to their gateway address and in the console, saying what, where, whom to call and by when', async () => {
    await shift(onCall.id, MONDAY_MORNING - HOUR, MONDAY_MORNING + 8 * HOUR);
    const c = await openP1();
    const report = await core.services.scheduler.wake();
    // The on-call technician gets the page; the other technician the general priority 1 alert, as before.
    expect(alertsOf(report.delivered)).toEqual([`p1_page→${onCall.id}`, `p1_received→${tech.id}`].sort());
    expect(summary(await pages(c.id))).toEqual(['p1_page console Olive Oncall', 'p1_page email Olive Oncall', 'p1_page sms Olive Oncall']);

    const mail = await outbox();
    expect(mail.map((m) => `${m.kind} ${m.to}`)).toEqual(['p1_page olive.oncall@district.example', 'pager_text 5735550199@txt.example.net']);
    const [email, sms] = mail as [OutboxRow, OutboxRow];
    const building0 = String((await core.dataSource.query(`SELECT name FROM building WHERE id = ${building}`))[0].name);
    expect(email.subject).toBe(`P1 DW-${String(c.id).padStart(6, '0')} ${building0} — Smoke from the server closet`);
    expect(email.text).toContain('Caller: Pat Principal');
    expect(email.text).toContain('Callback number: 573-555-0142');
    expect(email.text).toContain(`Where: ${building0}, room 114`);
    expect(email.text).toContain('What is wrong: Smoke from the server closet');
    expect(email.text).toContain('Received: Mon, Nov 30, 2026, 9:00 AM CST');
    expect(email.text).toContain('Acknowledge by: Mon, Nov 30, 2026, 10:00 AM CST');
    expect(email.text).toContain(`${ORIGIN}/#/cases/${c.id}`);
    expect(email.text).toContain('choose Acknowledge');
    expect(email.text).toContain('by 9:15 AM, it is escalated to the supervisors');
    // One SMS: subject and text together fit, no HTML part.
    expect(sms.html).toBe('');
    expect(`${sms.subject} ${sms.text.trim()}`.length).toBeLessThanOrEqual(160);
    expect(sms.subject).toBe(`P1 DW-${String(c.id).padStart(6, '0')}`);
    expect(sms.text).toContain('rm 114');
    expect(sms.text).toContain('573-555-0142');
    expect(sms.text).toContain('Ack by 9:15 AM');

    // Again, and after a restart: nothing new.
    expect((await core.services.scheduler.wake()).delivered).toEqual([]);
    await core.close();
    core = await coreOn(db, clock, 'server');
    await core.services.scheduler.start();
    expect(await outbox()).toHaveLength(2);
  });

  it('pages the supervisors, saying why, when nobody is on call', async () => {
    const c = await openP1();
    const report = await core.services.scheduler.wake();
    expect(alertsOf(report.delivered)).toEqual([`p1_page→${supervisor.id}`, `p1_page→${supervisor2.id}`, `p1_received→${onCall.id}`, `p1_received→${tech.id}`].sort());
    const list = await pages(c.id);
    expect(summary(list)).toEqual(['p1_page console Sid Supervisor', 'p1_page console Sue Supervisor', 'p1_page email Sue Supervisor', 'p1_page sms Sue Supervisor']);
    expect(list.every((p) => p.detail.startsWith('Nobody is on call now'))).toBe(true);
    const [email] = await outbox("WHERE kind = 'p1_page'");
    expect(email?.to).toBe('sue.supervisor@district.example');
    expect(email?.text).toContain('Priority 1: nobody is on call now, so the supervisors are paged.');
    expect(report.delivered.find((a) => a.kind === 'p1_page')?.body).toContain('nobody is on call now');
  });

  it('goes past a person on call who is away: to the next one on call, or to the supervisors', async () => {
    await shift(onCall.id, MONDAY_MORNING - HOUR, MONDAY_MORNING + 8 * HOUR);
    await absent(onCall.id, MONDAY_MORNING - HOUR, MONDAY_MORNING + 2 * HOUR);
    const first = await openP1();
    await core.services.scheduler.wake();
    const toSupervisors = await pages(first.id);
    expect(new Set(toSupervisors.map((p) => p.staffName))).toEqual(new Set(['Sue Supervisor', 'Sid Supervisor']));
    expect(toSupervisors[0]?.detail).toContain('Everyone on call is away (Olive Oncall)');

    await shift(tech.id, MONDAY_MORNING - HOUR, MONDAY_MORNING + 8 * HOUR);
    const second = await openP1({ summary: 'Fire alarm panel offline' });
    await core.services.scheduler.wake();
    const toNext = await pages(second.id);
    expect(summary(toNext)).toEqual(['p1_page console Tom Tech', 'p1_page email Tom Tech']);
    expect(toNext[0]?.detail).toContain('Olive Oncall is on call but away');
  });

  it('pages when a case is raised to priority 1, counting the escalation from the page', async () => {
    await shift(onCall.id, MONDAY_MORNING - HOUR, MONDAY_MORNING + 8 * HOUR);
    const c = await callAs<QueueCase>(core, agent, 'cases.create', newCaseInput({ wizard: P4 }));
    await core.services.scheduler.wake();
    expect(await pages(c.id)).toEqual([]);
    clock.set(MONDAY_MORNING + 30 * MIN);
    await callAs<QueueCase>(core, agent, 'cases.changePriority', { id: c.id, version: c.version, wizard: P1 });
    const paged = await core.services.scheduler.wake();
    expect(alertsOf(paged.delivered)).toContain(`p1_page→${onCall.id}`);
    expect(paged.nextWakeAt).toBe(MONDAY_MORNING + 45 * MIN);
  });

  it('escalates to the supervisors once when not acknowledged in 15 minutes, waking at that instant', async () => {
    await shift(onCall.id, MONDAY_MORNING - HOUR, MONDAY_MORNING + 8 * HOUR);
    const c = await openP1();
    const paged = await core.services.scheduler.wake();
    expect(paged.nextWakeAt).toBe(MONDAY_MORNING + 15 * MIN);

    clock.set(MONDAY_MORNING + 15 * MIN - 1);
    expect((await core.services.scheduler.wake()).delivered).toEqual([]);
    clock.set(MONDAY_MORNING + 15 * MIN);
    const escalated = await core.services.scheduler.wake();
    expect(alertsOf(escalated.delivered)).toEqual([`p1_escalation→${supervisor.id}`, `p1_escalation→${supervisor2.id}`].sort());
    const mail = await outbox("WHERE kind IN ('p1_escalation', 'pager_text') AND to_address LIKE '%573555011%'");
    expect(mail.map((m) => m.kind)).toEqual(['pager_text']);
    const [email] = await outbox("WHERE kind = 'p1_escalation'");
    expect(email).toMatchObject({ to: 'sue.supervisor@district.example' });
    expect(email?.subject).toContain('Escalated: P1 not acknowledged in 15 min:');
    expect(email?.text).toContain('paged: Olive Oncall');
    expect(summary((await pages(c.id)).filter((p) => p.kind === 'p1_escalation'))).toEqual([
      'p1_escalation console Sid Supervisor',
      'p1_escalation console Sue Supervisor',
      'p1_escalation email Sue Supervisor',
      'p1_escalation sms Sue Supervisor',
    ]);

    // Run again, later, after a restart: still once.
    clock.set(MONDAY_MORNING + 40 * MIN);
    expect((await core.services.scheduler.wake()).delivered.filter((a) => a.kind === 'p1_escalation')).toEqual([]);
    await core.close();
    core = await coreOn(db, clock, 'server');
    await core.services.scheduler.start();
    expect(await outbox("WHERE kind = 'p1_escalation'")).toHaveLength(1);
  });

  it('does not escalate a priority 1 acknowledged in time', async () => {
    await shift(onCall.id, MONDAY_MORNING - HOUR, MONDAY_MORNING + 8 * HOUR);
    const c = await openP1();
    await core.services.scheduler.wake();
    clock.set(MONDAY_MORNING + 10 * MIN);
    await callAs<QueueCase>(core, onCall, 'cases.transition', { id: c.id, version: c.version, action: 'acknowledge' });
    await core.services.scheduler.wake();
    clock.set(MONDAY_MORNING + 20 * MIN);
    expect((await core.services.scheduler.wake()).delivered.filter((a) => a.kind === 'p1_escalation')).toEqual([]);
    expect((await pages(c.id)).filter((p) => p.kind === 'p1_escalation')).toEqual([]);
    expect(await outbox("WHERE kind = 'p1_escalation'")).toEqual([]);
  });

  it('lets supervisors change the escalation time, and nobody else', async () => {
    expect(await callAs<EscalationSettings>(core, tech, 'escalation.settings', {})).toEqual({ escalateAfterMinutes: 15, mailPages: true });
    expect((await refusalOf(core, tech, 'escalation.saveSettings', { escalateAfterMinutes: 5 })).code).toBe('forbidden');
    expect((await refusalOf(core, supervisor, 'escalation.saveSettings', { escalateAfterMinutes: 90 })).field).toBe('escalateAfterMinutes');
    await shift(onCall.id, MONDAY_MORNING - HOUR, MONDAY_MORNING + 8 * HOUR);
    await openP1();
    expect((await core.services.scheduler.wake()).nextWakeAt).toBe(MONDAY_MORNING + 15 * MIN);
    expect(await callAs<EscalationSettings>(core, supervisor, 'escalation.saveSettings', { escalateAfterMinutes: 5 })).toEqual({ escalateAfterMinutes: 5, mailPages: true });
    expect((await core.services.scheduler.wake()).nextWakeAt).toBe(MONDAY_MORNING + 5 * MIN);
    expect((await refusalOf(core, supervisor, 'escalation.pages', { caseId: 999 })).code).toBe('not_found');
  });

  it('emails each supervisor with an address once per breached target, not again after a restart', async () => {
    const c = await openP1();
    await core.services.scheduler.wake();
    clock.set(MONDAY_MORNING + HOUR + 1);
    const breach = await core.services.scheduler.wake();
    // The console alert, as before: the desk's agents (unassigned) and every supervisor.
    expect(alertsOf(breach.delivered).filter((k) => k.startsWith('response_breach'))).toEqual([`response_breach→${agent.id}`, `response_breach→${supervisor.id}`, `response_breach→${supervisor2.id}`].sort());
    clock.set(MONDAY_MORNING + 2 * HOUR);
    await core.services.scheduler.wake();
    await core.close();
    core = await coreOn(db, clock, 'server');
    await core.services.scheduler.start();
    const mail = await outbox("WHERE kind = 'breach_notice'");
    expect(mail.map((m) => `${m.to} ${m.subject}`)).toEqual([`sue.supervisor@district.example DW-${String(c.id).padStart(6, '0')} breached its response target — Smoke from the server closet`]);
    expect(mail[0]?.text).toContain('Nobody is assigned to it.');

    clock.set(MONDAY_MORNING + 4 * HOUR + 1);
    await core.services.scheduler.wake();
    await core.services.scheduler.wake();
    expect((await outbox("WHERE kind = 'breach_notice'")).map((m) => m.subject.split(' breached ')[1]?.split(' — ')[0])).toEqual(['its response target', 'its resolution target']);
  });

  it('reminds the assignee once when the expected parts date passes, and again for a new date', async () => {
    const c = await callAs<QueueCase>(core, tech, 'cases.create', newCaseInput({ wizard: P4 }));
    let row = (await callAs<QueueCase[]>(core, tech, 'cases.assign', { cases: [{ id: c.id, version: c.version }], assigneeId: tech.id }))[0] as QueueCase;
    row = await callAs<QueueCase>(core, tech, 'cases.transition', { id: c.id, version: row.version, action: 'acknowledge' });
    row = await callAs<QueueCase>(core, tech, 'cases.transition', { id: c.id, version: row.version, action: 'await_parts', vendor: 'CDW', orderNumber: 'PO-5531', expectedDate: '2026-12-01' });
    const remind = async () => (await core.services.scheduler.wake()).delivered.filter((a) => a.kind === 'parts_overdue');
    // Tuesday 11 PM: the date is not over yet.
    clock.set(Date.parse('2026-12-02T05:00:00Z'));
    expect(await remind()).toEqual([]);
    // Wednesday just after midnight: passed, but the desk is closed: the reminder waits for 7:00.
    clock.set(Date.parse('2026-12-02T06:30:00Z'));
    expect(await remind()).toEqual([]);
    clock.set(Date.parse('2026-12-02T13:00:00Z'));
    expect(alertsOf(await remind())).toEqual([`parts_overdue→${tech.id}`]);
    expect(await remind()).toEqual([]);
    const mail = await outbox("WHERE kind = 'parts_reminder'");
    expect(mail.map((m) => m.to)).toEqual(['tom.tech@district.example']);
    expect(mail[0]?.subject).toContain('parts expected Tue, Dec 1, 2026 have not arrived');
    expect(mail[0]?.text).toContain('Order number: PO-5531');

    // The wrong part came; ordered again for Friday: a new date, a new reminder when it passes.
    row = await callAs<QueueCase>(core, tech, 'cases.transition', { id: c.id, version: row.version, action: 'parts_arrived' });
    await callAs<QueueCase>(core, tech, 'cases.transition', { id: c.id, version: row.version, action: 'await_parts', vendor: 'CDW', orderNumber: 'PO-5540', expectedDate: '2026-12-04' });
    clock.set(Date.parse('2026-12-07T13:00:00Z'));
    expect(alertsOf(await remind())).toEqual([`parts_overdue→${tech.id}`]);
    expect((await outbox("WHERE kind = 'parts_reminder'")).map((m) => m.subject.slice(0, 60))).toHaveLength(2);
    expect(summary(await pages(c.id))).toEqual(['parts_overdue console Tom Tech', 'parts_overdue console Tom Tech', 'parts_overdue email Tom Tech', 'parts_overdue email Tom Tech']);
  });

  it('reminds again when the vendor gives a new date while the parts are still awaited, without ending the pause', async () => {
    const c = await callAs<QueueCase>(core, tech, 'cases.create', newCaseInput({ wizard: P4 }));
    let row = (await callAs<QueueCase[]>(core, tech, 'cases.assign', { cases: [{ id: c.id, version: c.version }], assigneeId: tech.id }))[0] as QueueCase;
    row = await callAs<QueueCase>(core, tech, 'cases.transition', { id: c.id, version: row.version, action: 'acknowledge' });
    row = await callAs<QueueCase>(core, tech, 'cases.transition', { id: c.id, version: row.version, action: 'await_parts', vendor: 'CDW', orderNumber: 'PO-6001', expectedDate: '2026-12-01' });
    const remind = async () => (await core.services.scheduler.wake()).delivered.filter((a) => a.kind === 'parts_overdue');
    clock.set(Date.parse('2026-12-02T14:00:00Z'));
    expect(alertsOf(await remind())).toEqual([`parts_overdue→${tech.id}`]);
    // The vendor calls back: Friday. Recorded from the awaiting state itself: the case stays paused.
    row = await callAs<QueueCase>(core, tech, 'cases.transition', { id: c.id, version: row.version, action: 'await_parts', vendor: 'CDW', orderNumber: 'PO-6001', expectedDate: '2026-12-04' });
    expect(row.status).toBe('awaiting_parts');
    const pauses: { ended_at: unknown }[] = await core.dataSource.query(`SELECT ended_at FROM case_pause WHERE case_id = ${c.id}`);
    expect(pauses).toHaveLength(1);
    expect(pauses[0]?.ended_at).toBeNull();
    expect(await remind()).toEqual([]);
    clock.set(Date.parse('2026-12-07T14:00:00Z'));
    expect(alertsOf(await remind())).toEqual([`parts_overdue→${tech.id}`]);
    expect(await remind()).toEqual([]);
  });

  it('pages in the console only on a standalone console, and says so', async () => {
    await core.close();
    core = await coreOn(db, clock, 'standalone');
    await core.services.scheduler.start();
    await shift(onCall.id, MONDAY_MORNING - HOUR, MONDAY_MORNING + 8 * HOUR);
    const c = await openP1();
    const report = await core.services.scheduler.wake();
    expect(alertsOf(report.delivered)).toContain(`p1_page→${onCall.id}`);
    const list = await pages(c.id);
    expect(summary(list)).toEqual(['p1_page console Olive Oncall']);
    expect(list[0]?.detail).toContain('Console only: email and texts are sent by the district server');
    expect(await callAs<EscalationSettings>(core, tech, 'escalation.settings', {})).toMatchObject({ mailPages: false });
    clock.set(MONDAY_MORNING + HOUR + 1);
    await core.services.scheduler.wake();
    expect(await outbox()).toEqual([]);
  });

  it('pages once even when two processes planned the same page (the database refuses the second record)', async () => {
    await shift(onCall.id, MONDAY_MORNING - HOUR, MONDAY_MORNING + 8 * HOUR);
    const c = await openP1();
    const row = await core.dataSource.getRepository(CaseEntity).findOneByOrFail({ id: c.id });
    // Both read the case before either paged: the scheduler's own state says nobody was paged.
    const plannedTwice = async () =>
      writeTransaction(core.dataSource, (m) =>
        core.services.escalation.pager.page(m, [{ row, alert: { kind: 'p1_received', at: row.receivedAt, businessHoursOnly: false }, missed: false }], { staff: [], now: clock.now(), escalateAfterMs: 15 * MIN, states: new Map() }),
      );
    await plannedTwice();
    await plannedTwice();
    expect(await outbox()).toHaveLength(2); // one email, one text
    expect(summary(await pages(c.id))).toEqual(['p1_page console Olive Oncall', 'p1_page email Olive Oncall', 'p1_page sms Olive Oncall']);
  });

  it.runIf(kind === 'postgres')('escalates once with two cores on the same database', async () => {
    const second = await coreOn(db, clock, 'server');
    others.push(second);
    await second.services.scheduler.start();
    await shift(onCall.id, MONDAY_MORNING - HOUR, MONDAY_MORNING + 8 * HOUR);
    await openP1();
    await Promise.all([core.services.scheduler.wake(), second.services.scheduler.wake()]);
    await Promise.all([core.services.scheduler.wake(), second.services.scheduler.wake()]);
    clock.set(MONDAY_MORNING + 15 * MIN);
    const reports = await Promise.all([core.services.scheduler.wake(), second.services.scheduler.wake(), core.services.scheduler.wake(), second.services.scheduler.wake()]);
    // A wake that found the other at work skipped; the later ones find nothing new.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await Promise.all([core.services.scheduler.wake(), second.services.scheduler.wake()]);
    // A wake asked for while one runs answers that wake's report: count each alert once.
    expect(new Set(reports.flatMap((r) => r.delivered).filter((a) => a.kind === 'p1_escalation').map((a) => a.id)).size).toBe(2);
    expect((await outbox("WHERE kind = 'p1_page'")).length).toBe(1);
    expect((await outbox("WHERE kind = 'p1_escalation'")).length).toBe(1);
    const consoleAlerts = await core.dataSource.query("SELECT count(*) AS n FROM alert_delivery WHERE kind = 'p1_escalation'");
    expect(Number(consoleAlerts[0].n)).toBe(2);
  });
});
