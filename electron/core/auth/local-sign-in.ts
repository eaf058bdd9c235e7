import type { DataSource } from 'typeorm';
import type { StaffMember } from '../../../shared/domain';
import { StaffEntity } from '../db/entities';
import { DomainError } from '../errors';
import { toStaffMember } from '../services/staff-service';
import type { PasswordHasher } from './password-hasher';
import { RateLimitedError, throttleAccount, type SignInThrottle } from './sign-in-throttle';

/**
 * One answer for every refusal (unknown email, wrong password, no password set, inactive), so
 * the sign-in form does not tell anyone which emails have accounts here.
 */
export const SIGN_IN_REFUSED = 'That email and password do not match an account that may sign in here. Check both, or ask a supervisor to reset your password.';

/** A longer "password" is not one anybody set (the contract allows 256); refused before any work. */
const MAX_PASSWORD_LENGTH = 1_024;

/** Local accounts: email and password, for a district without single sign-on (or beside it). */
export class LocalSignIn {
  constructor(
    private readonly db: DataSource,
    private readonly throttle: SignInThrottle,
    private readonly passwords: PasswordHasher,
  ) {}

  /**
   * The staff member whose email and password these are, or `unauthenticated` (SIGN_IN_REFUSED),
   * or `rate_limited` (a RateLimitedError, with how long to wait) after too many failures for the
   * account or from the address.
   */
  async signIn(email: string, password: string, address: string): Promise<StaffMember> {
    const account = throttleAccount(email);
    const admission = await this.throttle.admit(account, address);
    if (!admission.allowed) throw new RateLimitedError(admission.retryAfterMs);
    // The throttle's account is cut to the column's 254 characters; the lookup is not: a longer email is nobody's.
    const wanted = email.trim().toLowerCase();
    const row = wanted === '' || wanted !== account || password.length > MAX_PASSWORD_LENGTH ? null : await this.accountOf(account);
    // As much work for an unknown account, or one without a password, as for a real one: the time an answer takes tells nothing either.
    const matches = row?.passwordHash ? await this.passwords.verify(row.passwordHash, password) : await this.passwords.verifyNothing(password);
    const succeeded = matches && row !== null && Boolean(row.active);
    await admission.settle(succeeded);
    if (!succeeded || !row) throw new DomainError('unauthenticated', SIGN_IN_REFUSED);
    return toStaffMember(row);
  }

  private accountOf(account: string) {
    // lower(email), as uq_staff_email has it, so the lookup uses that index.
    return this.db
      .getRepository(StaffEntity)
      .createQueryBuilder('s')
      .addSelect('s.passwordHash')
      .where('lower(s.email) = :account', { account })
      .getOne();
  }
}
