/**
 * What is due for one case, and when it next needs looking at. Pure: the scheduler feeds it the
 * case's SLA status and what the ledger has delivered, and stores the answer.
 */
import type { AlertKind } from '../../../shared/alerts';
import type { Priority } from '../../../shared/domain';

export interface TimedAlert {
  kind: AlertKind;
  /** The instant it falls due; with the kind, what the ledger keys delivery on. */
  at: number;
  /** For SLA warnings and breaches: which target, its due instant and what crossed. */
  target?: 'response' | 'resolution';
  dueAt?: number | null;
  threshold?: string;
  /** Warnings of business-time targets wait for business hours (except priority 1). */
  businessHoursOnly: boolean;
}

export interface CaseAlertInputs {
  priority: Priority;
  receivedAt: number;
  /** Every warning and breach instant of the case's targets, past ones included (none while paused or once met). */
  slaEvents: readonly { kind: 'warning' | 'breach'; target: 'response' | 'resolution'; at: number; threshold: string; dueAt: number | null; measure: 'clock' | 'business' | null }[];
  contactDueTimes: readonly number[];
  autoCloseAt: number | null;
  /** A paged priority 1 not acknowledged by then is escalated (escalation/page-instants.ts); null: nothing to escalate. */
  escalateAt?: number | null;
  /** The vendor's expected parts date has passed (escalation/page-instants.ts); null: not awaiting parts. */
  partsOverdueAt?: number | null;
}

export interface AlertPlan {
  due: TimedAlert[];
  /** Warnings that a breach of the same target has overtaken: recorded, not shown. */
  superseded: TimedAlert[];
  nextAt: number | null;
}

export function candidateAlerts(input: CaseAlertInputs): TimedAlert[] {
  const alerts: TimedAlert[] = [];
  // "Must Be Called to the Help Desk or Tech … Will call technicians for immediate response."
  if (input.priority === 1) alerts.push({ kind: 'p1_received', at: input.receivedAt, businessHoursOnly: false });
  for (const e of input.slaEvents) {
    const kind: AlertKind = `${e.target}_${e.kind}` as AlertKind;
    alerts.push({
      kind,
      at: e.at,
      target: e.target,
      dueAt: e.dueAt,
      threshold: e.threshold,
      businessHoursOnly: e.kind === 'warning' && e.measure === 'business' && input.priority !== 1,
    });
  }
  for (const at of input.contactDueTimes) alerts.push({ kind: 'contact_due', at, businessHoursOnly: true });
  if (input.autoCloseAt !== null) alerts.push({ kind: 'auto_closed', at: input.autoCloseAt, businessHoursOnly: false });
  if (input.escalateAt != null) alerts.push({ kind: 'p1_escalation', at: input.escalateAt, businessHoursOnly: false });
  // Nobody can call a vendor at midnight: the reminder waits for the desk to open.
  if (input.partsOverdueAt != null) alerts.push({ kind: 'parts_overdue', at: input.partsOverdueAt, businessHoursOnly: true });
  return alerts.sort((a, b) => a.at - b.at);
}

/**
 * Splits a case's alerts at `now` into those to deliver, those overtaken, and the next instant
 * to look again. `delivered` holds "kind@at" keys already in the ledger. `nextOpenAt` gives the
 * next business-hours instant for alerts that must wait for it.
 */
export function planAlerts(
  candidates: readonly TimedAlert[],
  delivered: ReadonlySet<string>,
  now: number,
  withinBusinessHours: boolean,
  nextOpenAt: () => number,
): AlertPlan {
  const pending = candidates.filter((a) => !delivered.has(alertKey(a)));
  const dueNow = pending.filter((a) => a.at <= now);
  const breachedTargets = new Set(dueNow.filter((a) => a.kind.endsWith('_breach')).map((a) => a.target));
  const superseded = dueNow.filter((a) => a.kind.endsWith('_warning') && breachedTargets.has(a.target));
  const deliverable = dueNow.filter((a) => !superseded.includes(a));
  const due = deliverable.filter((a) => !a.businessHoursOnly || withinBusinessHours);
  const waiting = deliverable.length > due.length;
  const future = pending.filter((a) => a.at > now).map((a) => a.at);
  const candidatesNext = [...future, ...(waiting ? [nextOpenAt()] : [])];
  return { due, superseded, nextAt: candidatesNext.length ? Math.min(...candidatesNext) : null };
}

export function alertKey(a: { kind: string; at: number }): string {
  return `${a.kind}@${a.at}`;
}
