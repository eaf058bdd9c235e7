/**
 * Where a case stands at an instant: per target, elapsed and remaining time in the target's unit,
 * fraction used, met, breached, paused; and the next instant something falls due (a warning
 * threshold or a breach), which is what the scheduler sleeps until. A target is breached at any
 * instant after its due instant: due at 17:00 and met at 17:00:00 is on time.
 */
import type { BusinessCalendar } from './business-calendar';
import { computeDeadlines, type CaseDeadlines, type SlaCase, type TargetDeadline, type TargetKind } from './case-deadlines';
import type { ClockStart } from './clock-start';
import { businessMeasure, CLOCK_MEASURE, dueAfterPauses, isPausedAt, normalizePauses, usedBetween, type Pause } from './paused-time';
import type { SlaPolicy } from './sla-policy';

export interface SlaEvent {
  kind: 'warning' | 'breach';
  target: TargetKind;
  /** First instant at which the status shows it: a threshold's crossing, or due + 1 ms for a breach. */
  at: number;
  /** What crossed: "75% used", "30 minutes left", "breached". */
  threshold: string;
}

export interface TargetStatus extends TargetDeadline {
  met: boolean;
  metAt: number | null;
  /** Unpaused time used in the target's unit, up to the instant (or to when it was met). */
  elapsedMs: number | null;
  /** Target minus elapsed; negative once overdue. */
  remainingMs: number | null;
  fractionUsed: number | null;
  breached: boolean;
  paused: boolean;
  /** Warning and breach instants of this target, in order (past ones included). */
  events: readonly SlaEvent[];
}

export interface CaseSlaStatus {
  at: number;
  policyVersion: string;
  clockStart: ClockStart;
  response: TargetStatus;
  resolution: TargetStatus;
  /** Earliest event after `at` across both targets, or null. */
  nextEvent: SlaEvent | null;
}

export function slaStatusAt(kase: SlaCase, policy: SlaPolicy, calendar: BusinessCalendar, at: number): CaseSlaStatus {
  const deadlines: CaseDeadlines = computeDeadlines(kase, policy, calendar, { asOf: at });
  const response = targetStatus(deadlines.response, kase.respondedAt ?? null, kase.pauses, policy, calendar, at);
  const resolution = targetStatus(deadlines.resolution, kase.resolvedAt ?? null, kase.pauses, policy, calendar, at);
  let nextEvent: SlaEvent | null = null;
  for (const event of [...response.events, ...resolution.events]) {
    if (event.at > at && (nextEvent === null || event.at < nextEvent.at)) nextEvent = event;
  }
  return { at, policyVersion: deadlines.policyVersion, clockStart: deadlines.clockStart, response, resolution, nextEvent };
}

/** The next instant after `after` at which a warning or breach of an open target falls due. */
export function nextSlaEvent(kase: SlaCase, policy: SlaPolicy, calendar: BusinessCalendar, after: number): SlaEvent | null {
  return slaStatusAt(kase, policy, calendar, after).nextEvent;
}

function targetStatus(
  deadline: TargetDeadline,
  metAtInput: number | null,
  rawPauses: readonly Pause[] | undefined,
  policy: SlaPolicy,
  calendar: BusinessCalendar,
  at: number,
): TargetStatus {
  const metAt = metAtInput !== null && metAtInput <= at ? metAtInput : null;
  const met = metAt !== null;
  if (deadline.countsFrom === null || deadline.amountMs === null || deadline.measure === null) {
    return { ...deadline, met, metAt, elapsedMs: null, remainingMs: null, fractionUsed: null, breached: false, paused: false, events: [] };
  }
  const measure = deadline.measure === 'clock' ? CLOCK_MEASURE : businessMeasure(calendar);
  const pauses = normalizePauses(rawPauses, deadline.countsFrom, at);
  const until = metAt ?? at;
  const elapsedMs = usedBetween(measure, deadline.countsFrom, until, pauses);
  const amountMs = deadline.amountMs;
  const breached = deadline.dueAt !== null && until > deadline.dueAt;
  const events: SlaEvent[] = [];
  if (!met) {
    const thresholds: [number, string][] = [
      ...policy.warnings.fractionsUsed.map((f): [number, string] => [Math.round(f * amountMs), `${Math.round(f * 100)}% used`]),
      ...policy.warnings.minutesBeforeDue.map((m): [number, string] => [amountMs - m * 60_000, `${m} minutes left`]),
    ];
    for (const [usedMs, label] of thresholds) {
      if (usedMs <= 0 || usedMs >= amountMs) continue;
      const crossing = dueAfterPauses(measure, deadline.countsFrom, usedMs, pauses);
      if (crossing !== null) events.push({ kind: 'warning', target: deadline.kind, at: crossing, threshold: label });
    }
    if (deadline.dueAt !== null) events.push({ kind: 'breach', target: deadline.kind, at: deadline.dueAt + 1, threshold: 'breached' });
    events.sort((a, b) => a.at - b.at);
  }
  return {
    ...deadline,
    met,
    metAt,
    elapsedMs,
    remainingMs: amountMs - elapsedMs,
    fractionUsed: amountMs === 0 ? 1 : elapsedMs / amountMs,
    breached,
    paused: !met && isPausedAt(pauses, at),
    events,
  };
}
