import { In, type DataSource } from 'typeorm';
import { isPostgres } from '../db/dialect';
import { MailOutboxEntity, type MailOutboxRow } from '../db/mail-entities';
import { writeTransaction } from '../db/write-transaction';

/** A message this process has claimed: it alone sends it until `leaseUntil`. */
export interface ClaimedMail {
  row: MailOutboxRow;
  leaseUntil: number;
}

/**
 * Claims up to `limit` due messages for one sender, in one short transaction: each becomes
 * 'sending' with its next_attempt_at set to the end of the lease, and counts one attempt.
 *
 * Due: queued and due, or 'sending' with a lease that ran out (the process that claimed it died
 * or lost the database mid-send), so nothing stays stuck. On PostgreSQL the candidate rows are
 * locked with `FOR UPDATE SKIP LOCKED`: two server processes claiming at once take different
 * messages instead of waiting on (or both taking) the same ones. On SQLite, write transactions
 * begin IMMEDIATE (write-transaction.ts): one claimer at a time, even across processes.
 */
export async function claimDueMail(db: DataSource, now: number, limit: number, leaseMs: number): Promise<ClaimedMail[]> {
  const leaseUntil = now + leaseMs;
  return writeTransaction(db, async (m) => {
    const repo = m.getRepository(MailOutboxEntity);
    const due = repo
      .createQueryBuilder('o')
      .select('o.id', 'id')
      .where('o.state IN (:...states)', { states: ['queued', 'sending'] })
      .andWhere('o.nextAttemptAt <= :now', { now })
      .orderBy('o.nextAttemptAt', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(limit);
    if (isPostgres(db)) due.setLock('pessimistic_write').setOnLocked('skip_locked');
    const ids = (await due.getRawMany<{ id: number | string }>()).map((r) => Number(r.id));
    if (ids.length === 0) return [];
    await repo
      .createQueryBuilder()
      .update()
      .set({ state: 'sending', nextAttemptAt: leaseUntil, attempts: () => 'attempts + 1' })
      .where({ id: In(ids) })
      .execute();
    const rows = await repo.find({ where: { id: In(ids) }, order: { id: 'ASC' } });
    return rows.map((row) => ({ row, leaseUntil }));
  });
}

/** What became of one attempt. */
export type MailOutcome =
  | { state: 'sent'; at: number; messageId: string }
  | { state: 'queued'; nextAttemptAt: number; error: string }
  | { state: 'failed'; error: string };

/**
 * Records an attempt's outcome, only while this sender's claim still holds (same state and lease):
 * answers false when the lease ran out and another process has taken the message since.
 */
export async function settleMail(db: DataSource, claim: ClaimedMail, outcome: MailOutcome): Promise<boolean> {
  const change: Partial<MailOutboxRow> =
    outcome.state === 'sent'
      ? { state: 'sent', sentAt: outcome.at, messageId: outcome.messageId, nextAttemptAt: null }
      : outcome.state === 'queued'
        ? { state: 'queued', nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.error }
        : { state: 'failed', nextAttemptAt: null, lastError: outcome.error };
  const result = await writeTransaction(db, (m) =>
    m.getRepository(MailOutboxEntity).update({ id: claim.row.id, state: 'sending', nextAttemptAt: claim.leaseUntil }, change),
  );
  return result.affected === 1;
}
