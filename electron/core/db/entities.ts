/**
 * Tables of the core, as TypeORM EntitySchemas over plain interfaces (no decorators: Vite's
 * transforms do not emit decorator metadata). The schema itself is created by migrations, and
 * these schemas describe all of it: every column's type, nullability and default, every index,
 * unique key, check and foreign key. tests/integration/schema-matches-entities.test.ts asserts
 * that TypeORM's schema diff after all migrations is empty on both databases, so a migration
 * and its entity cannot drift apart.
 *
 * What TypeORM cannot model stays out of the diff on purpose: the SQLite FTS5 table `caller_fts`
 * (TypeORM only reads tables it has an entity for), triggers (it never reads them), and indexes
 * on expressions or with operator classes, declared below with `synchronize: false` so the diff
 * neither drops nor creates them (the migrations own them).
 */
import { EntitySchema } from 'typeorm';
import type { CaseChannel, CaseEventKind, CaseStatus, Priority, StaffRole } from '../../../shared/domain';
import { idColumn, instantColumn } from './column-types';
import { flag, references, type Linked } from './entity-kit';
import { KB_ENTITIES } from './kb-entities';
import { MAIL_ENTITIES } from './mail-entities';
import { REPORT_ENTITIES } from './report-entities';
import { ANNOUNCEMENT_ENTITIES } from './announcement-entities';
import { SUPPORT_ENTITIES } from './support-entities';
import { AVAILABILITY_ENTITIES } from './availability-entities';
import { ESCALATION_ENTITIES } from './escalation-entities';
import { POLICY_ENTITIES } from './policy-entities';

export interface StaffRow {
  id: number;
  name: string;
  role: StaffRole;
  active: boolean;
  createdAt: number;
  /** The sign-in email, stored lower-cased; unique whatever its case (uq_staff_email). */
  email: string | null;
  /**
   * argon2id (PHC string) of a local account's password, or null. Never read unless asked for
   * (`select: false`): a staff list must not carry hashes around.
   */
  passwordHash?: string | null;
  /** The district identity provider (OIDC issuer) and its subject this person signed in as; linked at first single sign-on. */
  ssoIssuer: string | null;
  ssoSubject: string | null;
  updatedAt: number | null;
  /** JSON weekly hours in the desk's zone (sla/weekly-hours.ts shape); null: the desk's own hours. */
  workingHours: string | null;
  /** An email-to-SMS gateway address pages are also sent to. */
  pagerAddress: string | null;
}

export interface CallerRow {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  extension: string | null;
  buildingId: number | null;
  room: string | null;
  department: string | null;
  callerRole: string | null;
  notes: string | null;
  employeeId: string | null;
  /** Folded words for search; see callers/search-text.ts. */
  searchText: string;
  createdAt: number;
  updatedAt: number;
}

export interface ReferenceRow {
  id: number;
  name: string;
  active: boolean;
}

