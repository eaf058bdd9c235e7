/**
 * The desk's email as the contract shows it: what a message is about (its kind), where it stands
 * in the outbox, and one outbox row as supervisors see it. The core (electron/core/mail) owns the
 * outbox; nothing here sends anything.
 */

/** What a message is about: each kind is written by one part of the core. */
export const MAIL_KINDS = ['case_confirmation', 'pending_question', 'daily_contact', 'resolution_notice', 'announcement', 'announcement_reminder', 'p1_page', 'p1_escalation', 'pager_text', 'breach_notice', 'parts_reminder', 'test'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * Where a message stands. `queued`: waiting for its next attempt (the first one too); `sending`:
 * claimed by a server process that is talking to the mail server now; `sent`: the mail server
 * accepted it; `failed`: refused for good or out of attempts, kept until a supervisor retries it.
 */
export const MAIL_STATES = ['queued', 'sending', 'sent', 'failed'] as const;
export type MailState = (typeof MAIL_STATES)[number];

/** One message of the outbox, without its bodies. Instants are ISO strings. */
export interface OutboxEntry {
  id: number;
  kind: MailKind;
  caseId: number | null;
  to: string;
  subject: string;
  state: MailState;
  attempts: number;
  /** When it is tried next (queued), or when the current attempt's claim runs out (sending); null once sent or failed. */
  nextAttemptAt: string | null;
  /** What the mail server (or the network) answered at the last failed attempt. */
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  /** The Message-ID it was sent with. */
  messageId: string | null;
}

export interface OutboxPage {
  /** Whether this server has SMTP settings; without them messages stay queued. */
  configured: boolean;
  /** What the desk should know about sending now ("mail is not configured …"), or null. */
  notice: string | null;
  /** Messages matching the filter, on every page. */
  total: number;
  /** Newest first. */
  entries: OutboxEntry[];
}
