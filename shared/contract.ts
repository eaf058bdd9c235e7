/**
 * The typed contract between the renderer and the core: for each channel its input schema,
 * result type and the roles allowed to call it; for each event its payload type.
 * Both transports (Electron IPC and the browser mode's HTTP) carry exactly this.
 */
import { z } from 'zod';
export { MAX_ID, DEFAULT_REQUEST_LIMIT, type ChannelAccess, type ChannelSpec, type RequestLimit } from './contract-kit';
import { ALL_STAFF, channel, fileLimit, id, isoDate, isoInstant, optionalText, requiredText, SUPERVISORS, text, version, DEFAULT_REQUEST_LIMIT, type ChannelSpec, type RequestLimit } from './contract-kit';
import type { ChannelName, EventName } from './channel-names';
import {
  CASE_CHANNELS,
  CASE_TEXT_LIMITS,
  CASE_STATUSES,
  PRIORITIES,
  STAFF_ROLES,
  type Caller,
  type CallerCard,
  type CaseEvent,
  type CaseSummary,
  type Priority,
  type ReferenceItem,
  type StaffMember,
  type CaseContact,
  type CasePhase,
  type CaseLifecycleDetail,
  type QueueCase,
  type WorkloadRow,
  type SavedView,
} from './domain';
import { CONTACT_METHODS, CONTACT_OUTCOMES, type CaseAction } from './lifecycle';
import { ALERT_KINDS, type Alert, type AlertBatch, type AlertPreferences, type AlertReadChange, type AlertSummary } from './alerts';
import { AFFECTED_COUNTS, WORK_EFFECTS, type WizardDecision } from './priority-wizard';
import type { QueuePage } from './queue-rows';
import { knowledgeChannels } from './contract-kb';
import { reportChannels } from './contract-reports';
import { announcementChannels } from './contract-announcements';
import type { AnnouncementChange } from './announcements';
import { mailChannels } from './contract-mail';
import { availabilityFields, type CaseAvailability } from './caller-availability';
import { callerAvailabilityChannels } from './contract-caller-availability';
import { escalationChannels } from './contract-escalation';
import { policyChannels } from './contract-policy';
import { availabilityChannels } from './contract-availability';
import type { AwayMark, Difficulty } from './availability';
import { forecastChannels } from './contract-forecast';

const CALLER_CSV_MB = 20;
const ICS_MB = 5;

/** The limit a transport applies to a call on `channel` (unknown channels get the default). */
export function requestLimitOf(channel: string): RequestLimit {
  if (!Object.hasOwn(contract, channel)) return DEFAULT_REQUEST_LIMIT;
  return (contract as Record<string, ChannelSpec>)[channel]?.requestLimit ?? DEFAULT_REQUEST_LIMIT;
}

const phone = (label: string) =>
  optionalText(label, 40).refine((v) => v == null || /^[\d\s()+.\-x#ext]{3,40}$/i.test(v), {
    error: `${label} must be a phone number such as 573-214-3333 or x25888`,
  });

const email = optionalText('Email', 254).refine((v) => v == null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
  error: 'Email must look like name@example.org',
});

const prioritySchema = z.literal(PRIORITIES, { error: 'Priority must be 1, 2, 3, 4 or 5' });

export const wizardAnswersSchema = z
  .object({
    securityOrSafety: z.boolean({ error: 'Say whether there is a security or safety concern' }),
    missionCritical: z.boolean({ error: 'Say whether it is mission critical' }),
    affected: z.enum(AFFECTED_COUNTS, { error: 'Say how many people are affected' }),
    workEffect: z.enum(WORK_EFFECTS, { error: 'Say how their work is affected' }),
  })
  .strict();

