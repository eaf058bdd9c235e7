/**
 * Tables of the core, as TypeORM EntitySchemas over plain interfaces (no decorators: Vite's
 * transforms do not emit decorator metadata). The schema itself is created by migrations.
 */
import { EntitySchema } from 'typeorm';
import type { CaseChannel, CaseEventKind, CaseStatus, Priority, StaffRole } from '../../../shared/domain';
import { idColumn, instantColumn } from './column-types';

export interface StaffRow {
  id: number;
  name: string;
  role: StaffRole;
  active: boolean;
  createdAt: number;
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
    active: { type: 'boolean', default: true },
    createdAt: instantColumn('created_at'),
  },
});

export const CallerEntity = new EntitySchema<CallerRow>({
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
});

export const CaseEntity = new EntitySchema<CaseRow>({
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
    kbCandidate: { name: 'kb_candidate', type: 'boolean', default: false },
    partsVendor: { name: 'parts_vendor', type: 'varchar', length: 120, nullable: true },
    partsOrderNumber: { name: 'parts_order_number', type: 'varchar', length: 60, nullable: true },
    partsExpectedDate: { name: 'parts_expected_date', type: 'varchar', length: 10, nullable: true },
    partsArrivedAt: instantColumn('parts_arrived_at', true),
    maintenanceStartAt: instantColumn('maintenance_start_at', true),
    maintenanceEndAt: instantColumn('maintenance_end_at', true),
    nextAlertAt: instantColumn('next_alert_at', true),
    version: { type: 'integer', default: 1 },
    createdAt: instantColumn('created_at'),
    updatedAt: instantColumn('updated_at'),
  },
});

export const CaseEventEntity = new EntitySchema<CaseEventRow>({
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

export const CasePauseEntity = new EntitySchema<CasePauseRow>({
  name: 'CasePause',
  tableName: 'case_pause',
  columns: {
    id: idColumn(),
    caseId: { name: 'case_id', type: 'integer' },
    status: { type: 'varchar', length: 32 },
    startedAt: instantColumn('started_at'),
    endedAt: instantColumn('ended_at', true),
  },
});

export const CaseContactEntity = new EntitySchema<CaseContactRow>({
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
});

export const CasePhaseEntity = new EntitySchema<CasePhaseRow>({
  name: 'CasePhase',
  tableName: 'case_phase',
  columns: {
    id: idColumn(),
    caseId: { name: 'case_id', type: 'integer' },
    position: { type: 'integer' },
    title: { type: 'varchar', length: 200 },
    targetDate: { name: 'target_date', type: 'varchar', length: 10 },
    done: { type: 'boolean', default: false },
  },
});

export const SavedViewEntity = new EntitySchema<SavedViewRow>({
  name: 'SavedView',
  tableName: 'saved_view',
  columns: {
    id: idColumn(),
    staffId: { name: 'staff_id', type: 'integer' },
    name: { type: 'varchar', length: 80 },
    filter: { type: 'text' },
  },
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
}

export interface AlertPreferenceRow {
  staffId: number;
  /** JSON list of alert kinds the person wants. */
  kinds: string;
  sound: boolean;
  muteUntil: number | null;
}

export const AlertDeliveryEntity = new EntitySchema<AlertDeliveryRow>({
  name: 'AlertDelivery',
  tableName: 'alert_delivery',
  columns: {
    id: idColumn(),
    caseId: { name: 'case_id', type: 'integer' },
    kind: { type: 'varchar', length: 32 },
    recipientId: { name: 'recipient_id', type: 'integer' },
    dueAt: instantColumn('due_at'),
    deliveredAt: instantColumn('delivered_at'),
    missed: { type: 'boolean', default: false },
    superseded: { type: 'boolean', default: false },
    title: { type: 'varchar', length: 200 },
    body: { type: 'text' },
  },
});

export const AlertPreferenceEntity = new EntitySchema<AlertPreferenceRow>({
  name: 'AlertPreference',
  tableName: 'alert_preference',
  columns: {
    staffId: { name: 'staff_id', type: 'integer', primary: true },
    kinds: { type: 'text' },
    sound: { type: 'boolean', default: true },
    muteUntil: instantColumn('mute_until', true),
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

const referenceList = (name: string, tableName: string) =>
  new EntitySchema<ReferenceRow>({
    name,
    tableName,
    columns: { id: idColumn(), name: { type: 'varchar', length: 120 }, active: { type: 'boolean', default: true } },
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
];
