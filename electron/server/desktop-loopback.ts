/**
 * Single sign-on for the desktop app, as RFC 8252 (OAuth for native apps) describes: the app
 * listens on a loopback port, opens the system browser at the server's sign-in, and gets back a
 * one-time code on that loopback address; it exchanges the code for a session token by proving it
 * holds the PKCE verifier whose S256 challenge it sent first, so a code seen by another program on
 * the machine is worth nothing.
 */
import { createHash } from 'node:crypto';
import { sameSecret } from '../core/auth/session-service';

export interface DesktopSignInRequest {
  redirectUri: string;
  state: string;
  codeChallenge: string;
}

/** How long a one-time code may wait for its exchange. */
export const DESKTOP_CODE_TTL_MS = 60_000;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
/** RFC 7636: the S256 challenge is 32 bytes in base64url; a verifier is 43 to 128 unreserved characters. */
const CHALLENGE_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const VERIFIER_SHAPE = /^[A-Za-z0-9._~-]{43,128}$/;
const STATE_SHAPE = /^[\x21-\x7e]{1,512}$/;

/**
 * Reads `redirect_uri`, `state`, `code_challenge` (and `code_challenge_method`, which must be
 * S256 when given). Only a plain-HTTP loopback redirect is accepted (RFC 8252 §7.3, §8.3): any
 * other address could be a site that would receive the code.
 */
export function parseDesktopSignIn(params: URLSearchParams): { ok: true; value: DesktopSignInRequest } | { ok: false; message: string } {
  const redirect = params.get('redirect_uri') ?? '';
  let url: URL;
  try {
    url = new URL(redirect);
  } catch {
    return { ok: false, message: 'redirect_uri must be an absolute http:// loopback address, e.g. http://127.0.0.1:49152/callback.' };
  }
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname.toLowerCase()) || url.username || url.password || url.hash) {
    return { ok: false, message: 'redirect_uri must be http:// on 127.0.0.1, [::1] or localhost (the desktop app\'s loopback address); no other address may receive a sign-in code.' };
  }
  const state = params.get('state') ?? '';
  if (!STATE_SHAPE.test(state)) return { ok: false, message: 'state must be 1 to 512 printable characters.' };
  const codeChallenge = params.get('code_challenge') ?? '';
  if (!CHALLENGE_SHAPE.test(codeChallenge)) return { ok: false, message: 'code_challenge must be the S256 challenge of a PKCE verifier (43 base64url characters).' };
  const method = params.get('code_challenge_method');
  if (method !== null && method !== 'S256') return { ok: false, message: 'code_challenge_method must be S256.' };
  return { ok: true, value: { redirectUri: url.href, state, codeChallenge } };
}

/** Where the system browser goes after the district sign-in: the app's loopback address with the code and its state. */
export function loopbackRedirect(request: DesktopSignInRequest, code: string): string {
  const url = new URL(request.redirectUri);
  url.searchParams.set('code', code);
  url.searchParams.set('state', request.state);
  return url.href;
}

/** Whether the verifier is the one whose S256 challenge the app sent (compared in constant time). */
export function verifierMatches(verifier: unknown, codeChallenge: string): boolean {
  if (typeof verifier !== 'string' || !VERIFIER_SHAPE.test(verifier)) return false;
  return sameSecret(codeChallenge, createHash('sha256').update(verifier, 'ascii').digest('base64url'));
}
