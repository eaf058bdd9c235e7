/**
 * The engine as the rest of the core uses it: one business calendar and the registry of policy
 * versions, so a service asks about a case without choosing the policy itself — the case's own
 * policyVersion picks it, and a new version never changes an old case. A version that states its
 * own desk hours and cutoff is computed on a calendar with those hours (and the desk's zone,
 * holidays and closures); one that does not (2026.1) on the desk's calendar as it is.
 */
import type { BusinessCalendar } from './business-calendar';
import { compiledCalendar, defaultBusinessCalendar } from './calendar-cache';
import { withDeskHours } from './calendar-spec';
import { computeDeadlines, type CaseDeadlines, type SlaCase } from './case-deadlines';
import { describeClockStart, explainDeadlines } from './explanation';
import { PolicyRegistry } from './policy-registry';
import type { SlaPolicy } from './sla-policy';
import { slaStatusAt, type CaseSlaStatus, type SlaEvent } from './sla-status';

export class SlaEngine {
  readonly calendar: BusinessCalendar;
  readonly policies: PolicyRegistry;
  /** Per version with its own desk hours: its calendar (the engine is rebuilt when closures change). */
  private readonly calendars = new Map<string, BusinessCalendar>();

  constructor(options: { calendar?: BusinessCalendar; policies?: PolicyRegistry } = {}) {
    this.calendar = options.calendar ?? defaultBusinessCalendar();
    this.policies = options.policies ?? new PolicyRegistry();
  }

  /** The calendar a version's cases are computed on. */
  calendarFor(policy: SlaPolicy): BusinessCalendar {
    if (policy.deskHours === undefined) return this.calendar;
    let calendar = this.calendars.get(policy.version);
    if (calendar === undefined) {
      calendar = compiledCalendar(withDeskHours(this.calendar.spec, policy.deskHours.weeklyHours, policy.deskHours.intakeCutoff));
      this.calendars.set(policy.version, calendar);
    }
    return calendar;
  }

  /** The calendar of a case's own version. */
  calendarOf(kase: Pick<SlaCase, 'policyVersion'>): BusinessCalendar {
    return this.calendarFor(this.policies.get(kase.policyVersion));
  }

  deadlines(kase: SlaCase): CaseDeadlines {
    const policy = this.policies.get(kase.policyVersion);
    return computeDeadlines(kase, policy, this.calendarFor(policy));
  }

  status(kase: SlaCase, at: number): CaseSlaStatus {
    const policy = this.policies.get(kase.policyVersion);
    return slaStatusAt(kase, policy, this.calendarFor(policy), at);
  }

  /** The next warning or breach instant after `after`; what the scheduler sleeps until. */
  nextEvent(kase: SlaCase, after: number): SlaEvent | null {
    return this.status(kase, after).nextEvent;
  }

  isWithinBusinessHours(at: number): boolean {
    return this.calendar.isOpen(at);
  }

  /** E.g. "Received Tue, Mar 3, 2026, 4:30 PM CST, after the 4:00 PM intake cutoff: counted as submitted Wed, …". */
  describeClockStart(kase: SlaCase): string {
    return describeClockStart(this.deadlines(kase).clockStart, this.calendarOf(kase));
  }

  explain(kase: SlaCase): string[] {
    return explainDeadlines(this.deadlines(kase), this.calendarOf(kase), kase);
  }
}
