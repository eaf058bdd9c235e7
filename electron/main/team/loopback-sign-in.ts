import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fail, type Result } from '../../../shared/result';
import type { Logger } from '../../core/log/logger';
import { newPkce, newState } from './pkce';

/** How long the system browser may take for the district's sign-in (people look for their phone for the second factor). */
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;
/** The only host the listener uses: an IP literal, as RFC 8252 §8.3 advises (a name could resolve elsewhere). */
export const LOOPBACK_HOST = '127.0.0.1';
const CALLBACK_PATH = '/callback';

export interface LoopbackSignInOptions<T> {
  /** The district server (already checked: https, or http on this computer). */
  serverUrl: string;
  /** Opens the URL in the system browser; answers whether it could. */
  openExternal: (url: string) => boolean | Promise<boolean>;
  /** The last step: the one-time code and the PKCE verifier for a session. */
  exchange: (code: string, verifier: string) => Promise<Result<T>>;
  log: Logger;
  timeoutMs?: number;
  /** Ends a sign-in that is still waiting (another one was started, the app quits). */
  signal?: AbortSignal;
  /** The interface to listen on; only loopback addresses are accepted. */
  host?: string;
}

/** Refused before anything listens: a redirect that is not this computer would hand the code to others on the network. */
export class LoopbackRedirectError extends Error {
  override readonly name = 'LoopbackRedirectError';
}

/** The redirect URI for a listener on `host:port`, which must be a loopback IP literal. */
export function loopbackRedirectUri(host: string, port: number): string {
  if (host !== '127.0.0.1' && host !== '::1') {
    throw new LoopbackRedirectError(`The sign-in answer must come back to this computer (127.0.0.1 or ::1), not to "${host}".`);
  }
  return `http://${host === '::1' ? '[::1]' : host}:${port}${CALLBACK_PATH}`;
}

/** Where the system browser goes: the server's desktop sign-in, which sends it back to `redirectUri` with a one-time code. */
export function desktopSignInUrl(serverUrl: string, redirectUri: string, state: string, codeChallenge: string): string {
  const query = new URLSearchParams({ redirect_uri: redirectUri, state, code_challenge: codeChallenge });
  return `${serverUrl}/api/session/sso?${query.toString()}`;
}

type Callback = { ok: true; code: string } | { ok: false; message: string };

/**
 * District single sign-on for the desktop app, the way RFC 8252 has native apps do it: the sign-in
 * happens in the system browser (where the district's IdP, its second factor and any saved
 * passwords are), never in an app window that could read what is typed. A listener on
 * 127.0.0.1 at a free port takes the answer: the browser comes back to
 * `http://127.0.0.1:PORT/callback?code&state`; the state must be the one sent; the browser is
 * told it may close the tab; the listener closes; and the code, with the PKCE verifier, is
 * exchanged with the server for a session token.
 */
export async function signInThroughBrowser<T>(options: LoopbackSignInOptions<T>): Promise<Result<T>> {
  const host = options.host ?? LOOPBACK_HOST;
  const timeoutMs = options.timeoutMs ?? SIGN_IN_TIMEOUT_MS;
  if (options.signal?.aborted) return cancelled();
  // Checked before listening: nothing may ever listen for the code beyond this computer.
  loopbackRedirectUri(host, 1);
  const pkce = newPkce();
  const state = newState();

  let settle: (answer: Callback) => void = () => undefined;
  const answered = new Promise<Callback>((resolve) => (settle = resolve));
  let expectedHost = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://callback.invalid');
    // Another site's page could resolve its own name to 127.0.0.1 and send requests here (DNS rebinding).
    if (req.headers.host !== expectedHost) return page(res, 421, 'This address is only for Deskwatch’s sign-in.');
    if (url.pathname !== CALLBACK_PATH) return page(res, 404, 'Nothing here.');
    if (req.method !== 'GET') return page(res, 405, 'Nothing here.');
    // A request with another state was not started by this sign-in (another program, a stale tab): it changes nothing.
    if (url.searchParams.get('state') !== state) {
      options.log.warn('deskwatch: the sign-in listener refused an answer with the wrong state');
      return page(res, 400, 'This sign-in answer does not belong to the sign-in Deskwatch is waiting for. Go back to Deskwatch and sign in again.');
    }
    const error = url.searchParams.get('error');
    if (error) {
      const description = (url.searchParams.get('error_description') ?? error).slice(0, 300);
      page(res, 200, `The sign-in was not completed (${description}). You can close this tab and return to Deskwatch.`);
      return settle({ ok: false, message: `The district sign-in was not completed: ${description}.` });
    }
    const code = url.searchParams.get('code');
    if (!code) {
      page(res, 400, 'The sign-in answer carried no code. Go back to Deskwatch and sign in again.');
      return settle({ ok: false, message: 'The district sign-in came back without a code; sign in again.' });
    }
    page(res, 200, 'You are signed in. You can close this tab and return to Deskwatch.');
    settle({ ok: true, code });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const redirectUri = loopbackRedirectUri(host, port);
  expectedHost = new URL(redirectUri).host;

  const timer = setTimeout(
    () => settle({ ok: false, message: `The sign-in was not completed within ${Math.round(timeoutMs / 60_000) || 1} minutes; nobody was signed in. Sign in again when you are ready.` }),
    timeoutMs,
  );
  const onAbort = () => settle({ ok: false, message: 'The sign-in was cancelled.' });
  options.signal?.addEventListener('abort', onAbort, { once: true });

  let answer: Callback;
  try {
    const opened = await Promise.resolve(options.openExternal(desktopSignInUrl(options.serverUrl, redirectUri, state, pkce.challenge))).catch(() => false);
    answer = opened ? await answered : { ok: false, message: 'The system browser could not be opened for the district sign-in.' };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    await closeListener(server);
  }
  if (!answer.ok) return fail('unauthenticated', answer.message);
  return options.exchange(answer.code, pkce.verifier);
}

function cancelled(): Result<never> {
  return fail('unauthenticated', 'The sign-in was cancelled.');
}

/**
 * Stops listening. Every page is sent with `connection: close`; a socket the browser opened ahead
 * without using it is idle and closed at once, and anything still open a second later is cut.
 */
function closeListener(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 1_000).unref();
  });
}

function page(res: http.ServerResponse, status: number, text: string): void {
  const body = `<!doctype html><meta charset="utf-8"><title>Deskwatch</title><p style="font:16px system-ui,sans-serif;margin:3em">${escapeHtml(text)}</p>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    // The address carries the one-time code: it must not leave in a Referer header.
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    connection: 'close',
  });
  res.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