const callerFields = {
  name: requiredText('Name', 120),
  email,
  phone: phone('Phone'),
  extension: optionalText('Extension', 20).refine((v) => v == null || /^\d{2,8}$/.test(v.replace(/^x/i, '')), {
    error: 'Extension must be 2 to 8 digits',
  }),
  buildingId: id('Building').nullable().optional(),
  room: optionalText('Room', 60),
  department: optionalText('Department', 120),
  role: optionalText('Role', 60),
  notes: optionalText('Notes', 2000),
  employeeId: optionalText('Employee id', 60),
};

/** A caller's fields as the directory, the intake form and the CSV import all validate them. */
export const callerInputSchema = z.object(callerFields).strict();
export type CallerInput = z.output<typeof callerInputSchema>;

/** The staff member who sat at this console last, or null. */
export interface LastStaff {
  staffId: number | null;
}

export interface AppInfo {
  name: string;
  version: string;
  databaseKind: 'sqlite' | 'postgres';
  /** The core's clock, as an ISO 8601 UTC string (the clock is injectable). */
  now: string;
}

export interface DeskStatus {
  now: string;
  timeZone: string;
  /** Help Desk phone support hours (Mon–Fri 7:00–17:00 by default). */
  phoneHoursOpen: boolean;
  /** Whether a call received now counts as submitted the next business day. */
  cutoffApplies: boolean;
  /** One line for the header, e.g. "Phones open until 5:00 PM · calls after 4:00 PM count as tomorrow". */
  message: string;
}

export interface DirectoryLists {
  buildings: ReferenceItem[];
  categories: ReferenceItem[];
}

export interface CallerSearchHit extends Caller {
  openCaseCount: number;
}

/** One page of callers found, best first, and how many match in all (the page may be shorter). */
export interface CallerSearchResult {
  callers: CallerSearchHit[];
  total: number;
}

export interface ImportProblem {
  line: number;
  reason: string;
}

export interface ImportReport {
  /** True when nothing was written (a bad row without skipInvalid, or a dry run). */
  rejected: boolean;
  created: number;
  updated: number;
  skipped: number;
  problems: ImportProblem[];
  message: string;
}

export interface DeadlinePreview {
  priority: Priority;
  decision: WizardDecision | null;
  receivedAt: string;
  clockStartAt: string;
  responseDueAt: string | null;
  resolutionDueAt: string | null;
  /** "response due today 2:15 PM; resolution due Thursday 10:00 AM" */
  words: string;
  /** "received after 4 PM: counted as submitted Wednesday 7:00 AM", when the cutoff applied. */
  cutoffNote: string | null;
  policyVersion: string;
}

export interface RelatedCases {
  callerOpenCases: CaseSummary[];
  /** Open cases in the same building and category within the last day. */
  sameBuildingAndCategory: CaseSummary[];
  /** "possible outage: 4 open cases at Hickman HS · Network", when there are any. */
  outageNote: string | null;
}

export interface CaseDetail {
  case: QueueCase;
  events: CaseEvent[];
  contacts: CaseContact[];
  phases: CasePhase[];
  lifecycle: CaseLifecycleDetail;
  /** What the person asking may do next. */
  allowedActions: CaseAction[];
  /** The SLA ledger in words: which rule started the clock, which time counted, was closed, paused or a holiday. */
  ledger: string[];
  /** Files attached to the case (the caller's screenshots from the Tech Support Center), oldest first. */
  attachments?: CaseAttachmentInfo[];
  /** How the caller rated the resolved request at the Tech Support Center; null when they have not. */
  rating?: CaseRatingInfo | null;
  /** When the caller can be reached or visited, the planned visit, and whether it falls outside their windows (absent from a server older than it). */
  availability?: CaseAvailability;
  /** The assignee has an absence covering now (a case assigned to someone who is out is flagged). */
  assigneeAway?: AwayMark | null;
  /** The case's technical difficulty (1 routine, 2 involved, 3 specialist); null: not judged. */
  difficulty?: Difficulty | null;
}

export interface CaseRatingInfo {
  /** 1 to 5. */
  stars: number;
  comment: string | null;
  ratedAt: string;
}

