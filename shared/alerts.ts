/**
 * Alerts the SLA scheduler raises, and to whom. Shared so the shell, the browser mode and the
 * renderer word them alike.
 */
export const ALERT_KINDS = [
  'response_warning',
  'resolution_warning',
  'response_breach',
  'resolution_breach',
  'contact_due',
  'auto_closed',
  'p1_received',
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
}

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
