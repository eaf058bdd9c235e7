import { DateTime } from 'luxon';
import type { Priority } from '../../shared/domain';
import {
  clockStartFor,
  compiledCalendar,
  DEFAULT_CALENDAR_SPEC,
  defaultBusinessCalendar,
  PolicyRegistry,
  SlaEngine,
  type BusinessCalendar,
  type ClockStartRule,
  type ClosureDate,
  policyProblems,
  type PolicyProblem,
  type SlaCase,
  type SlaPolicy,
} from './sla';
import { businessMeasure, CLOCK_MEASURE, normalizePauses, usedBetween } from './sla/paused-time';
import type { TargetUnit } from './sla/sla-policy';
import type { TargetStatus } from './sla/sla-status';
import type { CaseSlaFacts, CaseSlaMs, DeskHours, PlannedDeadlines, ReportLedger, SlaAlertEvent, SlaFacade, TargetClockMs, TargetLedger } from './services/sla-facade';

/** Clock-start rules under which a case counts from a later opening than its receipt. */
const DEFERRED: readonly ClockStartRule[] = ['after-cutoff', 'closed-day', 'after-closing', 'before-opening', 'between-intervals'];

const CUTOFF_NOTE: Partial<Record<ClockStartRule, string>> = {
  'after-cutoff': 'received after 4 PM: counted as submitted',
  'after-closing': 'received after closing: counted as submitted',
  'closed-day': 'received on a closed day: counted as submitted',
  'before-opening': 'received before opening: counted as submitted',
  'between-intervals': 'received while the desk was closed: counted as submitted',
};

/** "Scheduled System / Network Maintenance Periods: Saturdays 8 a.m. to Noon." */
const MAINTENANCE = { weekday: 6, startHour: 8, endHour: 12 } as const;

/**
 * The SLA engine as the services use it: new cases are opened under the policy version in force
 * when they were received; existing cases are computed under their own version (and its desk
 * hours); instants are put into words in the calendar's zone.
 */
export class SlaDesk implements SlaFacade {
  private current: SlaEngine;

  constructor(calendar: BusinessCalendar = defaultBusinessCalendar(), policies: PolicyRegistry = new PolicyRegistry()) {
    this.current = new SlaEngine({ calendar, policies });
  }

  get engine(): SlaEngine {
    return this.current;
  }

  /** The agreement's calendar with the district's own closure dates added (snow days, breaks). */
  setClosures(closures: readonly ClosureDate[]): void {
    const calendar = closures.length ? compiledCalendar({ ...DEFAULT_CALENDAR_SPEC, closures }) : defaultBusinessCalendar();
    this.current = new SlaEngine({ calendar, policies: this.current.policies });
  }

  get timeZone(): string {
    return this.calendar.zone;
  }

  private get calendar(): BusinessCalendar {
    return this.engine.calendar;
  }

  registerPolicy(policy: SlaPolicy, effectiveFrom: number): void {
    this.engine.policies.register(policy, effectiveFrom);
  }

  policyInForce(at: number): SlaPolicy {
    return this.engine.policies.inForceAt(at);
  }

  policy(version: string): SlaPolicy | null {
    return this.engine.policies.has(version) ? this.engine.policies.get(version) : null;
  }

  policyProblems(policy: SlaPolicy, sampleFrom: number): PolicyProblem[] {
    return policyProblems(policy, this.calendar, sampleFrom);
  }

  plan(priority: Priority, receivedAt: number): PlannedDeadlines {
    const policy = this.engine.policies.inForceAt(receivedAt);
    const d = this.engine.deadlines({ priority, receivedAt, policyVersion: policy.version });
    return {
      clockStartAt: d.clockStart.at,
      responseDueAt: d.response.dueAt,
      resolutionDueAt: d.resolution.dueAt,
      policyVersion: policy.version,
      startDeferred: DEFERRED.includes(d.clockStart.rule) && d.clockStart.at !== receivedAt,
    };
  }

  deadlines(facts: CaseSlaFacts): { responseDueAt: number | null; resolutionDueAt: number | null } {
    const d = this.engine.deadlines(this.toSlaCase(facts));
    return { responseDueAt: d.response.dueAt, resolutionDueAt: facts.resolutionDueOverride ?? d.resolution.dueAt };
  }

  status(facts: CaseSlaFacts, now: number): CaseSlaMs {
    const s = this.engine.status(this.toSlaCase(facts), now);
    const response = clockOf(s.response, now);
    let resolution = clockOf(s.resolution, now);
    if (facts.resolutionDueOverride !== null) resolution = overriddenClock(facts, s.clockStart.at, now);
    return { response, resolution, paused: s.response.paused || s.resolution.paused };
  }

