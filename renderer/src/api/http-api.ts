/**
 * The browser's transport: contract calls as `POST /api/invoke/<channel>` with `{ input }` only,
 * core events from the `GET /api/events` server-sent event stream, and the session routes
 * (`/api/session…`). Who makes a call is the session the request carries, never its body.
 *
 * Two ways to carry the session:
 * - standalone (`npm run web`): `Authorization: Bearer` with the per-run token until someone
 *   chooses a profile, then with the console token `POST /api/session/choose` answered. The event
 *   stream cannot send headers, so the token rides in its query string.
 * - district server: the session cookie (`credentials: 'same-origin'`), and on every POST the
 *   `x-csrf-token` the session answers carry.
 *
 * Browser objects (fetch, EventSource, location) are passed in, so this module runs, and is
 * tested, outside a browser.
 */
import type { EventEnvelope, SessionApi } from '../../../shared/api';
import { isEventName, type ChannelName, type EventName } from '../../../shared/channel-names';
import type { ChannelInput, ChannelResult, EventPayload } from '../../../shared/contract';
import type { ContractError, Result } from '../../../shared/result';
import type { ConsoleMode, SessionState } from '../../../shared/session';
import type { ConsoleApi, EventStreamState, SignedOut } from './console-api';
import { failedCall, sessionEndedError, TRANSPORT_ERRORS, unexpectedStatus } from './transport-errors';

export interface FetchResponseLike {
  status: number;
  json(): Promise<unknown>;
}
export interface FetchInit {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Standalone: no cookies at all; server: the session cookie of this origin. */
  credentials: 'omit' | 'same-origin';
}
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

/** What this transport needs from an EventSource: its three callbacks, and a way to close it. */
export interface EventStreamHandlers {
  open(): void;
  message(data: string): void;
  /** `closed`: the browser gave up on this stream (an HTTP error such as 401) and will not retry it. */
  error(closed: boolean): void;
}
export interface EventStream {
  close(): void;
}

/** Where the transport keeps the console token it was given (none: the run token alone); browser-token.ts keeps it per tab. */
export interface SessionTokenStore {
  read(): string | null;
  write(token: string | null): void;
}

/** How requests say who makes them. */
export type HttpAuth =
  | {
      mode: 'standalone';
      /** The per-run token from the page address: admits the page, as nobody in particular. */
      runToken: string;
      /** Where a chosen profile's console token is kept across reloads (absent: in memory only). */
      sessionTokens?: SessionTokenStore;
    }
  | {
      mode: 'server';
      /** The session's CSRF token, when `GET /api/session` already answered one. */
      csrf?: string | null;
      /** Whether that answer named someone. */
      signedIn?: boolean;
    };

