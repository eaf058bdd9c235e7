import type { Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/web/web-server';
import { resolveRendererLocation } from '../../electron/main/renderer-location';
import { ALLOWED_PERMISSIONS, applySessionPolicy, decidePermission, withContentSecurityPolicy } from '../../electron/main/session-policy';
import { mainWindowOptions, secureWebPreferences } from '../../electron/main/window-options';
import { FakeSession, FakeWebContents } from './fake-electron';

const renderer = resolveRendererLocation({ indexHtmlPath: '/app/out/renderer/index.html', isPackaged: true });
const PAGE = 'file:///app/out/renderer/index.html';

describe('web preferences of the console window', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.js');

  it('sandboxes the renderer, isolates the preload and keeps Node out', () => {
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and every loosening flag off', () => {
    expect(prefs).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('creates the window hidden, with these preferences, where the placement says', () => {
    const placed = mainWindowOptions({ preloadPath: '/p.js', placement: { bounds: { x: 5, y: 6, width: 1000, height: 700 }, maximized: false } });
    expect(placed).toMatchObject({ x: 5, y: 6, width: 1000, height: 700, show: false, webPreferences: secureWebPreferences('/p.js') });
    expect(placed.minWidth).toBeGreaterThan(0);
    const centred = mainWindowOptions({ preloadPath: '/p.js', placement: { bounds: { width: 1000, height: 700 }, maximized: false } });
    expect(centred).not.toHaveProperty('x');
    expect(centred.center).toBe(true);
  });
});

describe('content security policy', () => {
  it('is the same policy the browser mode sends, and it is strict', () => {
    const headers = withContentSecurityPolicy({});
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
  });

  it('replaces a policy the server sent, whatever the header spelling, and keeps other headers', () => {
    const headers = withContentSecurityPolicy({
      'content-security-policy': ["script-src *"],
      'CONTENT-SECURITY-POLICY': ["default-src *"],
      'Content-Type': ['text/html'],
    });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('the renderer page carries the same policy in a meta tag (file:// responses have no headers)', async () => {
    const { readFileSync } = await import('node:fs');
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('permissions', () => {
  it('grants notifications to our renderer only', () => {
    expect(ALLOWED_PERMISSIONS).toEqual(['notifications']);
    expect(decidePermission('notifications', PAGE, renderer)).toBe(true);
    expect(decidePermission('notifications', 'https://evil.example/', renderer)).toBe(false);
    expect(decidePermission('notifications', undefined, renderer)).toBe(false);
  });

  it.each(['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb', 'display-capture', 'unknown'])(
    'refuses %s, even to our renderer',
    (permission) => {
      expect(decidePermission(permission, PAGE, renderer)).toBe(false);
    },
  );

  it('wires the CSP header and both permission handlers into the session', () => {
    const session = new FakeSession();
    applySessionPolicy(session as unknown as Session, renderer);

    const respond = vi.fn();
    session.headersListener!({ responseHeaders: { 'Content-Type': ['text/html'] } }, respond);
    expect(respond).toHaveBeenCalledWith({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });

    const answer = vi.fn();
    session.permissionRequestHandler!(new FakeWebContents(), 'notifications', answer, { requestingUrl: PAGE });
    session.permissionRequestHandler!(new FakeWebContents(), 'media', answer, { requestingUrl: PAGE });
    expect(answer.mock.calls).toEqual([[true], [false]]);

    // A file:// origin is opaque ("file:///"); the check falls back to the page's URL.
    const page = new FakeWebContents();
    page.url = PAGE;
    expect(session.permissionCheckHandler!(page, 'notifications', 'file:///', {})).toBe(true);
    expect(session.permissionCheckHandler!(page, 'geolocation', 'file:///', {})).toBe(false);
    expect(session.permissionCheckHandler!(null, 'notifications', 'https://evil.example', {})).toBe(false);
  });
});