export interface CaseAttachmentInfo {
  id: number;
  fileName: string;
  contentType: string;
  byteSize: number;
  uploadedAt: string;
}

export interface CaseAttachmentData {
  fileName: string;
  contentType: string;
  dataBase64: string;
}

export interface CalendarClosure {
  date: string;
  name: string;
  source: 'district' | 'ics';
}

/** The desk's own closure dates; public holidays (US federal + Missouri) come on top of these. */
export interface CalendarClosures {
  timeZone: string;
  closures: CalendarClosure[];
  holidays: string;
}

export interface IcsImportReport {
  /** True when nothing was written (a dry run). */
  dryRun: boolean;
  added: { date: string; name: string }[];
  /** Dates the file names that were closures already. */
  alreadyClosed: string[];
  skipped: { summary: string; reason: string }[];
  message: string;
}

/** A stale update: what changed since the version the person was looking at, and by whom. */
export interface ConflictDetail {
  currentVersion: number;
  changes: { at: string; actorName: string | null; kind: string; summary: string }[];
}

/** A sign-in email: how single sign-on and local accounts find the staff member. */
const staffEmail = text('Email')
  .trim()
  .toLowerCase()
  .max(254, { error: 'Email must be at most 254 characters' })
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: 'Email must look like name@district.org' });

/** Long enough to resist guessing (NIST 800-63B: at least 8; we ask 12), short enough to hash. */
export const PASSWORD_MIN = 12;
const newPassword = text('Password')
  .min(PASSWORD_MIN, { error: `Password must be at least ${PASSWORD_MIN} characters` })
  .max(256, { error: 'Password must be at most 256 characters' });

const newCaseInput = z
  .object({
    callerId: id('Caller').optional(),
    /** For a caller not in the directory yet: created with the case. */
    callerName: requiredText('Caller name', 120).optional(),
    callbackNumber: phone('Callback number'),
    buildingId: id('Building').nullable().optional(),
    room: optionalText('Room', CASE_TEXT_LIMITS.room),
    categoryId: id('Category').nullable().optional(),
    assetTag: optionalText('Asset tag', CASE_TEXT_LIMITS.assetTag),
    summary: requiredText('Summary', CASE_TEXT_LIMITS.summary),
    description: text('Description').max(CASE_TEXT_LIMITS.description, { error: `Description must be at most ${CASE_TEXT_LIMITS.description} characters` }).optional(),
    channel: z.enum(CASE_CHANNELS, { error: `Channel must be one of: ${CASE_CHANNELS.join(', ')}` }).optional(),
    wizard: wizardAnswersSchema.optional(),
    /** An override of the wizard's priority (or a priority set without the wizard): needs a reason. */
    priority: prioritySchema.optional(),
    priorityReason: optionalText('Reason', 500),
    relatedCaseId: id('Related case').optional(),
    /** Priority 1: the agent confirms the on-call technician was called. */
    onCallNotified: z.boolean().optional(),
    /** Solved at first contact with this published article: the case is filed resolved, citing it. */
    solvedWithArticleId: id('Article').optional(),
    ...availabilityFields,
  })
  .strict()
  .refine((v) => v.callerId !== undefined || v.callerName !== undefined, {
    error: 'Choose a caller or type a new caller name',
    path: ['callerId'],
  })
  .refine((v) => v.wizard !== undefined || v.priority !== undefined, {
    error: 'Answer the priority wizard or set a priority',
    path: ['wizard'],
  });

const caseRef = { id: id('Case id'), version };

