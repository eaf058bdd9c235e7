/**
 * A realistic, deterministic district for a newcomer's first start and for benchmarks: callers
 * across the default buildings, a dozen staff, a few hundred open cases on a normal day (every
 * state, priority 1 rare, calls in the desk's hours, most cases within target, a few near it and
 * one or two past it) and several thousand closed ones over the last year, in a school
 * district's words. The same seed and "now" give the same data.
 */
import { base, en, en_US, Faker } from '@faker-js/faker';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { type CaseChannel, type CaseStatus, type Priority, type StaffRole } from '../../../shared/domain';
import { AFFECTED_COUNTS, decidePriority, WORK_EFFECTS, type WizardAnswers } from '../../../shared/priority-wizard';
import { callerRowFields } from '../callers/caller-row';
import { BuildingEntity, CallerEntity, CaseEntity, CaseEventEntity, CasePauseEntity, CategoryEntity, StaffEntity, type CaseRow } from '../db/entities';
import { DomainError } from '../errors';
import { caseFacts } from '../services/case-facts';
import { NEW_CASE_LIFECYCLE } from '../services/case-row-defaults';
import { PAUSING_STATUSES } from '../../../shared/lifecycle';
import { DEMO_TEXTS, GENERAL_TEXTS, WORK_NOTES } from './demo-texts';
import { seedDemoKnowledge } from './demo-knowledge';
import type { SlaFacade } from '../services/sla-facade';
import { writeTransaction } from '../db/write-transaction';

export interface DemoSize {
  callers: number;
  openCases: number;
  closedCases: number;
}

export const DEMO_SIZE: DemoSize = { callers: 2_000, openCases: 360, closedCases: 4_000 };

const STAFF: readonly [string, StaffRole][] = [
  ['Maria Lopez', 'agent'],
  ['Devon Carter', 'agent'],
  ['Priya Natarajan', 'agent'],
  ['Sam Whitfield', 'agent'],
  ['Alex Kim', 'technician'],
  ['Jordan Reyes', 'technician'],
  ['Chris Okafor', 'technician'],
  ['Taylor Brooks', 'technician'],
  ['Morgan Schultz', 'technician'],
  ['Riley Nguyen', 'technician'],
  ['Pat Donnelly', 'supervisor'],
  ['Dana Whitaker', 'supervisor'],
];

const DEPARTMENTS = ['Science', 'Mathematics', 'English', 'Social Studies', 'Special Education', 'Library', 'Front Office', 'Counseling', 'Athletics', 'Fine Arts', 'Nutrition Services', 'Transportation'];
const CALLER_ROLES = ['teacher', 'teacher', 'teacher', 'administrator', 'staff', 'staff', 'substitute'];
/** How calls reach the desk: mostly the phone, then the web form and email, a few walk-ins. */
const CHANNELS: readonly CaseChannel[] = ['phone', 'phone', 'phone', 'phone', 'web', 'web', 'email', 'walk_in'];

/**
 * A normal day's mix of open cases. Priority 1 (a building or the district down) is rare: at most
 * one open, and only while the desk is open, since its 4-hour target runs day and night.
 */
const OPEN_PRIORITY_WEIGHTS: readonly { weight: number; value: Priority }[] = [
  { weight: 12, value: 2 },
  { weight: 40, value: 3 },
  { weight: 36, value: 4 },
  { weight: 12, value: 5 },
];
const CLOSED_PRIORITY_WEIGHTS: readonly { weight: number; value: Priority }[] = [{ weight: 1, value: 1 }, ...OPEN_PRIORITY_WEIGHTS];

/** Open states in proportion; every one of them appears (the cycle repeats every 20 cases). */
const STATUS_CYCLE: readonly CaseStatus[] = [
  'new', 'acknowledged', 'in_progress', 'pending_user_response', 'awaiting_parts', 'long_term_project', 'planned_maintenance',
  'new', 'in_progress', 'acknowledged', 'in_progress', 'new', 'in_progress', 'pending_user_response',
  'in_progress', 'new', 'acknowledged', 'in_progress', 'awaiting_parts', 'in_progress',
];

/**
 * When calls come in, by local hour: the desk's day (7 AM to 5 PM), busiest in the morning, a few
 * after the 4 PM cutoff. Web forms and email also arrive in the evening.
 */
