/**
 * The standalone browser mode's tokens, kept for this tab in sessionStorage.
 *
 * The per-run token arrives once in the page address (`/?token=…`); it is taken out of the
 * address bar, so it does not end up in bookmarks, screenshots or the history list. The console
 * token is what `POST /api/session/choose` answers: kept so a reload stays the same person.
 */
import type { SessionTokenStore } from './http-api';

const TOKEN_KEY = 'deskwatch.token';
const SESSION_TOKEN_KEY = 'deskwatch.sessionToken';

export function takeBrowserToken(location: Location, history: History, storage: Storage | null): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    // A token in the address always wins: the server hands out a new one each time it starts.
    try {
      storage?.setItem(TOKEN_KEY, fromUrl);
      // A console token belongs to the run that gave it; opening the link starts over (the profile is recalled).
      storage?.removeItem(SESSION_TOKEN_KEY);
    } catch {
      // Storage refused (privacy settings): the token still works until this page is reloaded.
    }
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return storage?.getItem(TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
}

/** The console token in this tab's storage; losing it only means choosing the profile again. */
export function sessionTokenStore(storage: Storage | null): SessionTokenStore {
  let inMemory: string | null = null;
  return {
    read() {
      try {
        return storage?.getItem(SESSION_TOKEN_KEY) ?? inMemory;
      } catch {
        return inMemory;
      }
    },
    write(token) {
      inMemory = token;
      try {
        if (token === null) storage?.removeItem(SESSION_TOKEN_KEY);
        else storage?.setItem(SESSION_TOKEN_KEY, token);
      } catch {
        // Kept in memory until the page is reloaded.
      }
    },
  };
}
