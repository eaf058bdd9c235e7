/**
 * Chooses the transport once, at start; nothing after this point knows which one it got:
 * - the Electron preload when it is there (the desktop app: its session is the preload's);
 * - a page opened with a run token (`?token=`, or one kept for this tab): the standalone browser mode;
 * - otherwise the page asks its server (`GET /api/session`): a district server answers mode
 *   `server` and the page signs in with cookies; anything else means the access link is missing.
 */
import { sessionTokenStore, takeBrowserToken } from './browser-token';
import type { ConsoleApi } from './console-api';
import { createHttpApi, probeServer, type EventStreamHandlers, type FetchLike, type HttpAuth } from './http-api';
import { withLiveStatus } from './live-status';
import { wrapPreloadApi } from './preload-api';

export type StartupProblemKind = 'missing-token' | 'unreachable';
export type Connection = { ok: true; api: ConsoleApi } | { ok: false; problem: StartupProblemKind };

export async function connect(win: Window): Promise<Connection> {
  if (win.deskwatch) return { ok: true, api: withLiveStatus(wrapPreloadApi(win.deskwatch)) };
  const fetch = browserFetch(win);
  const storage = sessionStorageOf(win);
  const token = takeBrowserToken(win.location, win.history, storage);
  if (token) return { ok: true, api: overHttp(win, fetch, { mode: 'standalone', runToken: token, sessionTokens: sessionTokenStore(storage) }) };
  const server = await probeServer(fetch);
  if (server === 'unreachable') return { ok: false, problem: 'unreachable' };
  if (server === 'not-a-server') return { ok: false, problem: 'missing-token' };
  return { ok: true, api: overHttp(win, fetch, { mode: 'server', csrf: server.csrf, signedIn: server.signedIn }) };
}

function overHttp(win: Window, fetch: FetchLike, auth: HttpAuth): ConsoleApi {
  return withLiveStatus(
    createHttpApi({
      auth,
      fetch,
      openEventStream: (url, on) => openEventSource(url, on),
      navigate: (url) => win.location.assign(url),
      // The server sends the browser back to this path on its own origin: the page, with its hash route.
      currentRoute: () => `${win.location.pathname}${win.location.hash}`,
    }),
  );
}

/** The page's own fetch: never a cached answer; cookies only as the transport asks (server mode). */
function browserFetch(win: Window): FetchLike {
  return async (url, init) => win.fetch(url, { ...init, cache: 'no-store' });
}

function openEventSource(url: string, on: EventStreamHandlers): { close(): void } {
  // Same origin: the session cookie goes with it on a district server; standalone, the token is in the URL.
  const source = new EventSource(url);
  source.onopen = () => on.open();
  source.onmessage = (event: MessageEvent<unknown>) => on.message(String(event.data));
  source.onerror = () => on.error(source.readyState === EventSource.CLOSED);
  return source;
}

function sessionStorageOf(win: Window): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null;
  }
}
