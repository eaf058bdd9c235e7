/**
 * Signing in and out of the district server: the session answer, local accounts, the desktop
 * app's code exchange, and sign-out. Every sign-in starts a new session (a new token), and the
 * browser's previous session is ended: a token an attacker planted or saw before sign-in is
 * worth nothing after it (session fixation).
 */
import { createHash } from 'node:crypto';
import type { StaffMember } from '../../shared/domain';
import type { ContractError } from '../../shared/result';
import { RateLimitedError, type IssuedSession, type SessionClient, type SignInMethod } from '../core/auth';
import { DomainError } from '../core/errors';
import { readJsonObject, sendError, sendJson } from '../web/http-kit';
import { verifierMatches } from './desktop-loopback';
import { csrfPresented, sameOrigin } from './request-guards';
import { authenticate, presentedToken, sessionPolicy, sessionState, type Authenticated, type Exchange, type ServerContext } from './server-context';
import { SESSION_COOKIE, clearCookie, setCookie } from './session-cookie';

/** The kind of a desktop app's one-time sign-in code in the auth flow store. */
export const DESKTOP_CODE_KIND = 'desktop_code';

/** The store keeps a hash of a one-time code, so a copy of the table cannot be exchanged. */
export function desktopCodeId(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/**
 * Why a request that changes something on a cookie session is refused, or null when it may go
 * on. Another site's page can make a browser send the cookie, but not set Origin to this server,
 * nor know the session's CSRF token (only the console's own page reads it). Bearer tokens (the
 * desktop app) are never sent by a browser on its own, so they need neither.
 */
export function csrfRefusal(ctx: ServerContext, ex: Exchange, auth: Authenticated): ContractError | null {
  if (auth.via === 'bearer') return null;
  if (!sameOrigin(ex.req, ctx.publicOrigin)) {
    return { code: 'forbidden', message: `Refused: this request did not come from a Deskwatch page at ${ctx.publicOrigin} (its Origin header is missing or names another site).` };
  }
  if (!csrfPresented(ex.req, auth.session.csrf)) {
    return { code: 'forbidden', message: "Refused: the request lacks this session's CSRF token (x-csrf-token). Reload the console and try again." };
  }
  return null;
}

/**
 * Sign-in forms are checked for their origin too: another site must not sign a browser in to an
 * account of its choosing (login CSRF). The desktop app sends no Origin and gets a token, not a
 * cookie, so a missing Origin is accepted only for it.
 */
function signInOriginRefused(ctx: ServerContext, ex: Exchange, client: SessionClient): boolean {
  const origin = ex.req.headers.origin;
  if (origin === undefined) return client !== 'desktop';
  return !sameOrigin(ex.req, ctx.publicOrigin);
}

const ORIGIN_REFUSED: ContractError = { code: 'forbidden', message: 'Refused: sign-in is accepted only from this server\'s own sign-in page (the Origin header is missing or names another site).' };

/** `GET /api/session`: who this console is signed in as (nobody: the ways to sign in), with the CSRF token for a cookie session. */
export async function currentSession(ctx: ServerContext, ex: Exchange): Promise<void> {
  const auth = await authenticate(ctx, ex.req);
  if (!auth) {
    const stale = presentedToken(ex.req)?.via === 'cookie';
    const headers = stale ? { ...ex.headers, 'set-cookie': clearCookie(SESSION_COOKIE) } : ex.headers;
    return sendJson(ex.res, 200, { ok: true, value: sessionState(ctx, null) }, headers);
  }
  const state = sessionState(ctx, auth.session);
  return sendJson(ex.res, 200, { ok: true, value: auth.via === 'cookie' ? { ...state, csrf: auth.session.csrf } : state }, ex.headers);
}

/** `POST /api/session/password` {email, password, client?}: a local account. */
export async function passwordSignIn(ctx: ServerContext, ex: Exchange): Promise<void> {
  if (!ctx.config.passwordSignIn) {
    return sendError(ex.res, 403, { code: 'forbidden', message: 'Password sign-in is turned off on this server: use the district sign-in.' }, ex.headers);
  }
  const body = await readJsonObject(ex.req);
  if (!body.ok) return sendError(ex.res, body.status, body.error, ex.headers);
  const { email, password } = body.value;
  const client = body.value.client ?? 'browser';
  if (client !== 'browser' && client !== 'desktop') {
    return sendError(ex.res, 400, { code: 'invalid_input', message: 'client must be "browser" or "desktop"', field: 'client' }, ex.headers);
  }
  if (signInOriginRefused(ctx, ex, client)) return sendError(ex.res, 403, ORIGIN_REFUSED, ex.headers);
  if (typeof email !== 'string' || !email.trim()) return sendError(ex.res, 400, { code: 'invalid_input', message: 'Enter your email', field: 'email' }, ex.headers);
  if (typeof password !== 'string' || !password) return sendError(ex.res, 400, { code: 'invalid_input', message: 'Enter your password', field: 'password' }, ex.headers);

  let staff: StaffMember;
  try {
    staff = await ctx.auth.localSignIn.signIn(email, password, ex.client.address);
  } catch (error) {
    if (error instanceof RateLimitedError) {
      const headers = { ...ex.headers, 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) };
      return sendError(ex.res, 429, { code: 'rate_limited', message: error.message }, headers);
    }
    if (error instanceof DomainError) return sendError(ex.res, 401, { code: error.code, message: error.message }, ex.headers);
    throw error;
  }
  return startSession(ctx, ex, staff.id, 'password', client);
}

