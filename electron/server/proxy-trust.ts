/**
 * Which peers may tell us who the client is. Behind a reverse proxy every connection comes from
 * the proxy, so the client's address (for the sign-in throttle) and whether it used HTTPS (for
 * HSTS) are in X-Forwarded-For / X-Forwarded-Proto. Those headers are anyone's to write, so they
 * are believed only from a peer named in DESKWATCH_TRUST_PROXY, never by default.
 */
import type http from 'node:http';
import net from 'node:net';
import type { TLSSocket } from 'node:tls';

/** `loopback`: this machine (127.0.0.0/8, ::1); `addresses`: exact IP addresses of the proxies. */
export interface ProxyTrust {
  loopback: boolean;
  addresses: readonly string[];
}

/** The client as the request tells it: its address, and whether it reached us over HTTPS. */
export interface RequestClient {
  address: string;
  https: boolean;
}

/** A peer address as Node reports it, without the IPv4-in-IPv6 wrapping (`::ffff:127.0.0.1`). */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (mapped?.[1] ?? trimmed).toLowerCase();
}

export function isLoopbackAddress(address: string): boolean {
  const plain = normalizeAddress(address);
  if (net.isIPv4(plain)) return plain.startsWith('127.');
  return plain === '::1';
}

export function isTrustedProxy(trust: ProxyTrust | null, address: string): boolean {
  if (!trust) return false;
  const plain = normalizeAddress(address);
  return (trust.loopback && isLoopbackAddress(plain)) || trust.addresses.includes(plain);
}

/**
 * Parses DESKWATCH_TRUST_PROXY: `loopback`, or a comma list of IP addresses (which may include
 * `loopback`). Throws naming the entry that is neither.
 */
export function parseProxyTrust(value: string): ProxyTrust {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) throw new Error('DESKWATCH_TRUST_PROXY is empty: give "loopback" or the proxies\' IP addresses, separated by commas');
  let loopback = false;
  const addresses: string[] = [];
  for (const entry of entries) {
    if (entry.toLowerCase() === 'loopback') {
      loopback = true;
      continue;
    }
    const plain = normalizeAddress(entry.replace(/^\[(.*)\]$/, '$1'));
    if (!net.isIP(plain)) {
      throw new Error(`DESKWATCH_TRUST_PROXY: "${entry}" is not an IP address (give "loopback" or the proxies' IP addresses, separated by commas; no names or ranges)`);
    }
    addresses.push(plain);
  }
  return { loopback, addresses };
}

/**
 * Who sent the request. The peer is the client unless it is a trusted proxy; then the client is
 * the nearest address in X-Forwarded-For that is not a trusted proxy itself (the ones further
 * left were written by whoever connected to the proxy, and could be anything).
 */
export function clientOf(req: http.IncomingMessage, trust: ProxyTrust | null): RequestClient {
  const peer = normalizeAddress(req.socket.remoteAddress ?? '');
  const direct = (req.socket as Partial<TLSSocket>).encrypted === true;
  if (!isTrustedProxy(trust, peer)) return { address: peer, https: direct };
  const forwarded = headerList(req.headers['x-forwarded-for']).map((entry) => normalizeAddress(entry.replace(/^\[(.*)\]$/, '$1')));
  let address = peer;
  for (let i = forwarded.length - 1; i >= 0; i -= 1) {
    const hop = forwarded[i] ?? '';
    if (!net.isIP(hop)) break;
    address = hop;
    if (!isTrustedProxy(trust, hop)) break;
  }
  const proto = headerList(req.headers['x-forwarded-proto'])[0]?.toLowerCase();
  return { address, https: proto === undefined ? direct : proto === 'https' };
}

function headerList(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}
