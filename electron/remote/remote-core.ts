import { isChannelName } from '../../shared/channel-names';
import { contract, type ChannelSpec, type LiveStatus } from '../../shared/contract';
import { ERROR_CODES, fail, type ContractError, type ErrorCode, type Result } from '../../shared/result';
import type { SessionState } from '../../shared/session';
import { EventBus, type EventListener } from '../core/event-bus';
import type { Dispatch } from '../core/handlers/dispatch';
import { silentLogger, type Logger } from '../core/log/logger';
import { describeNetworkFailure, unreachableMessage } from './network-failure';
import { RemoteEventStream, type FetchLike } from './remote-event-stream';
import { parseServerUrl } from './server-url';

export type { FetchLike } from './remote-event-stream';

export interface RemoteCoreOptions {
  /** The district server (https://, or http:// on this computer); checked by parseServerUrl. */
  serverUrl: string;
  /** The session's bearer token; null before anyone signed in. */
  token: string | null;
  /** Node's fetch by default; the desktop app passes Electron's (system proxy and certificates). */
  fetch?: FetchLike;
  log?: Logger;
  /** How long a call waits for its answer before it is given up (default 2 minutes: a caller import can take a while). */
  callTimeoutMs?: number;
  /** Event stream reconnection: first wait, doubling up to the maximum (tests shorten them). */
  retryMs?: number;
  maxRetryMs?: number;
  /** See RemoteEventStreamOptions.stallMs. */
  stallMs?: number;
}

/** A sign-in's answer: the session, and the bearer token that carries it (main keeps it; a page never sees it). */
export type SignedIn = SessionState & { token: string };

export interface RemoteSession {
  /** The session as the server sees it (staff null when nobody is signed in). */
  current(): Promise<Result<SessionState>>;
  signInWithPassword(email: string, password: string): Promise<Result<SignedIn>>;
  /** The last step of the desktop single sign-on (RFC 8252): the one-time code and the PKCE verifier. */
  exchangeDesktopCode(code: string, verifier: string): Promise<Result<SignedIn>>;
  /** Ends the session on the server and forgets the token here (also when the server cannot be reached). */
  signOut(): Promise<Result<SessionState>>;
}

/**
 * What the desktop shell uses from a core, served by a district server instead of a database on
 * this computer: calls (`dispatch`), events (`events.subscribe`) and whether they are live.
 */
export interface RemoteCore {
  readonly serverUrl: string;
  /** The same shape as the local core's. The third argument is ignored: who calls is the token's session. */
  dispatch: Dispatch;
  events: { subscribe(listener: EventListener): () => void };
  liveStatus(): LiveStatus;
  session: RemoteSession;
  signedIn(): boolean;
  /** The server ended the session (expired, revoked, signed out elsewhere): `reason` says so in words. */
  onSignedOut(listener: (reason: string) => void): () => void;
  close(): Promise<void>;
}

/** What the server answers once the request reached it; or the failure to reach it, already in words. */
type Exchange = ({ reached: true; status: number; body: unknown } | { reached: false; error: ContractError }) & {
  /** The token the request carried, if any. */
  sentToken: string | null;
};

/**
 * A core that lives on the district server. Calls go as `POST /api/invoke/<channel>` with
 * `{ input }` and the session's bearer token; events come from the server's event stream. Every
 * failure answers a contract Result in words (a server that cannot be reached is `unavailable`,
 * a refused session `unauthenticated`), never a rejection, so the console handles one shape.
 */
