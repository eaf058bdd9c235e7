/**
 * District single sign-on over HTTP: `GET /api/session/sso` sends the browser to the identity
 * provider, `GET /api/session/sso/callback` takes it back. The flow in between (PKCE verifier,
 * nonce, where to go after) is kept in the database, so any replica can take the callback, and
 * tied to the browser that started it by a cookie. The desktop app starts the same way with its
 * loopback address (RFC 8252) and gets a one-time code there instead of a cookie. The Tech
 * Support Center starts its own (`/api/support/sso`, support-routes.ts) through `startSignIn`: the
 * same registered callback then signs an employee in (support-sign-in.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { NOT_ON_STAFF_LIST, SSO_ACCOUNT, sameSecret } from '../core/auth';
import { DESKTOP_CODE_TTL_MS, loopbackRedirect, parseDesktopSignIn, type DesktopSignInRequest } from './desktop-loopback';
import { SsoError, type SignInFlow, type SsoIdentity } from './auth/oidc-sign-in';
import { sendPage } from './plain-page';
import { finishEmployeeSignIn, SUPPORT_START } from './support-sign-in';
import type { Exchange, ServerContext } from './server-context';
import { SSO_BINDING_COOKIE, clearCookie, readCookie, setCookie } from './session-cookie';
import { DESKTOP_CODE_KIND, desktopCodeId, issueRotated, sessionCookieFor } from './session-routes';

/** The kind of a single sign-on in progress in the auth flow store. */
export const SSO_FLOW_KIND = 'sso';

/** What the store keeps between the redirect and the callback. */
interface KeptFlow {
  flow: SignInFlow;
  /** sha256 of the value of the browser's binding cookie. */
  binding: string;
  /** Browser: the console path to return to. */
  returnTo?: string;
  /** Desktop: where the app waits for its code. */
  desktop?: DesktopSignInRequest;
  /** Started at the Tech Support Center: the callback signs an employee in, not a staff member. */
  center?: 'support';
}

/** What a started sign-in is for: the browser's return path (and whether it is the support center's), or the desktop app. */
export type SignInTarget = Pick<KeptFlow, 'returnTo' | 'desktop' | 'center'>;

const START_AGAIN = { href: '/', text: 'Back to the sign-in page' };

