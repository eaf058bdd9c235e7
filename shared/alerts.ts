/**
 * Alerts the SLA scheduler raises, and to whom. Shared so the shell, the browser mode and the
 * renderer word them alike.
 */
import type { StaffRole } from './domain';

export const ALERT_KINDS = [
  'response_warning',
  'resolution_warning',
  'response_breach',
  'resolution_breach',
  'contact_due',
  'auto_closed',
  'p1_received',
  'p1_page',
  'p1_escalation',
  'parts_overdue',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_KIND_LABELS: Readonly<Record<AlertKind, string>> = {
  response_warning: 'Response target at risk',
  resolution_warning: 'Resolution target at risk',
  response_breach: 'Response target breached',
  resolution_breach: 'Resolution target breached',
  contact_due: 'Daily contact due',
  auto_closed: 'Closed after 3 days without reply',
  p1_received: 'Priority 1 received',
  p1_page: 'Priority 1: you are on call',
  p1_escalation: 'Priority 1 not acknowledged',
  parts_overdue: 'Parts date passed',
};

export interface Alert {
  id: number;
  caseId: number;
  caseNumber: string;
  kind: AlertKind;
  recipientId: number;
  /** The instant the alert fell due (a threshold crossing, a breach, a contact due…). */
  dueAt: string;
  deliveredAt: string;
  title: string;
  body: string;
  /** Set on catch-up deliveries: alerts that fell due while Deskwatch was closed. */
  missed: boolean;
  /** The recipient muted alerts, or this kind: kept in the ledger, not shown or sounded. */
  muted: boolean;
  /** Whether the recipient wants a sound with it. */
  sound: boolean;
  /** When the recipient was shown it, on any console (ISO instant), or null: kept by the core, so a new browser knows. */
  seenAt: string | null;
  /** When the recipient dismissed it (ISO instant), or null. */
  dismissedAt: string | null;
}

/** What one person has seen and dismissed of one alert. */
export interface AlertReadState {
  id: number;
  seenAt: string | null;
  dismissedAt: string | null;
}

/**
 * Alerts of one person whose seen or dismissed state changed (on one console: the others follow).
 * Lean and in small groups, so an event fits a PostgreSQL notification between consoles.
 */
export interface AlertReadChange {
  recipientId: number;
  alerts: AlertReadState[];
}

/** The most alerts one `alerts.read` event carries. */
export const ALERT_READ_EVENT_SIZE = 50;

export interface AlertBatch {
  alerts: Alert[];
  digests: AlertDigest[];
}

/** At-risk and breached open cases that concern one person: the tray's count. */
export interface AlertSummary {
  atRisk: number;
  breached: number;
}

/** A grouped line for alerts that fell due while the app was closed: "3 cases breached while Deskwatch was closed". */
export interface AlertDigest {
  recipientId: number;
  kind: AlertKind;
  count: number;
  caseIds: number[];
  text: string;
}

export interface AlertPreferences {
  kinds: AlertKind[];
  sound: boolean;
  /** ISO instant until which alerts are muted (kept in the ledger, not shown), or null. */
  muteUntil: string | null;
}

export const DEFAULT_ALERT_PREFERENCES: AlertPreferences = { kinds: [...ALERT_KINDS], sound: true, muteUntil: null };

/** Breaches and priority 1 interrupt (role="alert", OS notifications that stay); the rest inform. */
const URGENT_KINDS: ReadonlySet<AlertKind> = new Set(['response_breach', 'resolution_breach', 'p1_received', 'p1_page', 'p1_escalation']);

export function isUrgentKind(kind: AlertKind): boolean {
  return URGENT_KINDS.has(kind);
}

/**
 * Whether an alert of this kind interrupts a person in this role with a notification, or only
 * joins their recent alerts and the count on the Alerts button. A person is interrupted only for
 * what they can act on: agents may not acknowledge, assign or work a case, so a breach (on its own
 * or in a digest) is not theirs to act on; the supervisors, who are told of every breach, are.
 */
export function interruptsRole(kind: AlertKind, role: StaffRole): boolean {
  return !(role === 'agent' && (kind === 'response_breach' || kind === 'resolution_breach'));
}

const DIGEST_VERBS: Readonly<Record<AlertKind, string>> = {
  response_warning: 'came near their response target',
  resolution_warning: 'came near their resolution target',
  response_breach: 'breached their response target',
  resolution_breach: 'breached their resolution target',
  contact_due: 'needed a daily contact',
  auto_closed: 'closed after 3 days without reply',
  p1_received: 'arrived as priority 1',
  p1_page: 'paged you as priority 1',
  p1_escalation: 'were not acknowledged in time as priority 1',
  parts_overdue: 'passed their expected parts date',
};

/** "3 cases breached their resolution target while Deskwatch was closed" */
export function digestText(kind: AlertKind, count: number): string {
  return `${count} ${count === 1 ? 'case' : 'cases'} ${DIGEST_VERBS[kind]} while Deskwatch was closed`;
}

/** The digests of these alerts: those that fell due while Deskwatch was closed, per person and kind. */
export function digestsOf(alerts: readonly Alert[]): AlertDigest[] {
  const groups = new Map<string, AlertDigest>();
  for (const alert of alerts) {
    if (!alert.missed) continue;
    const key = `${alert.recipientId}:${alert.kind}`;
    const group = groups.get(key) ?? { recipientId: alert.recipientId, kind: alert.kind, count: 0, caseIds: [], text: '' };
    if (!group.caseIds.includes(alert.caseId)) group.caseIds.push(alert.caseId);
    group.count = group.caseIds.length;
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => ({ ...group, text: digestText(group.kind, group.count) }));
}

const CASES_LISTED = 5;

/** "DW-000001, DW-000002 and DW-000003"; past five, "… and 4 more". */
export function listCases(caseIds: readonly number[]): string {
  const numbers = caseIds.slice(0, CASES_LISTED).map((id) => `DW-${String(id).padStart(6, '0')}`);
  const more = caseIds.length - numbers.length;
  if (more > 0) return `${numbers.join(', ')} and ${more} more`;
  if (numbers.length <= 1) return numbers.join('');
  return `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}

/** One thing to show a person: an alert, or a digest in place of the alerts it covers. */
export interface AlertNotice {
  /** Stable for the same alert or digest, so the same thing is never shown twice. */
  key: string;
  title: string;
  body: string;
  urgent: boolean;
  sound: boolean;
  /** One case: a click opens it; several (a digest): a click opens the queue. */
  caseIds: number[];
  alertIds: number[];
}

/**
 * What to show of one person's alerts and digests: each digest once, in place of the alerts that
 * fell due while Deskwatch was closed; every other alert on its own; nothing muted. The desktop
 * shell (OS notifications) and the console (in-app notices) both show exactly this.
 */
export function noticesFor(alerts: readonly Alert[], digests: readonly AlertDigest[]): AlertNotice[] {
  const notices: AlertNotice[] = [];
  const covered = new Set<number>();
  for (const digest of digests) {
    const members = alerts.filter((a) => a.missed && a.recipientId === digest.recipientId && a.kind === digest.kind && digest.caseIds.includes(a.caseId));
    for (const a of members) covered.add(a.id);
    // One person, one kind, one moment: the digest is as muted as its alerts.
    const audible = members.filter((a) => !a.muted);
    if (audible.length === 0) continue;
    const caseIds = [...digest.caseIds].sort((x, y) => x - y);
    notices.push({
      key: `digest:${digest.kind}:${caseIds.join(',')}`,
      title: `${digest.count} ${digest.count === 1 ? 'case' : 'cases'} · ${ALERT_KIND_LABELS[digest.kind]}`,
      body: `${digest.text}: ${listCases(caseIds)}.`,
      urgent: isUrgentKind(digest.kind),
      sound: audible.some((a) => a.sound),
      caseIds,
      alertIds: audible.map((a) => a.id),
    });
  }
  for (const a of alerts) {
    if (covered.has(a.id) || a.muted) continue;
    notices.push({ key: `alert:${a.id}`, title: a.title, body: a.body, urgent: isUrgentKind(a.kind), sound: a.sound, caseIds: [a.caseId], alertIds: [a.id] });
  }
  return notices;
}
