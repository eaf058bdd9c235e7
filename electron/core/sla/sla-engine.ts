/**
 * The engine as the rest of the core uses it: one business calendar and the registry of policy
 * versions, so a service asks about a case without choosing the policy itself — the case's own
 * policyVersion picks it, and a new version never changes an old case.
 */
import type { BusinessCalendar } from './business-calendar';
import { defaultBusinessCalendar } from './calendar-cache';
import { computeDeadlines, type CaseDeadlines, type SlaCase } from './case-deadlines';
import { describeClockStart, explainDeadlines } from './explanation';
import { PolicyRegistry } from './policy-registry';
import { slaStatusAt, type CaseSlaStatus, type SlaEvent } from './sla-status';

export class SlaEngine {
  readonly calendar: BusinessCalendar;
  readonly policies: PolicyRegistry;

  constructor(options: { calendar?: BusinessCalendar; policies?: PolicyRegistry } = {}) {
    this.calendar = options.calendar ?? defaultBusinessCalendar();
    this.policies = options.policies ?? new PolicyRegistry();
  }

  deadlines(kase: SlaCase): CaseDeadlines {
    return computeDeadlines(kase, this.policies.get(kase.policyVersion), this.calendar);
  }

  status(kase: SlaCase, at: number): CaseSlaStatus {
    return slaStatusAt(kase, this.policies.get(kase.policyVersion), this.calendar, at);
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
    return describeClockStart(this.deadlines(kase).clockStart, this.calendar);
  }

  explain(kase: SlaCase): string[] {
    return explainDeadlines(this.deadlines(kase), this.calendar, kase);
  }
}
