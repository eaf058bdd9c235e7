/**
 * The cookies of the district server. `__Host-` makes the browser insist on Secure, Path=/ and no
 * Domain, so no other host (a sibling subdomain) can set or shadow them.
 */
import type http from 'node:http';
import { parse, serialize } from 'cookie';

/** The browser's session: HttpOnly, so the page's script (and anything injected into it) cannot read it. */
export const SESSION_COOKIE = '__Host-deskwatch-session';
/**
 * An employee's session at the Tech Support Center: a cookie of its own, so a staff member's
 * console session never authenticates the employees' routes, nor an employee's the console's.
 * `__Host-` requires Path=/ (as every cookie here has), so the name, not the path, keeps them apart.
 */
export const SUPPORT_COOKIE = '__Host-deskwatch-support';
/**
 * Ties a single sign-on in progress to the browser that started it, so a callback URL made for
 * someone else's sign-in cannot sign this browser in as them (login CSRF).
 */
export const SSO_BINDING_COOKIE = '__Host-deskwatch-sso';

export function readCookie(req: http.IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  return parse(header)[name] ?? null;
}

/** Lax: sent when a person follows a link to the console, never with another site's form POST or fetch. */
export function setCookie(name: string, value: string, maxAgeSeconds: number): string {
  return serialize(name, value, { httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: Math.max(0, Math.floor(maxAgeSeconds)) });
}

export function clearCookie(name: string): string {
  return serialize(name, '', { httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: 0 });
}
