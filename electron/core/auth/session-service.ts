import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { IsNull, type DataSource } from 'typeorm';
import type { StaffMember, StaffRole } from '../../../shared/domain';
import type { Clock } from '../clock';
import { StaffEntity, StaffSessionEntity, type StaffSessionRow } from '../db/entities';
import { writeTransaction } from '../db/write-transaction';
import { SessionUpkeep } from './session-upkeep';
import { DomainError } from '../errors';
import { isPostgres } from '../db/dialect';

export type SignInMethod = StaffSessionRow['method'];
export type SessionClient = StaffSessionRow['client'];

/** How a session is made and how long it lives: decided by the host per sign-in, stored with the session. */
export interface SessionPolicy {
  method: SignInMethod;
  client: SessionClient;
  /** The session ends this long after it was issued, however busy. */
  lifetimeMs: number;
  /** The session ends after this long without a call; null: only the lifetime ends it. */
  idleMs: number | null;
}

export interface IssuedSession {
  /** The bearer secret the client keeps (cookie or Authorization header). Shown once, never stored. */
  token: string;
  /** The session's CSRF token (see `csrfFor`). */
  csrf: string;
  sessionId: string;
  /** Epoch ms. */
  expiresAt: number;
  idleMs: number | null;
  staff: StaffMember;
}

export interface ResolvedSession {
  sessionId: string;
  staff: StaffMember;
  csrf: string;
  method: SignInMethod;
  client: SessionClient;
  /** Epoch ms. */
  expiresAt: number;
  idleMs: number | null;
}

/** 32 random bytes: guessing one is out of reach, and base64url keeps it cookie- and header-safe. */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
/**
 * last_seen_at is written at most this often, so checking a session is one indexed read and
 * almost never a write. The idle timeout is therefore measured to within this much.
 */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

/** The session's primary key: sha256 of its token, so a copy of the table lets nobody in. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The CSRF token of a cookie session: HMAC-SHA256 keyed by the session token over "csrf",
 * base64url. Derived rather than stored, so there is nothing more to keep, expire or leak with the
 * sessions table (which holds only hashes of tokens). Another site's page can make the browser
 * send the cookie, but it can neither read the cookie (HttpOnly) nor this value, which the
 * console's own page receives in the session answer and sends back as a header; knowing it does
 * not reveal the token (the HMAC is one-way), and it changes with every session.
 */
export function csrfFor(token: string): string {
  return createHmac('sha256', token).update('csrf').digest('base64url');
}

