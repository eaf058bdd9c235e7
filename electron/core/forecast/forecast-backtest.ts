/**
 * The forecast against what happened. For each business day D of a history: the open cases as
 * they stood at the close of the business day before (status, assignee, what was known of their
 * pauses, parts and acknowledgement, and so their deadlines then), handling times learned only from
 * cases resolved before that moment, and the forecast made then; compared with the targets that
 * actually breached with a due instant in the forecast's horizon (to the close of D).
 *
 * Recall: the share of actual breaches the forecast named ("likely") the day before. False alarms:
 * the share of named targets that did not breach. A case that arrived after the forecast was made
 * cannot be named; its breaches are counted apart.
 */
import { OPEN_CASE_STATUSES, type CaseStatus, type Priority } from '../../../shared/domain';
import type { BusinessCalendar } from '../sla';
import type { CaseSlaFacts, SlaFacade } from '../services/sla-facade';
import { BreachForecaster } from './breach-forecaster';
import { forecastHorizon } from './forecast-horizon';
import type { OpenCaseInput, TechnicianInput } from './forecast-types';
import { learnHandling, type ResolvedCase } from './learn-handling';

const DAY_MS = 86_400_000;

export interface HistoryCase {
  id: number;
  priority: Priority;
  categoryId: number | null;
  policyVersion: string;
  receivedAt: number;
  clockStartAt: number | null;
  respondedAt: number | null;
  /** The last resolution (after a reopening, the second). */
  resolvedAt: number | null;
  partsArrivedAt: number | null;
  pauses: readonly { start: number; end: number | null }[];
  /** Status changes in time order: what the case was at any instant. */
  statusChanges: readonly { at: number; to: CaseStatus }[];
  /** Assignments in time order. */
  assignments: readonly { at: number; to: number | null }[];
}

export interface BacktestOptions {
  desk: BusinessCalendar;
  /** The SLA facade whose deadlines the history was written under. */
  sla: SlaFacade;
  /** Technicians working the cases, on the desk's hours (the history knows no one's own hours). */
  technicians: readonly TechnicianInput[];
  /** First and last local business day to forecast (desk days, inclusive), as instants within them. */
  from: number;
  to: number;
  /** Resolved cases older than this many days before the forecast are not learned from (the service's window). */
  learnWindowDays?: number;
}

export interface Tally {
  /** Targets due in the horizon, among cases open when the forecast was made (breached or not): the base rate's denominator. */
  due: number;
  /** Targets that breached with a due instant in the horizon, among cases open when the forecast was made. */
  breaches: number;
  /** Targets named likely to breach. */
  named: number;
  /** Named and breached. */
  hits: number;
  /** Named likely or at risk. */
  flagged: number;
  flaggedHits: number;
  /** Breaches of cases that arrived after the forecast was made (it could not name them). */
  laterArrivals: number;
}

export interface BacktestReport {
  days: number;
  total: Tally;
  byPriority: Record<Priority, Tally>;
  /** hits / breaches; null with no breach. */
  recall: number | null;
  /** (named − hits) / named; null when nothing was named. */
  falseAlarmShare: number | null;
  /** The same counting "at risk" as named too. */
  recallWithAtRisk: number | null;
  falseAlarmShareWithAtRisk: number | null;
}

const emptyTally = (): Tally => ({ due: 0, breaches: 0, named: 0, hits: 0, flagged: 0, flaggedHits: 0, laterArrivals: 0 });

