/**
 * The Tech Support Center's half of a district sign-in. The flow is the staff one (sso-routes.ts)
 * and comes back to the one registered callback; a flow started at `/api/support/sso` is marked
 * for the support center, and its callback lands here: the person is an employee (their caller
 * record), gets an employee session in its own cookie, and goes back to the support page.
 */
import type http from 'node:http';
import { SSO_ACCOUNT, type EmployeeSessionPolicy } from '../core/auth';
import type { SsoIdentity } from './auth/oidc-sign-in';
import { sendPage } from './plain-page';
import type { Exchange, ServerContext } from './server-context';
import { SSO_BINDING_COOKIE, SUPPORT_COOKIE, clearCookie, readCookie, setCookie } from './session-cookie';

/** Where the Tech Support Center's page is served. */
export const SUPPORT_PATH = '/support';
export const SUPPORT_START = { href: SUPPORT_PATH, text: 'Back to the Tech Support Center' };

/**
 * A path of the Tech Support Center to return to after signing in; anything else (the console,
 * another site, `/support/../queue`) is the support center's start. Dot segments are resolved as a
 * browser resolves them before the check, so nothing that looks like /support lands elsewhere.
 */
export function supportReturnPath(value: string | null): string {
  // Starting with /support, it cannot be `//host` or `/\\host` (another site).
  if (!value || value.length > 2_000 || !value.startsWith(SUPPORT_PATH)) return SUPPORT_PATH;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return SUPPORT_PATH;
  const base = 'http://deskwatch.invalid';
  const resolved = new URL(value, base);
  if (resolved.origin !== base || !isSupportPath(resolved.pathname)) return SUPPORT_PATH;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

/** `/support` and everything under `/support/` (not `/supportx`). */
export function isSupportPath(pathname: string): boolean {
  return pathname === SUPPORT_PATH || pathname.startsWith(`${SUPPORT_PATH}/`);
}

/** The staff settings apply to employees too: one lifetime and one idle timeout for the server. */
export function employeeSessionPolicy(ctx: ServerContext): EmployeeSessionPolicy {
  return { lifetimeMs: ctx.config.sessionHours * 3_600_000, idleMs: ctx.config.idleMinutes * 60_000 };
}

/** The employee session cookie a request presents, or null. Never a bearer token: employees sign in only in a browser. */
export function presentedSupportToken(req: http.IncomingMessage): string | null {
  return readCookie(req, SUPPORT_COOKIE);
}

/**
 * After the provider vouched for the person: finds (links, or adds) their caller record, ends the
 * employee session this browser had (session fixation), starts a new one and returns to the page.
 * `headers` already clear the binding cookie.
 */
export async function finishEmployeeSignIn(ctx: ServerContext, ex: Exchange, identity: SsoIdentity, returnTo: string | undefined, headers: Record<string, string>): Promise<void> {
  const match = await ctx.auth.employees.callerFor(identity, ctx.core.services.callers);
  await ctx.auth.throttle.record(SSO_ACCOUNT, ex.client.address, match.ok);
  if (!match.ok) {
    const who = identity.email ?? identity.name ?? identity.subject;
    return sendPage(ex.res, 403, { title: 'Cannot open the Tech Support Center', message: `You signed in at the district as ${who}. ${match.message}`, link: SUPPORT_START }, headers);
  }
  if (match.how !== 'linked') ctx.core.logger.info(`deskwatch server: district account ${identity.subject} linked to caller ${match.callerId} (${match.how === 'created' ? 'a new caller' : 'by verified email'})`);

  const previous = presentedSupportToken(ex.req);
  if (previous) await ctx.auth.employeeSessions.revoke(previous);
  const issued = await ctx.auth.employeeSessions.issue(match.callerId, employeeSessionPolicy(ctx));
  ex.res.writeHead(302, {
    ...ex.headers,
    location: new URL(supportReturnPath(returnTo ?? null), ctx.publicOrigin).href,
    'set-cookie': [clearCookie(SSO_BINDING_COOKIE), setCookie(SUPPORT_COOKIE, issued.token, (issued.expiresAt - ctx.core.clock.now()) / 1000)],
  } as Record<string, string | string[]>);
  ex.res.end();
}
