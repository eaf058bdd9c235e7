import type { OutboxEntry } from '../../../shared/mail';
import type { MailOutboxRow } from '../db/mail-entities';

const iso = (instant: number | null) => (instant === null ? null : new Date(instant).toISOString());

/** An outbox row as the contract shows it (no bodies). */
export function toOutboxEntry(row: MailOutboxRow): OutboxEntry {
  return {
    id: row.id,
    kind: row.kind,
    caseId: row.caseId,
    to: row.toAddress,
    subject: row.subject,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'queued' || row.state === 'sending' ? iso(row.nextAttemptAt) : null,
    lastError: row.lastError,
    createdAt: new Date(row.createdAt).toISOString(),
    sentAt: iso(row.sentAt),
    messageId: row.messageId,
  };
}