const transitionInput = z.discriminatedUnion(
  'action',
  [
    z.object({ ...caseRef, action: z.literal('acknowledge'), note: optionalText('Note', 2000) }).strict(),
    z.object({ ...caseRef, action: z.literal('start'), note: optionalText('Note', 2000) }).strict(),
    z.object({ ...caseRef, action: z.literal('pend'), note: requiredText('What was asked of the user', 2000) }).strict(),
    z
      .object({
        ...caseRef,
        action: z.literal('await_parts'),
        vendor: requiredText('Vendor', 120),
        orderNumber: optionalText('Order number', 60),
        expectedDate: isoDate('Expected date'),
        note: optionalText('Note', 2000),
      })
      .strict(),
    z.object({ ...caseRef, action: z.literal('parts_arrived'), note: optionalText('Note', 2000) }).strict(),
    z
      .object({
        ...caseRef,
        action: z.literal('make_project'),
        phases: z
          .array(z.object({ title: requiredText('Phase title', 200), targetDate: isoDate('Phase target date') }).strict(), { error: 'Phases must be a list' })
          .min(1, { error: 'A long-term project needs at least one phase' })
          .max(50),
        reason: optionalText('Reason', 500),
      })
      .strict(),
    z
      .object({
        ...caseRef,
        action: z.literal('plan_maintenance'),
        /** Absent: the next scheduled maintenance period (Saturday 8 a.m. to noon). */
        startAt: isoInstant('Window start').optional(),
        endAt: isoInstant('Window end').optional(),
        note: optionalText('Note', 2000),
      })
      .strict(),
    z.object({ ...caseRef, action: z.literal('resume'), note: optionalText('Note', 2000) }).strict(),
    z
      .object({
        ...caseRef,
        action: z.literal('resolve'),
        notes: requiredText('Resolution notes', 10_000),
        /** Worth an article: a draft is made from the case. */
        kbCandidate: z.boolean().optional(),
        /** The existing article the case was solved with: cited instead of drafting one. */
        articleId: id('Article').optional(),
      })
      .strict(),
    z.object({ ...caseRef, action: z.literal('close'), note: optionalText('Note', 2000) }).strict(),
    z.object({ ...caseRef, action: z.literal('reopen'), reason: requiredText('Reason', 2000) }).strict(),
  ],
  { error: 'Action must be one of: acknowledge, start, pend, await_parts, parts_arrived, make_project, plan_maintenance, resume, resolve, close, reopen' },
);
export type TransitionInput = z.output<typeof transitionInput>;

const queueFilterSchema = z
  .object({
    mine: z.boolean().optional(),
    unassigned: z.boolean().optional(),
    priorities: z.array(prioritySchema).optional(),
    statuses: z.array(z.enum(CASE_STATUSES)).optional(),
    buildingIds: z.array(id('Building')).optional(),
    categoryIds: z.array(id('Category')).optional(),
    risk: z.enum(['at_risk_or_breached', 'breached']).optional(),
    text: text('Search').max(200, { error: 'Search must be at most 200 characters' }).optional(),
  })
  .strict();

const alertIdsInput = z
  .object({ ids: z.array(id('Alert'), { error: 'Alerts must be a list of alert ids' }).min(1, { error: 'Choose at least one alert' }).max(500, { error: 'At most 500 alerts at once' }) })
  .strict();

