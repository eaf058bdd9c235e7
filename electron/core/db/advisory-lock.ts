import type { DataSource } from 'typeorm';
import { isPostgres } from './dialect';

/**
 * PostgreSQL advisory locks the core takes, as (namespace, id) pairs: the namespace keeps them
 * apart from any other application's advisory locks in the same database, and listing every id
 * here keeps two of ours apart. Advisory locks are per database, so two districts' databases on
 * one server (or two test databases) never meet.
 */
const DESKWATCH_LOCK_SPACE = 0x4457_5343; // "DWSC"
export const ADVISORY_LOCKS = {
  /** Held while one process does a scheduler wake's work (see sla-scheduler.ts). */
  schedulerWake: 1,
} as const;
export type AdvisoryLockId = (typeof ADVISORY_LOCKS)[keyof typeof ADVISORY_LOCKS];

export type LockedRun<T> = { held: true; value: T } | { held: false };

/** The part of a pooled `pg` client this module uses. */
interface LockClient {
  query(sql: string, params: unknown[]): Promise<{ rows: { held: boolean }[] }>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: 'error', listener: (error: Error) => void): unknown;
}
type Release = (error?: Error) => void;
interface PoolOwner {
  obtainMasterConnection(): Promise<[LockClient, Release]>;
}

/**
 * Runs `work` only if no other session holds the lock; otherwise answers `{ held: false }` at once
 * (never waits). SQLite: runs `work` (one writer at a time already, and one machine's file).
 *
 * Why a session lock (`pg_try_advisory_lock`) on one connection taken out of TypeORM's pool for
 * the run, and not a transaction lock (`pg_try_advisory_xact_lock`): the work this guards is many
 * short transactions (a wake writes 50 cases per transaction so that a person's edit never waits
 * long behind it) and reads outside them, each on whichever pooled connection is free. A
 * transaction lock would end with the first chunk's commit; holding it in one transaction kept
 * open beside the work would leave a session idle in transaction for the whole run (holding back
 * vacuum, ended by `idle_in_transaction_session_timeout`). A session lock must be taken and
 * released on the same connection, which `db.query()` does not promise (each call takes any
 * pooled connection), so the lock gets its own, used for nothing else, and is unlocked before the
 * connection goes back. Should the unlock fail, the connection is destroyed rather than returned,
 * since a pooled connection still holding the lock would keep every process out. Should that
 * connection be lost during the run, the server drops the lock and another process may start
 * the same work: the guarded work must still be safe to do twice (the scheduler's ledger is).
 */
export async function withAdvisoryLock<T>(db: DataSource, id: AdvisoryLockId, work: () => Promise<T>): Promise<LockedRun<T>> {
  if (!isPostgres(db)) return { held: true, value: await work() };
  const [client, release] = await (db.driver as unknown as PoolOwner).obtainMasterConnection();
  // A pooled client that is checked out has no error listener of the pool's: without ours, the
  // server ending this connection would be an uncaught error.
  let lost: Error | null = null;
  const onError = (error: Error) => {
    lost = error;
  };
  client.on('error', onError);
  const giveBack = (error?: Error) => {
    client.removeListener('error', onError);
    release(error ?? lost ?? undefined);
  };
  let held: boolean;
  try {
    const r = await client.query('SELECT pg_try_advisory_lock($1::int, $2::int) AS held', [DESKWATCH_LOCK_SPACE, id]);
    held = r.rows[0]?.held === true;
  } catch (error) {
    giveBack(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  if (!held) {
    giveBack();
    return { held: false };
  }
  try {
    return { held: true, value: await work() };
  } finally {
    try {
      const r = await client.query('SELECT pg_advisory_unlock($1::int, $2::int) AS held', [DESKWATCH_LOCK_SPACE, id]);
      giveBack(r.rows[0]?.held === true ? undefined : new Error('advisory lock was no longer held by its connection'));
    } catch (error) {
      giveBack(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
