/**
 * What a request must show before the server looks at it further: a Host header naming this
 * server (DNS rebinding), and for a request that changes something on a cookie session, that it
 * comes from the console's own page (Origin and the session's CSRF token).
 */
import type http from 'node:http';
import { sameSecret } from '../core/auth/session-service';
import { hostWithPort, isWildcard, type ListenAddress } from './server-config';

/**
 * The Host headers this server answers: the public URL's host, and the address it listens on
 * (a reverse proxy often passes that on). A page on another site that resolves its own name to
 * this server still sends its own name, and is refused.
 */
export function allowedHosts(publicOrigin: string, listen: ListenAddress, boundPort: number): Set<string> {
  const url = new URL(publicOrigin);
  const hosts = new Set<string>([url.host.toLowerCase()]);
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  hosts.add(`${url.hostname.toLowerCase()}:${url.port || defaultPort}`);
  const loopbackNames = ['127.0.0.1', 'localhost', '::1'];
  const names = isWildcard(listen.host) ? loopbackNames : [listen.host, ...(loopbackNames.includes(listen.host) ? loopbackNames : [])];
  for (const name of names) hosts.add(hostWithPort(name, boundPort).toLowerCase());
  return hosts;
}

export function hostAllowed(req: http.IncomingMessage, hosts: ReadonlySet<string>): boolean {
  const host = req.headers.host;
  return typeof host === 'string' && hosts.has(host.toLowerCase());
}

/** Whether the request says it comes from a page of this server. A browser sends Origin with every POST. */
export function sameOrigin(req: http.IncomingMessage, publicOrigin: string): boolean {
  return req.headers.origin === publicOrigin;
}

/** Whether the request carries the session's CSRF token in `x-csrf-token` (compared in constant time). */
export function csrfPresented(req: http.IncomingMessage, csrf: string): boolean {
  const presented = req.headers['x-csrf-token'];
  return typeof presented === 'string' && sameSecret(csrf, presented);
}

/** `Authorization: Bearer <token>` (the desktop app), or null. */
export function bearerToken(req: http.IncomingMessage): string | null {
  return /^Bearer ([^\s]+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
}