export const contract = {
  'app.info': channel<AppInfo>()({ input: z.object({}).strict(), access: 'public', mutates: false }),
  /** Who sat at this console last (chosen on the welcome screen), so a restarted console need not ask again. */
  'console.lastStaff': channel<LastStaff>()({ input: z.object({}).strict(), access: 'public', standaloneOnly: true, mutates: false }),
  'console.rememberStaff': channel<LastStaff>()({
    input: z.object({ staffId: id('Staff member').nullable() }).strict(),
    access: 'public',
    standaloneOnly: true,
    mutates: true,
  }),
  'staff.list': channel<StaffMember[]>()({ input: z.object({}).strict(), access: 'public', mutates: false }),
  'staff.create': channel<StaffMember>()({
    input: z
      .object({
        name: requiredText('Name', 120),
        role: z.enum(STAFF_ROLES, { error: `Role must be one of: ${STAFF_ROLES.join(', ')}` }),
        email: staffEmail.optional(),
      })
      .strict(),
    access: SUPERVISORS,
    standaloneAccess: 'public',
    mutates: true,
  }),
  /** A supervisor changes a staff member's name, role, sign-in email or whether they may work; audited. */
  'staff.update': channel<StaffMember>()({
    input: z
      .object({
        id: id('Staff member'),
        name: requiredText('Name', 120).optional(),
        role: z.enum(STAFF_ROLES, { error: `Role must be one of: ${STAFF_ROLES.join(', ')}` }).optional(),
        email: staffEmail.nullable().optional(),
        active: z.boolean({ error: 'Active must be true or false' }).optional(),
      })
      .strict(),
    access: SUPERVISORS,
    mutates: true,
  }),
  /** A supervisor sets a local account's password (a district without single sign-on); audited, never shown. */
  'staff.setPassword': channel<StaffMember>()({
    input: z.object({ id: id('Staff member'), password: newPassword }).strict(),
    access: SUPERVISORS,
    mutates: true,
  }),
  /** Who created staff or changed a role, email, password or active flag: newest first. */
  'staff.audit': channel<StaffAuditEntry[]>()({
    input: z.object({ staffId: id('Staff member').optional() }).strict(),
    access: SUPERVISORS,
    mutates: false,
  }),
  'desk.status': channel<DeskStatus>()({ input: z.object({}).strict(), access: 'public', mutates: false }),
  'directory.lists': channel<DirectoryLists>()({ input: z.object({}).strict(), access: ALL_STAFF, mutates: false }),
  'directory.saveItem': channel<ReferenceItem>()({
    input: z
      .object({
        list: z.enum(['buildings', 'categories'], { error: 'List must be buildings or categories' }),
        id: id('Id').optional(),
        name: requiredText('Name', 120),
        active: z.boolean().optional(),
      })
      .strict(),
    access: SUPERVISORS,
    mutates: true,
  }),
  'callers.search': channel<CallerSearchResult>()({
    input: z
      .object({
        query: text('Search').max(200, { error: 'Search must be at most 200 characters' }),
        limit: z.number().int().min(1).max(100).optional(),
      })
      .strict(),
    access: ALL_STAFF,
    mutates: false,
  }),
  'callers.create': channel<Caller>()({ input: callerInputSchema, access: ALL_STAFF, mutates: true }),
  'callers.update': channel<Caller>()({
    input: z.object({ id: id('Caller id'), ...callerFields }).strict(),
    access: ALL_STAFF,
    mutates: true,
  }),
  'callers.card': channel<CallerCard>()({ input: z.object({ id: id('Caller id') }).strict(), access: ALL_STAFF, mutates: false }),
  'callers.import': channel<ImportReport>()({
    input: z
      .object({
        csv: text('The file').min(1, { error: 'The file is empty' }).max(CALLER_CSV_MB * 1_000_000, { error: `The file is over ${CALLER_CSV_MB} MB` }),
        skipInvalid: z.boolean().optional(),
        dryRun: z.boolean().optional(),
      })
      .strict(),
    access: ['agent', 'supervisor'],
    mutates: true,
    requestLimit: fileLimit('csv', CALLER_CSV_MB),
  }),
  'cases.preview': channel<DeadlinePreview>()({
    input: z
      .object({ wizard: wizardAnswersSchema.optional(), priority: prioritySchema.optional() })
      .strict()
      .refine((v) => v.wizard !== undefined || v.priority !== undefined, { error: 'Answer the wizard or give a priority', path: ['wizard'] }),
    access: ALL_STAFF,
    mutates: false,
  }),
  'cases.related': channel<RelatedCases>()({
    input: z
      .object({ callerId: id('Caller').optional(), buildingId: id('Building').optional(), categoryId: id('Category').optional() })
      .strict(),
    access: ALL_STAFF,
    mutates: false,
  }),
  'cases.create': channel<CaseSummary>()({ input: newCaseInput, access: ALL_STAFF, mutates: true }),
  'cases.list': channel<CaseSummary[]>()({
    input: z
      .object({
        statuses: z.array(z.enum(CASE_STATUSES, { error: 'Unknown case status' })).optional(),
        limit: z.number().int().min(1).max(50_000).optional(),
      })
      .strict(),
    access: ALL_STAFF,
    mutates: false,
  }),
  'cases.get': channel<CaseDetail>()({ input: z.object({ id: id('Case id') }).strict(), access: ALL_STAFF, mutates: false }),
  'cases.update': channel<QueueCase>()({
    input: z
      .object({
        ...caseRef,
        summary: requiredText('Summary', CASE_TEXT_LIMITS.summary).optional(),
        description: text('Description').max(CASE_TEXT_LIMITS.description, { error: `Description must be at most ${CASE_TEXT_LIMITS.description} characters` }).optional(),
        callbackNumber: phone('Callback number'),
        buildingId: id('Building').nullable().optional(),
        room: optionalText('Room', CASE_TEXT_LIMITS.room),
        categoryId: id('Category').nullable().optional(),
        assetTag: optionalText('Asset tag', CASE_TEXT_LIMITS.assetTag),
        ...availabilityFields,
      })
      .strict(),
    access: ALL_STAFF,
    mutates: true,
  }),
  'cases.transition': channel<QueueCase>()({ input: transitionInput, access: ALL_STAFF, mutates: true }),
  'cases.logContact': channel<QueueCase>()({
    input: z
      .object({
        ...caseRef,
        method: z.enum(CONTACT_METHODS, { error: 'Method must be phone or email' }),
        outcome: z.enum(CONTACT_OUTCOMES, { error: `Outcome must be one of: ${CONTACT_OUTCOMES.join(', ')}` }),
        note: optionalText('Note', 2000),
      })
      .strict(),
    access: ['technician', 'supervisor'],
    mutates: true,
  }),
  /**
   * The daily contact by email while a case is pending user response (the agreement): the desk's
   * question sent again, with the technician's words if given, logged as a contact by email.
   * Refused when the caller has no email address.
   */
  'cases.emailCaller': channel<QueueCase>()({
    input: z.object({ ...caseRef, message: optionalText('Message', 2000) }).strict(),
    access: ['technician', 'supervisor'],
    mutates: true,
  }),
  /** One file the caller attached (a screenshot), with its bytes, for a download. */
  'cases.attachment': channel<CaseAttachmentData>()({ input: z.object({ id: id('Attachment id') }).strict(), access: ALL_STAFF, mutates: false }),
  'cases.addNote': channel<QueueCase>()({
    input: z
      .object({
        id: id('Case id'),
        note: requiredText('Note', 10_000),
        /** Shown to the caller at the Tech Support Center too (kept in the note event's detail). */
        public: z.boolean({ error: 'Public must be true or false' }).optional(),
      })
      .strict(),
    access: ALL_STAFF,
    mutates: true,
  }),
  'cases.setPhaseDone': channel<QueueCase>()({
    input: z.object({ ...caseRef, phaseId: id('Phase'), done: z.boolean({ error: 'Done must be true or false' }) }).strict(),
    access: ['technician', 'supervisor'],
    mutates: true,
  }),
  'cases.changePriority': channel<QueueCase>()({
    input: z
      .object({ ...caseRef, wizard: wizardAnswersSchema.optional(), priority: prioritySchema.optional(), priorityReason: optionalText('Reason', 500) })
      .strict()
      .refine((v) => v.wizard !== undefined || v.priority !== undefined, { error: 'Answer the priority wizard or set a priority', path: ['wizard'] }),
    access: ALL_STAFF,
    mutates: true,
  }),
  'cases.assign': channel<QueueCase[]>()({
    input: z
      .object({
        cases: z.array(z.object(caseRef).strict(), { error: 'Cases must be a list' }).min(1, { error: 'Choose at least one case' }).max(500),
        assigneeId: id('Assignee').nullable(),
        reason: optionalText('Reason', 500),
      })
      .strict(),
    access: ['technician', 'supervisor'],
    mutates: true,
  }),
  'queue.list': channel<QueueCase[]>()({ input: z.object({}).strict(), access: ALL_STAFF, mutates: false }),
  /** The queue's lean rows (shared/queue-rows.ts), whole or its `limit` most urgent; a screen then follows it with `queue.changes`. */
  'queue.rows': channel<QueuePage>()({
    input: z
      .object({ limit: z.number({ error: 'The number of rows must be a number' }).int({ error: 'The number of rows must be a whole number' }).min(1, { error: 'Ask for at least 1 row' }).max(50_000, { error: 'Ask for at most 50,000 rows' }).optional() })
      .strict(),
    access: ALL_STAFF,
    mutates: false,
  }),
  /** What changed in the queue since a cursor; a cursor this core cannot answer from gets the whole queue (`full`). */
  'queue.changes': channel<QueuePage>()({
    input: z
      .object({ since: z.string({ error: 'The queue position must be text' }).min(1, { error: 'The queue position is required' }).max(100, { error: 'The queue position is not one this console gave' }) })
      .strict(),
    access: ALL_STAFF,
    mutates: false,
  }),
  'queue.workload': channel<WorkloadRow[]>()({ input: z.object({}).strict(), access: ['supervisor'], mutates: false }),
  'views.list': channel<SavedView[]>()({ input: z.object({}).strict(), access: ALL_STAFF, mutates: false }),
  'views.save': channel<SavedView>()({
    input: z.object({ name: requiredText('View name', 80), filter: queueFilterSchema }).strict(),
    access: ALL_STAFF,
    mutates: true,
  }),
  'views.delete': channel<{ id: number }>()({ input: z.object({ id: id('View id') }).strict(), access: ALL_STAFF, mutates: true }),
  'alerts.list': channel<Alert[]>()({
    input: z.object({ limit: z.number().int().min(1).max(200).optional() }).strict(),
    access: ALL_STAFF,
    mutates: false,
  }),
  /** The person was shown these alerts (on any console); answers them as they are now. Someone else's alerts are left alone. */
  'alerts.markSeen': channel<Alert[]>()({ input: alertIdsInput, access: ALL_STAFF, mutates: true }),
  /** The person dismissed these alerts (dismissed is seen too). */
  'alerts.dismiss': channel<Alert[]>()({ input: alertIdsInput, access: ALL_STAFF, mutates: true }),
  'alerts.summary': channel<AlertSummary>()({ input: z.object({}).strict(), access: ALL_STAFF, mutates: false }),
  'alerts.preferences': channel<AlertPreferences>()({ input: z.object({}).strict(), access: ALL_STAFF, mutates: false }),
  'alerts.savePreferences': channel<AlertPreferences>()({
    input: z
      .object({
        kinds: z.array(z.enum(ALERT_KINDS, { error: `Alert kinds must be among: ${ALERT_KINDS.join(', ')}` })),
        sound: z.boolean({ error: 'Sound must be on or off' }),
        muteUntil: isoInstant('Mute until').nullable(),
      })
      .strict(),
    access: ALL_STAFF,
    mutates: true,
  }),
  'calendar.closures': channel<CalendarClosures>()({ input: z.object({}).strict(), access: ALL_STAFF, mutates: false }),
  'calendar.addClosure': channel<CalendarClosures>()({
    input: z.object({ date: isoDate('Date'), name: requiredText('Name', 200) }).strict(),
    access: SUPERVISORS,
    mutates: true,
  }),
  'calendar.removeClosure': channel<CalendarClosures>()({ input: z.object({ date: isoDate('Date') }).strict(), access: SUPERVISORS, mutates: true }),
  'calendar.importIcs': channel<IcsImportReport>()({
    input: z
      .object({
        ics: text('The file').min(1, { error: 'The file is empty' }).max(ICS_MB * 1_000_000, { error: `The file is over ${ICS_MB} MB` }),
        /** Recurring events are expanded between these dates; default: this year and next. */
        from: isoDate('From').optional(),
        to: isoDate('To').optional(),
        dryRun: z.boolean().optional(),
      })
      .strict(),
    access: SUPERVISORS,
    mutates: true,
    requestLimit: fileLimit('ics', ICS_MB),
  }),
  ...knowledgeChannels,
  ...reportChannels,
  ...announcementChannels,
  ...mailChannels,
  ...callerAvailabilityChannels,
  ...escalationChannels,
  ...policyChannels,
  ...availabilityChannels,
  ...forecastChannels,
} as const satisfies Record<ChannelName, ChannelSpec>;

