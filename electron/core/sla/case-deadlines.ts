/**
 * A case's response and resolution due instants under the policy version it was opened under:
 * clock start (convention 1), the target in its unit (conventions 2–4), pauses (convention 6) and
 * the awaiting-parts rule (convention 7): once parts or a fix arrive, "we will be there that work
 * day or next business day", so the resolution target becomes the close of the next business day
 * after the arrival date.
 */
import type { Priority } from '../../../shared/domain';
import type { BusinessCalendar } from './business-calendar';
import { clockStartFor, type ClockStart } from './clock-start';
import { businessMeasure, CLOCK_MEASURE, dueAfterPauses, normalizePauses, type Pause, type TimeMeasure } from './paused-time';
import type { SlaPolicy, SlaTarget } from './sla-policy';
import { SlaInputError } from './sla-errors';

export interface SlaCase {
  priority: Priority;
  /** Epoch ms the case was received. */
  receivedAt: number;
  /** Policy version the case was opened under; must match the policy passed in. */
  policyVersion: string;
  /** Intervals in a pausing state (pending user response, awaiting parts). */
  pauses?: readonly Pause[];
  /**
   * Clock start recorded when the case was opened. When given it is kept, so closures added to the
   * calendar later do not move an old case's start; otherwise it is computed (convention 1).
   */
  clockStartAt?: number | null;
  /** When the awaited part or fix arrived (convention 7). */
  partsArrivedAt?: number | null;
  /** When the case was acknowledged: meets the response target. */
  respondedAt?: number | null;
  /** When a team member resolved the issue: meets the resolution target. */
  resolvedAt?: number | null;
}

export type TargetKind = 'response' | 'resolution';

export interface TargetDeadline {
  kind: TargetKind;
  /** 'policy': the policy's target; 'parts-arrived': convention 7; 'no-target': nothing is due. */
  rule: 'policy' | 'parts-arrived' | 'no-target';
  /** The policy's target for this priority (kept for display even when parts-arrived replaced it). */
  target: SlaTarget | null;
  measure: 'clock' | 'business' | null;
  /** Instant the measure counts from: the clock start, or the parts' arrival. */
  countsFrom: number | null;
  /** Target amount in ms of its measure. */
  amountMs: number | null;
  /** Due instant; null with no target, or while an open pause holds the clock (suspended). */
  dueAt: number | null;
  suspended: boolean;
}

export interface CaseDeadlines {
  policyVersion: string;
  priority: Priority;
  clockStart: ClockStart;
  response: TargetDeadline;
  resolution: TargetDeadline;
}

export interface DeadlineOptions {
  /** Compute with what was known at this instant: later pauses and arrivals are ignored, a pause running then is open. */
  asOf?: number;
}

export function targetAmountMs(target: SlaTarget, calendar: BusinessCalendar): number {
  const unitMs = target.unit === 'business-days' ? calendar.standardDayMs : 3_600_000;
  return Math.round(target.amount * unitMs);
}

export function measureFor(target: SlaTarget, calendar: BusinessCalendar): TimeMeasure {
  return target.unit === 'clock-hours' ? CLOCK_MEASURE : businessMeasure(calendar);
}

export function computeDeadlines(kase: SlaCase, policy: SlaPolicy, calendar: BusinessCalendar, options: DeadlineOptions = {}): CaseDeadlines {
  if (kase.policyVersion !== policy.version) {
    throw new SlaInputError('policyVersion', kase.policyVersion, `case was opened under another policy than ${policy.version}`);
  }
  if (!Number.isFinite(kase.receivedAt)) throw new SlaInputError('receivedAt', kase.receivedAt, 'expected epoch milliseconds');
  const targets = policy.targets[kase.priority];
  if (targets === undefined) throw new SlaInputError('priority', kase.priority, 'unknown priority (expected 1–5)');
  const computedStart = clockStartFor(kase.priority, kase.receivedAt, policy, calendar);
  const recorded = kase.clockStartAt ?? null;
  const clockStart: ClockStart = recorded === null || recorded === computedStart.at ? computedStart : { ...computedStart, at: recorded, rule: 'recorded' };
  const { asOf } = options;
  const response = policyDeadline('response', targets.response, clockStart.at, kase.pauses, asOf, calendar);
  const arrived = kase.partsArrivedAt ?? null;
  const resolution =
    arrived !== null && (asOf === undefined || arrived <= asOf)
      ? partsArrivedDeadline(targets.resolution, arrived, kase.pauses, asOf, calendar)
      : policyDeadline('resolution', targets.resolution, clockStart.at, kase.pauses, asOf, calendar);
  return { policyVersion: policy.version, priority: kase.priority, clockStart, response, resolution };
}

function policyDeadline(
  kind: TargetKind,
  target: SlaTarget | null,
  start: number,
  pauses: readonly Pause[] | undefined,
  asOf: number | undefined,
  calendar: BusinessCalendar,
): TargetDeadline {
  if (target === null) {
    return { kind, rule: 'no-target', target: null, measure: null, countsFrom: null, amountMs: null, dueAt: null, suspended: false };
  }
  const measure = measureFor(target, calendar);
  const amountMs = targetAmountMs(target, calendar);
  const dueAt = pauses === undefined || pauses.length === 0 ? measure.add(start, amountMs) : dueAfterPauses(measure, start, amountMs, normalizePauses(pauses, start, asOf));
  return { kind, rule: 'policy', target, measure: measure.kind, countsFrom: start, amountMs, dueAt, suspended: dueAt === null };
}

function partsArrivedDeadline(
  target: SlaTarget | null,
  arrivedAt: number,
  pauses: readonly Pause[] | undefined,
  asOf: number | undefined,
  calendar: BusinessCalendar,
): TargetDeadline {
  if (!Number.isFinite(arrivedAt)) throw new SlaInputError('partsArrivedAt', arrivedAt, 'expected epoch milliseconds');
  const nextDay = calendar.nextBusinessDayAfter(calendar.localDayOf(arrivedAt));
  const closeAt = calendar.closingOn(nextDay) as number;
  // Expressed as business time from the arrival, so a later pause pushes it like any business target.
  const amountMs = calendar.businessMsBetween(arrivedAt, closeAt);
  const measure = businessMeasure(calendar);
  const dueAt = pauses === undefined || pauses.length === 0 ? closeAt : dueAfterPauses(measure, arrivedAt, amountMs, normalizePauses(pauses, arrivedAt, asOf));
  return { kind: 'resolution', rule: 'parts-arrived', target, measure: 'business', countsFrom: arrivedAt, amountMs, dueAt, suspended: dueAt === null };
}
