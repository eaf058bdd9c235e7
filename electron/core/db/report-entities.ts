import { EntitySchema } from 'typeorm';
import type { CaseChannel, CaseStatus, Priority } from '../../../shared/domain';
import type { TargetOutcome, TimeUnit } from '../../../shared/reports';
import { instantColumn } from './column-types';
import { cascade, type Linked } from './entity-kit';

/** What the reports count of one case (migration 0011; computed in reports/case-report-facts.ts). */
export interface CaseReportFactRow {
  caseId: number;
  /** The case's version the row was computed from: a different one means the row is stale. */
  caseVersion: number;
  receivedAt: number;
  /** Local date (YYYY-MM-DD), minute of the day (0–1439) and ISO weekday (1 Monday – 7 Sunday) in the desk's zone. */
  receivedDate: string;
  receivedMinute: number;
  receivedWeekday: number;
  /** Received at or after the 4 PM cutoff, or on a day the desk was closed. */
  afterCutoff: boolean;
  priority: Priority;
  policyVersion: string;
  status: CaseStatus;
  channel: CaseChannel;
  buildingId: number | null;
  categoryId: number | null;
  assigneeId: number | null;
  callerId: number;
  clockStartAt: number;
  businessDayMs: number;
  responseUnit: TimeUnit;
  responseHasTarget: boolean;
  responseDueAt: number | null;
  respondedAt: number | null;
  responseElapsedMs: number | null;
  /** As of when the row was computed; an open target past its due instant is breached when reported. */
  responseOutcome: TargetOutcome;
  resolutionUnit: TimeUnit;
  resolutionHasTarget: boolean;
  resolutionDueAt: number | null;
  resolvedAt: number | null;
  resolutionElapsedMs: number | null;
  resolutionOutcome: TargetOutcome;
  resolvedDate: string | null;
  pendingMs: number;
  partsMs: number;
  everPending: boolean;
  everParts: boolean;
  openPauseStatus: string | null;
  openPauseSince: number | null;
  /** Moved straight from New to Resolved: solved on the first contact. */
  firstContact: boolean;
  /** Times the case was reopened after a resolution. */
  reopened: number;
  closedAt: number | null;
  /** Local date of closedAt. */
  closedDate: string | null;
}

export const CaseReportFactEntity = new EntitySchema<Linked<CaseReportFactRow, 'case'>>({
  name: 'CaseReportFact',
  tableName: 'case_report_fact',
  columns: {
    caseId: { name: 'case_id', type: 'integer', primary: true },
    caseVersion: { name: 'case_version', type: 'integer' },
    receivedAt: instantColumn('received_at'),
    receivedDate: { name: 'received_date', type: 'varchar', length: 10 },
    receivedMinute: { name: 'received_minute', type: 'integer' },
    receivedWeekday: { name: 'received_weekday', type: 'integer' },
    afterCutoff: { name: 'after_cutoff', type: 'boolean' },
    priority: { type: 'integer' },
    policyVersion: { name: 'policy_version', type: 'varchar', length: 32 },
    status: { type: 'varchar', length: 32 },
    channel: { type: 'varchar', length: 16 },
    buildingId: { name: 'building_id', type: 'integer', nullable: true },
    categoryId: { name: 'category_id', type: 'integer', nullable: true },
    assigneeId: { name: 'assignee_id', type: 'integer', nullable: true },
    callerId: { name: 'caller_id', type: 'integer' },
    clockStartAt: instantColumn('clock_start_at'),
    businessDayMs: { name: 'business_day_ms', type: 'integer' },
    responseUnit: { name: 'response_unit', type: 'varchar', length: 16 },
    responseHasTarget: { name: 'response_has_target', type: 'boolean' },
    responseDueAt: instantColumn('response_due_at', true),
    respondedAt: instantColumn('responded_at', true),
    responseElapsedMs: instantColumn('response_elapsed_ms', true),
    responseOutcome: { name: 'response_outcome', type: 'varchar', length: 8 },
    resolutionUnit: { name: 'resolution_unit', type: 'varchar', length: 16 },
    resolutionHasTarget: { name: 'resolution_has_target', type: 'boolean' },
    resolutionDueAt: instantColumn('resolution_due_at', true),
    resolvedAt: instantColumn('resolved_at', true),
    resolutionElapsedMs: instantColumn('resolution_elapsed_ms', true),
    resolutionOutcome: { name: 'resolution_outcome', type: 'varchar', length: 8 },
    resolvedDate: { name: 'resolved_date', type: 'varchar', length: 10, nullable: true },
    pendingMs: instantColumn('pending_ms'),
    partsMs: instantColumn('parts_ms'),
    everPending: { name: 'ever_pending', type: 'boolean' },
    everParts: { name: 'ever_parts', type: 'boolean' },
    openPauseStatus: { name: 'open_pause_status', type: 'varchar', length: 32, nullable: true },
    openPauseSince: instantColumn('open_pause_since', true),
    firstContact: { name: 'first_contact', type: 'boolean' },
    reopened: { type: 'integer' },
    closedAt: instantColumn('closed_at', true),
    closedDate: { name: 'closed_date', type: 'varchar', length: 10, nullable: true },
  },
  checks: [
    { name: 'case_report_fact_response_outcome', expression: `response_outcome IN ('met', 'breached', 'open', 'none')` },
    { name: 'case_report_fact_resolution_outcome', expression: `resolution_outcome IN ('met', 'breached', 'open', 'none')` },
  ],
  relations: { case: cascade('Case', 'case_id') },
  indices: [{ name: 'idx_case_report_fact_received', columns: ['receivedDate'] }],
});

export const REPORT_ENTITIES = [CaseReportFactEntity];
