import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventEnvelope } from '../../shared/api';
import { requestLimitOf, type RequestLimit } from '../../shared/contract';
import type { Core } from '../core/core';
import { readStaticFile } from './static-files';

/** The browser mode never listens beyond this machine. */
const LOOPBACK = '127.0.0.1';
const SSE_KEEPALIVE_MS = 15_000;

/** Same policy as the desktop window, sent as a header because the browser mode has no Electron session. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface WebServerOptions {
  core: Core;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Per-run secret; a fresh random one when absent. */
  token?: string;
}

export interface WebServer {
  /** Base URL, without the token. */
  origin: string;
  /** The URL to open: the origin with the token. */
  url: string;
  token: string;
  close(): Promise<void>;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Carries the contract over HTTP: `POST /api/invoke/<channel>` with `{ input, meta }` and
 * `Authorization: Bearer <token>`, and `GET /api/events?token=` as a server-sent event stream
 * (EventSource cannot send headers). Serves the built renderer for everything else.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? newToken();
  const tokenBuffer = Buffer.from(token);
  const streams = new Set<http.ServerResponse>();
  let allowedHosts: Set<string> = new Set();

  const hasToken = (candidate: string | null | undefined): boolean => {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === tokenBuffer.length && timingSafeEqual(given, tokenBuffer);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('deskwatch web: request failed', error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Internal error' } });
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A page on another site could resolve its own name to 127.0.0.1 (DNS rebinding): only our own host names are served.
    if (!allowedHosts.has(req.headers.host ?? '')) {
      sendJson(res, 421, { ok: false, error: { code: 'forbidden', message: 'Unexpected Host header' } });
      return;
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname.startsWith('/api/')) {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!hasToken(bearer ?? url.searchParams.get('token'))) {
        sendJson(res, 401, { ok: false, error: { code: 'unauthenticated', message: 'Missing or wrong browser-mode token' } });
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(res);
      const invoke = /^\/api\/invoke\/([A-Za-z0-9._-]+)$/.exec(url.pathname);
      if (invoke?.[1] && req.method === 'POST') return invokeChannel(invoke[1], req, res);
      sendJson(res, 404, { ok: false, error: { code: 'not_found', message: `No API route ${req.method} ${url.pathname}` } });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Method not allowed' } });
      return;
    }
    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found. Was the renderer built (npm run build)?');
      return;
    }
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  async function invokeChannel(channel: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // The limit is the contract's for this channel: a caller CSV may be 20 MB, a note not.
    const limit = requestLimitOf(channel);
    const body = await readBody(req, limit.bytes);
    if (body === 'too_large') {
      sendJson(res, 413, tooLarge(limit));
      return;
    }
    let envelope: unknown;
    try {
      envelope = body.length ? JSON.parse(body) : {};
    } catch {
      sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'Request body is not valid JSON' } });
      return;
    }
    const { input, meta } = (typeof envelope === 'object' && envelope !== null ? envelope : {}) as { input?: unknown; meta?: unknown };
    // Contract errors travel as 200 with { ok: false }: the transport worked, the call did not.
    sendJson(res, 200, await options.core.dispatch(channel, input, meta));
  }

  function openEventStream(res: http.ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    // A page that connects while this console does not hear the others learns it now, not at the relay's next attempt.
    const live = options.core.liveStatus();
    if (live.state !== 'live') res.write(`data: ${JSON.stringify({ name: 'live.status', payload: live } satisfies EventEnvelope)}\n\n`);
    streams.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
    res.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(res);
    });
  }

  const unsubscribe = options.core.events.subscribe((name, payload) => {
    const envelope: EventEnvelope = { name, payload } as EventEnvelope;
    const frame = `data: ${JSON.stringify(envelope)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  const origin = `http://${LOOPBACK}:${port}`;

  return {
    origin,
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    token,
    close: async () => {
      unsubscribe();
      for (const stream of streams) stream.end();
      streams.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function tooLarge(limit: RequestLimit): { ok: false; error: { code: 'invalid_input'; message: string; field: string } } {
  return { ok: false, error: { code: 'invalid_input', message: limit.message, field: limit.field } };
}

/**
 * Reads the body up to `maxBytes`. A larger one is read to its end and thrown away rather than
 * cut off: a browser that is still sending when the connection drops reports "cannot reach the
 * server" and never sees the 413 that says what is wrong.
 */
function readBody(req: http.IncomingMessage, maxBytes: number): Promise<string | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const declared = Number(req.headers['content-length']);
    let size = 0;
    let over = Number.isFinite(declared) && declared > maxBytes;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too_large' : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