const CALL_HOURS: readonly { weight: number; value: number }[] = [
  { weight: 6, value: 7 }, { weight: 12, value: 8 }, { weight: 12, value: 9 }, { weight: 10, value: 10 }, { weight: 8, value: 11 },
  { weight: 6, value: 12 }, { weight: 9, value: 13 }, { weight: 9, value: 14 }, { weight: 7, value: 15 }, { weight: 3, value: 16 },
];
const EVENING_HOURS: readonly { weight: number; value: number }[] = [
  { weight: 4, value: 17 }, { weight: 4, value: 18 }, { weight: 5, value: 19 }, { weight: 5, value: 20 }, { weight: 3, value: 21 }, { weight: 1, value: 22 },
];

/** Of the open cases, the share near a target (at risk) and breached: a desk that keeps up. */
const AT_RISK_SHARE = 0.05;
const BREACHED_SHARE = 0.005;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHUNK = 400;

export interface DemoResult {
  staff: number;
  callers: number;
  openCases: number;
  closedCases: number;
}

export async function seedDemoDistrict(db: DataSource, sla: SlaFacade, now: number, size: DemoSize = DEMO_SIZE, seed = 2026): Promise<DemoResult> {
  if ((await db.getRepository(CaseEntity).count()) > 0 || (await db.getRepository(CallerEntity).count()) > 0) {
    throw new DomainError('conflict', 'This database already has callers or cases: demo data goes only into a fresh database');
  }
  const faker = new Faker({ locale: [en_US, en, base], seed });
  const buildings = await db.getRepository(BuildingEntity).find({ order: { id: 'ASC' } });
  const categories = await db.getRepository(CategoryEntity).find({ order: { id: 'ASC' } });

  return writeTransaction(db, async (m) => {
    const staffRows = await m.getRepository(StaffEntity).save(STAFF.map(([name, role]) => ({ name, role, active: true, createdAt: now - 400 * DAY })));
    const technicians = staffRows.filter((s) => s.role === 'technician').map((s) => s.id);
    const agents = staffRows.filter((s) => s.role !== 'technician').map((s) => s.id);

    const usedEmails = new Set<string>();
    const callers = Array.from({ length: size.callers }, (_, i) => {
      const first = faker.person.firstName();
      const last = faker.person.lastName();
      let email = `${first[0]}${last}`.toLowerCase().replace(/[^a-z]/g, '');
      while (usedEmails.has(email)) email += faker.number.int({ min: 1, max: 9 });
      usedEmails.add(email);
      const building = faker.helpers.arrayElement(buildings);
      const fields = callerRowFields(
        {
          name: `${first} ${last}`,
          email: `${email}@district.example.org`,
          phone: `573-${faker.string.numeric(3)}-${faker.string.numeric(4)}`,
          extension: String(20_000 + i),
          buildingId: building.id,
          room: String(faker.number.int({ min: 100, max: 299 })),
          department: faker.helpers.arrayElement(DEPARTMENTS),
          role: faker.helpers.arrayElement(CALLER_ROLES),
          employeeId: `E${String(10_000 + i)}`,
        },
        building.name,
      );
      return { ...fields, createdAt: now - 400 * DAY, updatedAt: now - 400 * DAY };
    });
    for (let i = 0; i < callers.length; i += CHUNK) await m.getRepository(CallerEntity).insert(callers.slice(i, i + CHUNK));
    const callerRows = await m.getRepository(CallerEntity).find({ select: { id: true, buildingId: true }, order: { id: 'ASC' } });

    const zone = sla.timeZone;
    /** A local hour on a given day back from now, in the desk's zone; weekends only for web forms and email. */
    const receivedOn = (daysBack: number, channel: CaseChannel): number | null => {
      const day = DateTime.fromMillis(now, { zone }).startOf('day').minus({ days: daysBack });
      const afterHours = (channel === 'web' || channel === 'email') && faker.datatype.boolean(0.12);
      if (day.weekday > 5 && !afterHours) return null;
      const hour = faker.helpers.weightedArrayElement(afterHours ? EVENING_HOURS : CALL_HOURS);
      const at = day.set({ hour, minute: faker.number.int({ min: 0, max: 59 }) }).toMillis();
      return at < now ? at : null;
    };
    /** A business day (or so) back from now: most open cases are days old, projects weeks. */
    const daysBackFor = (status: CaseStatus, state: DemoState): number => {
      if (status === 'long_term_project' || status === 'planned_maintenance') return faker.number.int({ min: 3, max: 40 });
      if (state === 'breached') return faker.number.int({ min: 1, max: 10 });
      // Three business days without a reply close a pending case: these are recent.
      if (status === 'pending_user_response') return faker.number.int({ min: 0, max: 2 });
      return faker.number.int({ min: 0, max: status === 'new' ? 2 : 8 });
    };

    const makeCase = (status: CaseStatus, receivedAt: number, priority: Priority, answers: WizardAnswers | null, channel: CaseChannel): Omit<CaseRow, 'id'> => {
      const caller = faker.helpers.arrayElement(callerRows);
      const category = faker.helpers.arrayElement(categories);
      const texts = DEMO_TEXTS[category.name] ?? GENERAL_TEXTS;
      const problem = faker.helpers.arrayElement(texts.problems);
      const plan = sla.plan(priority, receivedAt);
      const touched = status === 'new' ? receivedAt : Math.min(now, receivedAt + faker.number.int({ min: 1, max: 20 }) * HOUR);
      const resolvedAt = status === 'resolved' || status === 'closed' ? touched : null;
      // Projects and maintenance carry their own resolution date (the plan's or the window's).
      const ownDue = status === 'long_term_project' ? now + faker.number.int({ min: 10, max: 60 }) * DAY : status === 'planned_maintenance' ? sla.nextMaintenanceWindow(now).endAt : null;
      return {
        ...NEW_CASE_LIFECYCLE,
        respondedAt: status === 'new' ? null : Math.min(touched, plan.responseDueAt ?? touched),
        resolvedAt,
        closedAt: status === 'closed' ? resolvedAt : null,
        resolutionNotes: resolvedAt === null ? null : faker.helpers.arrayElement(texts.resolutions),
        callerId: caller.id,
        summary: problem.summary,
        description: problem.description,
        priority,
        status,
        channel,
        assigneeId: status === 'new' && faker.datatype.boolean() ? null : faker.helpers.arrayElement(technicians),
        createdById: faker.helpers.arrayElement(agents),
        callbackNumber: null,
        buildingId: caller.buildingId,
        room: String(faker.number.int({ min: 100, max: 299 })),
        categoryId: category.id,
        assetTag: faker.datatype.boolean(0.3) ? `CPS-${faker.string.numeric(6)}` : null,
        wizardAnswers: answers ? JSON.stringify(answers) : null,
        priorityReason: answers ? null : 'Set by the desk from what the caller described.',
        relatedCaseId: null,
        receivedAt,
        clockStartAt: plan.clockStartAt,
        responseDueAt: plan.responseDueAt,
        resolutionDueAt: ownDue ?? plan.resolutionDueAt,
        policyVersion: plan.policyVersion,
        onCallNotifiedAt: priority === 1 ? receivedAt : null,
        nextAlertAt: status === 'closed' || status === 'resolved' ? null : 0,
        version: status === 'new' ? 1 : 2,
        createdAt: receivedAt,
        updatedAt: touched,
      };
    };
    /** Wizard answers that lead to this priority (the wizard's own decision), or none after a few tries. */
    const answersFor = (priority: Priority): WizardAnswers | null => {
      for (let attempt = 0; attempt < 40; attempt++) {
        const answers: WizardAnswers = {
          securityOrSafety: priority <= 2 && faker.datatype.boolean(0.2),
          missionCritical: priority <= 2 && faker.datatype.boolean(0.3),
          affected: faker.helpers.arrayElement(AFFECTED_COUNTS),
          workEffect: faker.helpers.arrayElement(WORK_EFFECTS),
        };
        if (decidePriority(answers).priority === priority) return answers;
      }
      return null;
    };
    /** The pause a pausing state holds (pending user response, awaiting parts): since its last change. */
    const pauseOf = (row: Omit<CaseRow, 'id'>) => (PAUSING_STATUSES.includes(row.status) ? [{ start: row.updatedAt, end: null }] : []);
    const stateOf = (row: Omit<CaseRow, 'id'>): DemoState => {
      const facts = { ...caseFacts({ ...row, id: 0 }, []), pauses: pauseOf(row) };
      const status = sla.status(facts, now);
      const target = row.status === 'new' ? status.response : status.resolution;
      return target.state === 'breached' ? 'breached' : target.state === 'at_risk' ? 'at_risk' : 'on_track';
    };

    const breachedWanted = size.openCases >= 20 ? Math.max(1, Math.round(size.openCases * BREACHED_SHARE)) : 0;
    const atRiskWanted = Math.round(size.openCases * AT_RISK_SHARE);
    const open: Omit<CaseRow, 'id'>[] = [];
    let openP1 = 0;
    for (let i = 0; i < size.openCases; i++) {
      const status = STATUS_CYCLE[i % STATUS_CYCLE.length] as CaseStatus;
      const wanted: DemoState = i < breachedWanted ? 'breached' : i < breachedWanted + atRiskWanted ? 'at_risk' : 'on_track';
      // One priority 1 at most, just in, while the desk is open.
      const p1 = openP1 === 0 && status === 'acknowledged' && wanted === 'on_track' && sla.isWithinBusinessHours(now) && now - 2 * HOUR >= DateTime.fromMillis(now, { zone }).set({ hour: 7, minute: 0 }).toMillis();
      const priority = p1 ? 1 : faker.helpers.weightedArrayElement(OPEN_PRIORITY_WEIGHTS);
      const answers = answersFor(priority);
      let row: Omit<CaseRow, 'id'> | null = null;
      // Draw times until the case stands where this one should (within target, near it, or past it).
      for (let attempt = 0; attempt < 200; attempt++) {
        const channel = faker.helpers.arrayElement(CHANNELS);
        const receivedAt = p1 ? now - faker.number.int({ min: 20, max: 110 }) * 60_000 : receivedOn(daysBackFor(status, wanted), channel);
        if (receivedAt === null) continue;
        const candidate = makeCase(status, receivedAt, priority, answers, channel);
        row = candidate;
        if (stateOf(candidate) === wanted) break;
      }
      if (!row) continue;
      if (priority === 1) openP1 += 1;
      open.push(row);
    }
    const closed: Omit<CaseRow, 'id'>[] = [];
    for (let i = 0; i < size.closedCases; i++) {
      const priority = faker.helpers.weightedArrayElement(CLOSED_PRIORITY_WEIGHTS);
      const channel = faker.helpers.arrayElement(CHANNELS);
      let receivedAt: number | null = null;
      while (receivedAt === null) receivedAt = receivedOn(faker.number.int({ min: 14, max: 365 }), channel);
      closed.push(makeCase(faker.datatype.boolean(0.85) ? 'closed' : 'resolved', receivedAt, priority, answersFor(priority), channel));
    }

    const all = [...closed.sort((a, b) => a.receivedAt - b.receivedAt), ...open.sort((a, b) => a.receivedAt - b.receivedAt)];
    for (let i = 0; i < all.length; i += CHUNK) {
      const chunk = all.slice(i, i + CHUNK);
      const inserted = await m.getRepository(CaseEntity).insert(chunk);
      const ids = inserted.identifiers.map((idObj) => Number(idObj.id));
      const events = ids.flatMap((caseId, j) => {
        const row = chunk[j] as Omit<CaseRow, 'id'>;
        const created = { caseId, actorId: row.createdById, kind: 'created' as const, at: row.receivedAt, detail: JSON.stringify({ summary: row.summary, priority: row.priority, demo: true }), reason: null };
        if (row.status === 'new' || row.assigneeId === null || row.updatedAt <= row.receivedAt) return [created];
        const note = { caseId, actorId: row.assigneeId, kind: 'note' as const, at: row.updatedAt, detail: JSON.stringify({ note: faker.helpers.arrayElement(WORK_NOTES) }), reason: null };
        return [created, note];
      });
      await m.getRepository(CaseEventEntity).insert(events);
      const pauses = ids.flatMap((caseId, j) => pauseOf(chunk[j] as Omit<CaseRow, 'id'>).map((pause) => ({ caseId, status: (chunk[j] as Omit<CaseRow, 'id'>).status, startedAt: pause.start, endedAt: null })));
      if (pauses.length) await m.getRepository(CasePauseEntity).insert(pauses);
    }
    // The knowledge base and the cases that cited it. A database of an earlier schema (the upgrade test seeds one) has no knowledge base yet.
    if (await m.queryRunner?.hasTable('kb_article')) await seedDemoKnowledge(m, now, { seed, timeZone: zone });
    return { staff: staffRows.length, callers: callers.length, openCases: open.length, closedCases: closed.length };
  });
}

type DemoState = 'on_track' | 'at_risk' | 'breached';
