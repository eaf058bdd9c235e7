/**
 * A realistic, deterministic district for a newcomer's first start and for benchmarks: callers
 * across the default buildings, a dozen staff, a few hundred open cases in every state and
 * priority with deadlines around now, and several thousand closed ones over the last year.
 * The same seed and "now" give the same data.
 */
import { base, en, en_US, Faker } from '@faker-js/faker';
import type { DataSource } from 'typeorm';
import { OPEN_CASE_STATUSES, PRIORITIES, type CaseChannel, type CaseStatus, type Priority, type StaffRole } from '../../../shared/domain';
import { AFFECTED_COUNTS, decidePriority, WORK_EFFECTS, type WizardAnswers } from '../../../shared/priority-wizard';
import { callerRowFields } from '../callers/caller-row';
import { BuildingEntity, CallerEntity, CaseEntity, CaseEventEntity, CategoryEntity, StaffEntity, type CaseRow } from '../db/entities';
import { DomainError } from '../errors';
import { NEW_CASE_LIFECYCLE } from '../services/case-row-defaults';
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
const CHANNELS: readonly CaseChannel[] = ['phone', 'phone', 'phone', 'web', 'email', 'walk_in'];

const PROBLEMS: Record<string, readonly string[]> = {
  'Accounts & passwords': ['Locked out of account', 'Password reset needed', 'MFA prompt not arriving', 'New staff account needed'],
  'Audio / video & projectors': ['Projector will not turn on', 'No sound from classroom speakers', 'Document camera not detected', 'Display flickers'],
  'Chromebooks & laptops': ['Laptop will not boot', 'Chromebook screen cracked', 'Laptop battery warning', 'Keyboard keys stuck'],
  Desktops: ['Desktop slow to log in', 'Blue screen on startup', 'Monitor showing slight blur', 'Mouse not responding'],
  Email: ["Can't send email from Outlook", 'Shared mailbox missing', 'Calendar invites not arriving'],
  'Network & Wi-Fi': ['No Wi-Fi in classroom', 'Network drops every few minutes', 'Wired port dead', 'Slow internet in lab'],
  Phones: ['Desk phone has no dial tone', 'Voicemail PIN reset', 'Phone shows wrong extension'],
  Printing: ["Can't print to copier", 'Printer jams constantly', 'Toner streaks on every page', 'Print jobs stuck in queue'],
  Security: ['Suspicious email with attachment', 'Door badge reader offline', 'Camera feed down'],
  'Software & apps': ['App install request', 'Software license expired', 'Gradebook plugin crashes'],
  'Student information system': ['Attendance will not save', 'Report cards not generating', 'Schedule change not showing'],
  Other: ['Re-wire the lab', 'Install new machines in media center', 'Move equipment to new room'],
};

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

    const makeCase = (status: CaseStatus, receivedAt: number, priority: Priority, answers: WizardAnswers | null): Omit<CaseRow, 'id'> => {
      const caller = faker.helpers.arrayElement(callerRows);
      const category = faker.helpers.arrayElement(categories);
      const plan = sla.plan(priority, receivedAt);
      const touched = status === 'new' ? receivedAt : Math.min(now, receivedAt + faker.number.int({ min: 1, max: 48 }) * HOUR);
      const resolvedAt = status === 'resolved' || status === 'closed' ? touched : null;
      return {
        ...NEW_CASE_LIFECYCLE,
        respondedAt: status === 'new' ? null : Math.min(touched, plan.responseDueAt ?? touched),
        resolvedAt,
        closedAt: status === 'closed' ? resolvedAt : null,
        resolutionNotes: resolvedAt === null ? null : 'Resolved on site.',
        callerId: caller.id,
        summary: faker.helpers.arrayElement(PROBLEMS[category.name] ?? PROBLEMS.Other ?? ['Something is wrong']),
        description: faker.lorem.sentence(),
        priority,
        status,
        channel: faker.helpers.arrayElement(CHANNELS),
        assigneeId: status === 'new' && faker.datatype.boolean() ? null : faker.helpers.arrayElement(technicians),
        createdById: faker.helpers.arrayElement(agents),
        callbackNumber: null,
        buildingId: caller.buildingId,
        room: String(faker.number.int({ min: 100, max: 299 })),
        categoryId: category.id,
        assetTag: faker.datatype.boolean(0.3) ? `CPS-${faker.string.numeric(6)}` : null,
        wizardAnswers: answers ? JSON.stringify(answers) : null,
        priorityReason: null,
        relatedCaseId: null,
        receivedAt,
        clockStartAt: plan.clockStartAt,
        responseDueAt: plan.responseDueAt,
        resolutionDueAt: plan.resolutionDueAt,
        policyVersion: plan.policyVersion,
        onCallNotifiedAt: priority === 1 ? receivedAt : null,
        nextAlertAt: status === 'closed' || status === 'resolved' ? null : 0,
        version: status === 'new' ? 1 : 2,
        createdAt: receivedAt,
        updatedAt: touched,
      };
    };
    const answersFor = (): { answers: WizardAnswers; priority: Priority } => {
      const answers: WizardAnswers = {
        securityOrSafety: faker.datatype.boolean(0.03),
        missionCritical: faker.datatype.boolean(0.04),
        affected: faker.helpers.arrayElement(AFFECTED_COUNTS),
        workEffect: faker.helpers.arrayElement(WORK_EFFECTS),
      };
      return { answers, priority: decidePriority(answers).priority };
    };

    const open: Omit<CaseRow, 'id'>[] = [];
    for (let i = 0; i < size.openCases; i++) {
      const status = OPEN_CASE_STATUSES[i % OPEN_CASE_STATUSES.length] as CaseStatus;
      // Every priority appears in every state; the wizard answers fit the priority when they can.
      const { answers, priority: decided } = answersFor();
      const priority = (PRIORITIES[Math.floor(i / OPEN_CASE_STATUSES.length) % PRIORITIES.length] ?? decided) as Priority;
      const ageHours = priority === 1 ? faker.number.float({ min: 0.1, max: 6 }) : faker.number.float({ min: 0.2, max: 24 * 12 });
      open.push(makeCase(status, Math.round(now - ageHours * HOUR), priority, priority === decided ? answers : null));
    }
    const closed: Omit<CaseRow, 'id'>[] = [];
    for (let i = 0; i < size.closedCases; i++) {
      const { answers, priority } = answersFor();
      const receivedAt = Math.round(now - faker.number.float({ min: 14, max: 365 }) * DAY);
      closed.push(makeCase(faker.datatype.boolean(0.85) ? 'closed' : 'resolved', receivedAt, priority, answers));
    }

    const all = [...closed.sort((a, b) => a.receivedAt - b.receivedAt), ...open.sort((a, b) => a.receivedAt - b.receivedAt)];
    for (let i = 0; i < all.length; i += CHUNK) {
      const chunk = all.slice(i, i + CHUNK);
      const inserted = await m.getRepository(CaseEntity).insert(chunk);
      const events = inserted.identifiers.map((idObj, j) => {
        const row = chunk[j] as Omit<CaseRow, 'id'>;
        return {
          caseId: Number(idObj.id),
          actorId: row.createdById,
          kind: 'created' as const,
          at: row.receivedAt,
          detail: JSON.stringify({ summary: row.summary, priority: row.priority, demo: true }),
          reason: null,
        };
      });
      await m.getRepository(CaseEventEntity).insert(events);
    }
    return { staff: staffRows.length, callers: callers.length, openCases: open.length, closedCases: closed.length };
  });
}