export type Contract = typeof contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelResult<C extends ChannelName> = NonNullable<Contract[C]['result']>;

/** Main→renderer events and their payloads. */
export interface EventPayloads {
  /** `note`: a note was added; the version stays, so a view shows the note whatever version it has seen. */
  'cases.changed': { caseId: number; version: number; change: 'created' | 'updated' | 'note' };
  'staff.changed': { staffId: number };
  'callers.changed': { callerIds: number[] };
  'directory.changed': { list: 'buildings' | 'categories' };
  /** The district's closure dates changed: deadlines and alerts are worked out again. */
  'calendar.changed': { closures: number };
  /** An article was created, changed (edited, published, retired, reviewed, cited) or deleted. */
  'kb.changed': { articleId: number; version: number; change: 'created' | 'updated' | 'deleted' };
  /** An announcement was written, published, updated, closed, or a case was linked to or unlinked from it. */
  'announcements.changed': { announcementId: number; version: number; change: AnnouncementChange };
  /** An SLA policy version was drafted, deleted or published, or the annual review was recorded. */
  'policy.changed': { policyVersion: string; policyChange: 'draft' | 'deleted' | 'published' | 'reviewed' };
  /** Someone's absences, on-call shifts, hours or skills changed: presence and suggestions are read again. */
  'availability.changed': { staffId: number };
  /**
   * One core's queue rows changed: `page` is what `queue.changes` since `from` answers. Local to
   * the core (its cursors mean nothing to another server), never relayed.
   */
  'queue.changed': { from: string; page: QueuePage };
  /** Every recipient's alerts in one batch: each console shows those of the person at it. */
  'alerts.raised': AlertBatch;
  /** A person saw or dismissed alerts on one console: their other consoles stop showing them as new. */
  'alerts.read': AlertReadChange;
  /**
   * Whether this console hears the others' changes (PostgreSQL's LISTEN connection). After
   * `reconnecting`, `live` means changes made meanwhile may have been missed: read again.
   */
  'live.status': LiveStatus;
  /** From the desktop shell to one window (the core never publishes it): show this screen. */
  'shell.navigate': ShellNavigation;
}
export type EventPayload<E extends EventName> = EventPayloads[E];

export interface LiveStatus {
  state: 'live' | 'reconnecting';
  /** When reconnecting: the wait before the next attempt. */
  retryInMs?: number;
}

/**
 * A screen the desktop shell asks a window to show: a clicked alert notification opens its case; the tray menu opens the queue or a new intake;
 * a softphone's `deskwatch://intake?phone=…` a new intake for that number (checked by shared/intake-link.ts).
 */
export type ShellNavigation = { to: 'case'; caseId: number } | { to: 'queue' } | { to: 'intake'; phone?: string };

/** One change to a staff record, as the audit keeps it. */
export interface StaffAuditEntry {
  id: number;
  at: string;
  /** Who made the change (null: the command line or first-run setup). */
  actorId: number | null;
  actorName: string | null;
  staffId: number;
  staffName: string;
  change: 'created' | 'updated' | 'password';
  before: Partial<Pick<StaffMember, 'name' | 'role' | 'active' | 'email'>> | null;
  after: Partial<Pick<StaffMember, 'name' | 'role' | 'active' | 'email'>> | null;
}
