import type { WebContents } from 'electron';
import { isAllowedExternalUrl, openExternalSafely, type ExternalOpener } from './external-links';
import { isRendererUrl, type RendererLocation } from './renderer-location';

/**
 * What happens when a page of ours tries to go somewhere. The renderer is a single-page app:
 * it never needs to leave its own page, so anything else is either a link meant for the
 * user's browser or something to refuse (a compromised or confused renderer must not be able
 * to load foreign content into a window that holds the `deskwatch` API).
 */
export type NavigationDecision = 'allow' | 'open-externally' | 'deny';

export function decideNavigation(url: string, renderer: RendererLocation): NavigationDecision {
  if (isRendererUrl(renderer, url)) return 'allow';
  return isAllowedExternalUrl(url) ? 'open-externally' : 'deny';
}

/** `window.open` and `target=_blank`: the app never opens a second window of web content. */
export function decideWindowOpen(url: string): Exclude<NavigationDecision, 'allow'> {
  return isAllowedExternalUrl(url) ? 'open-externally' : 'deny';
}

export interface GuardOptions {
  renderer: RendererLocation;
  shell: ExternalOpener;
  log?: (message: string) => void;
}

/**
 * Installs the guards on one webContents. Main calls it from `web-contents-created`, so every
 * webContents gets them, including any we did not create ourselves.
 */
export function guardWebContents(contents: WebContents, options: GuardOptions): void {
  const log = options.log ?? console.warn;

  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, options.renderer);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-externally') openExternalSafely(options.shell, event.url, log);
    else log(`deskwatch: refused navigation to ${redactForLog(event.url)}`);
  });

  // Sub-frames (the app has none) and redirects get the same rule, without opening anything.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame || isRendererUrl(options.renderer, event.url)) return;
    event.preventDefault();
    log(`deskwatch: refused frame navigation to ${redactForLog(event.url)}`);
  });
  contents.on('will-redirect', (event) => {
    if (!event.isMainFrame || isRendererUrl(options.renderer, event.url)) return;
    event.preventDefault();
    log(`deskwatch: refused redirect to ${redactForLog(event.url)}`);
  });

  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-externally') openExternalSafely(options.shell, url, log);
    else log(`deskwatch: refused to open a window for ${redactForLog(url)}`);
    return { action: 'deny' };
  });

  // <webview> is off in our webPreferences; refusing the attach as well costs nothing.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('deskwatch: refused to attach a <webview>');
  });
}

/** Logs carry the scheme and host only: a URL's query may hold a case's personal data. */
function redactForLog(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}/…` : `${parsed.protocol}…`;
  } catch {
    return 'a malformed URL';
  }
}
