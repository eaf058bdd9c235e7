/**
 * A standalone desk that has been at work for a while, for the tests that move one to another
 * database: the demo district (small), plus what the desk's own use adds: a supervisor with a
 * sign-in email and password hash, a caller with accents, a closure date, a long-term project
 * with phases, a logged contact, a saved view, alert preferences, delivered (and dismissed)
 * alerts, the console's memory of who sat at it, an audit entry of a staff change, an outage
 * announcement with an update and a linked case, and sign-in
 * state that must NOT move.
 */
import type { QueueCase, StaffMember } from '../../shared/domain';
import type { Alert } from '../../shared/alerts';
import { ManualClock } from '../../electron/core/clock';
import { startCore, type Core } from '../../electron/core/core';
import type { DatabaseConfig } from '../../electron/core/db/database-config';
import { isPostgres } from '../../electron/core/db/dialect';
import { writeTransaction } from '../../electron/core/db/write-transaction';
import { facts, paragraph } from '../../electron/core/mail/mail-body';
import { seedDemoDistrict, type DemoSize } from '../../electron/core/demo/demo-district';
import { SlaDesk } from '../../electron/core/sla-desk';
import { MONDAY_MORNING, RecordingTimers } from './core-fixture';

export const SMALL_DISTRICT: DemoSize = { callers: 200, openCases: 60, closedCases: 150 };
const DAY = 86_400_000;
/** The desk's "now" once it has been at work: Tuesday afternoon, past several deadlines of Monday's cases. */
export const DESK_NOW = MONDAY_MORNING + DAY + 5 * 3_600_000;

export interface StandaloneDesk {
  supervisor: StaffMember;
  technician: StaffMember;
  /** A caller the desk added, with a name only accents tell apart. */
  callerName: string;
  /** The case created last, and the first one, which the desk linked to it (a reference to a later row). */
  lastCaseId: number;
  alertsDelivered: number;
}

