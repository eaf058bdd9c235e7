/**
 * Signing in and sessions, in plain Node (no HTTP): the hosts (the district server, the desktop
 * app, the browser mode) carry tokens and cookies; everything they decide on is here.
 */
import type { DataSource } from 'typeorm';
import type { Clock } from '../clock';
import { AuthFlowStore } from './auth-flow-store';
import { EmployeeAccounts } from './employee-accounts';
import { EmployeeSessions } from './employee-sessions';
import { LocalSignIn } from './local-sign-in';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './session-service';
import { SignInThrottle } from './sign-in-throttle';
import { SsoAccounts } from './sso-accounts';

export interface AuthServices {
  sessions: SessionService;
  passwords: PasswordHasher;
  throttle: SignInThrottle;
  flows: AuthFlowStore;
  localSignIn: LocalSignIn;
  sso: SsoAccounts;
  /** The Tech Support Center: which caller an employee is, and employees' sessions. */
  employees: EmployeeAccounts;
  employeeSessions: EmployeeSessions;
}

export function createAuthServices(db: DataSource, clock: Clock): AuthServices {
  const passwords = new PasswordHasher();
  const throttle = new SignInThrottle(db, clock);
  return {
    sessions: new SessionService(db, clock),
    passwords,
    throttle,
    flows: new AuthFlowStore(db, clock),
    localSignIn: new LocalSignIn(db, throttle, passwords),
    sso: new SsoAccounts(db, clock),
    employees: new EmployeeAccounts(db, clock),
    employeeSessions: new EmployeeSessions(db, clock),
  };
}

export { AuthFlowStore, type FlowPayload } from './auth-flow-store';
export { EMAIL_LINKED_ELSEWHERE, EmployeeAccounts, NO_VERIFIED_EMAIL, type CallerDirectory, type EmployeeIdentity, type EmployeeMatch } from './employee-accounts';
export { EmployeeSessions, type EmployeeSessionPolicy, type IssuedEmployeeSession, type ResolvedEmployeeSession } from './employee-sessions';
export { LocalSignIn, SIGN_IN_REFUSED } from './local-sign-in';
export { PASSWORD_HASH_PARAMETERS, PasswordHasher } from './password-hasher';
export { csrfFor, LAST_SEEN_RESOLUTION_MS, sameSecret, sessionIdOf, SessionService, type IssuedSession, type ResolvedSession, type SessionClient, type SessionPolicy, type SignInMethod } from './session-service';
export { RateLimitedError, SIGN_IN_THROTTLE, SignInThrottle, SSO_ACCOUNT, type Admission, type ThrottlePolicy, type ThrottleVerdict } from './sign-in-throttle';
export { NOT_ON_STAFF_LIST, SsoAccounts, type SsoIdentity } from './sso-accounts';