export function runBacktest(history: readonly HistoryCase[], options: BacktestOptions): BacktestReport {
  const { desk, sla } = options;
  const windowMs = (options.learnWindowDays ?? 180) * DAY_MS;
  const total = emptyTally();
  const byPriority = { 1: emptyTally(), 2: emptyTally(), 3: emptyTally(), 4: emptyTally(), 5: emptyTally() } as Record<Priority, Tally>;
  // Each case's targets as they finally stood: due instant and when met.
  const outcomes = new Map(history.map((c) => [c.id, finalOutcome(c, sla)]));
  const priorityOf = new Map(history.map((c) => [c.id, c.priority]));
  let days = 0;
  for (let day = desk.localDayOf(options.from), last = desk.localDayOf(options.to); day <= last; day++) {
    if (!desk.isBusinessDay(day)) continue;
    // The close of the business day before D: the forecast made then covers the rest of that day (nothing) and D.
    let before = day - 1;
    while (!desk.isBusinessDay(before)) before--;
    const at = desk.closingOn(before) as number;
    const horizon = forecastHorizon(desk, at);
    days += 1;

    const open: OpenCaseInput[] = [];
    const resolved: ResolvedCase[] = [];
    for (const c of history) {
      if (c.receivedAt > at) continue;
      const status = statusAt(c, at);
      if (OPEN_CASE_STATUSES.includes(status)) open.push(openAt(c, at, status, sla));
      else if (c.resolvedAt !== null && c.resolvedAt <= at && c.resolvedAt >= at - windowMs && c.respondedAt !== null) {
        const technicianId = assigneeAt(c, c.resolvedAt);
        if (technicianId !== null) resolved.push(resolvedCase(c, technicianId));
      }
    }
    const handling = learnHandling(resolved, desk);
    const forecast = new BreachForecaster({ now: at, desk, cases: open, technicians: options.technicians, handling }).full();
    const named = new Set<string>();
    const flagged = new Set<string>();
    for (const o of forecast.cases) {
      if (o.target === null || o.dueAt === null || o.dueAt <= at || o.dueAt > horizon.end) continue;
      if (o.verdict === 'likely') named.add(`${o.caseId}:${o.target}`);
      if (o.verdict === 'likely' || o.verdict === 'at_risk') flagged.add(`${o.caseId}:${o.target}`);
    }
    const openIds = new Set(open.map((c) => c.id));
    const count = (key: string, field: keyof Tally) => {
      const priority = priorityOf.get(Number(key.split(':')[0])) as Priority;
      total[field] += 1;
      byPriority[priority][field] += 1;
    };
    for (const key of named) count(key, 'named');
    for (const key of flagged) count(key, 'flagged');
    for (const c of history) {
      if (c.receivedAt > horizon.end) continue;
      const outcome = outcomes.get(c.id) as ReturnType<typeof finalOutcome>;
      for (const target of ['response', 'resolution'] as const) {
        const t = outcome[target];
        if (t.dueAt === null || t.dueAt <= at || t.dueAt > horizon.end) continue;
        const key = `${c.id}:${target}`;
        if (openIds.has(c.id)) count(key, 'due');
        if (!(t.metAt === null || t.metAt > t.dueAt)) continue;
        if (!openIds.has(c.id)) {
          // Arrived after the forecast (or was closed then and reopened): it could not be named.
          if (c.receivedAt > at) count(key, 'laterArrivals');
          continue;
        }
        count(key, 'breaches');
        if (named.has(key)) count(key, 'hits');
        if (flagged.has(key)) count(key, 'flaggedHits');
      }
    }
  }
  const share = (a: number, b: number) => (b === 0 ? null : a / b);
  return {
    days,
    total,
    byPriority,
    recall: share(total.hits, total.breaches),
    falseAlarmShare: share(total.named - total.hits, total.named),
    recallWithAtRisk: share(total.flaggedHits, total.breaches),
    falseAlarmShareWithAtRisk: share(total.flagged - total.flaggedHits, total.flagged),
  };
}

function statusAt(c: HistoryCase, at: number): CaseStatus {
  let status: CaseStatus = 'new';
  for (const change of c.statusChanges) {
    if (change.at > at) break;
    status = change.to;
  }
  return status;
}

function assigneeAt(c: HistoryCase, at: number): number | null {
  let assignee: number | null = null;
  for (const a of c.assignments) {
    if (a.at > at) break;
    assignee = a.to;
  }
  return assignee;
}

/** What the SLA knew of the case at `at`: later acknowledgement, pauses' ends and parts are not known yet. */
function factsAt(c: HistoryCase, at: number): CaseSlaFacts {
  return {
    priority: c.priority,
    receivedAt: c.receivedAt,
    clockStartAt: c.clockStartAt,
    policyVersion: c.policyVersion,
    pauses: c.pauses.filter((p) => p.start <= at).map((p) => ({ start: p.start, end: p.end !== null && p.end <= at ? p.end : null })),
    partsArrivedAt: c.partsArrivedAt !== null && c.partsArrivedAt <= at ? c.partsArrivedAt : null,
    respondedAt: c.respondedAt !== null && c.respondedAt <= at ? c.respondedAt : null,
    resolvedAt: null,
    resolutionDueOverride: null,
  };
}

function openAt(c: HistoryCase, at: number, status: CaseStatus, sla: SlaFacade): OpenCaseInput {
  const facts = factsAt(c, at);
  const due = sla.deadlines(facts);
  return {
    id: c.id,
    priority: c.priority,
    categoryId: c.categoryId,
    status,
    assigneeId: assigneeAt(c, at),
    responseDueAt: facts.respondedAt === null ? due.responseDueAt : null,
    resolutionDueAt: due.resolutionDueAt,
  };
}

function resolvedCase(c: HistoryCase, technicianId: number): ResolvedCase {
  return {
    id: c.id,
    technicianId,
    categoryId: c.categoryId,
    priority: c.priority,
    workFrom: Math.max(c.respondedAt as number, c.clockStartAt ?? 0),
    resolvedAt: c.resolvedAt as number,
    pauses: c.pauses,
  };
}

function finalOutcome(c: HistoryCase, sla: SlaFacade): Record<'response' | 'resolution', { dueAt: number | null; metAt: number | null }> {
  const due = sla.deadlines({
    priority: c.priority,
    receivedAt: c.receivedAt,
    clockStartAt: c.clockStartAt,
    policyVersion: c.policyVersion,
    pauses: c.pauses,
    partsArrivedAt: c.partsArrivedAt,
    respondedAt: c.respondedAt,
    resolvedAt: c.resolvedAt,
    resolutionDueOverride: null,
  });
  return { response: { dueAt: due.responseDueAt, metAt: c.respondedAt }, resolution: { dueAt: due.resolutionDueAt, metAt: c.resolvedAt } };
}