export function createRemoteCore(options: RemoteCoreOptions): RemoteCore {
  const serverUrl = parseServerUrl(options.serverUrl);
  const fetcher: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const log = options.log ?? silentLogger;
  const callTimeoutMs = options.callTimeoutMs ?? 120_000;
  const bus = new EventBus((message, error) => log.error(message, error));
  const signedOutListeners = new Set<(reason: string) => void>();
  let token = options.token;
  let lastState: SessionState | null = null;
  let closed = false;

  const stream = new RemoteEventStream({
    url: `${serverUrl}/api/events`,
    token: () => token,
    fetch: fetcher,
    bus,
    log,
    onUnauthorized: () => signedOut('Your session on the Deskwatch server has ended; sign in again.'),
    ...(options.retryMs !== undefined ? { retryMs: options.retryMs } : {}),
    ...(options.maxRetryMs !== undefined ? { maxRetryMs: options.maxRetryMs } : {}),
    ...(options.stallMs !== undefined ? { stallMs: options.stallMs } : {}),
  });

  function signedOut(reason: string): void {
    if (token === null) return;
    token = null;
    void stream.stop();
    log.warn(`deskwatch: ${reason}`);
    for (const listener of [...signedOutListeners]) {
      try {
        listener(reason);
      } catch (error) {
        log.error('deskwatch: a signed-out listener failed', error);
      }
    }
  }

  function adopt(next: string | null): void {
    token = next;
    if (closed) return;
    if (token === null) void stream.stop();
    else stream.start();
  }

  async function exchange(method: 'GET' | 'POST', path: string, body: unknown, withToken: boolean, mutates: boolean): Promise<Exchange> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${callTimeoutMs} ms`, 'TimeoutError')), callTimeoutMs);
    timer.unref();
    const headers: Record<string, string> = { accept: 'application/json' };
    const sentToken = withToken ? token : null;
    if (sentToken !== null) headers.authorization = `Bearer ${sentToken}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await fetcher(`${serverUrl}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: controller.signal,
        redirect: 'error',
      });
      const text = await response.text();
      let parsed: unknown = undefined;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON (a proxy's error page): judged by its status below.
      }
      return { reached: true, status: response.status, body: parsed, sentToken };
    } catch (error) {
      const failure = describeNetworkFailure(error);
      log.warn(`deskwatch: ${method} ${path} did not reach the server (${failure.reason})`, error);
      return { reached: false, error: { code: 'unavailable', message: unreachableMessage(serverUrl, failure, mutates) }, sentToken };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The server's answer as a Result. A 401 to a request that carried the session's token ends
   * the session here too (unless a sign-in replaced that token while the request was out).
   */
  function answerOf<T>(outcome: Exchange): Result<T> {
    if (!outcome.reached) return { ok: false, error: outcome.error };
    const { status, body } = outcome;
    if (status === 401 && outcome.sentToken !== null && outcome.sentToken === token) {
      signedOut('The Deskwatch server no longer accepts this session; sign in again.');
    }
    if (isResult(body)) return body as Result<T>;
    if (status === 401) return fail('unauthenticated', 'Sign in to the Deskwatch server first.');
    if (status === 429) return fail('rate_limited', 'The Deskwatch server is refusing attempts for a while; wait a minute and try again.');
    return fail('unavailable', `The Deskwatch server ${serverUrl} answered ${status} without a Deskwatch answer (is the address right, and the server running?); nothing was changed.`);
  }

  const dispatch: Dispatch = async (channel, input) => {
    if (!isChannelName(channel)) return fail('unknown_channel', `Unknown channel "${String(channel)}"`);
    const spec: ChannelSpec = contract[channel];
    return answerOf(await exchange('POST', `/api/invoke/${channel}`, { input: input ?? {} }, true, spec.mutates));
  };

  const withServer = (state: SessionState): SessionState => {
    const { csrf: _csrf, token: _token, ...rest } = state as SessionState & { csrf?: unknown; token?: unknown };
    const shown = { ...rest, server: serverUrl };
    lastState = shown;
    return shown;
  };

  const signIn = async (path: string, body: Record<string, unknown>): Promise<Result<SignedIn>> => {
    const answer = answerOf<SignedIn>(await exchange('POST', path, body, false, true));
    if (!answer.ok) return answer;
    const given = (answer.value as { token?: unknown }).token;
    if (typeof given !== 'string' || !given) return fail('unavailable', `The Deskwatch server ${serverUrl} signed you in but gave this app no session token; ask whoever runs the server.`);
    adopt(given);
    return { ok: true, value: { ...withServer(answer.value), token: given } };
  };

  const session: RemoteSession = {
    async current() {
      const asked = await exchange('GET', '/api/session', undefined, true, false);
      let answer = answerOf<SessionState>(asked);
      // The token was refused (and is forgotten now): the server's sign-in options are still worth showing.
      if (!answer.ok && answer.error.code === 'unauthenticated' && asked.sentToken !== null && token === null) {
        answer = answerOf<SessionState>(await exchange('GET', '/api/session', undefined, false, false));
      }
      return answer.ok ? { ok: true, value: withServer(answer.value) } : answer;
    },
    signInWithPassword: (email, password) => signIn('/api/session/password', { email, password, client: 'desktop' }),
    exchangeDesktopCode: (code, verifier) => signIn('/api/session/desktop-token', { code, code_verifier: verifier }),
    async signOut() {
      const outcome = token !== null ? await exchange('POST', '/api/session/signout', {}, true, true) : null;
      adopt(null);
      const answer = outcome ? answerOf<SessionState>(outcome) : null;
      if (answer?.ok) return { ok: true, value: withServer(answer.value) };
      if (answer) log.warn(`deskwatch: signing out on the server failed (${answer.error.message}); this computer has forgotten the session anyway`);
      return { ok: true, value: withServer({ ...(lastState ?? signedOutState()), staff: null }) };
    },
  };

  if (token !== null) stream.start();

  return {
    serverUrl,
    dispatch,
    events: { subscribe: (listener) => bus.subscribe(listener) },
    liveStatus: () => stream.status,
    session,
    signedIn: () => token !== null,
    onSignedOut(listener) {
      signedOutListeners.add(listener);
      return () => signedOutListeners.delete(listener);
    },
    async close() {
      closed = true;
      await stream.stop();
    },
  };
}

function signedOutState(): SessionState {
  return { mode: 'server', staff: null, signIn: { sso: null, password: true }, expiresAt: null, idleTimeoutMinutes: null };
}

/** Whether a JSON body is a contract Result (and not, say, a proxy's JSON error). */
function isResult(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { ok, error } = body as { ok?: unknown; error?: unknown };
  if (ok === true) return 'value' in body;
  if (ok !== false || typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof message === 'string' && (ERROR_CODES as readonly string[]).includes(code as ErrorCode);
}
