/**
 * How many requests one employee may submit (shared/support.ts SUBMISSION_LIMITS): counted from
 * their own web cases, in the transaction that opens the new one, so the limit holds across
 * browser tabs and restarts. Over it, the employee is told when they may submit again, and that
 * the desk's phone is always there.
 */
import { MoreThan, Not, type EntityManager } from 'typeorm';
import { SUBMISSION_LIMITS } from '../../../shared/support';
import { isPostgres } from '../db/dialect';
import { CaseEntity } from '../db/entities';
import { DomainError } from '../errors';
import { HOUR_MS, DAY_MS } from '../instants';

const WINDOWS = [
  { ms: HOUR_MS, limit: SUBMISSION_LIMITS.perHour, words: 'an hour' },
  { ms: DAY_MS, limit: SUBMISSION_LIMITS.perDay, words: 'a day' },
] as const;

/**
 * Refuses the request `newCaseId` when the caller already had a window's limit of web requests
 * within it. `when` puts the instant they may submit again into words.
 */
export async function checkSubmissionLimit(m: EntityManager, callerId: number, newCaseId: number, now: number, when: (t: number) => string, deskPhone: string): Promise<void> {
  // Two tabs submitting at once count each other: on PostgreSQL the caller's row is locked until
  // commit (SQLite already writes one transaction at a time). NO KEY UPDATE, not UPDATE: the new
  // case's foreign key already holds KEY SHARE on the row, which UPDATE would deadlock against.
  if (isPostgres(m.connection)) await m.query('SELECT id FROM caller WHERE id = $1 FOR NO KEY UPDATE', [callerId]);
  const earlier = await m.getRepository(CaseEntity).find({
    where: { callerId, channel: 'web', id: Not(newCaseId), receivedAt: MoreThan(now - DAY_MS) },
    select: { id: true, receivedAt: true },
    order: { receivedAt: 'ASC' },
  });
  for (const window of WINDOWS) {
    const inWindow = earlier.filter((c) => c.receivedAt > now - window.ms);
    if (inWindow.length < window.limit) continue;
    // A place frees when the oldest request that keeps the count at the limit leaves the window.
    const freesAt = (inWindow[inWindow.length - window.limit] as { receivedAt: number }).receivedAt + window.ms;
    throw new DomainError(
      'rate_limited',
      `You have sent ${inWindow.length} requests in the last ${window.words.replace(/^an? /, '')}; at most ${window.limit} may be sent in ${window.words}. You can submit again ${when(freesAt)}. If it cannot wait, call the Help Desk at ${deskPhone}.`,
    );
  }
}
