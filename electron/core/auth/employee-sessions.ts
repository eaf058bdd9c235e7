import { randomBytes } from 'node:crypto';
import { IsNull, type DataSource } from 'typeorm';
import type { Clock } from '../clock';
import { CallerEntity } from '../db/entities';
import { EmployeeSessionEntity } from '../db/support-entities';
import { writeTransaction } from '../db/write-transaction';
import { SessionUpkeep } from './session-upkeep';
import { DomainError } from '../errors';
import { csrfFor, LAST_SEEN_RESOLUTION_MS, sessionIdOf } from './session-service';

/** How long an employee's session lives: the server's staff settings (DESKWATCH_SESSION_HOURS, DESKWATCH_IDLE_MINUTES). */
export interface EmployeeSessionPolicy {
  /** The session ends this long after it was issued, however busy. */
  lifetimeMs: number;
  /** The session ends after this long without a request; null: only the lifetime ends it. */
  idleMs: number | null;
}

export interface IssuedEmployeeSession {
  /** The cookie's secret. Shown once, never stored. */
  token: string;
  csrf: string;
  sessionId: string;
  callerId: number;
  /** Epoch ms. */
  expiresAt: number;
}

export interface ResolvedEmployeeSession {
  sessionId: string;
  callerId: number;
  csrf: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** As staff session tokens: 32 random bytes, base64url (43 characters). */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Sessions of employees at the Tech Support Center, in `employee_session`, apart from staff
 * sessions: an employee's cookie reaches the employees' channels only, never the console. Kept as
 * staff sessions are (session-service.ts): the key is the token's SHA-256, the CSRF token is derived
 * from the token, `last_seen_at` is written at most once a minute, and every replica sees a sign-out.
 * The idle timeout is not stored per session: the host gives its setting with every check.
 */
export class EmployeeSessions {
  private readonly upkeep: SessionUpkeep;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {
    this.upkeep = new SessionUpkeep(db, EmployeeSessionEntity);
  }

  /** Starts a session for the caller a sign-in found; refuses an unknown caller (`unauthenticated`). */
  async issue(callerId: number, policy: EmployeeSessionPolicy): Promise<IssuedEmployeeSession> {
    checkPolicy(policy);
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const sessionId = sessionIdOf(token);
    const now = this.clock.now();
    const expiresAt = now + policy.lifetimeMs;
    await writeTransaction(this.db, async (m) => {
      if (!(await m.getRepository(CallerEntity).existsBy({ id: callerId }))) throw new DomainError('unauthenticated', `No caller has id ${callerId}`);
      await this.upkeep.pruneEnded(m, now);
      await m.getRepository(EmployeeSessionEntity).insert({ id: sessionId, callerId, createdAt: now, lastSeenAt: now, expiresAt, revokedAt: null });
    });
    return { token, csrf: csrfFor(token), sessionId, callerId, expiresAt };
  }

  /** The open session of this token, or null: unknown, revoked, past its lifetime, or idle longer than the policy allows. */
  async resolve(token: string, policy: EmployeeSessionPolicy): Promise<ResolvedEmployeeSession | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const sessionId = sessionIdOf(token);
    const row = await this.db.getRepository(EmployeeSessionEntity).findOneBy({ id: sessionId });
    if (!row || row.revokedAt !== null) return null;
    const now = this.clock.now();
    if (now >= row.expiresAt) return null;
    if (policy.idleMs !== null && now - row.lastSeenAt > policy.idleMs) return null;
    if (now - row.lastSeenAt >= LAST_SEEN_RESOLUTION_MS) await this.upkeep.touch(sessionId, now);
    return { sessionId, callerId: Number(row.callerId), csrf: csrfFor(token), expiresAt: row.expiresAt };
  }

  /** Ends the session of this token (sign-out). Answers whether there was one still open. */
  async revoke(token: string): Promise<boolean> {
    if (!TOKEN_SHAPE.test(token)) return false;
    const now = this.clock.now();
    const result = await writeTransaction(this.db, (m) => m.getRepository(EmployeeSessionEntity).update({ id: sessionIdOf(token), revokedAt: IsNull() }, { revokedAt: now }));
    return (result.affected ?? 0) > 0;
  }


}

function checkPolicy(policy: EmployeeSessionPolicy): void {
  if (!(policy.lifetimeMs > 0)) throw new Error(`A session lifetime must be positive, got ${policy.lifetimeMs}`);
  if (policy.idleMs !== null && !(policy.idleMs > 0)) throw new Error(`A session idle timeout must be positive or null, got ${policy.idleMs}`);
}
