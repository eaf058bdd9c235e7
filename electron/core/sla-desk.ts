import { DateTime } from 'luxon';
import type { Priority } from '../../shared/domain';
import type { BusinessCalendar } from './sla/business-calendar';
import { defaultBusinessCalendar } from './sla/calendar-cache';
import { computeDeadlines } from './sla/case-deadlines';
import { clockStartFor, type ClockStartRule } from './sla/clock-start';
import { PolicyRegistry } from './sla/policy-registry';
import type { DeskHours, PlannedDeadlines, SlaFacade } from './services/sla-facade';

/** Clock-start rules under which a case counts from a later opening than its receipt. */
const DEFERRED: readonly ClockStartRule[] = ['after-cutoff', 'closed-day', 'after-closing', 'before-opening', 'between-intervals'];

const CUTOFF_NOTE: Partial<Record<ClockStartRule, string>> = {
  'after-cutoff': 'received after 4 PM: counted as submitted',
  'after-closing': 'received after closing: counted as submitted',
  'closed-day': 'received on a closed day: counted as submitted',
  'before-opening': 'received before opening: counted as submitted',
  'between-intervals': 'received while the desk was closed: counted as submitted',
};

/**
 * The SLA engine as the services use it: new cases are opened under the latest policy version
 * on the desk's calendar, and instants are put into words in the calendar's zone.
 */
export class SlaDesk implements SlaFacade {
  private readonly rules = new Map<string, ClockStartRule>();

  constructor(
    readonly calendar: BusinessCalendar = defaultBusinessCalendar(),
    readonly policies: PolicyRegistry = new PolicyRegistry(),
  ) {}

  plan(priority: Priority, receivedAt: number): PlannedDeadlines {
    const policy = this.policies.latest;
    const d = computeDeadlines({ priority, receivedAt, policyVersion: policy.version }, policy, this.calendar);
    return {
      clockStartAt: d.clockStart.at,
      responseDueAt: d.response.dueAt,
      resolutionDueAt: d.resolution.dueAt,
      policyVersion: policy.version,
      startDeferred: DEFERRED.includes(d.clockStart.rule) && d.clockStart.at !== receivedAt,
    };
  }

  describeDue(instant: number, now: number): string {
    const due = this.local(instant);
    const today = this.local(now).startOf('day');
    const days = Math.round(due.startOf('day').diff(today, 'days').days);
    const time = due.toFormat('h:mm a');
    if (days === 0) return `today ${time}`;
    if (days === 1) return `tomorrow ${time}`;
    if (days === -1) return `yesterday ${time}`;
    if (days > 1 && days < 7) return `${due.toFormat('cccc')} ${time}`;
    return `${due.toFormat('ccc, LLL d')} ${time}`;
  }

  cutoffNote(receivedAt: number, plan: PlannedDeadlines): string | null {
    if (!plan.startDeferred) return null;
    const policy = this.policies.get(plan.policyVersion);
    // Which rule deferred it decides the wording; the lowest cutoff priority stands for all of them.
    const priority = policy.intakeCutoffPriorities[0] ?? 2;
    const rule = clockStartFor(priority, receivedAt, policy, this.calendar).rule;
    const lead = CUTOFF_NOTE[rule] ?? 'counted as submitted';
    return `${lead} ${this.local(plan.clockStartAt).toFormat('cccc h:mm a')}`;
  }

  deskHours(now: number): DeskHours {
    const open = this.calendar.isOpen(now);
    const policy = this.policies.latest;
    const start = clockStartFor(policy.intakeCutoffPriorities[0] ?? 2, now, policy, this.calendar);
    const cutoffApplies = start.at > now && start.rule !== 'before-opening' && start.rule !== 'between-intervals';
    const today = this.calendar.localDayOf(now);
    const closing = this.calendar.closingOn(today);
    const cutoff = this.calendar.cutoffOn(today);
    const when = (t: number) => this.describeDue(t, now);
    let message: string;
    if (open) {
      const closes = closing !== null && closing > now ? ` until ${this.local(closing).toFormat('h:mm a')}` : '';
      message = cutoffApplies
        ? `Phones open${closes} · after the ${this.local(cutoff ?? now).toFormat('h a')} cutoff: new cases count from ${when(start.at)}`
        : `Phones open${closes}${cutoff !== null && cutoff > now ? ` · calls after ${this.local(cutoff).toFormat('h:mm a')} count as the next business day` : ''}`;
    } else {
      message = `Phones closed · opens ${when(this.calendar.nextOpenAt(now))} · priority 1: call the on-call technician`;
    }
    return { timeZone: this.calendar.zone, phoneHoursOpen: open, cutoffApplies, message };
  }

  private local(t: number): DateTime {
    return DateTime.fromMillis(t, { zone: this.calendar.zone });
  }
}
