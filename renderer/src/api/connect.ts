/**
 * Chooses the transport once, at start: the Electron preload when it is there, the browser mode's
 * HTTP and event stream otherwise. Nothing after this point knows which one it got.
 */
import { takeBrowserToken } from './browser-token';
import type { ConsoleApi } from './console-api';
import { createHttpApi } from './http-api';
import { withLiveStatus } from './live-status';
import { wrapPreloadApi } from './preload-api';

export type Connection = { ok: true; api: ConsoleApi } | { ok: false; problem: 'missing-token' };

export function connect(win: Window): Connection {
  if (win.deskwatch) return { ok: true, api: withLiveStatus(wrapPreloadApi(win.deskwatch)) };
  const token = takeBrowserToken(win.location, win.history, sessionStorageOf(win));
  if (!token) return { ok: false, problem: 'missing-token' };
  return {
    ok: true,
    api: withLiveStatus(createHttpApi({
      token,
      fetch: (url, init) => win.fetch(url, { ...init, cache: 'no-store', credentials: 'omit' }),
      openEventStream: (url, on) => {
        const source = new EventSource(url);
        source.onopen = () => on.open();
        source.onmessage = (event: MessageEvent<unknown>) => on.message(String(event.data));
        source.onerror = () => on.error(source.readyState === EventSource.CLOSED);
        return source;
      },
    })),
  };
}

function sessionStorageOf(win: Window): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null;
  }
}
