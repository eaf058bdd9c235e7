import { EntitySchema } from 'typeorm';
import type { MailKind, MailState } from '../../../shared/mail';
import { idColumn, instantColumn } from './column-types';
import { references, type Linked } from './entity-kit';

/** One email of the outbox (migration 0013; written and sent by electron/core/mail). Never deleted. */
export interface MailOutboxRow {
  id: number;
  kind: MailKind;
  caseId: number | null;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  /** Extra header lines as a JSON object of name → value (List-Unsubscribe, …). */
  headers: string;
  state: MailState;
  /** Attempts begun (a claim counts one, so a process that died mid-send used one up). */
  attempts: number;
  /**
   * queued: when it is due; sending: when the claim (lease) runs out and another process may
   * take the message again; null once sent or failed.
   */
  nextAttemptAt: number | null;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
  messageId: string | null;
}

export const MAIL_STATE_CHECK = `state IN ('queued', 'sending', 'sent', 'failed')`;

export const MailOutboxEntity = new EntitySchema<Linked<MailOutboxRow, 'case'>>({
  name: 'MailOutbox',
  tableName: 'mail_outbox',
  columns: {
    id: idColumn(),
    kind: { type: 'varchar', length: 32 },
    caseId: { name: 'case_id', type: 'integer', nullable: true },
    toAddress: { name: 'to_address', type: 'varchar', length: 254 },
    subject: { type: 'varchar', length: 300 },
    textBody: { name: 'text_body', type: 'text' },
    htmlBody: { name: 'html_body', type: 'text' },
    headers: { type: 'text' },
    state: { type: 'varchar', length: 16 },
    attempts: { type: 'integer' },
    nextAttemptAt: instantColumn('next_attempt_at', true),
    lastError: { name: 'last_error', type: 'text', nullable: true },
    createdAt: instantColumn('created_at'),
    sentAt: instantColumn('sent_at', true),
    messageId: { name: 'message_id', type: 'varchar', length: 255, nullable: true },
  },
  checks: [{ name: 'mail_outbox_state_known', expression: MAIL_STATE_CHECK }],
  relations: { case: references('Case', 'case_id') },
  indices: [
    { name: 'idx_mail_outbox_due', columns: ['state', 'nextAttemptAt'] },
    { name: 'idx_mail_outbox_case', columns: ['caseId'] },
  ],
});

export const MAIL_ENTITIES = [MailOutboxEntity];
