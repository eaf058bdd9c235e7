import { interruptsRole, listCases, noticesFor, type AlertBatch } from '../../../shared/alerts';
import type { StaffRole } from '../../../shared/domain';
import type { ShellNavigation } from '../../../shared/contract';

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

export { listCases };

/**
 * The OS notification of each notice the person gets (see `noticesFor` in shared/alerts.ts).
 * What their role cannot act on (`interruptsRole`) stays in the console's panel and count only;
 * with the role not known yet, nothing is held back.
 */
export function notificationsFor(batch: AlertBatch, personId: number, role: StaffRole | null = null): NotificationPlan[] {
  const interrupts = (kind: AlertBatch['alerts'][number]['kind']) => role === null || interruptsRole(kind, role);
  const mine = batch.alerts.filter((alert) => alert.recipientId === personId && interrupts(alert.kind));
  const digests = batch.digests.filter((digest) => digest.recipientId === personId && interrupts(digest.kind));
  return noticesFor(mine, digests).map((notice) => ({
    key: notice.key,
    title: notice.title,
    body: notice.body,
    silent: !notice.sound,
    urgent: notice.urgent,
    opens: notice.caseIds.length === 1 ? { to: 'case', caseId: notice.caseIds[0] as number } : { to: 'queue' },
  }));
}
