import type { DataSource, EntityManager } from 'typeorm';
import type { MailState, OutboxEntry } from '../../../shared/mail';
import type { Clock } from '../clock';
import { MailOutboxEntity, type MailOutboxRow } from '../db/mail-entities';
import { writeTransaction } from '../db/write-transaction';
import { DomainError } from '../errors';
import { prepareMail, type MailMessage } from './mail-message';
import { toOutboxEntry } from './outbox-entry';

export interface OutboxQuery {
  state?: MailState | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export const DEFAULT_OUTBOX_PAGE = 50;

/**
 * The outbox's rows: messages go in (with the change they tell about), the desk reads them, and
 * a failed one goes back in the queue. Sending is the sender's (mail-sender.ts); nothing here
 * deletes a row.
 */
export class MailOutbox {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks, renders and queues one message; answers its outbox id. Given the caller's
   * transaction (`m`), the message is written in it: it is sent only if that transaction
   * commits, and it cannot be lost once it has. Without one, it is written on its own.
   */
  async enqueue(message: MailMessage, m?: EntityManager): Promise<number> {
    const mail = prepareMail(message);
    const now = this.clock.now();
    const row: Omit<MailOutboxRow, 'id'> = {
      kind: mail.kind,
      caseId: mail.caseId,
      toAddress: mail.to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
      headers: JSON.stringify(mail.headers),
      state: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      createdAt: now,
      sentAt: null,
      messageId: null,
    };
    const insert = async (manager: EntityManager) => {
      const saved = await manager.getRepository(MailOutboxEntity).save(row as MailOutboxRow);
      return saved.id;
    };
    return m ? insert(m) : writeTransaction(this.db, insert);
  }

  /** Newest first, optionally one state only. */
  async list(query: OutboxQuery = {}): Promise<{ total: number; entries: OutboxEntry[] }> {
    const where = query.state ? { state: query.state } : {};
    const [rows, total] = await this.db.getRepository(MailOutboxEntity).findAndCount({
      where,
      order: { id: 'DESC' },
      take: query.limit ?? DEFAULT_OUTBOX_PAGE,
      skip: query.offset ?? 0,
    });
    return { total, entries: rows.map(toOutboxEntry) };
  }

  async get(id: number): Promise<OutboxEntry | null> {
    const row = await this.db.getRepository(MailOutboxEntity).findOneBy({ id });
    return row ? toOutboxEntry(row) : null;
  }

  /** A failed message queued again, due now, its attempts counted afresh; its last error stays until the next attempt. */
  async retry(id: number): Promise<OutboxEntry> {
    return writeTransaction(this.db, async (m) => {
      const repo = m.getRepository(MailOutboxEntity);
      const row = await repo.findOneBy({ id });
      if (!row) throw new DomainError('not_found', `No message ${id} in the outbox`, 'id');
      if (row.state !== 'failed') throw new DomainError('conflict', `Message ${id} is ${row.state}: only a failed message can be retried`, 'id');
      const result = await repo.update({ id, state: 'failed' }, { state: 'queued', attempts: 0, nextAttemptAt: this.clock.now() });
      if (result.affected !== 1) throw new DomainError('conflict', `Message ${id} changed meanwhile: read the outbox again`, 'id');
      return toOutboxEntry({ ...row, state: 'queued', attempts: 0, nextAttemptAt: this.clock.now() });
    });
  }
}