export interface HttpApiOptions {
  auth: HttpAuth;
  fetch: FetchLike;
  openEventStream: (url: string, handlers: EventStreamHandlers) => EventStream;
  /** Leaves the page for another address (the district's single sign-on); `location.assign` in a browser. */
  navigate?: (url: string) => void;
  /** Where single sign-on comes back to: the page's path with its hash route (`/#/sign-in?next=…`). */
  currentRoute?: () => string;
  /** Prefix of the API routes; the page is served by the same host, so '' by default. */
  baseUrl?: string;
  /** First wait before reopening a stream the server closed (401, restart); doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

/** A session answer as the server sends it: the state, plus what only the transport keeps. */
type SessionAnswer = SessionState & { csrf?: string; token?: string };

type Sent = { ok: true; status: number; body: unknown; readable: boolean } | { ok: false; error: ContractError };

type AnyListener = (payload: never) => void;

export function createHttpApi(options: HttpApiOptions): ConsoleApi {
  const { auth } = options;
  const mode: ConsoleMode = auth.mode;
  const baseUrl = options.baseUrl ?? '';
  const firstRetryMs = options.retryMs ?? 500;
  const maxRetryMs = options.maxRetryMs ?? 10_000;

  /** Standalone: the console token of the chosen profile; null while the run token alone is used. */
  let sessionToken = auth.mode === 'standalone' ? (auth.sessionTokens?.read() ?? null) : null;
  let csrf = auth.mode === 'server' ? (auth.csrf ?? null) : null;
  /** Whether the last session answer named someone: a 401 then means the session ended. */
  let someoneIn = auth.mode === 'standalone' ? sessionToken !== null : auth.signedIn === true;
  /** Bumped on every change of session; an answer to a session read asked before it is not taken in. */
  let epoch = 0;

  const eventListeners = new Map<EventName, Set<AnyListener>>();
  const stateListeners = new Set<(state: EventStreamState) => void>();
  const signedOutListeners = new Set<(why: SignedOut) => void>();
  let stream: EventStream | null = null;
  let state: EventStreamState = 'connecting';
  let retryMs = firstRetryMs;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  function bearer(): string | null {
    return auth.mode === 'standalone' ? (sessionToken ?? auth.runToken) : null;
  }

  async function send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Sent> {
    const headers: Record<string, string> = {};
    const token = bearer();
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (method === 'POST') {
      headers['content-type'] = 'application/json';
      if (csrf !== null) headers['x-csrf-token'] = csrf;
    }
    let response: FetchResponseLike;
    try {
      response = await options.fetch(`${baseUrl}${path}`, {
        method,
        headers,
        credentials: mode === 'server' ? 'same-origin' : 'omit',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      return { ok: false, error: TRANSPORT_ERRORS.unreachable };
    }
    try {
      return { ok: true, status: response.status, body: await response.json(), readable: true };
    } catch (error) {
      return response.status === 200 ? { ok: false, error: failedCall(error) } : { ok: true, status: response.status, body: null, readable: false };
    }
  }

  /**
   * A 401 for a request sent at `asked`: tells whether it means the session ended (and says so),
   * or that the page was never admitted. A request that crossed a change of person (another
   * profile chosen, a sign-in) was refused for the session before: that one did not end now.
   */
  function refused(asked: number): ContractError {
    if (asked !== epoch) return TRANSPORT_ERRORS.sessionChanged;
    if (mode === 'standalone') {
      if (sessionToken === null) return TRANSPORT_ERRORS.tokenRefused;
      // The server no longer knows the console token (it restarted): back to the run token.
      keepSessionToken(null);
      endSession();
      return TRANSPORT_ERRORS.choiceForgotten;
    }
    if (!someoneIn) return TRANSPORT_ERRORS.notSignedIn;
    endSession();
    return TRANSPORT_ERRORS.sessionEnded;
  }

  function endSession(): void {
    epoch += 1;
    someoneIn = false;
    if (mode === 'server') restartStream();
    const why: SignedOut = { mode, message: sessionEndedError(mode).message };
    for (const listener of [...signedOutListeners]) safely(() => listener(why));
  }

  function keepSessionToken(token: string | null): void {
    sessionToken = token;
    if (auth.mode === 'standalone') auth.sessionTokens?.write(token);
  }

  async function invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelResult<C>>> {
    const asked = epoch;
    const sent = await send('POST', `/api/invoke/${encodeURIComponent(channel)}`, { input });
    if (!sent.ok) return sent;
    if (sent.status === 401) return { ok: false, error: refused(asked) };
    // A 413 carries the contract's own words ("The file is too large: at most 20 MB …") as a result.
    if (sent.readable && isResult(sent.body)) return sent.body as Result<ChannelResult<C>>;
    return { ok: false, error: sent.status === 200 ? TRANSPORT_ERRORS.unreadable : statusError(sent.status) };
  }

  /**
   * One session route. Its own refusals (a wrong password: 401, too many tries: 429) are results
   * with the server's words. A standalone console token the server no longer knows (it
   * restarted, or another profile was chosen meanwhile) is dropped if it is still the one in
   * use, and the route asked again with the token in use now.
   */
  async function sessionCall(method: 'GET' | 'POST', path: string, body?: unknown, onTaken?: () => void): Promise<Result<SessionState>> {
    const usedToken = sessionToken;
    let asked = epoch;
    let sent = await send(method, path, body);
    if (sent.ok && sent.status === 401 && mode === 'standalone' && usedToken !== null) {
      refused(asked);
      asked = epoch;
      sent = await send(method, path, body);
    }
    if (!sent.ok) return sent;
    // A standalone server refuses only tokens: its words are about the access link, whatever the body says.
    if (sent.status === 401 && mode === 'standalone') return { ok: false, error: TRANSPORT_ERRORS.tokenRefused };
    if (sent.readable && isResult(sent.body)) {
      const result = sent.body as Result<SessionAnswer>;
      if (!result.ok) return result;
      // A read that crossed a sign-in, a choice or a sign-out speaks of the session before it.
      if (method === 'GET' && asked !== epoch) return { ok: true, value: withoutSecrets(result.value) };
      onTaken?.();
      return { ok: true, value: takeSession(result.value) };
    }
    if (sent.status === 401) return { ok: false, error: TRANSPORT_ERRORS.notSignedIn };
    return { ok: false, error: sent.status === 200 ? TRANSPORT_ERRORS.unreadable : statusError(sent.status) };
  }

  /** Keeps the answer's token or CSRF secret; hands on the state alone. */
  function takeSession(answer: SessionAnswer): SessionState {
    const { csrf: answeredCsrf, token } = answer;
    const session = withoutSecrets(answer);
    const before = identity();
    epoch += 1;
    if (typeof token === 'string' && mode === 'standalone') keepSessionToken(token);
    if (typeof answeredCsrf === 'string') csrf = answeredCsrf;
    someoneIn = session.staff !== null;
    // A server's event stream belongs to the session it opened with: a new person needs a new one.
    // A standalone console's stream is the run's (its token admits every page of this run), so it
    // stays open across a change of person: an event sent meanwhile (the catch-up digest of a
    // server that just started) is not lost in a reconnect.
    if (mode === 'server' && identity() !== before) restartStream();
    return session;
  }

  /** What tells the server who listens: the bearer token, or (server) whether a session was answered. */
  function identity(): string {
    return mode === 'standalone' ? (bearer() ?? '') : `${someoneIn}:${csrf ?? ''}`;
  }

  const session: SessionApi = {
    async current() {
      const wasIn = someoneIn;
      let taken = false;
      const result = await sessionCall('GET', '/api/session', undefined, () => (taken = true));
      // A district server forgets a session that expired or went idle: the page hears it here too.
      if (result.ok && taken && mode === 'server' && wasIn && result.value.staff === null) endSession();
      return result;
    },
    async choose(staffId) {
      if (mode === 'server') return { ok: false, error: { code: 'forbidden', message: 'On a district server you sign in; choosing a profile is for a standalone console.' } };
      return sessionCall('POST', '/api/session/choose', { staffId });
    },
    async signInWithPassword(email, password) {
      return sessionCall('POST', '/api/session/password', { email, password, client: 'browser' });
    },
    signInWithSso() {
      if (mode === 'standalone' || !options.navigate) {
        return Promise.resolve({ ok: false, error: { code: 'forbidden', message: 'Single sign-on is for a district server; a standalone console chooses a profile.' } });
      }
      const back = options.currentRoute?.() ?? '/';
      options.navigate(`${baseUrl}/api/session/sso?return=${encodeURIComponent(back)}`);
      // The page is leaving for the district's sign-in page; it comes back as a new page.
      return new Promise<never>(() => undefined);
    },
    async signOut() {
      const result = await sessionCall('POST', '/api/session/signout');
      if (mode === 'standalone') {
        keepSessionToken(null);
      } else if (result.ok) {
        csrf = null;
      }
      return result;
    },
  };

  function setState(next: EventStreamState): void {
    if (next === state) return;
    state = next;
    for (const listener of [...stateListeners]) safely(() => listener(next));
  }

  function hasListeners(): boolean {
    return stateListeners.size > 0 || [...eventListeners.values()].some((set) => set.size > 0);
  }

  function streamUrl(): string {
    const token = auth.mode === 'standalone' ? auth.runToken : bearer();
    return token === null ? `${baseUrl}/api/events` : `${baseUrl}/api/events?token=${encodeURIComponent(token)}`;
  }

  function openStream(): void {
    if (stream || retryTimer) return;
    // A server answers a stream without a session with 401: nothing to hear before signing in.
    if (mode === 'server' && !someoneIn) return;
    const opened: EventStream = options.openEventStream(streamUrl(), {
      open: () => {
        retryMs = firstRetryMs;
        setState('open');
      },
      message: deliver,
      error: (closed) => {
        setState('connecting');
        // Until it is closed the browser retries by itself; once closed (401, a restarted server) it is up to us.
        if (!closed) return;
        opened.close();
        if (stream === opened) stream = null;
        // A server closes the stream of a session that ended: find out now rather than at the next call.
        if (mode === 'server' && someoneIn) void session.current();
        retryTimer = setTimeout(() => {
          retryTimer = null;
          if (hasListeners()) openStream();
        }, retryMs);
        retryMs = Math.min(retryMs * 2, maxRetryMs);
      },
    });
    stream = opened;
  }

  /** The person changed: the stream opened for the previous one is closed and a new one opened at once. */
  function restartStream(): void {
    if (!stream && !retryTimer) {
      // Nothing open yet (a server page before anyone signed in): open it now if someone listens.
      if (hasListeners()) openStream();
      return;
    }
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    stream?.close();
    stream = null;
    retryMs = firstRetryMs;
    setState('connecting');
    if (hasListeners()) openStream();
  }

  function closeStreamIfUnused(): void {
    if (hasListeners()) return;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    stream?.close();
    stream = null;
    state = 'connecting';
  }

  function deliver(data: string): void {
    let envelope: Partial<EventEnvelope>;
    try {
      envelope = JSON.parse(data) as Partial<EventEnvelope>;
    } catch {
      return;
    }
    if (!isEventName(envelope.name)) return;
    const payload = envelope.payload as never;
    for (const listener of [...(eventListeners.get(envelope.name) ?? [])]) safely(() => listener(payload));
  }

  return {
    invoke,
    session,
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = eventListeners.get(event) ?? new Set<AnyListener>();
      eventListeners.set(event, set);
      const entry = listener as AnyListener;
      set.add(entry);
      openStream();
      return () => {
        set.delete(entry);
        closeStreamIfUnused();
      };
    },
    onStreamState(listener) {
      stateListeners.add(listener);
      openStream();
      safely(() => listener(state));
      return () => {
        stateListeners.delete(listener);
        closeStreamIfUnused();
      };
    },
    onSignedOut(listener) {
      signedOutListeners.add(listener);
      return () => signedOutListeners.delete(listener);
    },
  };
}

/**
 * Asks a page's own server what it is, for a page opened without a run token: a district server
 * answers its session (mode `server`, maybe a CSRF token); a standalone server refuses (401).
 */
export async function probeServer(
  fetch: FetchLike,
  baseUrl = '',
): Promise<{ mode: 'server'; csrf: string | null; signedIn: boolean } | 'not-a-server' | 'unreachable'> {
  let body: unknown;
  try {
    const response = await fetch(`${baseUrl}/api/session`, { method: 'GET', headers: {}, credentials: 'same-origin' });
    if (response.status !== 200) return 'not-a-server';
    body = await response.json();
  } catch (error) {
    return error instanceof SyntaxError ? 'not-a-server' : 'unreachable';
  }
  const answer = body as Partial<Result<Partial<SessionAnswer>>>;
  if (answer?.ok !== true || answer.value?.mode !== 'server') return 'not-a-server';
  return { mode: 'server', csrf: typeof answer.value.csrf === 'string' ? answer.value.csrf : null, signedIn: Boolean(answer.value.staff) };
}

/** The state alone: the console token and CSRF secret stay in the transport. */
function withoutSecrets(answer: SessionAnswer): SessionState {
  const { csrf: _csrf, token: _token, ...session } = answer;
  return session;
}

/** A status without a readable result: a 413 from something in between (a proxy) still says what is wrong. */
function statusError(status: number): ContractError {
  if (status === 413) return { code: 'invalid_input', message: 'This is too large for the Deskwatch server to accept. Send less at once (a smaller file).', field: 'input' };
  if (status === 429) return { code: 'rate_limited', message: 'Too many attempts. Wait a minute, then try again.' };
  return unexpectedStatus(status);
}

function isResult(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  const candidate = body as { ok: unknown; error?: { message?: unknown } };
  if (candidate.ok === true) return 'value' in candidate;
  return candidate.ok === false && typeof candidate.error?.message === 'string';
}

/** One listener that throws must not keep the others from hearing an event. */
function safely(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    console.error('deskwatch: an event listener failed', error);
  }
}
