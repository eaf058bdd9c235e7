import type { DataSource, EntityManager } from 'typeorm';
import type { CallerInput } from '../../../shared/contract';
import type { Caller } from '../../../shared/domain';
import type { Clock } from '../clock';
import { isPostgres } from '../db/dialect';
import { CallerEntity, type CallerRow } from '../db/entities';
import { EmployeeIdentityEntity } from '../db/support-entities';
import { isUniqueViolation } from '../db/unique-violation';
import { writeTransaction } from '../db/write-transaction';
import { DomainError } from '../errors';

/** Who the district's identity provider says signed in at the Tech Support Center (from a verified ID token). */
export interface EmployeeIdentity {
  /** The token's `iss`. */
  issuer: string;
  /** The token's `sub`: stable for this person at this provider, unlike an email. */
  subject: string;
  email: string | null;
  /** The provider's `email_verified`: only then may an email find (or make) a caller record. */
  emailVerified: boolean;
  /** The name to give a caller record made at first sign-in. */
  name: string | null;
}

/** The caller directory's way of adding a caller (CallerService.create): its unique keys and its `callers.changed` event apply. */
export interface CallerDirectory {
  create(input: CallerInput): Promise<Caller>;
}

/** Which caller an employee is, and how that was found (the server logs it). */
export type EmployeeMatch = { ok: true; callerId: number; how: 'linked' | 'email' | 'created' } | { ok: false; message: string };

/** Without an address the provider vouches for, nothing ties the person to a caller record. */
export const NO_VERIFIED_EMAIL =
  'Your district account does not come with a verified email address, so the Tech Support Center cannot tell which employee you are. Call the Help Desk to submit your request, and ask them to check your district account.';

/** An address already linked to another district account: someone else's requests must not open. */
export const EMAIL_LINKED_ELSEWHERE =
  'Your email address belongs to an employee record already linked to another district account. Call the Help Desk: they can check which account is yours.';

const UNUSABLE_IDENTITY = 'The district sign-in sent an identity the Tech Support Center cannot keep. Call the Help Desk.';

/** The caller directory's limits (shared/contract.ts callerFields). */
const NAME_MAX = 120;
const ISSUER_MAX = 300;
const SUBJECT_MAX = 255;

/**
 * Which caller record an employee who signs in at the Tech Support Center is. Every district
 * account may sign in (staff members too, as themselves: as callers they ask for help like anyone).
 * The provider identity (issuer, subject) is linked to a caller at the first sign-in, found by the
 * address the provider vouches for; from then on the identity finds that caller, whatever the
 * address becomes. A person the directory does not know yet is added from the token (name and
 * address), so a new employee can ask for help on their first day.
 *
 * As for staff (sso-accounts.ts), a caller already linked to another identity is never linked again
 * by email: an address reused or reassigned at the provider must not open someone else's requests.
 */
export class EmployeeAccounts {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async callerFor(identity: EmployeeIdentity, directory: CallerDirectory): Promise<EmployeeMatch> {
    const { issuer, subject } = identity;
    if (!issuer || !subject || issuer.length > ISSUER_MAX || subject.length > SUBJECT_MAX) return { ok: false, message: UNUSABLE_IDENTITY };
    const linked = await this.linkedTo(issuer, subject);
    if (linked !== null) return { ok: true, callerId: linked, how: 'linked' };

    const email = identity.email?.trim().toLowerCase();
    if (!email || !identity.emailVerified) return { ok: false, message: NO_VERIFIED_EMAIL };
    const found = await this.callerByEmail(email);
    if (found) return this.link(found.id, identity, 'email');
    const created = await this.createCaller(email, identity.name, directory);
    return this.link(created.id, identity, created.how);
  }

  private async linkedTo(issuer: string, subject: string): Promise<number | null> {
    const row = await this.db.getRepository(EmployeeIdentityEntity).findOneBy({ issuer, subject });
    return row ? Number(row.callerId) : null;
  }

  /**
   * The caller with this address. uq_caller_email (lower(email)) allows one; should a database
   * ever hold several (rows from before that index), the most recently updated is the one the desk
   * keeps current, so it is taken, the lowest id breaking a tie for the same answer every time.
   * Callers have no "active" flag to prefer.
   */
  private callerByEmail(email: string, m: EntityManager = this.db.manager): Promise<CallerRow | null> {
    // lower(email), as uq_caller_email has it, so the lookup uses that index.
    return m
      .getRepository(CallerEntity)
      .createQueryBuilder('c')
      .where('lower(c.email) = :email', { email })
      .orderBy('c.updatedAt', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .getOne();
  }

  /** Adds the person to the directory; when another server replica just did, the caller it made is theirs. */
  private async createCaller(email: string, name: string | null, directory: CallerDirectory): Promise<{ id: number; how: 'created' | 'email' }> {
    try {
      const caller = await directory.create({ name: nameFor(name, email), email });
      return { id: caller.id, how: 'created' };
    } catch (error) {
      // CallerService answers a unique-key refusal as `conflict` on the field.
      if (!(error instanceof DomainError && error.code === 'conflict' && error.field === 'email')) throw error;
      const made = await this.callerByEmail(email);
      if (!made) throw error;
      return { id: made.id, how: 'email' };
    }
  }

  private async link(callerId: number, identity: EmployeeIdentity, how: 'email' | 'created'): Promise<EmployeeMatch> {
    const { issuer, subject } = identity;
    try {
      const outcome = await writeTransaction(this.db, async (m) => {
        // PostgreSQL: two sign-ins by two identities with one address wait here for each other, so
        // the second sees the first's link (SQLite runs one write transaction at a time anyway).
        if (isPostgres(this.db)) await m.query('SELECT id FROM caller WHERE id = $1 FOR UPDATE', [callerId]);
        const other = await m
          .getRepository(EmployeeIdentityEntity)
          .createQueryBuilder('i')
          .where('i.callerId = :callerId', { callerId })
          .andWhere('NOT (i.issuer = :issuer AND i.subject = :subject)', { issuer, subject })
          .getOne();
        if (other) return 'elsewhere' as const;
        await m.getRepository(EmployeeIdentityEntity).insert({ issuer, subject, callerId, linkedAt: this.clock.now() });
        return 'linked' as const;
      });
      if (outcome === 'elsewhere') return { ok: false, message: EMAIL_LINKED_ELSEWHERE };
      return { ok: true, callerId, how };
    } catch (error) {
      // Another replica linked this identity a moment ago (the primary key is the identity).
      if (!isUniqueViolation(error)) throw error;
    }
    const linked = await this.linkedTo(issuer, subject);
    if (linked === null) throw new Error(`employee identity ${issuer} ${subject} could not be linked, and no link exists`);
    return { ok: true, callerId: linked, how: 'linked' };
  }
}

/** The token's name within the directory's limit; without one, the address's local part (the desk can correct it). */
function nameFor(name: string | null, email: string): string {
  const trimmed = name?.trim().slice(0, NAME_MAX).trim();
  if (trimmed) return trimmed;
  return (email.split('@')[0] ?? email).slice(0, NAME_MAX);
}
