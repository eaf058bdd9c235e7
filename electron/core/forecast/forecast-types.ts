/** The breach forecast's inputs and outputs (instants in epoch ms). The core is pure: no database. */
import type { CaseStatus, Priority } from '../../../shared/domain';
import type { Span } from '../availability/working-time';
import type { BusinessCalendar } from '../sla';
import type { HandlingEstimate, HandlingTimes } from './handling-times';
import type { ForecastHorizon } from './forecast-horizon';

export type ForecastTarget = 'response' | 'resolution';
/** `breached`: already past due now (not a forecast; the queue shows it as breached). */
export type ForecastVerdict = 'likely' | 'at_risk' | 'on_track' | 'breached';

export interface OpenCaseInput {
  id: number;
  priority: Priority;
  categoryId: number | null;
  status: CaseStatus;
  assigneeId: number | null;
  /** The response target's due instant while it is unmet (null: met, no target, or held by a pause). */
  responseDueAt: number | null;
  /** The resolution target's due instant while it is unmet (null: no target, or held by a pause). */
  resolutionDueAt: number | null;
}

export interface TechnicianInput {
  id: number;
  name: string;
  /** Their working calendar (working-time.ts `staffCalendar`: the desk's calendar with their hours). */
  calendar: BusinessCalendar;
  absences: readonly Span[];
}

export interface ForecastInput {
  now: number;
  /** The desk's calendar: it sets the horizon (the rest of today and the next business day). */
  desk: BusinessCalendar;
  cases: readonly OpenCaseInput[];
  technicians: readonly TechnicianInput[];
  handling: HandlingTimes;
}

export interface TrialMove {
  caseId: number;
  /** null: back to Unassigned. */
  assigneeId: number | null;
}

export interface CaseOutlook {
  caseId: number;
  /** The assignee the forecast assumed (after trial moves). */
  assigneeId: number | null;
  /** The target judged: the one forecast to breach first, else the next one due; null when none is due. */
  target: ForecastTarget | null;
  dueAt: number | null;
  /** When the technician is expected to reach it (start work, which meets the response target); null: not within the horizon. */
  reachAt: number | null;
  /** Reach plus the median handling time (on the median schedule); null: not within the horizon or not scheduled. */
  expectedFinishAt: number | null;
  /** The same on the pessimistic (80th percentile) schedule. */
  pessimisticFinishAt: number | null;
  verdict: ForecastVerdict;
  /** Why, in words. */
  reason: string;
  /** Whether the case was worked into a schedule (paused cases and projects are not). */
  scheduled: boolean;
  handling: HandlingEstimate | null;
}

export interface TechnicianOutlook {
  technicianId: number;
  name: string;
  /** Working time left in the horizon (their hours, less absences). */
  remainingMs: number;
  /** Median handling time of their cases due within the horizon. */
  committedMs: number;
  /** How far committed exceeds remaining (0 when it does not). */
  overloadMs: number;
  overload: boolean;
  openCases: number;
}

export interface Forecast {
  horizon: ForecastHorizon;
  /** Every open case, in input order. */
  cases: CaseOutlook[];
  technicians: TechnicianOutlook[];
  /** Technicians whose schedules were worked out for this answer (the rest came from the cache). */
  recomputed: number[];
}
