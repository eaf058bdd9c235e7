import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../clock';
import { isPostgres } from '../db/dialect';
import { SignInAttemptEntity } from '../db/entities';
import { writeTransaction } from '../db/write-transaction';
import { DomainError } from '../errors';

/** How many failed sign-ins are allowed before further attempts are refused for a while. */
export interface ThrottlePolicy {
  /** The sliding window failures are counted in. */
  windowMs: number;
  /** Failures per account (lower-cased email) within the window: guessing one person's password. */
  maxFailuresPerAccount: number;
  /** Failures per network address within the window: trying many accounts from one place. */
  maxFailuresPerAddress: number;
  /** Attempts older than this are deleted. */
  keepMs: number;
}

export const SIGN_IN_THROTTLE: Readonly<ThrottlePolicy> = Object.freeze({
  windowMs: 15 * 60_000,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 20,
  keepMs: 24 * 60 * 60_000,
});

/**
 * The account recorded for single sign-on callbacks. Only its address limit applies: who failed
 * there is not one person, and refusing "sso" itself would lock the whole district out.
 */
export const SSO_ACCOUNT = 'sso';

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };
/** An attempt let through by `admit`: already counted as a failure until it is settled as a success. */
export type Admission = { allowed: true; settle(succeeded: boolean): Promise<void> } | { allowed: false; retryAfterMs: number };

/** "Too many sign-in attempts", with how long to wait: the server also sends it as Retry-After. */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterMs: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
    super('rate_limited', `Too many sign-in attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`);
    this.name = 'RateLimitedError';
  }
}

const PRUNE_EVERY_MS = 10 * 60_000;
/** Advisory lock namespaces (PostgreSQL): one per kind of key, taken in this order so two sign-ins never deadlock. */
const LOCK_ACCOUNT = 0x5349_0001;
const LOCK_ADDRESS = 0x5349_0002;

/** The column lengths: a longer value would be refused by PostgreSQL. */
export function throttleAccount(email: string): string {
  return email.trim().toLowerCase().slice(0, 254);
}
export function throttleAddress(address: string): string {
  return address.trim().slice(0, 64) || 'unknown';
}

/**
 * Slows password guessing down, counted in the database so every server replica sees the same
 * attempts. A failure stops counting once the same account has signed in successfully from the
 * same address afterwards (the person mistyped, then got it right); a success elsewhere forgives
 * nothing, so someone guessing from another address stays limited.
 */
export class SignInThrottle {
  private lastPrune = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    readonly policy: Readonly<ThrottlePolicy> = SIGN_IN_THROTTLE,
  ) {}

  /** Whether an attempt may be made now (a read: it counts nothing). */
  async check(account: string, address: string): Promise<ThrottleVerdict> {
    const wait = await this.waitFor(this.db.manager, throttleAccount(account), throttleAddress(address), this.clock.now());
    return wait === null ? { allowed: true } : { allowed: false, retryAfterMs: wait };
  }

  /** Records the outcome of an attempt made without `admit` (single sign-on callbacks). */
  async record(account: string, address: string, succeeded: boolean): Promise<void> {
    const now = this.clock.now();
    await writeTransaction(this.db, async (m) => {
      await this.prune(m, now);
      await m.getRepository(SignInAttemptEntity).insert({ at: now, account: throttleAccount(account), address: throttleAddress(address), succeeded });
    });
  }

  /**
   * Checks and counts an attempt in one transaction, before the password is verified: parallel
   * guesses (on one replica or several) cannot all pass the check before any is counted. The
   * attempt counts as a failure until `settle(true)`; if the process dies meanwhile, it stays one.
   */
  async admit(account: string, address: string): Promise<Admission> {
    const key = { account: throttleAccount(account), address: throttleAddress(address) };
    const now = this.clock.now();
    const admitted = await writeTransaction(this.db, async (m): Promise<{ wait: number } | { id: number }> => {
      if (isPostgres(this.db)) {
        // SQLite runs one write transaction at a time anyway; PostgreSQL serializes attempts on the same keys here.
        await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_ACCOUNT, key.account]);
        await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_ADDRESS, key.address]);
      }
      const wait = await this.waitFor(m, key.account, key.address, now);
      if (wait !== null) return { wait };
      await this.prune(m, now);
      const inserted = await m.getRepository(SignInAttemptEntity).insert({ at: now, ...key, succeeded: false });
      return { id: Number((inserted.identifiers[0] as { id: number | string }).id) };
    });
    if ('wait' in admitted) return { allowed: false, retryAfterMs: admitted.wait };
    return {
      allowed: true,
      settle: async (succeeded) => {
        if (!succeeded) return;
        await writeTransaction(this.db, (m) => m.getRepository(SignInAttemptEntity).update({ id: admitted.id }, { succeeded: true }));
      },
    };
  }

  /** How long until the next attempt may be made, or null when it may be made now. */
  private async waitFor(m: EntityManager, account: string, address: string, now: number): Promise<number | null> {
    const waits: number[] = [];
    if (account !== SSO_ACCOUNT) {
      const at = await this.nthRecentFailure(m, 'account', account, this.policy.maxFailuresPerAccount, now);
      if (at !== null) waits.push(at + this.policy.windowMs - now);
    }
    const at = await this.nthRecentFailure(m, 'address', address, this.policy.maxFailuresPerAddress, now);
    if (at !== null) waits.push(at + this.policy.windowMs - now);
    return waits.length === 0 ? null : Math.max(1, ...waits);
  }

  /**
   * When the n-th most recent failure that still counts happened, or null when there are fewer
   * than n: the limit is reached exactly when it exists, and lifts when it leaves the window.
   */
  private async nthRecentFailure(m: EntityManager, by: 'account' | 'address', value: string, n: number, now: number): Promise<number | null> {
    const row = await m
      .getRepository(SignInAttemptEntity)
      .createQueryBuilder('f')
      .select('f.at', 'at')
      .where(`f.${by} = :value`, { value })
      .andWhere('f.at > :since', { since: now - this.policy.windowMs })
      .andWhere('f.succeeded = false')
      // Forgiven: the same account later signed in from the same address.
      .andWhere('NOT EXISTS (SELECT 1 FROM sign_in_attempt s WHERE s.account = f.account AND s.address = f.address AND s.succeeded = true AND s.id > f.id)')
      .orderBy('f.at', 'DESC')
      .offset(n - 1)
      .limit(1)
      .getRawOne<{ at: number | string }>();
    return row ? Number(row.at) : null;
  }

  private async prune(m: EntityManager, now: number): Promise<void> {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await m.createQueryBuilder().delete().from(SignInAttemptEntity).where('at < :before', { before: now - this.policy.keepMs }).execute();
  }
}
