/**
 * Whether the SLA engine can compute a policy version, beyond its shape: every target has a
 * positive, finite amount the calendar can reach; desk hours have at least one open interval, each
 * valid and in order; the cutoff lies within the desk's hours; warnings fall inside a target. The
 * last word is the engine's own: a sample of cases is computed under the version, and any failure
 * (or a due instant that is not later than the clock start) becomes a problem naming the field.
 */
import { PRIORITIES, type Priority } from '../../../shared/domain';
import type { BusinessCalendar } from './business-calendar';
import { PolicyRegistry } from './policy-registry';
import { SlaEngine } from './sla-engine';
import type { SlaPolicy, TargetUnit } from './sla-policy';
import { parseTimeOfDay, WEEKDAYS } from './weekly-hours';

/** A field of the policy body (e.g. `targets.2.resolution.amount`) and what is wrong with it, in words. */
export interface PolicyProblem {
  field: string;
  message: string;
}

/** Longest target the desk accepts per unit: a year's worth (the engine's calendar reaches far, a target of years is a typo). */
export const MAX_TARGET: Readonly<Record<TargetUnit, number>> = { 'clock-hours': 8_760, 'business-hours': 2_600, 'business-days': 260 };
const UNIT_WORDS: Readonly<Record<TargetUnit, string>> = { 'clock-hours': 'clock hours', 'business-hours': 'working hours', 'business-days': 'working days' };
const MAX_WARNING_MINUTES = 10_080;
const HOUR = 3_600_000;

/**
 * The problems of a policy, in the order of the form (empty: the engine computes it). `calendar`
 * is the desk's own (zone, holidays, closures), which the version's desk hours replace the week of.
 */
export function policyProblems(policy: SlaPolicy, calendar: BusinessCalendar, sampleFrom: number): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const hoursOk = checkDeskHours(policy, add);
  PRIORITIES.forEach((p) => {
    const targets = policy.targets[p];
    if (targets.response === null) add(`targets.${p}.response`, `Priority ${p} needs a response target: the agreement measures how fast every call is acknowledged`);
    for (const kind of ['response', 'resolution'] as const) {
      const target = targets[kind];
      if (target === null) continue;
      const where = `targets.${p}.${kind}.amount`;
      const max = MAX_TARGET[target.unit];
      if (!Number.isFinite(target.amount) || target.amount <= 0) add(where, `Priority ${p} ${kind} target must be more than 0 ${UNIT_WORDS[target.unit]}`);
      else if (target.amount > max) add(where, `Priority ${p} ${kind} target must be at most ${max} ${UNIT_WORDS[target.unit]} (a year)`);
    }
  });
  const seen = new Set<Priority>();
  policy.intakeCutoffPriorities.forEach((p, i) => {
    if (seen.has(p)) add(`intakeCutoffPriorities.${i}`, `Priority ${p} is listed twice under the intake cutoff`);
    seen.add(p);
  });
  policy.warnings.fractionsUsed.forEach((f, i) => {
    if (!(Number.isFinite(f) && f > 0 && f < 1)) add(`warnings.fractionsUsed.${i}`, 'A warning share of the target must be more than 0% and less than 100%');
  });
  policy.warnings.minutesBeforeDue.forEach((m, i) => {
    if (!(Number.isFinite(m) && m > 0 && m <= MAX_WARNING_MINUTES)) add(`warnings.minutesBeforeDue.${i}`, `A warning before the due time must be between 1 and ${MAX_WARNING_MINUTES} minutes`);
  });
  // The engine runs only on a policy whose parts are each sound; its failures then name the target.
  if (problems.length === 0 && hoursOk) problems.push(...trialRun(policy, calendar, sampleFrom));
  return problems;
}

