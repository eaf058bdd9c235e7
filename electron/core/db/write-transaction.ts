import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { isPostgres } from './dialect';
import { isBusyError, isTransientError } from './transient-errors';

/**
 * The one way the core writes. Every change is a transaction that either commits whole or leaves
 * nothing behind, and a call reports failure only when nothing was committed.
 *
 * SQLite: TypeORM's better-sqlite3 driver shares ONE connection (and one query runner) among all
 * callers, so two transactions started concurrently would nest as savepoints of each other and
 * a rollback of one could silently undo the other. Write transactions are therefore serialized in
 * the process, begin IMMEDIATE (see `installSqliteDiscipline`) so another process on the same file
 * waits for the write lock within the busy timeout instead of failing on the first read, and are
 * retried when that wait still runs out.
 *
 * PostgreSQL: transactions run side by side; a deadlock, a serialization failure or a lost
 * connection rolls the transaction back, and it is retried with backoff before it is reported
 * (within a contract call, the whole call is retried instead: see `inCallScope` and dispatch).
 */
export async function writeTransaction<T>(db: DataSource, work: (m: EntityManager) => Promise<T>): Promise<T> {
  const gate = gateOf(db);
  const inside = gate.current();
  // A write inside a write joins it: waiting for the gate there would wait for ourselves.
  if (inside) return work(inside);
  const call = calls.getStore();
  // Within a contract call the whole call is retried (see dispatch), reads before the write too.
  const result = await gate.run(work, call === undefined);
  if (call) call.committed = true;
  return result;
}

/** One contract call: whether any of its transactions has committed (after that, no retry). */
export interface CallScope {
  committed: boolean;
}

const calls = new AsyncLocalStorage<CallScope>();

export function inCallScope<T>(scope: CallScope, run: () => Promise<T>): Promise<T> {
  return calls.run(scope, run);
}

/**
 * A read that answers a write which has committed (the case as it now stands): the write cannot be
 * tried again, so this read is, on its own, when the database blips between the two.
 */
export function readAfterCommit<T>(read: () => Promise<T>): Promise<T> {
  return withTransientRetry(read, isTransientError);
}

/** Retry schedule for transient failures: about 15 s in all, enough for a database restart. */
const RETRY_DELAYS_MS = [25, 50, 100, 200, 400, 800, 1_600, 3_200, 4_000, 4_000];

export async function withTransientRetry<T>(attempt: () => Promise<T>, isRetryable: (error: unknown) => boolean, delays: readonly number[] = RETRY_DELAYS_MS): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= delays.length || !isRetryable(error)) throw error;
      // Jitter keeps two consoles that collided from colliding again on the same beat.
      await sleep(delays[i]! * (0.75 + Math.random() * 0.5));
    }
  }
}

const never = () => false;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface TransactionGate {
  current(): EntityManager | undefined;
  run<T>(work: (m: EntityManager) => Promise<T>, retry: boolean): Promise<T>;
  /** Resolves when no transaction of another caller holds the connection. */
  idle(): Promise<void> | null;
}

const gates = new WeakMap<DataSource, TransactionGate>();

function gateOf(db: DataSource): TransactionGate {
  let gate = gates.get(db);
  if (!gate) {
    gate = isPostgres(db) ? new PostgresGate(db) : new SqliteGate(db);
    gates.set(db, gate);
  }
  return gate;
}

/** Who is inside a transaction: set before BEGIN, so the transaction's own statements pass the gate. */
interface Holder {
  manager: EntityManager | undefined;
}

class PostgresGate implements TransactionGate {
  private readonly scope = new AsyncLocalStorage<Holder>();
  constructor(private readonly db: DataSource) {}

  current(): EntityManager | undefined {
    return this.scope.getStore()?.manager;
  }

  run<T>(work: (m: EntityManager) => Promise<T>, retry: boolean): Promise<T> {
    return withTransientRetry(() => {
      const holder: Holder = { manager: undefined };
      return this.scope.run(holder, () =>
        this.db.transaction((m) => {
          holder.manager = m;
          return work(m);
        }),
      );
    }, retry ? isTransientError : never);
  }

  idle(): null {
    return null;
  }
}

class SqliteGate implements TransactionGate {
  private readonly scope = new AsyncLocalStorage<Holder>();
  /** Settles when the last queued transaction has finished: the queue's tail. */
  private tail: Promise<void> = Promise.resolve();
  private holder: Holder | null = null;

  constructor(private readonly db: DataSource) {}

  current(): EntityManager | undefined {
    return this.scope.getStore()?.manager;
  }

  async run<T>(work: (m: EntityManager) => Promise<T>, retry: boolean): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await withTransientRetry(() => {
        const holder: Holder = { manager: undefined };
        this.holder = holder;
        return this.scope.run(holder, () =>
          this.db.transaction((m) => {
            holder.manager = m;
            return work(m);
          }),
        );
      }, retry ? isBusyError : never);
    } finally {
      this.holder = null;
      release();
    }
  }

  idle(): Promise<void> | null {
    if (this.holder === null || this.scope.getStore() === this.holder) return null;
    return this.waitIdle();
  }

  private async waitIdle(): Promise<void> {
    while (this.holder !== null) await this.tail;
  }
}

/**
 * Makes the shared SQLite connection safe for the reads that run outside `writeTransaction`:
 * a query from anyone but the transaction's owner waits until the transaction ends, so it never
 * runs inside someone else's transaction (where it would see, or worse write, uncommitted rows).
 * And every transaction TypeORM begins (ours and the migrations') takes the write lock at once.
 */
export function installSqliteDiscipline(db: DataSource): void {
  if (isPostgres(db)) return;
  const runner = db.createQueryRunner() as unknown as { query: (sql: string, ...rest: unknown[]) => Promise<unknown> };
  const gate = gateOf(db);
  const query = runner.query.bind(runner);
  runner.query = async (sql: string, ...rest: unknown[]) => {
    const waiting = gate.idle();
    if (waiting) await waiting;
    return query(sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql, ...rest);
  };
}