export interface CaseRow {
  id: number;
  callerId: number;
  summary: string;
  description: string;
  priority: Priority;
  status: CaseStatus;
  channel: CaseChannel;
  assigneeId: number | null;
  createdById: number | null;
  receivedAt: number;
  responseDueAt: number | null;
  resolutionDueAt: number | null;
  policyVersion: string | null;
  callbackNumber: string | null;
  buildingId: number | null;
  room: string | null;
  categoryId: number | null;
  assetTag: string | null;
  /** JSON text of the priority wizard's answers, or null when the priority was set without it. */
  wizardAnswers: string | null;
  /** Why the agent overrode the wizard's priority. */
  priorityReason: string | null;
  relatedCaseId: number | null;
  /** When the SLA clock started (after the 4 PM cutoff rule); null for cases opened before it was stored. */
  clockStartAt: number | null;
  onCallNotifiedAt: number | null;
  /** First acknowledgement: meets the response target. */
  respondedAt: number | null;
  /** Meets the resolution target; cleared on reopen. */
  resolvedAt: number | null;
  closedAt: number | null;
  resolutionNotes: string | null;
  kbCandidate: boolean;
  partsVendor: string | null;
  partsOrderNumber: string | null;
  /** Local date (YYYY-MM-DD) the vendor expects to deliver. */
  partsExpectedDate: string | null;
  partsArrivedAt: number | null;
  maintenanceStartAt: number | null;
  maintenanceEndAt: number | null;
  /** The scheduler's next wake-up for this case; null when nothing more is due. */
  nextAlertAt: number | null;
  /**
   * Technical difficulty 1–3 (shared/availability.ts); null: not judged yet. Optional like the
   * availability fields below: whole-row writers run on older schemas too.
   */
  difficulty?: number | null;
  /*
   * The caller's availability (migration 0019, shared/caller-availability.ts). Optional here: code
   * that writes whole rows (the demo's bulk insert, which the upgrade test runs on older schemas)
   * leaves them out; read back, a case without them has null.
   */
  /** When the caller can be reached or visited, as they said it. */
  callerAvailability?: string | null;
  /** JSON text: the caller's availability windows (AvailabilityWindow[]), or null. */
  availabilityWindows?: string | null;
  /** The planned visit, and what it is for. */
  visitAt?: number | null;
  visitNote?: string | null;
  /** Optimistic-lock counter; every update is guarded by it (see case-repository). */
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface CaseEventRow {
  id: number;
  caseId: number;
  actorId: number | null;
  kind: CaseEventKind;
  at: number;
  /** JSON text: what changed. */
  detail: string;
  reason: string | null;
}

export const StaffEntity = new EntitySchema<StaffRow>({
  name: 'StaffMember',
  tableName: 'staff_member',
  columns: {
    id: idColumn(),
    name: { type: 'varchar', length: 120 },
    role: { type: 'varchar', length: 20 },
    active: flag(true),
    createdAt: instantColumn('created_at'),
    email: { type: 'varchar', length: 254, nullable: true },
    passwordHash: { name: 'password_hash', type: 'text', nullable: true, select: false },
    ssoIssuer: { name: 'sso_issuer', type: 'varchar', length: 300, nullable: true },
    ssoSubject: { name: 'sso_subject', type: 'varchar', length: 255, nullable: true },
    updatedAt: instantColumn('updated_at', true),
    workingHours: { name: 'working_hours', type: 'text', nullable: true },
    pagerAddress: { name: 'pager_address', type: 'varchar', length: 254, nullable: true },
  },
  checks: [{ name: 'staff_role_known', expression: `role IN ('agent', 'technician', 'supervisor')` }],
  indices: [
    // One staff member per email, whatever its case: an index on lower(email), which TypeORM cannot express.
    { name: 'uq_staff_email', columns: ['email'], unique: true, where: 'email IS NOT NULL', synchronize: false },
    { name: 'uq_staff_sso', columns: ['ssoIssuer', 'ssoSubject'], unique: true, where: 'sso_subject IS NOT NULL' },
  ],
});

export const CallerEntity = new EntitySchema<Linked<CallerRow, 'building'>>({
  name: 'Caller',
  tableName: 'caller',
  columns: {
    id: idColumn(),
    name: { type: 'varchar', length: 120 },
    email: { type: 'varchar', length: 254, nullable: true },
    phone: { type: 'varchar', length: 40, nullable: true },
    extension: { type: 'varchar', length: 20, nullable: true },
    buildingId: { name: 'building_id', type: 'integer', nullable: true },
    room: { type: 'varchar', length: 60, nullable: true },
    department: { type: 'varchar', length: 120, nullable: true },
    callerRole: { name: 'caller_role', type: 'varchar', length: 60, nullable: true },
    notes: { type: 'text', nullable: true },
    employeeId: { name: 'employee_id', type: 'varchar', length: 60, nullable: true },
    searchText: { name: 'search_text', type: 'text', default: '' },
    createdAt: instantColumn('created_at'),
    updatedAt: instantColumn('updated_at'),
  },
  relations: { building: references('Building', 'building_id') },
  indices: [
    // One caller per email, whatever its case: an index on lower(email), which TypeORM cannot express.
    { name: 'uq_caller_email', columns: ['email'], unique: true, where: 'email IS NOT NULL', synchronize: false },
    { name: 'uq_caller_employee_id', columns: ['employeeId'], unique: true, where: 'employee_id IS NOT NULL' },
    // PostgreSQL only: a GIN trigram index (operator class gin_trgm_ops) for caller search; SQLite searches caller_fts.
    { name: 'idx_caller_search_trgm', columns: ['searchText'], synchronize: false },
  ],
});

export const CaseEntity = new EntitySchema<Linked<CaseRow, 'caller' | 'assignee' | 'createdBy' | 'building' | 'category' | 'relatedCase'>>({
  name: 'Case',
  tableName: 'help_case',
  columns: {
    id: idColumn(),
    callerId: { name: 'caller_id', type: 'integer' },
    summary: { type: 'varchar', length: 200 },
    description: { type: 'text', default: '' },
    priority: { type: 'integer' },
    status: { type: 'varchar', length: 32 },
    channel: { type: 'varchar', length: 16 },
    assigneeId: { name: 'assignee_id', type: 'integer', nullable: true },
    createdById: { name: 'created_by_id', type: 'integer', nullable: true },
    receivedAt: instantColumn('received_at'),
    responseDueAt: instantColumn('response_due_at', true),
    resolutionDueAt: instantColumn('resolution_due_at', true),
    policyVersion: { name: 'policy_version', type: 'varchar', length: 32, nullable: true },
    callbackNumber: { name: 'callback_number', type: 'varchar', length: 40, nullable: true },
    buildingId: { name: 'building_id', type: 'integer', nullable: true },
    room: { type: 'varchar', length: 60, nullable: true },
    categoryId: { name: 'category_id', type: 'integer', nullable: true },
    assetTag: { name: 'asset_tag', type: 'varchar', length: 60, nullable: true },
    wizardAnswers: { name: 'wizard_answers', type: 'text', nullable: true },
    priorityReason: { name: 'priority_reason', type: 'text', nullable: true },
    relatedCaseId: { name: 'related_case_id', type: 'integer', nullable: true },
    clockStartAt: instantColumn('clock_start_at', true),
    onCallNotifiedAt: instantColumn('on_call_notified_at', true),
    respondedAt: instantColumn('responded_at', true),
    resolvedAt: instantColumn('resolved_at', true),
    closedAt: instantColumn('closed_at', true),
    resolutionNotes: { name: 'resolution_notes', type: 'text', nullable: true },
    kbCandidate: { ...flag(false), name: 'kb_candidate' },
    partsVendor: { name: 'parts_vendor', type: 'varchar', length: 120, nullable: true },
    partsOrderNumber: { name: 'parts_order_number', type: 'varchar', length: 60, nullable: true },
    partsExpectedDate: { name: 'parts_expected_date', type: 'varchar', length: 10, nullable: true },
    partsArrivedAt: instantColumn('parts_arrived_at', true),
    maintenanceStartAt: instantColumn('maintenance_start_at', true),
    maintenanceEndAt: instantColumn('maintenance_end_at', true),
    nextAlertAt: instantColumn('next_alert_at', true),
    difficulty: { type: 'integer', nullable: true },
    callerAvailability: { name: 'caller_availability', type: 'text', nullable: true },
    availabilityWindows: { name: 'availability_windows', type: 'text', nullable: true },
    visitAt: instantColumn('visit_at', true),
    visitNote: { name: 'visit_note', type: 'text', nullable: true },
    version: { type: 'integer', default: 1 },
    createdAt: instantColumn('created_at'),
    updatedAt: instantColumn('updated_at'),
  },
  relations: {
    caller: references('Caller', 'caller_id'),
    assignee: references('StaffMember', 'assignee_id'),
    createdBy: references('StaffMember', 'created_by_id'),
    building: references('Building', 'building_id'),
    category: references('Category', 'category_id'),
    relatedCase: references('Case', 'related_case_id'),
  },
  checks: [{ name: 'case_priority_range', expression: 'priority BETWEEN 1 AND 5' }],
  indices: [
    { name: 'idx_case_status', columns: ['status'] },
    { name: 'idx_case_caller', columns: ['callerId'] },
    { name: 'idx_case_assignee', columns: ['assigneeId'] },
    { name: 'idx_case_building_category', columns: ['buildingId', 'categoryId', 'receivedAt'] },
    { name: 'idx_case_next_alert', columns: ['nextAlertAt'] },
    // The case search's (migration 0012): its default order and its counts, each carrying the fields it filters on; the resolved sort.
    { name: 'idx_case_received', columns: ['receivedAt', 'id', 'priority', 'channel', 'status', 'buildingId', 'categoryId', 'assigneeId'] },
    { name: 'idx_case_filters', columns: ['priority', 'channel', 'status', 'buildingId', 'categoryId', 'assigneeId', 'receivedAt'] },
  ],
});

export const CaseEventEntity = new EntitySchema<Linked<CaseEventRow, 'case' | 'actor'>>({
  name: 'CaseEvent',
  tableName: 'case_event',
  columns: {
    id: idColumn(),
    caseId: { name: 'case_id', type: 'integer' },
    actorId: { name: 'actor_id', type: 'integer', nullable: true },
    kind: { type: 'varchar', length: 32 },
    at: instantColumn('at'),
    detail: { type: 'text' },
    reason: { type: 'text', nullable: true },
  },
  relations: { case: references('Case', 'case_id'), actor: references('StaffMember', 'actor_id') },
  indices: [{ name: 'idx_case_event_case', columns: ['caseId', 'id'] }],
});

export interface CasePauseRow {
  id: number;
  caseId: number;
  /** The pausing state: pending_user_response or awaiting_parts. */
  status: string;
  startedAt: number;
  endedAt: number | null;
}

export interface CaseContactRow {
  id: number;
  caseId: number;
  actorId: number | null;
  at: number;
  method: string;
  outcome: string;
  note: string | null;
}

export interface CasePhaseRow {
  id: number;
  caseId: number;
  position: number;
  title: string;
  targetDate: string;
  done: boolean;
}

export interface SavedViewRow {
  id: number;
  staffId: number;
  name: string;
  filter: string;
}

export const CasePauseEntity = new EntitySchema<Linked<CasePauseRow, 'case'>>({
  name: 'CasePause',
  tableName: 'case_pause',
  columns: {
    id: idColumn(),
    caseId: { name: 'case_id', type: 'integer' },
    status: { type: 'varchar', length: 32 },
    startedAt: instantColumn('started_at'),
    endedAt: instantColumn('ended_at', true),
  },
  relations: { case: references('Case', 'case_id') },
  indices: [{ name: 'idx_case_pause_case', columns: ['caseId', 'startedAt'] }],
});

export const CaseContactEntity = new EntitySchema<Linked<CaseContactRow, 'case' | 'actor'>>({
  name: 'CaseContact',
  tableName: 'case_contact',
  columns: {
    id: idColumn(),
    caseId: { name: 'case_id', type: 'integer' },
    actorId: { name: 'actor_id', type: 'integer', nullable: true },
    at: instantColumn('at'),
    method: { type: 'varchar', length: 16 },
    outcome: { type: 'varchar', length: 24 },
    note: { type: 'text', nullable: true },
  },
  relations: { case: references('Case', 'case_id'), actor: references('StaffMember', 'actor_id') },
  indices: [{ name: 'idx_case_contact_case', columns: ['caseId', 'at'] }],
});

export const CasePhaseEntity = new EntitySchema<Linked<CasePhaseRow, 'case'>>({
  name: 'CasePhase',
  tableName: 'case_phase',
  columns: {
    id: idColumn(),
    caseId: { name: 'case_id', type: 'integer' },
    position: { type: 'integer' },
    title: { type: 'varchar', length: 200 },
    targetDate: { name: 'target_date', type: 'varchar', length: 10 },
    done: flag(false),
  },
  relations: { case: references('Case', 'case_id') },
  indices: [{ name: 'idx_case_phase_case', columns: ['caseId', 'position'] }],
});

export const SavedViewEntity = new EntitySchema<Linked<SavedViewRow, 'staff'>>({
  name: 'SavedView',
  tableName: 'saved_view',
  columns: {
    id: idColumn(),
    staffId: { name: 'staff_id', type: 'integer' },
    name: { type: 'varchar', length: 80 },
    filter: { type: 'text' },
  },
  relations: { staff: references('StaffMember', 'staff_id') },
  uniques: [{ name: 'uq_saved_view_name', columns: ['staffId', 'name'] }],
});

export interface AlertDeliveryRow {
  id: number;
  caseId: number;
  kind: string;
  recipientId: number;
  dueAt: number;
  deliveredAt: number;
  missed: boolean;
  superseded: boolean;
  title: string;
  body: string;
  /** When the recipient was shown it (on any console), or null (absent on a delivery being recorded). */
  seenAt?: number | null;
  /** When the recipient dismissed it, or null. */
  dismissedAt?: number | null;
}

export interface AlertPreferenceRow {
  staffId: number;
  /** JSON list of alert kinds the person wants. */
  kinds: string;
  sound: boolean;
  muteUntil: number | null;
}

export const AlertDeliveryEntity = new EntitySchema<Linked<AlertDeliveryRow, 'case' | 'recipient'>>({
  name: 'AlertDelivery',
  tableName: 'alert_delivery',
  columns: {
    id: idColumn(),
    caseId: { name: 'case_id', type: 'integer' },
    kind: { type: 'varchar', length: 32 },
    recipientId: { name: 'recipient_id', type: 'integer' },
    dueAt: instantColumn('due_at'),
    deliveredAt: instantColumn('delivered_at'),
    missed: flag(false),
    superseded: flag(false),
    title: { type: 'varchar', length: 200 },
    body: { type: 'text' },
    seenAt: instantColumn('seen_at', true),
    dismissedAt: instantColumn('dismissed_at', true),
  },
  relations: { case: references('Case', 'case_id'), recipient: references('StaffMember', 'recipient_id') },
  // Exactly once: the same alert for the same person and the same due instant is refused by the database.
  uniques: [{ name: 'uq_alert_once', columns: ['caseId', 'kind', 'recipientId', 'dueAt'] }],
  indices: [{ name: 'idx_alert_recipient', columns: ['recipientId', 'deliveredAt'] }],
});

export const AlertPreferenceEntity = new EntitySchema<Linked<AlertPreferenceRow, 'staff'>>({
  name: 'AlertPreference',
  tableName: 'alert_preference',
  columns: {
    staffId: { name: 'staff_id', type: 'integer', primary: true },
    kinds: { type: 'text' },
    sound: flag(true),
    muteUntil: instantColumn('mute_until', true),
  },
  relations: { staff: references('StaffMember', 'staff_id') },
});

/** A setting of the console as a whole (not of one person), e.g. who sat at it last. */
export interface ConsoleSettingRow {
  key: string;
  /** JSON. */
  value: string;
  updatedAt: number;
}

export const ConsoleSettingEntity = new EntitySchema<ConsoleSettingRow>({
  name: 'ConsoleSetting',
  tableName: 'console_setting',
  columns: {
    key: { type: 'varchar', length: 60, primary: true },
    value: { type: 'text' },
    updatedAt: instantColumn('updated_at'),
  },
});

export interface CalendarClosureRow {
  /** Local date in the calendar's zone, YYYY-MM-DD. */
  date: string;
  name: string;
  /** 'district' (added by hand) or 'ics' (imported from a calendar file). */
  source: string;
  addedAt: number;
}

export const CalendarClosureEntity = new EntitySchema<CalendarClosureRow>({
  name: 'CalendarClosure',
  tableName: 'calendar_closure',
  columns: {
    date: { type: 'varchar', length: 10, primary: true },
    name: { type: 'varchar', length: 200 },
    source: { type: 'varchar', length: 16 },
    addedAt: instantColumn('added_at'),
  },
});

/** A signed-in session; its id is the sha256 (hex) of the token the client holds, never the token. */
export interface StaffSessionRow {
  id: string;
  staffId: number;
  method: 'console' | 'password' | 'sso';
  client: 'browser' | 'desktop' | 'console';
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  revokedAt: number | null;
  /** How long the session may go unused before it ends (this session's policy), or null: only expiresAt ends it. */
  idleMs: number | null;
}

export const StaffSessionEntity = new EntitySchema<Linked<StaffSessionRow, 'staff'>>({
  name: 'StaffSession',
  tableName: 'staff_session',
  columns: {
    id: { type: 'varchar', length: 64, primary: true },
    staffId: { name: 'staff_id', type: 'integer' },
    method: { type: 'varchar', length: 16 },
    client: { type: 'varchar', length: 16 },
    createdAt: instantColumn('created_at'),
    lastSeenAt: instantColumn('last_seen_at'),
    expiresAt: instantColumn('expires_at'),
    revokedAt: instantColumn('revoked_at', true),
    idleMs: instantColumn('idle_ms', true),
  },
  relations: { staff: references('StaffMember', 'staff_id') },
  checks: [
    { name: 'staff_session_method_known', expression: `method IN ('console', 'password', 'sso')` },
    { name: 'staff_session_client_known', expression: `client IN ('browser', 'desktop', 'console')` },
  ],
  indices: [{ name: 'idx_staff_session_staff', columns: ['staffId'] }],
});

/** One change to a staff record. Append-only (triggers on both databases, as case_event). */
export interface StaffAuditRow {
  id: number;
  at: number;
  /** Who made it; null for the command line and first-run setup. */
  actorId: number | null;
  staffId: number;
  change: 'created' | 'updated' | 'password';
  /** JSON of the fields that changed, as they were and as they became (never a password hash). */
  beforeJson: string | null;
  afterJson: string | null;
}

export const StaffAuditEntity = new EntitySchema<Linked<StaffAuditRow, 'actor' | 'staff'>>({
  name: 'StaffAudit',
  tableName: 'staff_audit',
  columns: {
    id: idColumn(),
    at: instantColumn('at'),
    actorId: { name: 'actor_id', type: 'integer', nullable: true },
    staffId: { name: 'staff_id', type: 'integer' },
    change: { type: 'varchar', length: 16 },
    beforeJson: { name: 'before_json', type: 'text', nullable: true },
    afterJson: { name: 'after_json', type: 'text', nullable: true },
  },
  relations: { actor: references('StaffMember', 'actor_id'), staff: references('StaffMember', 'staff_id') },
  checks: [{ name: 'staff_audit_change_known', expression: `change IN ('created', 'updated', 'password')` }],
  indices: [{ name: 'idx_staff_audit_staff', columns: ['staffId', 'id'] }],
});

/** A sign-in attempt, counted by the throttle on every server replica alike; pruned after a day. */
export interface SignInAttemptRow {
  id: number;
  at: number;
  /** The lower-cased email tried, or 'sso'. */
  account: string;
  /** The client's network address. */
  address: string;
  succeeded: boolean;
}

export const SignInAttemptEntity = new EntitySchema<SignInAttemptRow>({
  name: 'SignInAttempt',
  tableName: 'sign_in_attempt',
  columns: {
    id: idColumn(),
    at: instantColumn('at'),
    account: { type: 'varchar', length: 254 },
    address: { type: 'varchar', length: 64 },
    succeeded: { type: 'boolean' },
  },
  indices: [
    { name: 'idx_sign_in_attempt_account', columns: ['account', 'at'] },
    { name: 'idx_sign_in_attempt_address', columns: ['address', 'at'] },
  ],
});

/** What a sign-in in progress must remember between two requests (any replica may get the second): single use, short-lived. */
export interface AuthFlowRow {
  /** The OIDC `state`, or the sha256 of a desktop's one-time code. */
  id: string;
  kind: string;
  /** JSON. */
  payload: string;
  expiresAt: number;
}

export const AuthFlowEntity = new EntitySchema<AuthFlowRow>({
  name: 'AuthFlow',
  tableName: 'auth_flow',
  columns: {
    id: { type: 'varchar', length: 64, primary: true },
    kind: { type: 'varchar', length: 32 },
    payload: { type: 'text' },
    expiresAt: instantColumn('expires_at'),
  },
  indices: [{ name: 'idx_auth_flow_expires', columns: ['expiresAt'] }],
});

const referenceList = (name: string, tableName: string) =>
  new EntitySchema<ReferenceRow>({
    name,
    tableName,
    columns: { id: idColumn(), name: { type: 'varchar', length: 120 }, active: flag(true) },
    uniques: [{ name: `uq_${tableName}_name`, columns: ['name'] }],
  });

/** Lists the district edits. */
export const BuildingEntity = referenceList('Building', 'building');
export const CategoryEntity = referenceList('Category', 'category');

export const ENTITIES = [
  StaffEntity,
  CallerEntity,
  CaseEntity,
  CaseEventEntity,
  BuildingEntity,
  CategoryEntity,
  CasePauseEntity,
  CaseContactEntity,
  CasePhaseEntity,
  SavedViewEntity,
  AlertDeliveryEntity,
  AlertPreferenceEntity,
  CalendarClosureEntity,
  ConsoleSettingEntity,
  StaffSessionEntity,
  StaffAuditEntity,
  SignInAttemptEntity,
  AuthFlowEntity,
  ...KB_ENTITIES,
  ...REPORT_ENTITIES,
  ...ANNOUNCEMENT_ENTITIES,
  ...MAIL_ENTITIES,
  ...SUPPORT_ENTITIES,
  ...AVAILABILITY_ENTITIES,
  ...ESCALATION_ENTITIES,
  ...POLICY_ENTITIES,
];
