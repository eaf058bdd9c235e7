/**
 * What the desk's reports say, as data both sides share: the filter every report takes, the SLA
 * compliance report, trends, systemic weaknesses, the case search and exports. The definitions
 * behind the figures are in the core (electron/core/reports/) and docs/reports.md.
 */
import type { CaseChannel, CaseStatus, Priority } from './domain';

/** The agreement's units a time figure is given in: those of the priority's own target. */
export const TIME_UNITS = ['clock-hours', 'business-hours', 'business-days'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

export const SLA_TARGETS = ['response', 'resolution'] as const;
export type SlaTargetName = (typeof SLA_TARGETS)[number];

/**
 * Where a case stands against one target. `met`: reached by the due instant; `breached`: reached
 * late, or not reached and past due (an open case already breached counts as breached); `open`:
 * not reached and not yet due, or held by a pause; `none`: the priority has no such target.
 */
export const TARGET_OUTCOMES = ['met', 'breached', 'open', 'none'] as const;
export type TargetOutcome = (typeof TARGET_OUTCOMES)[number];

/** How a compliance report splits time: calendar months or ISO weeks (Monday first), in the desk's zone. */
export const REPORT_PERIODS = ['month', 'week'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

/** `policyVersion`: the SLA policy version cases were opened under, so periods under different versions compare side by side. */
export const COMPLIANCE_GROUPINGS = ['priority', 'period', 'technician', 'building', 'category', 'policyVersion'] as const;
export type ComplianceGrouping = (typeof COMPLIANCE_GROUPINGS)[number];

/**
 * Which cases a report counts: those received (local date, desk zone) from `from` to `to`
 * inclusive, narrowed by the lists given (an empty or missing list narrows nothing).
 * In the id lists 0 means none: `assigneeIds` 0 is "unassigned", `buildingIds` 0 "no building",
 * `categoryIds` 0 "no category".
 */
export interface ReportFilter {
  from: string;
  to: string;
  priorities?: Priority[];
  buildingIds?: number[];
  categoryIds?: number[];
  assigneeIds?: number[];
  channels?: CaseChannel[];
}

export interface TargetCounts {
  met: number;
  breached: number;
  open: number;
  none: number;
  /** met / (met + breached), as a percentage with one decimal; null when neither. */
  metPercent: number | null;
  breachedPercent: number | null;
}

/** Times of the cases that reached a target, unpaused, in the target's unit. */
export interface TimeFigures {
  unit: TimeUnit;
  count: number;
  median: number | null;
  p90: number | null;
}

export interface PriorityTimes {
  priority: Priority;
  response: TimeFigures | null;
  resolution: TimeFigures | null;
}

/** Time spent in the side states, apart from the SLA times (which exclude the pauses). */
export interface SideStateFigures {
  /** Cases that were ever pending the user's response, and their hours there (clock hours). */
  pendingCases: number;
  pendingHours: number;
  awaitingPartsCases: number;
  awaitingPartsHours: number;
  /** Cases in a long-term project or planned maintenance now (their own resolution dates apply). */
  projectCases: number;
  maintenanceCases: number;
}

export interface ComplianceRow {
  /** The group's key: a priority ("2"), a period ("2026-03", "2026-W10"), a staff, building or category id ("0": none), a policy version ("2026.1"). */
  key: string;
  label: string;
  cases: number;
  response: TargetCounts;
  resolution: TargetCounts;
  /** Per priority present in the group: times are only comparable within one priority's units. */
  times: PriorityTimes[];
  sideStates: SideStateFigures;
}

export interface ComplianceReport {
  filter: ReportFilter;
  period: ReportPeriod;
  /** The instant open cases were judged at (an open case past due is breached). */
  asOf: string;
  timeZone: string;
  /** Policy versions the counted cases were opened under. */
  policyVersions: string[];
  totals: ComplianceRow;
  groups: Record<ComplianceGrouping, ComplianceRow[]>;
  /** Set when the caller may see only part (a technician: their own row and the desk totals). */
  limitedTo: { staffId: number } | null;
}

export interface CountPoint {
  key: string;
  label: string;
  cases: number;
}

export interface TechnicianLoad {
  staffId: number;
  name: string;
  /** Cases of the period assigned to them now. */
  assigned: number;
  resolved: number;
  /** Still open today. */
  open: number;
  responseMetPercent: number | null;
  resolutionMetPercent: number | null;
}

export interface RepeatCaller {
  callerId: number;
  name: string;
  cases: number;
  caseIds: number[];
}

export interface TrendsReport {
  filter: ReportFilter;
  asOf: string;
  timeZone: string;
  /**
   * Cases open at the end of each day (or the last day of each week) of the period, whenever
   * received, as `CaseSearchInput.openOn` defines open; a point's key is that day.
   */
  backlog: { step: 'day' | 'week'; points: CountPoint[] };
  /** Local hour of day 0–23, and weekday Monday–Sunday, the cases were received. */
  arrivalsByHour: CountPoint[];
  arrivalsByWeekday: CountPoint[];
  /** Received after the 4 PM cutoff (local 16:00 or later) and on days the desk was closed. */
  afterCutoff: { cases: number; percent: number | null };
  received: number;
  /** Of the resolved cases, those resolved at the first contact (moved straight from New to Resolved). */
  firstContact: { resolved: number; atFirstContact: number; percent: number | null };
  /** Of the cases ever resolved, those reopened at least once. */
  reopened: { resolved: number; reopened: number; percent: number | null };
  /** Callers with at least `threshold` cases in the period, most first. */
  repeatCallers: { threshold: number; callers: RepeatCaller[] };
  technicians: TechnicianLoad[];
  limitedTo: { staffId: number } | null;
}

export interface Weakness {
  kind: 'building-category' | 'caller';
  key: string;
  label: string;
  buildingId: number | null;
  categoryId: number | null;
  callerId: number | null;
  cases: number;
  /** What the same combination usually has over a period this long (its baseline rate). */
  expected: number;
  /** cases / expected, e.g. 3.4. */
  ratio: number;
  caseIds: number[];
}

export interface WeaknessReport {
  filter: ReportFilter;
  /** The baseline: the same combinations over this span before the period. */
  baseline: { from: string; to: string };
  /** Listed when at least this many cases, at least this ratio to the baseline, and a count chance alone would reach less often than `maxChance`. */
  rule: { minCases: number; minRatio: number; maxChance: number };
  items: Weakness[];
}

export const CASE_SORT_FIELDS = ['receivedAt', 'id', 'priority', 'status', 'resolvedAt', 'building', 'category', 'assignee', 'caller'] as const;
export type CaseSortField = (typeof CASE_SORT_FIELDS)[number];

export interface CaseSearchInput {
  text?: string;
  /** A case number ("DW-001234" or 1234). */
  number?: string;
  callerId?: number;
  from?: string;
  to?: string;
  priorities?: Priority[];
  statuses?: CaseStatus[];
  /** 0: no building. */
  buildingIds?: number[];
  /** 0: no category. */
  categoryIds?: number[];
  /** 0: unassigned. */
  assigneeIds?: number[];
  channels?: CaseChannel[];
  /** Only cases whose target ended so (drill-down from a report). */
  outcome?: { target: SlaTargetName; is: TargetOutcome };
  /** Received in these local hours of the day, 0–23 (desk zone): a bar of arrivals by hour. */
  receivedHours?: number[];
  /** Received on these ISO weekdays, 1 Monday – 7 Sunday (desk zone): a bar of arrivals by weekday. */
  receivedWeekdays?: number[];
  /**
   * Open at the end of this local date (YYYY-MM-DD, desk zone): received on or before it, and
   * its latest resolution (or, with none, its closing) not on or before it; whenever received.
   * The one definition of the trends' backlog.
   */
  openOn?: string;
  sort?: { field: CaseSortField; direction: 'asc' | 'desc' };
  limit?: number;
  offset?: number;
}

/** One case as search, exports and drill-downs show it: who, what, where, and its SLA ledger in figures. */
export interface CaseReportRow {
  id: number;
  number: string;
  summary: string;
  callerId: number;
  callerName: string;
  buildingName: string | null;
  categoryName: string | null;
  priority: Priority;
  status: CaseStatus;
  channel: CaseChannel;
  assigneeId: number | null;
  assigneeName: string | null;
  receivedAt: string;
  clockStartAt: string | null;
  policyVersion: string | null;
  response: CaseTargetFigures;
  resolution: CaseTargetFigures;
  pendingHours: number;
  awaitingPartsHours: number;
  reopened: number;
  firstContact: boolean;
  closedAt: string | null;
}

export interface CaseTargetFigures {
  unit: TimeUnit | null;
  dueAt: string | null;
  reachedAt: string | null;
  /** Unpaused time from the clock start to when the target was reached, in `unit`. */
  elapsed: number | null;
  outcome: TargetOutcome;
}

export interface CaseSearchResult {
  rows: CaseReportRow[];
  total: number;
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORTABLE_REPORTS = ['sla', 'trends', 'weaknesses', 'cases'] as const;
export type ExportableReport = (typeof EXPORTABLE_REPORTS)[number];

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  dataBase64: string;
  rows: number;
}
