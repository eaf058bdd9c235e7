/**
 * Domain words shared by the core and the renderer. Names follow the agreement
 * (case, caller, priority, response target, resolution target, pending user response…).
 * No Node, DOM or Electron APIs here: this module runs on both sides.
 */

import type { AwayMark } from './availability';

export const PRIORITIES = [1, 2, 3, 4, 5] as const;

/** The longest texts a case takes: the contract refuses longer ones, and forms cap their fields at the same (`maxlength`). */
export const CASE_TEXT_LIMITS = { summary: 200, description: 10_000, room: 60, assetTag: 60 } as const;
export type Priority = (typeof PRIORITIES)[number];

export const STAFF_ROLES = ['agent', 'technician', 'supervisor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Lifecycle states, including the agreement's "Additional Priority Sets" as side states. */
export const CASE_STATUSES = [
  'new',
  'acknowledged',
  'in_progress',
  'pending_user_response',
  'awaiting_parts',
  'long_term_project',
  'planned_maintenance',
  'resolved',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const OPEN_CASE_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter(
  (s) => s !== 'resolved' && s !== 'closed',
);

export const CASE_CHANNELS = ['phone', 'web', 'email', 'walk_in'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

/** Kinds of entries in the append-only audit log. */
export const CASE_EVENT_KINDS = [
  'created',
  'updated',
  'status_changed',
  'priority_changed',
  'assigned',
  'note',
  'contact',
  'phase_changed',
  'on_call_paged',
  /** The case cited a knowledge-base article (or was solved with one at first contact). */
  'kb_cited',
  /** A knowledge-base draft was made from the case. */
  'kb_drafted',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export interface StaffMember {
  id: number;
  name: string;
  role: StaffRole;
  active: boolean;
  /** The address single sign-on and local accounts know them by (server); absent on older records. */
  email?: string | null;
}

/** A list entry the district edits (buildings, problem categories). */
export interface ReferenceItem {
  id: number;
  name: string;
  active: boolean;
}

export const CALLER_ROLES = ['teacher', 'administrator', 'staff', 'substitute', 'student', 'other'] as const;

export interface Caller {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  extension: string | null;
  buildingId: number | null;
  buildingName: string | null;
  room: string | null;
  department: string | null;
  role: string | null;
  notes: string | null;
  employeeId: string | null;
}

/** A case of one caller's that repeats: "3rd printing case in 30 days". */
export interface RepeatFlag {
  categoryId: number;
  categoryName: string;
  count: number;
  days: number;
  text: string;
}

export interface CallerCard {
  caller: Caller;
  openCases: CaseSummary[];
  recentCases: CaseSummary[];
  repeats: RepeatFlag[];
}

/** A case as the renderer sees it. Instants are ISO 8601 UTC strings. */
export interface CaseSummary {
  id: number;
  number: string;
  callerId: number;
  callerName: string;
  callbackNumber: string | null;
  buildingId: number | null;
  buildingName: string | null;
  room: string | null;
  categoryId: number | null;
  categoryName: string | null;
  assetTag: string | null;
  summary: string;
  description: string;
  priority: Priority;
  status: CaseStatus;
  channel: CaseChannel;
  assigneeId: number | null;
  receivedAt: string;
  /** When the SLA clock started: the receipt, or the next business opening after the 4 PM cutoff. */
  clockStartAt: string | null;
  responseDueAt: string | null;
  resolutionDueAt: string | null;
  policyVersion: string | null;
  priorityReason: string | null;
  relatedCaseId: number | null;
  onCallNotifiedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CaseEvent {
  id: number;
  caseId: number;
  actorId: number | null;
  actorName: string | null;
  kind: CaseEventKind;
  at: string;
  detail: Record<string, unknown>;
  reason: string | null;
}

/** Human-facing case number, e.g. "DW-000042"; read to the caller over the phone. */
export function formatCaseNumber(id: number): string {
  return `DW-${String(id).padStart(6, '0')}`;
}

/** Where one target stands when the queue was read; the renderer counts down from `dueAt`. */
export type TargetState = 'on_track' | 'at_risk' | 'breached' | 'paused' | 'met' | 'none';

export interface TargetClock {
  dueAt: string | null;
  /** From this instant the target is at risk (the policy's first warning threshold). */
  warnAt: string | null;
  metAt: string | null;
  state: TargetState;
}

export interface CaseSla {
  response: TargetClock;
  resolution: TargetClock;
  /** The earliest unmet due instant; the queue is sorted by it (paused and met last). */
  nextDueAt: string | null;
  paused: boolean;
  /** Pending user response: the next daily contact due, and when the case closes itself. */
  nextContactDueAt: string | null;
  autoCloseAt: string | null;
}

export interface QueueCase extends CaseSummary {
  assigneeName: string | null;
  sla: CaseSla;
  /** Set by the queue when the assignee is away now (see QueueRow). */
  assigneeAway?: AwayMark | null;
}

/**
 * One target as a queue row carries it. Running targets (on track, at risk, breached) are counted
 * by the console from `dueAt` and `warnAt`; paused, met and none come from the core.
 */
export type QueueRowTarget = Pick<TargetClock, 'dueAt' | 'warnAt' | 'state'>;

/**
 * One open case as the queue shows it: what a row displays and what filtering and sorting need,
 * nothing more. The description, audit trail, contacts and SLA ledger come with `cases.get` when
 * the case opens. Every QueueCase is a QueueRow, so a change's answer can take its row at once.
 */
export interface QueueRow {
  id: number;
  number: string;
  version: number;
  priority: Priority;
  status: CaseStatus;
  callerName: string;
  summary: string;
  buildingId: number | null;
  buildingName: string | null;
  categoryId: number | null;
  assigneeId: number | null;
  assigneeName: string | null;
  sla: { response: QueueRowTarget; resolution: QueueRowTarget; nextDueAt: string | null; paused: boolean };
  /** The assignee is away now (an absence): the case is flagged. Absent or null: not away. */
  assigneeAway?: AwayMark | null;
}

export interface CaseContact {
  id: number;
  at: string;
  actorName: string | null;
  method: 'phone' | 'email';
  outcome: 'no_answer' | 'left_message' | 'emailed' | 'replied';
  note: string | null;
}

export interface CasePhase {
  id: number;
  position: number;
  title: string;
  targetDate: string;
  done: boolean;
}

export interface CaseLifecycleDetail {
  respondedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  resolutionNotes: string | null;
  kbCandidate: boolean;
  parts: { vendor: string | null; orderNumber: string | null; expectedDate: string | null; arrivedAt: string | null } | null;
  maintenanceWindow: { startAt: string; endAt: string } | null;
}

export interface WorkloadRow {
  staffId: number | null;
  name: string;
  openCases: number;
  atRisk: number;
  breached: number;
  /** Business time left until the resolution targets of their open, unpaused cases, summed. */
  remainingBusinessHours: number;
}

export interface SavedView {
  id: number;
  name: string;
  filter: QueueFilter;
}

export interface QueueFilter {
  mine?: boolean;
  unassigned?: boolean;
  priorities?: Priority[];
  statuses?: CaseStatus[];
  buildingIds?: number[];
  categoryIds?: number[];
  risk?: 'at_risk_or_breached' | 'breached';
  text?: string;
}