async function ok<T>(answer: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await answer;
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

/** Starts a core on the database (with a clock the test moves and timers that never fire by themselves). */
export function deskCore(database: DatabaseConfig, now = DESK_NOW): Promise<Core> {
  return startCore({ database, clock: new ManualClock(now), log: () => undefined, timers: new RecordingTimers() });
}

export async function fillStandaloneDesk(database: DatabaseConfig, size: DemoSize = SMALL_DISTRICT): Promise<StandaloneDesk> {
  const clock = new ManualClock(MONDAY_MORNING);
  const core = await startCore({ database, clock, log: () => undefined, timers: new RecordingTimers() });
  try {
    await seedDemoDistrict(core.dataSource, new SlaDesk(), MONDAY_MORNING, size);
    const supervisor = await core.services.staff.create({ name: 'Zoë Ångström', role: 'supervisor' });
    const staff = await core.services.staff.list();
    const technician = staff.find((s) => s.role === 'technician') as StaffMember;
    const as = (who: StaffMember) => ({ actorId: who.id });

    const callerName = 'Renée Çelik-Ørsted';
    const caller = await ok<{ id: number }>(core.dispatch('callers.create', { name: callerName, email: 'rcelik@district.example.org', extension: '4471', employeeId: 'E-ÇØ-1' }, as(supervisor)));
    await ok(core.dispatch('calendar.addClosure', { date: '2026-12-24', name: 'Winter break — Christmas Eve' }, as(supervisor)));
    const created = await ok<QueueCase>(
      core.dispatch('cases.create', { callerId: caller.id, summary: 'Smartboard in room 12 shows "no signal"', wizard: { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'stopped' } }, as(supervisor)),
    );
    let project = await ok<QueueCase>(core.dispatch('cases.transition', { id: created.id, version: created.version, action: 'acknowledge' }, as(technician)));
    project = await ok<QueueCase>(
      core.dispatch('cases.transition', { id: project.id, version: project.version, action: 'make_project', phases: [{ title: 'Order the board', targetDate: '2026-12-10' }, { title: 'Mount it', targetDate: '2027-01-15' }] }, as(supervisor)),
    );
    await ok(core.dispatch('cases.logContact', { id: project.id, version: project.version, method: 'phone', outcome: 'replied', note: 'Board ordered' }, as(technician)));
    await ok(core.dispatch('views.save', { name: 'My projects', filter: { statuses: ['long_term_project'] } }, as(technician)));
    await ok(core.dispatch('alerts.savePreferences', { kinds: ['response_breach', 'resolution_breach', 'p1_received'], sound: false, muteUntil: null }, as(supervisor)));
    await ok(core.dispatch('console.rememberStaff', { staffId: supervisor.id }, as(supervisor)));
    // The knowledge base (migration 0009): an article for two buildings, with an image.
    const article = await ok<{ id: number; version: number }>(core.dispatch('kb.get', { id: 1 }, as(technician)));
    await ok(core.dispatch('kb.update', { id: article.id, version: article.version, buildingIds: [1, 2] }, as(technician)));
    const pixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    await ok(core.dispatch('kb.attach', { articleId: article.id, fileName: 'Écran — pixel.png', mediaType: 'image/png', dataBase64: pixel }, as(technician)));
    // Announcements (migration 0014): an outage in one building, with an update and a linked case.
    const outage = await ok<{ id: number; version: number }>(
      core.dispatch(
        'announcements.save',
        { kind: 'unplanned_outage', title: 'Wi-Fi down — Église wing', description: 'Access points offline', affectedServices: ['Wi-Fi'], buildingIds: [1], startAt: new Date(MONDAY_MORNING).toISOString(), expectedMinutes: 120 },
        as(supervisor),
      ),
    );
    await ok(core.dispatch('announcements.publish', { id: outage.id, version: outage.version }, as(supervisor)));
    await ok(core.dispatch('announcements.addUpdate', { id: outage.id, text: 'Vendor on site' }, as(technician)));
    await ok(core.dispatch('announcements.linkCase', { id: outage.id, caseId: created.id }, as(supervisor)));
    // SLA policy versions (migration 0017): one published for next summer (same targets, so no case moves), its review, and a draft.
    const builtIn = await ok<{ body: unknown }>(core.dispatch('policy.get', { version: '2026.1' }, as(supervisor)));
    const next = await ok<{ version: string }>(core.dispatch('policy.saveDraft', { body: builtIn.body, note: 'Révision annuelle — targets unchanged' }, as(supervisor)));
    await ok(core.dispatch('policy.publish', { version: next.version, effectiveFrom: '2027-07-01T12:00:00Z' }, as(supervisor)));
    await ok(core.dispatch('policy.saveDraft', { body: builtIn.body }, as(supervisor)));

    // Deadlines pass: the scheduler delivers warnings and breaches into the ledger; one is dismissed.
    await core.services.scheduler.start();
    clock.set(DESK_NOW);
    await core.services.scheduler.wake();
    const alerts = await ok<Alert[]>(core.dispatch('alerts.list', {}, as(supervisor)));
    if (alerts[0]) await ok(core.dispatch('alerts.dismiss', { ids: [alerts[0].id] }, as(supervisor)));
    await core.services.scheduler.stop();
    // The reports' facts (migration 0011), as the first report after these changes writes them.
    await core.services.reports.keeper.refresh();
    // The outbox (migration 0013): a confirmation to the caller, still queued (a standalone desk has no mail server).
    await core.services.mail.enqueue({
      kind: 'case_confirmation',
      to: 'rcelik@district.example.org',
      subject: `Case ${created.id}: Smartboard in room 12 shows "no signal"`,
      body: [paragraph('Bonjour Renée — we have your request.'), facts([{ label: 'Case number', value: String(created.id) }])],
      caseId: created.id,
    });

    const db = core.dataSource;
    await writeTransaction(db, async (m) => {
      // What the staff screens (migration 0008) keep: a sign-in email, a password hash (never read by the console), the audit of it.
      await m.query(`UPDATE staff_member SET email = 'zoe.angstrom@district.example.org', password_hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', updated_at = ${DESK_NOW} WHERE id = ${supervisor.id}`);
      await m.query(
        `INSERT INTO staff_audit (at, actor_id, staff_id, change, before_json, after_json) VALUES (${DESK_NOW}, NULL, ${supervisor.id}, 'updated', '{"email":null}', '{"email":"zoe.angstrom@district.example.org"}')`,
      );
      // Sign-in state, which stays behind.
      await m.query(`INSERT INTO staff_session (id, staff_id, method, client, created_at, last_seen_at, expires_at) VALUES ('${'a'.repeat(64)}', ${supervisor.id}, 'console', 'console', ${DESK_NOW}, ${DESK_NOW}, ${DESK_NOW + DAY})`);
      await m.query(`INSERT INTO sign_in_attempt (at, account, address, succeeded) VALUES (${DESK_NOW}, 'zoe.angstrom@district.example.org', '127.0.0.1', ${isPostgres(db) ? 'true' : '1'})`);
      await m.query(`INSERT INTO auth_flow (id, kind, payload, expires_at) VALUES ('${'b'.repeat(64)}', 'oidc', '{}', ${DESK_NOW + 600_000})`);
      // The Tech Support Center (migration 0015): an employee's district identity, a screenshot, a rating, an opt-out; and a session, which stays behind.
      const [renee] = (await m.query(`SELECT caller_id AS "callerId" FROM help_case WHERE id = ${created.id}`)) as { callerId: number }[];
      await m.query(`INSERT INTO employee_identity (issuer, subject, caller_id, linked_at) VALUES ('https://sso.district.example.org', 'rcelik', ${renee!.callerId}, ${DESK_NOW})`);
      await m.query(`INSERT INTO employee_session (id, caller_id, created_at, last_seen_at, expires_at) VALUES ('${'c'.repeat(64)}', ${renee!.callerId}, ${DESK_NOW}, ${DESK_NOW}, ${DESK_NOW + DAY})`);
      await m.query(
        `INSERT INTO case_attachment (case_id, file_name, content_type, byte_size, data_base64, uploaded_at, caller_id) VALUES (${created.id}, 'écran « no signal ».png', 'image/png', 8, 'iVBORw0KGgo=', ${DESK_NOW}, ${renee!.callerId})`,
      );
      await m.query(`INSERT INTO case_rating (case_id, caller_id, stars, comment, rated_at) VALUES (1, ${renee!.callerId}, 4, 'Rapide — merci', ${DESK_NOW})`);
      await m.query(`INSERT INTO mail_opt_out (address, topic, at) VALUES ('rcelik@district.example.org', 'announcements', ${DESK_NOW})`);
      // The first case names the last one as related: a reference to a row written after it.
      await m.query(`UPDATE help_case SET related_case_id = ${created.id} WHERE id = 1`);
    });
    const [delivered] = (await db.query('SELECT COUNT(*) AS n FROM alert_delivery')) as { n: number | string }[];
    return { supervisor, technician, callerName, lastCaseId: created.id, alertsDelivered: Number(delivered?.n ?? 0) };
  } finally {
    await core.close();
  }
}
