/**
 * A realistic, deterministic district for a newcomer's first start and for benchmarks: callers
 * across the default buildings, a dozen staff, a few hundred open cases on a normal day (every
 * state, priority 1 rare, calls in the desk's hours, most cases within target, a few near it and
 * one or two past it) and the closed cases of the past years with their whole histories (see
 * demo-history.ts), in a school year's rhythm and a school district's words, with the report
 * facts of every case. `years` and a scale make it large (a million cases) for the reports and
 * benchmarks. The same seed and "now" give the same data.
 */
import { base, en, en_US, Faker } from '@faker-js/faker';
import { DateTime } from 'luxon';
import { In, type DataSource, type EntityManager } from 'typeorm';
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
import { CaseReportFactEntity, type CaseReportFactRow } from '../db/report-entities';
import { CaseContactEntity } from '../db/entities';
import { caseReportFacts, type StatusChange } from '../reports/case-report-facts';
import { isPostgres } from '../db/dialect';
import { yieldToEventLoop } from '../yield';
import { BulkInserter } from './bulk-insert';
import { assignCaseId, isFirstContact, pastCaseHistory, VENDORS, type CaseDraft, type EventDraft, type PauseDraft } from './demo-history';
import { IN_CHUNK } from '../db/in-chunks';
import { seedDemoAvailability } from './demo-availability';
import { DemoRandom, WeightedPicker } from './demo-random';
import { schoolYearDays, spreadOver, type DemoDay } from './demo-rhythm';

export interface DemoSize {
  callers: number;
  openCases: number;
  /** Closed (and resolved) cases over the years before now. */
  closedCases: number;
  /** Years of history (1 unless given). */
  years?: number;
}

export const DEMO_SIZE: DemoSize = { callers: 2_000, openCases: 360, closedCases: 4_000, years: 1 };

/** What `seed --demo` accepts: years of history and a scale for callers and closed cases. */
export const DEMO_LIMITS = { years: { min: 1, max: 10 }, scale: { min: 1, max: 500 } } as const;
/** A very large district's staff: more callers than this would call once in years. */
const MAX_CALLERS = 40_000;

/**
 * The demo's size for `years` of history at `scale`: about 4,000 closed cases a year and 2,000
 * callers per unit of scale; the open cases of a normal day stay as they are.
 */
export function demoSize(years: number, scale: number): DemoSize {
  for (const [name, value] of [['years', years], ['scale', scale]] as const) {
    const { min, max } = DEMO_LIMITS[name];
    if (!Number.isInteger(value) || value < min || value > max) throw new DomainError('invalid_input', `--${name} must be a whole number from ${min} to ${max}`, name);
  }
  return { callers: Math.min(MAX_CALLERS, DEMO_SIZE.callers * scale), openCases: DEMO_SIZE.openCases, closedCases: DEMO_SIZE.closedCases * years * scale, years };
}

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

/** Building sizes by kind: a high school has three times an elementary school's staff. */
const BUILDING_WEIGHTS: readonly [RegExp, number][] = [
  [/High School/, 3],
  [/Middle School/, 2],
  [/Elementary/, 1],
  [/Career Center/, 1.5],
];
/** What people call about, most to least. */
const CATEGORY_WEIGHTS: Readonly<Record<string, number>> = {
  'Chromebooks & laptops': 16,
  'Accounts & passwords': 14,
  Printing: 11,
  'Software & apps': 10,
  'Network & Wi-Fi': 9,
  'Audio / video & projectors': 8,
  Email: 7,
  Desktops: 6,
  'Student information system': 6,
  Phones: 5,
  Other: 5,
  Security: 3,
};
/** A few callers call much more than the rest (the teacher whose projector never quite works). */
const FREQUENT_CALLER_SHARE = 0.02;
const FREQUENT_CALLER_WEIGHT = 10;
/**
 * The systemic weakness of the last month: Wi-Fi at one high school, at about this multiple of its
 * usual rate (the weaknesses report's baseline: the year before the month).
 */
const WEAKNESS = { building: 'Hickman High School', category: 'Network & Wi-Fi', ratio: 3.8, days: 30 } as const;
/** Cases whose priority changed after intake (mostly raised once a technician saw them). */
const PRIORITY_CHANGE_SHARE = 0.07;
/** The newest closed cases came in this many days ago (the open ones are the days since). */
const CLOSED_NEWEST_DAYS_BACK = 2;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHUNK = 400;
/** Cases written per round of bulk inserts (their events, pauses, contacts and facts with them). */
const CASE_BATCH = 2_000;
/** 256 MB of page cache while seeding SQLite (negative: in KiB). */
const SQLITE_SEED_CACHE_KIB = -262_144;