/** Compares two secrets (a presented CSRF header with the session's) in time that does not depend on where they differ. */
export function sameSecret(expected: string, presented: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(presented, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

interface SessionJoinRow {
  staffId: number | string;
  method: SignInMethod;
  client: SessionClient;
  expiresAt: number | string;
  lastSeenAt: number | string;
  revokedAt: number | string | null;
  idleMs: number | string | null;
  name: string;
  role: StaffRole;
  active: boolean | number;
  email: string | null;
}

/**
 * Sessions of the district server (and of a console that chose a profile), kept in the database
 * so every server replica knows them and a sign-out or a deactivation ends them everywhere.
 */
export class SessionService {
  private readonly upkeep: SessionUpkeep;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {
    this.upkeep = new SessionUpkeep(db, StaffSessionEntity);
  }

  /** Starts a session for an active staff member; refuses an unknown (`unauthenticated`) or inactive (`forbidden`) one. */
  async issue(staffId: number, policy: SessionPolicy): Promise<IssuedSession> {
    if (!(policy.lifetimeMs > 0)) throw new Error(`A session lifetime must be positive, got ${policy.lifetimeMs}`);
    if (policy.idleMs !== null && !(policy.idleMs > 0)) throw new Error(`A session idle timeout must be positive or null, got ${policy.idleMs}`);
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const sessionId = sessionIdOf(token);
    const now = this.clock.now();
    const expiresAt = now + policy.lifetimeMs;
    const staff = await writeTransaction(this.db, async (m) => {
      const row = await m.getRepository(StaffEntity).findOneBy({ id: staffId });
      if (!row) throw new DomainError('unauthenticated', `No staff member has id ${staffId}`);
      if (!row.active) throw new DomainError('forbidden', `${row.name}'s profile is inactive`);
      await this.upkeep.pruneEnded(m, now);
      await m.getRepository(StaffSessionEntity).insert({
        id: sessionId,
        staffId,
        method: policy.method,
        client: policy.client,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        revokedAt: null,
        idleMs: policy.idleMs,
      });
      return { id: row.id, name: row.name, role: row.role, active: true, email: row.email ?? null };
    });
    return { token, csrf: csrfFor(token), sessionId, expiresAt, idleMs: policy.idleMs, staff };
  }

  /**
   * The session a token stands for, or null when it is unknown, revoked, past its lifetime, idle
   * longer than its policy allows, or its staff member is no longer active. The staff member is
   * read with it (role changes apply at once).
   */
  async resolve(token: string): Promise<ResolvedSession | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const sessionId = sessionIdOf(token);
    // Every call on the server pays this check: plain SQL, prepared once per dialect, skips the
    // query builder's work (a third of the check's time) for the same one indexed read.
    const rows = (await this.db.query(this.resolveSql(), [sessionId])) as SessionJoinRow[];
    const row = rows[0];
    if (!row || row.revokedAt !== null || !row.active) return null;
    const now = this.clock.now();
    const expiresAt = Number(row.expiresAt);
    const lastSeenAt = Number(row.lastSeenAt);
    const idleMs = row.idleMs === null ? null : Number(row.idleMs);
    if (now >= expiresAt) return null;
    if (idleMs !== null && now - lastSeenAt > idleMs) return null;
    if (now - lastSeenAt >= LAST_SEEN_RESOLUTION_MS) await this.upkeep.touch(sessionId, now);
    const staffId = Number(row.staffId);
    return {
      sessionId,
      staff: { id: staffId, name: row.name, role: row.role, active: true, email: row.email ?? null },
      csrf: csrfFor(token),
      method: row.method,
      client: row.client,
      expiresAt,
      idleMs,
    };
  }

  /** Ends the session of this token (sign-out). Answers whether there was one still open. */
  async revoke(token: string): Promise<boolean> {
    if (!TOKEN_SHAPE.test(token)) return false;
    const now = this.clock.now();
    const result = await writeTransaction(this.db, (m) => m.getRepository(StaffSessionEntity).update({ id: sessionIdOf(token), revokedAt: IsNull() }, { revokedAt: now }));
    return (result.affected ?? 0) > 0;
  }

  /** Ends every open session of a staff member (deactivated, or their password reset). Answers how many. */
  async revokeAllFor(staffId: number): Promise<number> {
    const now = this.clock.now();
    // Within a caller's transaction (a deactivation) this joins it: the person and their sessions end together.
    const result = await writeTransaction(this.db, (m) =>
      m.createQueryBuilder().update(StaffSessionEntity).set({ revokedAt: now }).where('staff_id = :staffId AND revoked_at IS NULL', { staffId }).execute(),
    );
    return result.affected ?? 0;
  }


  private resolveSqlText: string | null = null;

  private resolveSql(): string {
    if (this.resolveSqlText) return this.resolveSqlText;
    const param = isPostgres(this.db) ? '$1' : '?';
    this.resolveSqlText =
      'SELECT s.staff_id AS "staffId", s.method AS "method", s.client AS "client", s.expires_at AS "expiresAt", ' +
      's.last_seen_at AS "lastSeenAt", s.revoked_at AS "revokedAt", s.idle_ms AS "idleMs", m.name AS "name", m.role AS "role", ' +
      `m.active AS "active", m.email AS "email" FROM staff_session s INNER JOIN staff_member m ON m.id = s.staff_id WHERE s.id = ${param}`;
    return this.resolveSqlText;
  }

}
