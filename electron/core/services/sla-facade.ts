import type { Priority, TargetState } from '../../../shared/domain';
import type { PolicyProblem, SlaPolicy } from '../sla';

export interface PlannedDeadlines {
  clockStartAt: number;
  responseDueAt: number | null;
  resolutionDueAt: number | null;
  policyVersion: string;
  /** True when the 4 PM cutoff (or a closed day) moved the clock start to a later opening. */
  startDeferred: boolean;
}

export interface DeskHours {
  timeZone: string;
  phoneHoursOpen: boolean;
  cutoffApplies: boolean;
  message: string;
}

/** What the SLA needs to know of a case; instants in epoch ms. */
export interface CaseSlaFacts {
  priority: Priority;
  receivedAt: number;
  /** The clock start recorded when the case was opened; kept when the priority changes later. */
  clockStartAt: number | null;
  policyVersion: string;
  pauses: readonly { start: number; end: number | null }[];
  partsArrivedAt: number | null;
  respondedAt: number | null;
  resolvedAt: number | null;
  /** A resolution due instant set by the lifecycle (long-term project phases, a maintenance window). */
  resolutionDueOverride: number | null;
}

export interface TargetClockMs {
  dueAt: number | null;
  warnAt: number | null;
  metAt: number | null;
  state: TargetState;
  /** Target time left in its own unit (business or clock), negative once overdue; null without a target. */
  remainingMs: number | null;
  measure: 'clock' | 'business' | null;
}

export interface CaseSlaMs {
  response: TargetClockMs;
  resolution: TargetClockMs;
  paused: boolean;
}

/** One target of a case as the reports count it. */
export interface TargetLedger {
  /** The unit of the target under the case's priority and policy; business days where the priority has none. */
  unit: 'clock-hours' | 'business-hours' | 'business-days';
  /** Whether the priority has this target at all (priority 5 has no resolution target of its own). */
  hasTarget: boolean;
  dueAt: number | null;
  reachedAt: number | null;
  /** Unpaused time from the clock start to when the target was reached, in ms of its measure (clock or business). */
  elapsedMs: number | null;
  /** As of the instant asked: reached in time, late (or past due unreached), still open (or paused), or no target. */
  outcome: 'met' | 'breached' | 'open' | 'none';
}

export interface ReportLedger {
  clockStartAt: number;
  /** Business ms in one business day of the case's calendar (to put business time in days). */
  businessDayMs: number;
  response: TargetLedger;
  resolution: TargetLedger;
}

/** A warning threshold crossing or a breach of one target. */
export interface SlaAlertEvent {
  kind: 'warning' | 'breach';
  target: 'response' | 'resolution';
  at: number;
  threshold: string;
  dueAt: number | null;
  measure: 'clock' | 'business' | null;
}

/** What the services need from the SLA engine, in the core's words. */
export interface SlaFacade {
  /** Opens a case received at `receivedAt` under the policy version in force then. */
  plan(priority: Priority, receivedAt: number): PlannedDeadlines;
  /** A published policy version, in force from `effectiveFrom` (append-only: a version never changes). */
  registerPolicy(policy: SlaPolicy, effectiveFrom: number): void;
  /** The version new cases received at `at` are opened under. */
  policyInForce(at: number): SlaPolicy;
  /** A registered version, or null. */
  policy(version: string): SlaPolicy | null;
  /** What keeps the engine from computing `policy` (empty: nothing), sampling cases from `sampleFrom`. */
  policyProblems(policy: SlaPolicy, sampleFrom: number): PolicyProblem[];
  /** Due instants for a case as it stands (pauses, parts, overrides), under its own policy version. */
  deadlines(facts: CaseSlaFacts): { responseDueAt: number | null; resolutionDueAt: number | null };
  /** Where each target stands at `now`. */
  status(facts: CaseSlaFacts, now: number): CaseSlaMs;
  /** Every warning and breach instant of the case's unmet targets as known at `now` (none past a running pause). */
  alertEvents(facts: CaseSlaFacts, now: number): SlaAlertEvent[];
  /** Each target's outcome and time as the reports count them, as of `now`. */
  reportLedger(facts: CaseSlaFacts, now: number): ReportLedger;
  /** The SLA ledger in words. */
  explain(facts: CaseSlaFacts): string[];
  /** A due instant in words relative to `now`: "today 2:15 PM", "Thursday 10:00 AM", "Mon, Dec 14 7:00 AM". */
  describeDue(instant: number, now: number): string;
  /** "received after 4 PM: counted as submitted Wednesday 7:00 AM", or null when the clock started on receipt. */
  cutoffNote(receivedAt: number, plan: PlannedDeadlines): string | null;
  deskHours(now: number): DeskHours;
  /** `from` plus whole business days of business time (for daily contact and the three-day auto-close). */
  addBusinessDays(from: number, days: number): number;
  businessMsBetween(a: number, b: number): number;
  /** The close of business on a local date (YYYY-MM-DD), or the end of that day when the desk is closed then. */
  endOfBusinessOn(date: string): number;
  /**
   * The opening of the business day that lies `days` business days before the desk's local day of
   * `at` (days ≤ 0: `at` itself): how far ahead planned work must be announced.
   */
  openingBusinessDaysBefore(at: number, days: number): number;
  /** The next scheduled maintenance period (Saturdays 8 a.m. to noon) that has not ended by `now`. */
  nextMaintenanceWindow(now: number): { startAt: number; endAt: number };
  isWithinBusinessHours(at: number): boolean;
  nextOpenAt(at: number): number;
  /** Adds the district's own closure dates to the agreement's calendar (replacing earlier ones). */
  setClosures(closures: readonly { date: string; name?: string }[]): void;
  readonly timeZone: string;
}