export interface DemoResult {
  staff: number;
  callers: number;
  openCases: number;
  closedCases: number;
}

/** Called after each batch of cases written, for a progress line. */
export type DemoProgress = (written: number, total: number) => void;

export async function seedDemoDistrict(db: DataSource, sla: SlaFacade, now: number, size: DemoSize = DEMO_SIZE, seed = 2026, onProgress?: DemoProgress): Promise<DemoResult> {
  if ((await db.getRepository(CaseEntity).count()) > 0 || (await db.getRepository(CallerEntity).count()) > 0) {
    throw new DomainError('conflict', 'This database already has callers or cases: demo data goes only into a fresh database');
  }
  const faker = new Faker({ locale: [en_US, en, base], seed });
  const buildings = await db.getRepository(BuildingEntity).find({ order: { id: 'ASC' } });
  const categories = await db.getRepository(CategoryEntity).find({ order: { id: 'ASC' } });

  const buildingWeights = buildings.map((b) => ({ value: b, weight: BUILDING_WEIGHTS.find(([re]) => re.test(b.name))?.[1] ?? 1 }));

  return writeTransaction(db, async (m) => {
    const withFacts = (await m.queryRunner?.hasTable('case_report_fact')) ?? false;
    const bulk = new BulkInserter(m);
    const restoreCache = await largerSqliteCache(m);
    const staffRows = await m.getRepository(StaffEntity).save(STAFF.map(([name, role]) => ({ name, role, active: true, createdAt: now - 400 * DAY })));
    const technicians = staffRows.filter((s) => s.role === 'technician').map((s) => s.id);
    const agents = staffRows.filter((s) => s.role !== 'technician').map((s) => s.id);
    const supervisors = staffRows.filter((s) => s.role === 'supervisor').map((s) => s.id);

    const usedEmails = new Set<string>();
    const callers = Array.from({ length: size.callers }, (_, i) => {
      const first = faker.person.firstName();
      const last = faker.person.lastName();
      let email = `${first[0]}${last}`.toLowerCase().replace(/[^a-z]/g, '');
      while (usedEmails.has(email)) email += faker.number.int({ min: 1, max: 9 });
      usedEmails.add(email);
      const building = faker.helpers.weightedArrayElement(buildingWeights);
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
    // Who calls about what, for the open cases and the past ones alike.
    const random = new DemoRandom(seed * 7_919 + 17);
    const callerWeights = callerRows.map(() => (random.bool(FREQUENT_CALLER_SHARE) ? FREQUENT_CALLER_WEIGHT : 1));
    const callerPicker = new WeightedPicker(callerRows, (_, i) => callerWeights[i] as number);
    const categoryWeight = (c: { name: string }) => CATEGORY_WEIGHTS[c.name] ?? 5;
    const categoryPicker = new WeightedPicker(categories, categoryWeight);
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
      const caller = callerPicker.pick(random);
      const category = categoryPicker.pick(random);
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
    // The open cases with what they hold: a created event and a work note, the pause of a pausing
    // state, the parts on order; their deadlines as the engine gives them for that.
    const openDrafts = open
      .sort((a, b) => a.receivedAt - b.receivedAt)
      .map((openRow): CaseDraft => {
        const row: CaseRow = { ...openRow, id: 0 };
        const pauses: PauseDraft[] = pauseOf(row).map((p) => ({ caseId: 0, status: row.status, startedAt: p.start, endedAt: null }));
        if (row.status === 'awaiting_parts') {
          const expected = DateTime.fromMillis(row.updatedAt, { zone }).plus({ days: faker.number.int({ min: 3, max: 9 }) }).toISODate() as string;
          Object.assign(row, { partsVendor: faker.helpers.arrayElement(VENDORS), partsOrderNumber: `PO-${faker.string.numeric(6)}`, partsExpectedDate: expected });
        }
        const due = sla.deadlines(caseFacts(row, pauses.map((p) => ({ ...p, id: 0 }))));
        row.responseDueAt = due.responseDueAt;
        row.resolutionDueAt = due.resolutionDueAt;
        const events: EventDraft[] = [{ caseId: 0, actorId: row.createdById, kind: 'created', at: row.receivedAt, detail: JSON.stringify({ summary: row.summary, priority: row.priority, demo: true }), reason: null }];
        if (row.status !== 'new' && row.assigneeId !== null && row.updatedAt > row.receivedAt) {
          events.push({ caseId: 0, actorId: row.assigneeId, kind: 'note', at: row.updatedAt, detail: JSON.stringify({ note: faker.helpers.arrayElement(WORK_NOTES) }), reason: null });
        }
        return { row, pauses, events, contacts: [], statusChanges: [] };
      });

    // The past: closed cases over the years, day by day in a school year's rhythm.
    const years = size.years ?? 1;
    const today = DateTime.fromMillis(now, { zone }).startOf('day');
    const days = schoolYearDays(today.minus({ days: years * 365 }), years * 365 - CLOSED_NEWEST_DAYS_BACK + 1, sla);
    // The open cases are part of the recent days' calls: those days get fewer closed ones.
    const openPerDay = new Map<string, number>();
    for (const row of open) {
      const key = DateTime.fromMillis(row.receivedAt, { zone }).toISODate() as string;
      openPerDay.set(key, (openPerDay.get(key) ?? 0) + 1);
    }
    const totalWeight = days.reduce((sum, d) => sum + d.weight, 0);
    const counts = spreadOver(
      days.map((d) => Math.max(0, (d.weight / totalWeight) * size.closedCases - (openPerDay.get(d.start.toISODate() as string) ?? 0))),
      size.closedCases,
    );

    const weakBuilding = buildings.find((b) => b.name === WEAKNESS.building) ?? buildings[0];
    const weakCategory = categories.find((c) => c.name === WEAKNESS.category) ?? categories[0];
    if (!weakBuilding || !weakCategory || !callerRows.length) throw new DomainError('conflict', 'The demo needs the default buildings, categories and some callers');
    const weakCallers = callerRows.filter((c) => c.buildingId === weakBuilding.id);
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    // The last month and the year before it, as the weaknesses report compares them: it expects
    // (the combination's baseline cases + 1) over the year, for a month.
    const periodStart = today.minus({ days: WEAKNESS.days - 1 });
    const baselineStart = periodStart.minus({ days: 365 });
    const periodClosed = sum(counts.filter((_, i) => (days[i] as DemoDay).start >= periodStart));
    // The weakness's own baseline is counted as the cases are drawn (a few callers who call a lot
    // make it vary), and the month's cases go to it until it stands at its ratio over that baseline.
    const isWeak = (row: CaseRow) => row.buildingId === weakBuilding.id && row.categoryId === weakCategory.id;
    const periodOpen = openDrafts.filter((d) => d.row.receivedAt >= periodStart.toMillis());
    const openWeak = periodOpen.filter((d) => isWeak(d.row)).length;
    let weakBaseline = 0;
    let baselineSeen = 0;
    let weakInPeriod = 0;
    let periodSeen = 0;
    /** Whether the next closed case of the month goes to the weakness. */
    const redirectNext = (): boolean => {
      // The report expects the combination's share of the baseline, of the month's cases.
      const wanted = (WEAKNESS.ratio * (weakBaseline + 1) * (periodClosed + periodOpen.length)) / (baselineSeen + 1) - openWeak;
      periodSeen += 1;
      return weakInPeriod < (wanted * periodSeen) / Math.max(1, periodClosed);
    };
    const tally = (day: DemoDay, row: CaseRow) => {
      if (day.start >= periodStart) weakInPeriod += isWeak(row) ? 1 : 0;
      else if (day.start >= baselineStart) {
        baselineSeen += 1;
        weakBaseline += isWeak(row) ? 1 : 0;
      }
    };
    const answerPool = new Map(CLOSED_PRIORITY_WEIGHTS.map(({ value }) => [value, Array.from({ length: 12 }, () => answersFor(value)).map((a) => (a ? JSON.stringify(a) : null))]));
    const staffOf = { technicians, supervisors };

    /** A local time on a past day: the desk's hours, web forms and email also in the evening and on closed days. */
    const receivedIn = (day: DemoDay, dayStart: number, even: boolean, channel: CaseChannel): number => {
      const evening = channel === 'web' || channel === 'email' ? random.bool(0.15) : false;
      const hour = day.open ? random.weighted(evening ? EVENING_HOURS : CALL_HOURS) : random.int(8, 21);
      const minute = random.int(0, 59);
      // Luxon only where the day changes its offset (the DST Sundays).
      return even ? dayStart + hour * HOUR + minute * 60_000 : day.start.set({ hour, minute }).toMillis();
    };
    const drawPast = (day: DemoDay, dayStart: number, even: boolean, inPeriod: boolean): CaseDraft => {
      for (let attempt = 0; attempt < 12; attempt++) {
        const channel: CaseChannel = day.open ? random.pick(CHANNELS) : random.bool(0.6) ? 'web' : 'email';
        // A case that would not have finished by now moves a day back now and then.
        const receivedAt = receivedIn(day, dayStart, even, channel) - Math.floor(attempt / 3) * DAY;
        const priority = random.weighted(CLOSED_PRIORITY_WEIGHTS);
        let initialPriority = priority;
        if (random.bool(PRIORITY_CHANGE_SHARE)) initialPriority = priority === 1 ? 2 : priority === 5 ? 4 : ((priority + (random.bool(0.6) ? 1 : -1)) as Priority);
        const weak = inPeriod && attempt === 0 && weakCallers.length > 0 && redirectNext();
        const caller = weak ? random.pick(weakCallers) : callerPicker.pick(random);
        const category = weak ? weakCategory : categoryPicker.pick(random);
        const texts = DEMO_TEXTS[category.name] ?? GENERAL_TEXTS;
        const firstContact = attempt >= 2 || (priority >= 3 && isFirstContact(channel, random));
        const draft = pastCaseHistory(
          {
            receivedAt,
            channel,
            initialPriority,
            priority,
            callerId: caller.id,
            buildingId: caller.buildingId,
            categoryId: category.id,
            createdById: random.pick(agents),
            texts,
            problem: random.pick(texts.problems),
            wizardAnswers: random.pick(answerPool.get(initialPriority) ?? [null]),
            load: day.load,
          },
          staffOf,
          sla,
          random,
          now,
          firstContact,
        );
        if (draft) {
          tally(day, draft.row);
          return draft;
        }
      }
      throw new Error(`No past case fits before ${new Date(now).toISOString()}`);
    };

    const batch: CaseDraft[] = [];
    let written = 0;
    const total = size.closedCases + openDrafts.length;
    const flush = async () => {
      if (!batch.length) return;
      const drafts = batch.splice(0);
      await bulk.insert(CaseEntity, drafts.map((d) => d.row));
      await bulk.insert(CaseEventEntity, drafts.flatMap((d) => d.events));
      await bulk.insert(CasePauseEntity, drafts.flatMap((d) => d.pauses));
      await bulk.insert(CaseContactEntity, drafts.flatMap((d) => d.contacts));
      if (withFacts) {
        const facts: CaseReportFactRow[] = drafts.map((d) =>
          caseReportFacts({ row: d.row, pauses: d.pauses.map((p) => ({ id: 0, ...p })), statusChanges: d.statusChanges }, sla, now),
        );
        await bulk.insert(CaseReportFactEntity, facts);
      }
      written += drafts.length;
      onProgress?.(written, total);
      // A million cases take minutes: whatever else the process serves is answered meanwhile.
      await yieldToEventLoop();
    };
    /**
     * Resolved in the last three days: written after the knowledge base, which reopens some citing
     * cases a day to three after their resolution (and those reopenings must lie in the past).
     */
    const heldBack: CaseDraft[] = [];
    const KNOWLEDGE_QUIET_MS = 3 * DAY;
    /** Writes the closed cases of days [from, to), ids from `firstId` in the order they came in. */
    const writeDays = async (from: number, to: number, firstId: number): Promise<number> => {
      let nextId = firstId;
      for (let i = from; i < to; i++) {
        const day = days[i] as DemoDay;
        const n = counts[i] as number;
        if (n <= 0) continue;
        const dayStart = day.start.toMillis();
        const even = day.start.offset === day.start.endOf('day').offset;
        const inPeriod = day.start >= periodStart;
        const drafts = Array.from({ length: n }, () => drawPast(day, dayStart, even, inPeriod)).sort((a, b) => a.row.receivedAt - b.row.receivedAt);
        for (const draft of drafts) {
          assignCaseId(draft, nextId++);
          if ((draft.row.resolvedAt ?? draft.row.closedAt ?? 0) > now - KNOWLEDGE_QUIET_MS) heldBack.push(draft);
          else batch.push(draft);
          if (batch.length >= CASE_BATCH) await flush();
        }
      }
      await flush();
      return nextId;
    };
    // The last year first (with the ids that follow the older years'), then the open cases, then the
    // knowledge base, whose articles were published a year ago: it cites cases of that year only,
    // and reads a year of cases rather than all of them. Then the older years, ids from 1.
    const lastYear = Math.max(0, days.findIndex((d) => d.start >= today.minus({ days: 365 })));
    const olderCases = sum(counts.slice(0, lastYear));
    let nextId = await writeDays(lastYear, days.length, olderCases + 1);
    for (const draft of openDrafts) {
      assignCaseId(draft, nextId++);
      batch.push(draft);
    }
    await flush();
    // The ids were given here: PostgreSQL's sequence moves past them.
    if (isPostgres(m.connection) && nextId > 1) await m.query(`SELECT setval(pg_get_serial_sequence('help_case', 'id'), ${nextId - 1})`);
    // A database of an earlier schema (the upgrade test seeds one) has no knowledge base yet.
    if (await m.queryRunner?.hasTable('kb_article')) await seedDemoKnowledge(m, now, { seed, timeZone: zone });
    batch.push(...heldBack);
    await writeDays(0, lastYear, 1);
    // The knowledge base reopened a few cases: their facts are computed again, as the keeper would.
    if (withFacts) await refreshChangedFacts(m, bulk, sla, now);
    // Skills, hours, the on-call roster, absences and difficulty (a database of an earlier schema has none).
    if (await m.queryRunner?.hasTable('staff_absence')) await seedDemoAvailability(m, now, { seed, timeZone: zone, categories });
    await restoreCache();
    return { staff: staffRows.length, callers: callers.length, openCases: openDrafts.length, closedCases: size.closedCases };
  });
}

/**
 * SQLite's page cache (2 MB by default) for the bulk load: a dozen indexes and two search indexes
 * grow with every batch, and re-reading their pages is most of the time. Put back afterwards.
 */
async function largerSqliteCache(m: EntityManager): Promise<() => Promise<void>> {
  if (isPostgres(m.connection)) return async () => undefined;
  const [row] = (await m.query('PRAGMA cache_size')) as { cache_size: number }[];
  await m.query(`PRAGMA cache_size = ${SQLITE_SEED_CACHE_KIB}`);
  return async () => void (await m.query(`PRAGMA cache_size = ${Number(row?.cache_size ?? -2_000)}`));
}

/** Recomputes the facts of cases changed after their facts were written (by the knowledge base's seeding). */
async function refreshChangedFacts(m: EntityManager, bulk: BulkInserter, sla: SlaFacade, now: number): Promise<void> {
  const stale: { id: number | string }[] = await m.query(`SELECT c.id AS id FROM help_case c JOIN case_report_fact f ON f.case_id = c.id WHERE f.case_version <> c.version`);
  const ids = stale.map((r) => Number(r.id));
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const chunk = ids.slice(i, i + IN_CHUNK);
    // One after another: inside the transaction they share one connection (pg deprecates overlapping queries on one client).
    const rows = await m.getRepository(CaseEntity).findBy({ id: In(chunk) });
    const pauses = await m.getRepository(CasePauseEntity).find({ where: { caseId: In(chunk) }, order: { startedAt: 'ASC', id: 'ASC' } });
    const events = await m.getRepository(CaseEventEntity).find({ select: { caseId: true, detail: true }, where: { caseId: In(chunk), kind: 'status_changed' }, order: { id: 'ASC' } });
    const changes = new Map<number, StatusChange[]>();
    for (const e of events) {
      const d = JSON.parse(e.detail) as { action?: string; from?: string; to?: string };
      changes.set(e.caseId, [...(changes.get(e.caseId) ?? []), { action: d.action, from: d.from, to: d.to }]);
    }
    const facts = rows.map((row) => caseReportFacts({ row, pauses: pauses.filter((p) => p.caseId === row.id), statusChanges: changes.get(row.id) ?? [] }, sla, now));
    await m.query(`DELETE FROM case_report_fact WHERE case_id IN (${chunk.join(', ')})`);
    await bulk.insert(CaseReportFactEntity, facts);
  }
}


type DemoState = 'on_track' | 'at_risk' | 'breached';
