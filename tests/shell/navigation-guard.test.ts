import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { EXTERNAL_SCHEMES, isAllowedExternalUrl, openExternalSafely } from '../../electron/main/external-links';
import { decideNavigation, decideWindowOpen, guardWebContents } from '../../electron/main/navigation-guard';
import { isRendererUrl, resolveRendererLocation } from '../../electron/main/renderer-location';
import { fakeEvent } from './fake-electron';

const INDEX = '/opt/deskwatch/out/renderer/index.html';
const built = resolveRendererLocation({ indexHtmlPath: INDEX, isPackaged: true });
const dev = resolveRendererLocation({ devServerUrl: 'http://localhost:5173/', indexHtmlPath: INDEX, isPackaged: false });

describe('where our renderer is', () => {
  it('is the built index.html as a file URL, unless the dev server is named in development', () => {
    expect(built).toEqual({ kind: 'file', url: 'file:///opt/deskwatch/out/renderer/index.html', filePath: INDEX });
    expect(dev).toEqual({ kind: 'dev-server', url: 'http://localhost:5173/', origin: 'http://localhost:5173' });
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app, so an environment variable cannot load another site', () => {
    const location = resolveRendererLocation({ devServerUrl: 'https://evil.example/', indexHtmlPath: INDEX, isPackaged: true });
    expect(location.kind).toBe('file');
  });

  it('refuses a dev-server URL that is not http(s)', () => {
    expect(() => resolveRendererLocation({ devServerUrl: 'file:///tmp/x.html', indexHtmlPath: INDEX, isPackaged: false })).toThrow(/http/);
  });

  it.each([
    ['file:///opt/deskwatch/out/renderer/index.html', true],
    ['file:///opt/deskwatch/out/renderer/index.html#/cases/12', true],
    ['file:///opt/deskwatch/out/renderer/index.html?tab=queue', true],
    ['file:///opt/deskwatch/out/renderer/other.html', false],
    ['file:///opt/deskwatch/out/renderer/../renderer-evil/index.html', false],
    ['file:///tmp/index.html', false],
    ['file://fileserver/opt/deskwatch/out/renderer/index.html', false],
    ['https://opt/deskwatch/out/renderer/index.html', false],
    ['not a url', false],
  ])('built renderer: %s is ours → %s', (url, expected) => {
    expect(isRendererUrl(built, url)).toBe(expected);
  });

  it.each([
    ['http://localhost:5173/', true],
    ['http://localhost:5173/cases/4?x=1', true],
    ['http://localhost:5174/', false],
    ['http://127.0.0.1:5173/', false],
    ['https://localhost:5173/', false],
    ['file:///opt/deskwatch/out/renderer/index.html', false],
  ])('dev server: %s is ours → %s', (url, expected) => {
    expect(isRendererUrl(dev, url)).toBe(expected);
  });
});

describe('which links may leave the app', () => {
  it('allows exactly http, https and mailto', () => {
    expect(EXTERNAL_SCHEMES).toEqual(['http:', 'https:', 'mailto:']);
  });

  it.each([
    ['https://kb.district.example/article/7', true],
    ['http://intranet.example/', true],
    ['mailto:helpdesk@district.example?subject=Case%2012', true],
    ['HTTPS://EXAMPLE.ORG/', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://server/share', false],
    ['ms-settings:privacy', false],
    ['vscode://file/etc/passwd', false],
    ['data:text/html,<script>1</script>', false],
    ['//evil.example/', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isAllowedExternalUrl(url)).toBe(expected);
  });

  it('hands the normalised URL to the system and never throws when the system fails', async () => {
    const log = vi.fn();
    const opener = { openExternal: vi.fn(() => Promise.reject(new Error('no browser'))) };
    expect(openExternalSafely(opener, 'HTTPS://Example.org', log)).toBe(true);
    expect(opener.openExternal).toHaveBeenCalledWith('https://example.org/');
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith(expect.stringContaining('no browser')));
  });

  it('does not call the system for a refused scheme', () => {
    const opener = { openExternal: vi.fn(() => Promise.resolve()) };
    expect(openExternalSafely(opener, 'file:///C:/Windows/System32/calc.exe', () => undefined)).toBe(false);
    expect(opener.openExternal).not.toHaveBeenCalled();
  });
});

describe('navigation decisions', () => {
  it.each([
    ['file:///opt/deskwatch/out/renderer/index.html#/queue', 'allow'],
    ['https://kb.district.example/a', 'open-externally'],
    ['mailto:someone@example.org', 'open-externally'],
    ['file:///tmp/evil.html', 'deny'],
    ['javascript:void(0)', 'deny'],
    ['chrome://settings', 'deny'],
  ])('built app, navigating to %s → %s', (url, expected) => {
    expect(decideNavigation(url, built)).toBe(expected);
  });

  it('never allows a new window, even for our own page', () => {
    expect(decideWindowOpen('file:///opt/deskwatch/out/renderer/index.html')).toBe('deny');
    expect(decideWindowOpen('https://example.org/')).toBe('open-externally');
    expect(decideWindowOpen('about:blank')).toBe('deny');
  });
});

class FakeContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

function guarded() {
  const contents = new FakeContents();
  const shell = { openExternal: vi.fn((_url: string) => Promise.resolve()) };
  const log = vi.fn();
  guardWebContents(contents as unknown as WebContents, { renderer: built, shell, log });
  return { contents, shell, log };
}

describe('guards installed on a webContents', () => {
  it('lets the renderer navigate within itself', () => {
    const { contents, shell } = guarded();
    const event = fakeEvent({ url: 'file:///opt/deskwatch/out/renderer/index.html#/cases', isMainFrame: true });
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('cancels a navigation to a web page and opens it in the browser instead', () => {
    const { contents, shell } = guarded();
    const event = fakeEvent({ url: 'https://kb.district.example/printers', isMainFrame: true });
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://kb.district.example/printers');
  });

  it('cancels a navigation to a local file and opens nothing', () => {
    const { contents, shell, log } = guarded();
    const event = fakeEvent({ url: 'file:///home/agent/Downloads/invoice.html', isMainFrame: true });
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
    expect(shell.openExternal).not.toHaveBeenCalled();
    // The log names the scheme, not the path (which may hold personal data).
    expect(log.mock.calls[0]?.[0]).not.toContain('invoice');
  });

  it('cancels sub-frame navigations and redirects away from the renderer, without opening them', () => {
    const { contents, shell } = guarded();
    const frame = fakeEvent({ url: 'https://ads.example/', isMainFrame: false });
    contents.emit('will-frame-navigate', frame);
    const redirect = fakeEvent({ url: 'https://elsewhere.example/', isMainFrame: true });
    contents.emit('will-redirect', redirect);
    expect(frame.defaultPrevented).toBe(true);
    expect(redirect.defaultPrevented).toBe(true);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('denies every window.open; web and mail links go to the system, other schemes nowhere', () => {
    const { contents, shell } = guarded();
    const open = contents.windowOpenHandler!;
    expect(open({ url: 'https://example.org/help' })).toEqual({ action: 'deny' });
    expect(open({ url: 'mailto:helpdesk@district.example' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///opt/deskwatch/out/renderer/index.html' })).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls.map(([url]) => url)).toEqual(['https://example.org/help', 'mailto:helpdesk@district.example']);
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = guarded();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});
