/**
 * What staff sessions and employees' sessions keep up the same way, each on its own table: marking
 * a session in use, and deleting ended ones a while after they ended.
 */
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { isStorageError, isTransientError } from '../db/transient-errors';
import { writeTransaction } from '../db/write-transaction';

/** Ended sessions are deleted this long after they ended (looked at no more often than PRUNE_EVERY_MS). */
const KEEP_ENDED_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 10 * 60_000;

/** A sessions table: `id`, `last_seen_at`, `expires_at`, `revoked_at`. */
export class SessionUpkeep {
  private lastPrune = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: DataSource,
    private readonly table: EntityTarget<ObjectLiteral>,
  ) {}

  /** Records that the session is in use. A failure is no reason to refuse a valid session (a read-only or busy database): the next call tries again. */
  async touch(sessionId: string, now: number): Promise<void> {
    try {
      await writeTransaction(this.db, (m) =>
        m.createQueryBuilder().update(this.table).set({ lastSeenAt: now }).where('id = :id AND last_seen_at < :now', { id: sessionId, now }).execute(),
      );
    } catch (error) {
      if (!isTransientError(error) && !isStorageError(error)) throw error;
    }
  }

  /** Deletes sessions ended more than a day ago, at most every ten minutes (called as sessions are issued). */
  async pruneEnded(m: EntityManager, now: number): Promise<void> {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await m
      .createQueryBuilder()
      .delete()
      .from(this.table)
      .where('expires_at < :before OR revoked_at < :before', { before: now - KEEP_ENDED_MS })
      .execute();
  }
}
