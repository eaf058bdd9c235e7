import type { Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../web/web-server';
import { isRendererUrl, type RendererLocation } from './renderer-location';

/** Permissions a page of ours may get: desktop notifications (SLA alerts). Everything else is refused. */
export const ALLOWED_PERMISSIONS: readonly string[] = ['notifications'];

/** Whether a permission asked for by `requestingUrl` is granted. */
export function decidePermission(permission: string, requestingUrl: string | undefined, renderer: RendererLocation): boolean {
  return ALLOWED_PERMISSIONS.includes(permission) && requestingUrl !== undefined && isRendererUrl(renderer, requestingUrl);
}

/**
 * Response headers with our Content-Security-Policy in place of any the server sent. Header
 * names are case-insensitive, so every spelling of an existing policy is dropped: the
 * dev server (or anything else) cannot loosen it.
 */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}

/**
 * Applies the policy to a session: the CSP header on every response (the built renderer's
 * index.html carries the same policy in a meta tag, since `file://` responses have no headers
 * to rewrite) and the permission handlers. Chromium grants many permissions by default; an
 * explicit handler makes the answer ours.
 */
export function applySessionPolicy(session: Session, renderer: RendererLocation): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(decidePermission(permission, details.requestingUrl, renderer));
  });
  // Synchronous checks (navigator.permissions.query, Notification.permission) get the same answer.
  // A file:// page's origin is opaque ("file:///"), so the frame's or the page's full URL is what identifies it.
  session.setPermissionCheckHandler((contents, permission, requestingOrigin, details) =>
    decidePermission(permission, details.requestingUrl ?? contents?.getURL() ?? requestingOrigin, renderer),
  );
}