/**
 * Starts a session for a staff member who just proved who they are, ending the one this browser
 * had, and answers it: a browser gets the cookie (and its CSRF token), the desktop app a token.
 */
export async function startSession(ctx: ServerContext, ex: Exchange, staffId: number, method: SignInMethod, client: SessionClient): Promise<void> {
  const issued = await issueRotated(ctx, ex, staffId, method, client);
  if (!issued.ok) return sendError(ex.res, 401, issued.error, ex.headers);
  const state = sessionState(ctx, issued.value);
  if (client === 'desktop') return sendJson(ex.res, 200, { ok: true, value: { ...state, token: issued.value.token } }, ex.headers);
  const headers = { ...ex.headers, 'set-cookie': sessionCookieFor(ctx, issued.value) };
  return sendJson(ex.res, 200, { ok: true, value: { ...state, csrf: issued.value.csrf } }, headers);
}

/** Issues a new session, revoking whatever session cookie the browser presented. */
export async function issueRotated(
  ctx: ServerContext,
  ex: Exchange,
  staffId: number,
  method: SignInMethod,
  client: SessionClient,
): Promise<{ ok: true; value: IssuedSession } | { ok: false; error: ContractError }> {
  const previous = presentedToken(ex.req);
  if (previous?.via === 'cookie') await ctx.auth.sessions.revoke(previous.token);
  try {
    return { ok: true, value: await ctx.auth.sessions.issue(staffId, sessionPolicy(ctx, method, client)) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error: { code: error.code, message: error.message } };
    throw error;
  }
}

export function sessionCookieFor(ctx: ServerContext, issued: IssuedSession): string {
  return setCookie(SESSION_COOKIE, issued.token, (issued.expiresAt - ctx.core.clock.now()) / 1000);
}

/** `POST /api/session/desktop-token` {code, code_verifier}: the desktop app exchanges its one-time code for a session token. */
export async function desktopToken(ctx: ServerContext, ex: Exchange): Promise<void> {
  if (signInOriginRefused(ctx, ex, 'desktop')) return sendError(ex.res, 403, ORIGIN_REFUSED, ex.headers);
  const body = await readJsonObject(ex.req);
  if (!body.ok) return sendError(ex.res, body.status, body.error, ex.headers);
  const { code, code_verifier: verifier } = body.value;
  if (typeof code !== 'string' || !code || code.length > 200) {
    return sendError(ex.res, 400, { code: 'invalid_input', message: 'code must be the one-time code the sign-in sent to the app', field: 'code' }, ex.headers);
  }
  // Taken (deleted) before the verifier is checked: a code gets one try, whoever presents it.
  const kept = await ctx.auth.flows.take(desktopCodeId(code), DESKTOP_CODE_KIND);
  const refused: ContractError = { code: 'unauthenticated', message: 'This sign-in code is unknown, expired or already used, or the verifier does not match it: sign in again.' };
  if (!kept || typeof kept.codeChallenge !== 'string' || typeof kept.staffId !== 'number') return sendError(ex.res, 401, refused, ex.headers);
  if (!verifierMatches(verifier, kept.codeChallenge)) return sendError(ex.res, 401, refused, ex.headers);
  return startSession(ctx, ex, kept.staffId, 'sso', 'desktop');
}

/** `POST /api/session/signout`: ends the session in the database (on every replica) and forgets the cookie. */
export async function signOut(ctx: ServerContext, ex: Exchange, onRevoked: (sessionId: string) => void): Promise<void> {
  const auth = await authenticate(ctx, ex.req);
  if (auth) {
    const refusal = csrfRefusal(ctx, ex, auth);
    if (refusal) return sendError(ex.res, 403, refusal, ex.headers);
    await ctx.auth.sessions.revoke(auth.token);
    onRevoked(auth.session.sessionId);
  }
  const cookie = presentedToken(ex.req)?.via === 'cookie';
  const headers = cookie ? { ...ex.headers, 'set-cookie': clearCookie(SESSION_COOKIE) } : ex.headers;
  return sendJson(ex.res, 200, { ok: true, value: sessionState(ctx, null) }, headers);
}
