/**
 * The browser mode's per-run token. It arrives once in the page address (`/?token=…`); it is kept
 * for this tab in sessionStorage and taken out of the address bar, so it does not end up in
 * bookmarks, screenshots or the history list.
 */
const TOKEN_KEY = 'deskwatch.token';

export function takeBrowserToken(location: Location, history: History, storage: Storage | null): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    // A token in the address always wins: the server hands out a new one each time it starts.
    try {
      storage?.setItem(TOKEN_KEY, fromUrl);
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