  alertEvents(facts: CaseSlaFacts, now: number): SlaAlertEvent[] {
    const s = this.engine.status(this.toSlaCase(facts), now);
    const events: SlaAlertEvent[] = [];
    const add = (t: TargetStatus) => {
      for (const e of t.events) events.push({ kind: e.kind, target: e.target, at: e.at, threshold: e.threshold, dueAt: t.dueAt, measure: t.measure });
    };
    add(s.response);
    if (facts.resolutionDueOverride === null) add(s.resolution);
    else if (facts.resolvedAt === null) {
      const own = overriddenClock(facts, s.clockStart.at, now);
      const dueAt = own.dueAt as number;
      events.push({ kind: 'warning', target: 'resolution', at: own.warnAt as number, threshold: '75% used', dueAt, measure: 'clock' });
      events.push({ kind: 'breach', target: 'resolution', at: dueAt + 1, threshold: 'breached', dueAt, measure: 'clock' });
    }
    return events.sort((a, b) => a.at - b.at);
  }

  reportLedger(facts: CaseSlaFacts, now: number): ReportLedger {
    const kase = this.toSlaCase(facts);
    const s = this.engine.status(kase, now);
    const policy = this.engine.policies.get(facts.policyVersion);
    const calendar = this.engine.calendarFor(policy);
    const start = s.clockStart.at;
    const pausesFrom = normalizePauses(facts.pauses, start, now);
    const ledgerOf = (t: TargetStatus, unit: TargetUnit | undefined, reached: number | null, override: number | null): TargetLedger => {
      const reachedAt = reached !== null && reached <= now ? reached : null;
      const shownUnit = unit ?? 'business-days';
      const measure = shownUnit === 'clock-hours' ? CLOCK_MEASURE : businessMeasure(calendar);
      // From the clock start, whatever the target counts from (parts arrival restarts the ledger, not the case's time).
      const elapsedMs = reachedAt === null ? null : usedBetween(measure, start, reachedAt, pausesFrom);
      const dueAt = override ?? t.dueAt;
      const hasTarget = override !== null || unit !== undefined;
      let outcome: TargetLedger['outcome'];
      if (!hasTarget) outcome = 'none';
      else if (reachedAt !== null) outcome = dueAt !== null && reachedAt > dueAt ? 'breached' : 'met';
      else outcome = dueAt !== null && now > dueAt ? 'breached' : 'open';
      return { unit: shownUnit, hasTarget, dueAt, reachedAt, elapsedMs, outcome };
    };
    const targets = policy.targets[facts.priority];
    return {
      clockStartAt: start,
      businessDayMs: calendar.standardDayMs,
      response: ledgerOf(s.response, targets.response?.unit, facts.respondedAt, null),
      resolution: ledgerOf(s.resolution, targets.resolution?.unit, facts.resolvedAt, facts.resolutionDueOverride),
    };
  }

  explain(facts: CaseSlaFacts): string[] {
    const lines = this.engine.explain(this.toSlaCase(facts));
    if (facts.resolutionDueOverride !== null) {
      lines.push(`Resolution due ${this.words(facts.resolutionDueOverride)}, set by the case's project phases or maintenance window.`);
    }
    return lines;
  }

  describeDue(instant: number, now: number): string {
    const due = this.local(instant);
    // Calendar days apart in the desk's zone, and the time, from the fields: the scheduler words every
    // alert it delivers with this, and luxon's startOf/diff/toFormat cost four times as much.
    const days = dayNumber(due) - dayNumber(this.local(now));
    const time = `${due.hour % 12 || 12}:${String(due.minute).padStart(2, '0')} ${due.hour < 12 ? 'AM' : 'PM'}`;
    if (days === 0) return `today ${time}`;
    if (days === 1) return `tomorrow ${time}`;
    if (days === -1) return `yesterday ${time}`;
    if (days > 1 && days < 7) return `${due.toFormat('cccc')} ${time}`;
    return `${due.toFormat('ccc, LLL d')} ${time}`;
  }

  cutoffNote(receivedAt: number, plan: PlannedDeadlines): string | null {
    if (!plan.startDeferred) return null;
    const policy = this.engine.policies.get(plan.policyVersion);
    // Which rule deferred it decides the wording; the first cutoff priority stands for all of them.
    const rule = clockStartFor(policy.intakeCutoffPriorities[0] ?? 2, receivedAt, policy, this.engine.calendarFor(policy)).rule;
    return `${CUTOFF_NOTE[rule] ?? 'counted as submitted'} ${this.local(plan.clockStartAt).toFormat('cccc h:mm a')}`;
  }