function checkDeskHours(policy: SlaPolicy, add: (field: string, message: string) => void): boolean {
  const hours = policy.deskHours;
  if (hours === undefined) return true;
  const before = { count: 0 };
  const problem = (field: string, message: string) => {
    before.count++;
    add(field, message);
  };
  let earliest = Infinity;
  let latest = -Infinity;
  for (const day of WEEKDAYS) {
    let previousClose = -1;
    hours.weeklyHours[day].forEach((interval, i) => {
      const where = `weeklyHours.${day}.${i}`;
      const open = parseTimeOfDay(interval.open);
      const close = parseTimeOfDay(interval.close);
      if (open === null || open >= 86_400) return problem(`${where}.open`, 'Opening must be a time like 07:00');
      if (close === null) return problem(`${where}.close`, 'Closing must be a time like 17:00 (24:00 for midnight)');
      if (close <= open) return problem(`${where}.close`, 'Closing must be later than opening');
      if (open < previousClose) return problem(`${where}.open`, 'Opening must not be before the previous interval of the day closes: list intervals in order, without overlap');
      previousClose = close;
      earliest = Math.min(earliest, open);
      latest = Math.max(latest, close);
    });
  }
  if (before.count > 0) return false;
  if (earliest === Infinity) {
    problem('weeklyHours', 'The desk needs opening hours on at least one weekday: working-hour and working-day targets count only open hours');
    return false;
  }
  if (hours.intakeCutoff !== null) {
    const cutoff = parseTimeOfDay(hours.intakeCutoff);
    if (cutoff === null) problem('intakeCutoff', 'Intake cutoff must be a time like 16:00');
    else if (cutoff <= earliest || cutoff > latest) problem('intakeCutoff', `Intake cutoff must lie within the desk hours (after ${clockWords(earliest)}, at or before ${clockWords(latest)})`);
  }
  return before.count === 0;
}

/**
 * Computes sample cases under the policy: every priority, received at instants spread over all
 * times of day and days of the week, and over the year's end (holidays), each judged after its due
 * instants. The sample is small (a few hundred cases): checking a draft takes milliseconds.
 */
function trialRun(policy: SlaPolicy, calendar: BusinessCalendar, from: number): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  let engine: SlaEngine;
  try {
    engine = new SlaEngine({ calendar, policies: new PolicyRegistry([policy]) });
    engine.calendarFor(policy).isOpen(from);
  } catch (error) {
    return [{ field: policy.deskHours ? 'weeklyHours' : 'targets', message: `The SLA engine cannot build the desk calendar of this version: ${messageOf(error)}` }];
  }
  const instants: number[] = [];
  // 37 h 13 min apart: the sample walks through every hour of the day and every weekday.
  for (let i = 0; i < 40; i++) instants.push(from + i * (37 * HOUR + 13 * 60_000));
  const year = new Date(from).getUTCFullYear();
  instants.push(Date.UTC(year, 11, 24, 22), Date.UTC(year, 11, 31, 23, 30), Date.UTC(year, 6, 3, 21));
  for (const p of PRIORITIES) {
    const failed = new Set<string>();
    for (const receivedAt of instants) {
      for (const kind of ['response', 'resolution'] as const) {
        const field = `targets.${p}.${kind}`;
        if (failed.has(field) || policy.targets[p][kind] === null) continue;
        try {
          const kase = { priority: p, receivedAt, policyVersion: policy.version };
          const d = engine.deadlines(kase)[kind];
          const dueAt = d.dueAt;
          if (dueAt === null || !Number.isFinite(dueAt) || dueAt <= engine.deadlines(kase).clockStart.at) {
            throw new Error(`no due instant after the clock start (got ${String(dueAt)})`);
          }
          engine.status(kase, dueAt + 1);
        } catch (error) {
          failed.add(field);
          problems.push({ field: `${field}.amount`, message: `Priority ${p} ${kind} target cannot be computed for a case received ${new Date(receivedAt).toISOString()}: ${messageOf(error)}` });
        }
      }
    }
    const response = policy.targets[p].response;
    const resolution = policy.targets[p].resolution;
    if (failed.size === 0 && response !== null && resolution !== null) {
      // A response due after the resolution cannot be met as the agreement means it: the case would be solved before acknowledged.
      const late = instants.find((receivedAt) => {
        const d = engine.deadlines({ priority: p, receivedAt, policyVersion: policy.version });
        return (d.response.dueAt as number) > (d.resolution.dueAt as number);
      });
      if (late !== undefined) problems.push({ field: `targets.${p}.response.amount`, message: `Priority ${p} response would be due after its resolution (for a case received ${new Date(late).toISOString()}): shorten the response target or lengthen the resolution` });
    }
  }
  return problems;
}

function clockWords(seconds: number): string {
  return `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
