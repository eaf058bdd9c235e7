import { ALERT_KIND_LABELS, type Alert, type AlertBatch, type AlertDigest, type AlertKind } from '../../../shared/alerts';
import type { ShellNavigation } from '../../../shared/contract';
import { formatCaseNumber } from '../../../shared/domain';

/**
 * Which OS notifications one person gets for one `alerts.raised` batch, and what they say. The
 * batch carries every recipient's alerts; a console shows only those of the person at it.
 * Muted alerts are in the ledger and in the recent list, but never shown or sounded. Alerts that
 * fell due while Deskwatch was closed arrive with a digest per kind; the digest is shown once in
 * their place, so a morning start is one notification per kind rather than one per case.
 */
export interface NotificationPlan {
  /** Stable for the same alert or digest, so the same thing is never shown twice. */
  key: string;
  title: string;
  body: string;
  /** `silent` of Electron's Notification: the person's sound preference. */
  silent: boolean;
  /** Breaches and priority 1 stay on screen where the system allows it (Linux `critical`, Windows `never` time out). */
  urgent: boolean;
  /** Where a click takes the window. */
  opens: ShellNavigation;
}

const URGENT_KINDS: ReadonlySet<AlertKind> = new Set(['response_breach', 'resolution_breach', 'p1_received']);
const CASES_LISTED = 5;

export function isUrgentKind(kind: AlertKind): boolean {
  return URGENT_KINDS.has(kind);
}

export function notificationsFor(batch: AlertBatch, personId: number): NotificationPlan[] {
  const mine = batch.alerts.filter((alert) => alert.recipientId === personId);
  const digests = batch.digests.filter((digest) => digest.recipientId === personId);
  const plans: NotificationPlan[] = [];
  const covered = new Set<number>();
  for (const digest of digests) {
    const members = mine.filter((alert) => coveredBy(alert, digest));
    for (const alert of members) covered.add(alert.id);
    // A digest is as muted as its alerts (one person, one kind, one moment: the same preferences).
    const audible = members.filter((alert) => !alert.muted);
    if (audible.length === 0) continue;
    plans.push(digestPlan(digest, audible));
  }
  for (const alert of mine) {
    if (covered.has(alert.id) || alert.muted) continue;
    plans.push(alertPlan(alert));
  }
  return plans;
}

function coveredBy(alert: Alert, digest: AlertDigest): boolean {
  return alert.missed && alert.kind === digest.kind && digest.caseIds.includes(alert.caseId);
}

export function alertPlan(alert: Alert): NotificationPlan {
  return {
    key: `alert:${alert.id}`,
    title: alert.title,
    body: alert.body,
    silent: !alert.sound,
    urgent: isUrgentKind(alert.kind),
    opens: { to: 'case', caseId: alert.caseId },
  };
}

function digestPlan(digest: AlertDigest, alerts: readonly Alert[]): NotificationPlan {
  return {
    key: `digest:${digest.kind}:${[...digest.caseIds].sort((a, b) => a - b).join(',')}`,
    title: `${digest.count} ${digest.count === 1 ? 'case' : 'cases'} · ${ALERT_KIND_LABELS[digest.kind]}`,
    body: `${digest.text}: ${listCases(digest.caseIds)}.`,
    silent: !alerts.some((alert) => alert.sound),
    urgent: isUrgentKind(digest.kind),
    opens: digest.caseIds.length === 1 ? { to: 'case', caseId: digest.caseIds[0]! } : { to: 'queue' },
  };
}

/** "DW-000001, DW-000002 and DW-000003"; past five, "… and 4 more". */
export function listCases(caseIds: readonly number[]): string {
  const numbers = caseIds.slice(0, CASES_LISTED).map(formatCaseNumber);
  const more = caseIds.length - numbers.length;
  if (more > 0) return `${numbers.join(', ')} and ${more} more`;
  if (numbers.length <= 1) return numbers.join('');
  return `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}