/** A path on this server to return to after signing in; anything else (another site, `//host`) is the console's start. */
export function safeReturnPath(value: string | null): string {
  if (!value || value.length > 2_000 || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  return value;
}

/** `GET /api/session/sso`: to the district's sign-in page. */
export async function beginSso(ctx: ServerContext, ex: Exchange): Promise<void> {
  if (!ctx.oidc) return sendPage(ex.res, 404, { title: 'No district sign-in', message: 'Single sign-on is not set up on this server: sign in with your email and password.', link: START_AGAIN }, ex.headers);
  let target: SignInTarget;
  if (ex.url.searchParams.has('redirect_uri')) {
    const desktop = parseDesktopSignIn(ex.url.searchParams);
    // Never redirect to an address we refused: the error is shown here, in the browser.
    if (!desktop.ok) return sendPage(ex.res, 400, { title: 'Sign-in refused', message: `The desktop app's sign-in request is not valid: ${desktop.message}` }, ex.headers);
    target = { desktop: desktop.value };
  } else {
    target = { returnTo: safeReturnPath(ex.url.searchParams.get('return')) };
  }
  return startSignIn(ctx, ex, target, START_AGAIN);
}

/** Sends the browser to the district's sign-in page, keeping the flow (and what it is for) until the callback. */
export async function startSignIn(ctx: ServerContext, ex: Exchange, target: SignInTarget, startAgain: { href: string; text: string }): Promise<void> {
  if (!ctx.oidc) throw new Error('a sign-in was started on a server without single sign-on');
  let begun: { url: string; flow: SignInFlow };
  try {
    begun = await ctx.oidc.begin();
  } catch (error) {
    if (!(error instanceof SsoError)) throw error;
    ctx.core.logger.warn(`deskwatch server: single sign-on could not start (${error.reason}): ${error.detail}`);
    return sendPage(ex.res, 502, { title: 'Sign-in unavailable', message: error.message, link: startAgain }, ex.headers);
  }
  const binding = randomBytes(32).toString('base64url');
  const ttlMs = Math.max(1_000, begun.flow.expiresAt - ctx.core.clock.now());
  const kept: KeptFlow = { flow: begun.flow, binding: hashOf(binding), ...target };
  await ctx.auth.flows.put(begun.flow.state, SSO_FLOW_KIND, { ...kept }, ttlMs);
  ex.res.writeHead(302, { ...ex.headers, location: begun.url, 'set-cookie': setCookie(SSO_BINDING_COOKIE, binding, ttlMs / 1000) });
  ex.res.end();
}

/** `GET /api/session/sso/callback`: the identity provider sends the browser back here. */
export async function finishSso(ctx: ServerContext, ex: Exchange): Promise<void> {
  if (!ctx.oidc) return sendPage(ex.res, 404, { title: 'No district sign-in', message: 'Single sign-on is not set up on this server.', link: START_AGAIN }, ex.headers);
  const headers = { ...ex.headers, 'set-cookie': clearCookie(SSO_BINDING_COOKIE) };
  let startAgain = START_AGAIN;
  const fail = (status: number, message: string) => sendPage(ex.res, status, { title: 'Sign-in not completed', message, link: startAgain }, headers);

  const verdict = await ctx.auth.throttle.check(SSO_ACCOUNT, ex.client.address);
  if (!verdict.allowed) {
    return sendPage(ex.res, 429, { title: 'Too many sign-in attempts', message: 'Too many sign-ins failed from this network address. Wait a few minutes, then try again.' }, {
      ...headers,
      'retry-after': String(Math.ceil(verdict.retryAfterMs / 1000)),
    });
  }
  const state = ex.url.searchParams.get('state');
  const kept = state ? readKept(await ctx.auth.flows.take(state, SSO_FLOW_KIND)) : null;
  if (!kept) return fail(400, 'This sign-in is unknown, took too long, or was already used. Start the sign-in again.');
  if (kept.center === 'support') startAgain = SUPPORT_START;
  const binding = readCookie(ex.req, SSO_BINDING_COOKIE);
  if (!binding || !sameSecret(kept.binding, hashOf(binding))) {
    return fail(400, 'This sign-in was started in another browser (or its cookie was lost). Start the sign-in again here.');
  }

  let identity: SsoIdentity;
  try {
    identity = await ctx.oidc.finish(ex.url, kept.flow);
  } catch (error) {
    if (!(error instanceof SsoError)) throw error;
    ctx.core.logger.warn(`deskwatch server: single sign-on failed (${error.reason}): ${error.detail}`);
    return fail(error.reason === 'idp_unreachable' ? 502 : 400, error.message);
  }
  if (kept.center === 'support') return finishEmployeeSignIn(ctx, ex, identity, kept.returnTo, headers);
  const staff = await ctx.auth.sso.staffForSso(identity);
  await ctx.auth.throttle.record(SSO_ACCOUNT, ex.client.address, staff !== null);
  if (!staff) {
    const who = identity.email ?? identity.name ?? identity.subject;
    // Every district account may ask for help: the way there is the one useful link on this page.
    const message = `You signed in at the district as ${who}. ${NOT_ON_STAFF_LIST} To ask the Help Desk for help, use the Tech Support Center.`;
    return sendPage(ex.res, 403, { title: 'Not on the staff list', message, link: { href: SUPPORT_START.href, text: 'Open the Tech Support Center' } }, headers);
  }

  if (kept.desktop) {
    const code = randomBytes(32).toString('base64url');
    await ctx.auth.flows.put(desktopCodeId(code), DESKTOP_CODE_KIND, { staffId: staff.id, codeChallenge: kept.desktop.codeChallenge }, DESKTOP_CODE_TTL_MS);
    ex.res.writeHead(302, { ...headers, location: loopbackRedirect(kept.desktop, code) });
    ex.res.end();
    return;
  }
  const issued = await issueRotated(ctx, ex, staff.id, 'sso', 'browser');
  if (!issued.ok) return fail(403, issued.error.message);
  ex.res.writeHead(302, {
    ...ex.headers,
    location: new URL(kept.returnTo ?? '/', ctx.publicOrigin).href,
    'set-cookie': [clearCookie(SSO_BINDING_COOKIE), sessionCookieFor(ctx, issued.value)],
  } as Record<string, string | string[]>);
  ex.res.end();
}

function readKept(payload: Record<string, unknown> | null): KeptFlow | null {
  if (!payload || typeof payload.binding !== 'string' || typeof payload.flow !== 'object' || payload.flow === null) return null;
  return payload as unknown as KeptFlow;
}

function hashOf(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
