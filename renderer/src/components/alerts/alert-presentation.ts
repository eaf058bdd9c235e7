/**
 * What the console shows for alerts: which of a batch belong to the person at it, which are shown
 * (not muted), how alerts that fell due while Deskwatch was closed are folded into one digest per
 * kind, and how each item reads. Pure; the alerts store and the tests use it. The desktop shell
 * makes the same decisions for its OS notifications (electron/main/alerts/notification-plan.ts).
 */
import { ALERT_KIND_LABELS, type Alert, type AlertDigest, type AlertKind } from '../../../../shared/alerts';
import { formatCaseNumber } from '../../../../shared/domain';

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

const URGENT_KINDS: ReadonlySet<AlertKind> = new Set(['response_breach', 'resolution_breach', 'p1_received']);
const CASES_LISTED = 5;

/** Breaches and priority 1 are announced at once (role="alert"); the rest politely (role="status"). */
export function toneOf(kind: AlertKind): AlertTone {
  return URGENT_KINDS.has(kind) ? 'urgent' : 'notice';
}

/**
 * The same words as the core's digests (electron/core/scheduler/alert-text.ts), for the digests the
 * console makes itself from `alerts.list` when it opens after the scheduler's catch-up was raised.
 */
const DIGEST_VERBS: Readonly<Record<AlertKind, string>> = {
  response_warning: 'came near their response target',
  resolution_warning: 'came near their resolution target',
  response_breach: 'breached their response target',
  resolution_breach: 'breached their resolution target',
  contact_due: 'needed a daily contact',
  auto_closed: 'closed after 3 days without reply',
  p1_received: 'arrived as priority 1',
};

export function digestText(kind: AlertKind, count: number): string {
  return `${count} ${count === 1 ? 'case' : 'cases'} ${DIGEST_VERBS[kind]} while Deskwatch was closed`;
}

/** "DW-000001, DW-000002 and DW-000003"; past five, "… and 4 more". */
export function listCases(caseIds: readonly number[]): string {
  const numbers = caseIds.slice(0, CASES_LISTED).map(formatCaseNumber);
  const more = caseIds.length - numbers.length;
  if (more > 0) return `${numbers.join(', ')} and ${more} more`;
  if (numbers.length <= 1) return numbers.join('');
  return `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}

export function alertPresentation(alert: Alert): AlertPresentation {
  return {
    key: `alert:${alert.id}`,
    tone: toneOf(alert.kind),
    title: alert.title,
    body: alert.body,
    caseId: alert.caseId,
    alertIds: [alert.id],
    sound: alert.sound,
  };
}

function digestPresentation(digest: AlertDigest, alerts: readonly Alert[]): AlertPresentation {
  const caseIds = [...digest.caseIds].sort((a, b) => a - b);
  return {
    key: `digest:${digest.kind}:${caseIds.join(',')}`,
    tone: toneOf(digest.kind),
    title: `${digest.count} ${digest.count === 1 ? 'case' : 'cases'} · ${ALERT_KIND_LABELS[digest.kind]}`,
    body: `${digest.text}: ${listCases(caseIds)}.`,
    caseId: caseIds.length === 1 ? caseIds[0]! : null,
    alertIds: alerts.map((alert) => alert.id),
    sound: alerts.some((alert) => alert.sound),
  };
}

/**
 * What to show of one person's alerts and digests: each digest once, in place of the alerts that
 * fell due while Deskwatch was closed; every other alert on its own; nothing muted.
 */
export function presentAlerts(alerts: readonly Alert[], digests: readonly AlertDigest[]): AlertPresentation[] {
  const shown: AlertPresentation[] = [];
  const covered = new Set<number>();
  for (const digest of digests) {
    const members = alerts.filter((alert) => alert.missed && alert.kind === digest.kind && digest.caseIds.includes(alert.caseId));
    for (const alert of members) covered.add(alert.id);
    // One person, one kind, one moment: the digest is as muted as its alerts.
    const audible = members.filter((alert) => !alert.muted);
    if (audible.length) shown.push(digestPresentation(digest, audible));
  }
  for (const alert of alerts) {
    if (!covered.has(alert.id) && !alert.muted) shown.push(alertPresentation(alert));
  }
  return shown;
}

/** The digests the core would have raised for these alerts: missed ones, per kind. */
export function digestsOf(alerts: readonly Alert[]): AlertDigest[] {
  const groups = new Map<AlertKind, AlertDigest>();
  for (const alert of alerts) {
    if (!alert.missed) continue;
    const group = groups.get(alert.kind) ?? { recipientId: alert.recipientId, kind: alert.kind, count: 0, caseIds: [], text: '' };
    if (!group.caseIds.includes(alert.caseId)) group.caseIds.push(alert.caseId);
    group.count = group.caseIds.length;
    groups.set(alert.kind, group);
  }
  return [...groups.values()].map((group) => ({ ...group, text: digestText(group.kind, group.count) }));
}

const BREACH_OF: Partial<Record<AlertKind, AlertKind>> = { response_warning: 'response_breach', resolution_warning: 'resolution_breach' };

/**
 * Without the warnings a breach overtook: when Deskwatch starts after a target has passed, the
 * scheduler records that target's warnings with its breach, in the same instant, but tells no one
 * of them (they are in the ledger, and so in `alerts.list`, without a mark of their own). A
 * warning delivered on its own, before the breach, stays.
 */
export function withoutOvertaken(alerts: readonly Alert[]): Alert[] {
  const breaches = new Set(alerts.filter((alert) => alert.kind.endsWith('_breach')).map((alert) => `${alert.caseId}|${alert.kind}|${alert.deliveredAt}`));
  return alerts.filter((alert) => {
    const breach = BREACH_OF[alert.kind];
    return breach === undefined || !breaches.has(`${alert.caseId}|${breach}|${alert.deliveredAt}`);
  });
}

/** A person's share of a batch that carries every recipient's alerts. */
export function batchFor<T extends { recipientId: number }>(items: readonly T[], personId: number): T[] {
  return items.filter((item) => item.recipientId === personId);
}

/**
 * Alerts from `alerts.list` the person has not been shown on this computer: newer than the last
 * one seen; on a first visit (nothing remembered), those delivered in the last 12 hours.
 */
export const FIRST_VISIT_WINDOW_MS = 12 * 60 * 60 * 1000;

export function unseenAlerts(list: readonly Alert[], seenUpTo: number | null, now: number): Alert[] {
  const unseen = list.filter((alert) =>
    seenUpTo === null ? Date.parse(alert.deliveredAt) >= now - FIRST_VISIT_WINDOW_MS : alert.id > seenUpTo,
  );
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
