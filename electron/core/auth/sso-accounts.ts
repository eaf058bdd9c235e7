import { IsNull, type DataSource } from 'typeorm';
import type { StaffMember } from '../../../shared/domain';
import type { Clock } from '../clock';
import { StaffEntity, type StaffRow } from '../db/entities';
import { isUniqueViolation } from '../db/unique-violation';
import { writeTransaction } from '../db/write-transaction';
import { toStaffMember } from '../services/staff-service';

/** Who the district's identity provider says signed in (from a verified ID token). */
export interface SsoIdentity {
  /** The token's `iss`. */
  issuer: string;
  /** The token's `sub`: stable for this person at this provider, unlike an email. */
  subject: string;
  email: string | null;
  /** The provider's `email_verified`: only then may an email find a staff member. */
  emailVerified: boolean;
}

/** What the server tells a person single sign-on found no staff member for. */
export const NOT_ON_STAFF_LIST = "Your district account is not on the desk's staff list; ask a supervisor.";

/**
 * Which staff member a single sign-on is. A person is linked to their provider identity (issuer,
 * subject) at their first sign-in, found by the email a supervisor entered for them, and only when
 * the provider vouches for that email; from then on the identity finds them, whatever their email
 * becomes. A staff member already linked to another identity is never relinked by email: an email
 * reused or reassigned at the provider must not open someone else's profile.
 */
export class SsoAccounts {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The active staff member for this identity, or null (then answer NOT_ON_STAFF_LIST). */
  async staffForSso(identity: SsoIdentity): Promise<StaffMember | null> {
    const { issuer, subject } = identity;
    // Longer than the columns: no staff member can be linked to it.
    if (!issuer || !subject || issuer.length > 300 || subject.length > 255) return null;
    const linked = await this.linkedTo(issuer, subject);
    if (linked) return linked.active ? toStaffMember(linked) : null;
    const email = identity.email?.trim().toLowerCase();
    if (!email || !identity.emailVerified) return null;
    const byEmail = await this.db.getRepository(StaffEntity).createQueryBuilder('s').where('lower(s.email) = :email', { email }).getOne();
    if (!byEmail || !byEmail.active || byEmail.ssoSubject !== null) return null;
    return this.link(byEmail, issuer, subject);
  }

  private linkedTo(issuer: string, subject: string): Promise<StaffRow | null> {
    return this.db.getRepository(StaffEntity).findOneBy({ ssoIssuer: issuer, ssoSubject: subject });
  }

  private async link(row: StaffRow, issuer: string, subject: string): Promise<StaffMember | null> {
    try {
      const result = await writeTransaction(this.db, (m) =>
        // Only if still unlinked: two replicas finishing two sign-ins at once link one identity, never overwrite.
        m.getRepository(StaffEntity).update({ id: row.id, ssoSubject: IsNull(), active: true }, { ssoIssuer: issuer, ssoSubject: subject, updatedAt: this.clock.now() }),
      );
      if ((result.affected ?? 0) === 1) return toStaffMember({ ...row, ssoIssuer: issuer, ssoSubject: subject });
    } catch (error) {
      // Another replica linked this identity to this person a moment ago (uq_staff_sso).
      if (!isUniqueViolation(error)) throw error;
    }
    const linked = await this.linkedTo(issuer, subject);
    return linked?.active ? toStaffMember(linked) : null;
  }
}