  deskHours(now: number): DeskHours {
    // The hours of the version in force now (2026.1: the desk's calendar).
    const policy = this.engine.policies.inForceAt(now);
    const calendar = this.engine.calendarFor(policy);
    const open = calendar.isOpen(now);
    const start = clockStartFor(policy.intakeCutoffPriorities[0] ?? 2, now, policy, calendar);
    const cutoffApplies = start.at > now && start.rule !== 'before-opening' && start.rule !== 'between-intervals';
    const today = calendar.localDayOf(now);
    const closing = calendar.closingOn(today);
    const cutoff = calendar.cutoffOn(today);
    let message: string;
    if (open) {
      const closes = closing !== null && closing > now ? ` until ${this.local(closing).toFormat('h:mm a')}` : '';
      message = cutoffApplies
        ? `Phones open${closes} · after the ${this.local(cutoff ?? now).toFormat('h a')} cutoff: new cases count from ${this.describeDue(start.at, now)}`
        : `Phones open${closes}${cutoff !== null && cutoff > now ? ` · calls after ${this.local(cutoff).toFormat('h:mm a')} count as the next business day` : ''}`;
    } else {
      message = `Phones closed · opens ${this.describeDue(calendar.nextOpenAt(now), now)} · priority 1: call the on-call technician`;
    }
    return { timeZone: this.calendar.zone, phoneHoursOpen: open, cutoffApplies, message };
  }

  addBusinessDays(from: number, days: number): number {
    return this.calendar.addBusinessMs(from, days * this.calendar.standardDayMs);
  }

  businessMsBetween(a: number, b: number): number {
    return a >= b ? 0 : this.calendar.businessMsBetween(a, b);
  }

  endOfBusinessOn(date: string): number {
    const day = DateTime.fromISO(date, { zone: this.calendar.zone });
    const closing = this.calendar.closingOn(this.calendar.localDayOf(day.toMillis()));
    return closing ?? day.endOf('day').toMillis();
  }

  openingBusinessDaysBefore(at: number, days: number): number {
    if (days <= 0) return at;
    let day = this.calendar.localDayOf(at);
    // A calendar with no business day in a year back would loop for ever: give up there.
    for (let found = 0, looked = 0; found < days; looked++) {
      if (looked > 366 * days) throw new Error(`no ${days} business days found before ${new Date(at).toISOString()}`);
      day -= 1;
      if (this.calendar.isBusinessDay(day)) found++;
    }
    return this.calendar.openingOn(day) as number;
  }

  nextMaintenanceWindow(now: number): { startAt: number; endAt: number } {
    let day = this.local(now).startOf('day');
    for (;;) {
      if (day.weekday === MAINTENANCE.weekday) {
        const endAt = day.set({ hour: MAINTENANCE.endHour }).toMillis();
        if (endAt > now) return { startAt: day.set({ hour: MAINTENANCE.startHour }).toMillis(), endAt };
      }
      day = day.plus({ days: 1 });
    }
  }

  isWithinBusinessHours(at: number): boolean {
    return this.calendar.isOpen(at);
  }

  nextOpenAt(at: number): number {
    return this.calendar.nextOpenAt(at);
  }

  private toSlaCase(f: CaseSlaFacts): SlaCase {
    return {
      priority: f.priority,
      receivedAt: f.receivedAt,
      ...(f.clockStartAt !== null ? { clockStartAt: f.clockStartAt } : {}),
      policyVersion: f.policyVersion,
      pauses: f.pauses,
      partsArrivedAt: f.partsArrivedAt,
      respondedAt: f.respondedAt,
      resolvedAt: f.resolvedAt,
    };
  }

  private words(t: number): string {
    return this.local(t).toFormat('ccc, LLL d, yyyy, h:mm a');
  }

  private local(t: number): DateTime {
    return DateTime.fromMillis(t, { zone: this.calendar.zone }).setLocale('en-US');
  }
}

function clockOf(t: TargetStatus, now: number): TargetClockMs {
  const warnAt = t.events.find((e) => e.kind === 'warning')?.at ?? null;
  let state: TargetClockMs['state'];
  if (t.countsFrom === null || t.amountMs === null) state = t.met ? 'met' : 'none';
  else if (t.met) state = 'met';
  else if (t.breached) state = 'breached';
  // Suspended: a pause still running holds the clock (also when it began before the clock started).
  else if (t.paused || t.suspended) state = 'paused';
  else if (warnAt !== null && now >= warnAt) state = 'at_risk';
  else state = 'on_track';
  return { dueAt: t.dueAt, warnAt, metAt: t.metAt, state, remainingMs: t.remainingMs, measure: t.measure };
}

/** A resolution date set by phases or a window: at risk once three quarters of the span from clock start have passed. */
function overriddenClock(f: CaseSlaFacts, start: number, now: number): TargetClockMs {
  const dueAt = f.resolutionDueOverride as number;
  const warnAt = start + Math.round((dueAt - start) * 0.75);
  const metAt = f.resolvedAt !== null && f.resolvedAt <= now ? f.resolvedAt : null;
  const state = metAt !== null ? 'met' : now > dueAt ? 'breached' : now >= warnAt ? 'at_risk' : 'on_track';
  return { dueAt, warnAt, metAt, state, remainingMs: dueAt - now, measure: 'clock' };
}

/** A local date as a whole number of days (the same for every instant of that day). */
function dayNumber(d: DateTime): number {
  return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
}
