/**
 * What the console shows for alerts: which of a batch belong to the person at it, which are shown
 * (not muted), how alerts that fell due while Deskwatch was closed are folded into one digest per
 * kind, and how each item reads. Pure; the alerts store and the tests use it. The desktop shell
 * makes the same decisions for its OS notifications (electron/main/alerts/notification-plan.ts).
 */
import { digestsOf, digestText, isUrgentKind, listCases, noticesFor, type Alert, type AlertDigest, type AlertKind } from '../../../../shared/alerts';

export type AlertTone = 'urgent' | 'notice';

export interface AlertPresentation {
  /** Stable for the same alert or digest: what dismissing, and never showing twice, go by. */
  key: string;
  tone: AlertTone;
  title: string;
  body: string;
  /** The case "Open case" opens; null for a digest of several cases (it opens the queue). */
  caseId: number | null;
  alertIds: number[];
  /** Whether to sound: the person wants sound with their alerts (muted ones are never presented). */
  sound: boolean;
}

/** Breaches and priority 1 are announced at once (role="alert"); the rest politely (role="status"). */
export function toneOf(kind: AlertKind): AlertTone {
  return isUrgentKind(kind) ? 'urgent' : 'notice';
}

export { digestsOf, digestText, listCases };

/** One alert as the console shows it on its own. */
export function alertPresentation(alert: Alert): AlertPresentation {
  return presentAlerts([{ ...alert, muted: false }], [])[0] as AlertPresentation;
}

/**
 * What to show of one person's alerts and digests (the same notices the desktop shell shows as OS
 * notifications; see `noticesFor` in shared/alerts.ts).
 */
export function presentAlerts(alerts: readonly Alert[], digests: readonly AlertDigest[]): AlertPresentation[] {
  return noticesFor(alerts, digests).map((notice) => ({
    key: notice.key,
    tone: notice.urgent ? 'urgent' : 'notice',
    title: notice.title,
    body: notice.body,
    caseId: notice.caseIds.length === 1 ? (notice.caseIds[0] as number) : null,
    alertIds: notice.alertIds,
    sound: notice.sound,
  }));
}

/** A person's share of a batch that carries every recipient's alerts. */
export function batchFor<T extends { recipientId: number }>(items: readonly T[], personId: number): T[] {
  return items.filter((item) => item.recipientId === personId);
}

/**
 * Alerts from `alerts.list` the person has not been shown, on any console (the core keeps what
 * each person has seen and dismissed). Unseen ones older than 12 hours are not brought up: they
 * are stale by now, and sit in the recent list.
 */
export const UNSEEN_WINDOW_MS = 12 * 60 * 60 * 1000;

export function unseenAlerts(list: readonly Alert[], now: number): Alert[] {
  const unseen = list.filter((alert) => alert.seenAt === null && alert.dismissedAt === null && Date.parse(alert.deliveredAt) >= now - UNSEEN_WINDOW_MS);
  return [...unseen].sort((a, b) => a.id - b.id);
}

/** Newest first, one entry per alert, at most `limit`: the recent-alerts list after new ones arrive. */
export function mergeRecent(current: readonly Alert[], incoming: readonly Alert[], limit: number): Alert[] {
  const byId = new Map<number, Alert>();
  for (const alert of [...current, ...incoming]) byId.set(alert.id, alert);
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, limit);
}

/**
 * Whether new items make the console beep: one of them wants sound (muted ones are never
 * presented), and the page is not inside the desktop app, whose OS notifications sound already.
 */
export function shouldBeep(items: readonly AlertPresentation[], inDesktopShell: boolean): boolean {
  return !inDesktopShell && items.some((item) => item.sound);
}
