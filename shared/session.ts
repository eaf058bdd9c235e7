/**
 * Who a console acts as, and how one signs in there. Identity is the transport's business, never
 * a call's payload: a standalone console (one person, one machine) is whoever chose a profile at
 * it; a console of the district server is whoever signed in.
 */
import type { StaffMember } from './domain';

/** `standalone`: the core runs beside the console on one machine; `server`: a district server signs people in. */
export const CONSOLE_MODES = ['standalone', 'server'] as const;
export type ConsoleMode = (typeof CONSOLE_MODES)[number];

/** How one may sign in on a server (a standalone console offers neither: one chooses a profile). */
export interface SignInOptions {
  /** District single sign-on (OpenID Connect), with the words its button shows. */
  sso: { label: string } | null;
  /** Local accounts (email and password). */
  password: boolean;
}

export interface SessionState {
  mode: ConsoleMode;
  /** The staff member every call is made as; null before anyone chose a profile or signed in. */
  staff: StaffMember | null;
  signIn: SignInOptions;
  /** When the session ends at the latest (ISO instant); null for a standalone console. */
  expiresAt: string | null;
  /** Minutes without a call after which the session ends; null when it does not. */
  idleTimeoutMinutes: number | null;
  /** The desktop app in team mode: the server it works with (for the header and settings). */
  server?: string;
}

export const STANDALONE_SIGN_IN: SignInOptions = { sso: null, password: false };
