import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { STANDALONE_SIGN_IN, type SessionState } from '../../shared/session';
import type { StaffMember } from '../../shared/domain';
import type { Core } from '../core/core';
import { DomainError } from '../core/errors';
import { createEventStreams } from './event-streams';
import { readCallInput, readJsonObject, securityHeaders, sendError, sendJson } from './http-kit';
import { readStaticFile } from './static-files';

/** The browser mode never listens beyond this machine. */
const LOOPBACK = '127.0.0.1';

export { CONTENT_SECURITY_POLICY } from './http-kit';

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
 * The standalone browser mode: one person at one machine, no sign-in. A random per-run token
 * admits a page (every API request without it is refused), and the page says who sits at it by
 * choosing a profile (`POST /api/session/choose`), which gives it a console token of its own:
 * from then on every call is made as that person, whatever the request's body says.
 *
 * Carries the contract as `POST /api/invoke/<channel>` with `{ input }` and
 * `Authorization: Bearer <token>`, and `GET /api/events?token=` as a server-sent event stream
 * (EventSource cannot send headers). Serves the built renderer for everything else.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { core } = options;
  const token = options.token ?? newToken();
  const runToken = Buffer.from(token);
  /** Console tokens of this run and who chose them; a restart asks again (the core's memory answers). */
  const consoles = new Map<string, number>();
  const streams = createEventStreams(core);
  const headers = securityHeaders();
  let allowedHosts: Set<string> = new Set();

  /** null: not admitted; { actorId: null }: the run token (nobody chosen yet). */
  const admit = (candidate: string | null | undefined): { actorId: number | null } | null => {
    if (!candidate) return null;
    const chosen = consoles.get(candidate);
    if (chosen !== undefined) return { actorId: chosen };
    const given = Buffer.from(candidate);
    return given.length === runToken.length && timingSafeEqual(given, runToken) ? { actorId: null } : null;
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      core.logger.error('deskwatch web: request failed', error);
      sendError(res, 500, { code: 'internal', message: 'Internal error' }, headers);
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A page on another site could resolve its own name to 127.0.0.1 (DNS rebinding): only our own host names are served.
    if (!allowedHosts.has(req.headers.host ?? '')) {
      sendError(res, 421, { code: 'forbidden', message: 'Unexpected Host header' }, headers);
      return;
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, { code: 'invalid_input', message: 'Method not allowed' }, headers);
      return;
    }
    if (url.pathname === '/support' || url.pathname.startsWith('/support/')) {
      // The employees' pages need the district's sign-in and PostgreSQL: never the console under their address.
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      res.end('The Tech Support Center is part of the district server (npm run server): this standalone console has none.');
      return;
    }
    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (!file) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('Not found. Was the renderer built (npm run build)?');
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': file.contentType });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const presented = bearer ?? url.searchParams.get('token');
    const caller = admit(presented);
    if (!caller) {
      sendError(res, 401, { code: 'unauthenticated', message: 'Missing or wrong browser-mode token' }, headers);
      return;
    }
    if (url.pathname === '/api/events' && req.method === 'GET') return streams.open(res, headers);
    if (url.pathname.startsWith('/api/session')) return handleSession(req, res, url.pathname, presented ?? '', caller.actorId);
    const invoke = /^\/api\/invoke\/([A-Za-z0-9._-]+)$/.exec(url.pathname);
    if (invoke?.[1] && req.method === 'POST') {
      const input = await readCallInput(req, invoke[1]);
      if (!input.ok) return sendError(res, input.status, input.error, headers);
      // Contract errors travel as 200 with { ok: false }: the transport worked, the call did not.
      return sendJson(res, 200, await core.dispatch(invoke[1], input.value, { actorId: caller.actorId }), headers);
    }
    sendError(res, 404, { code: 'not_found', message: `No API route ${req.method} ${url.pathname}` }, headers);
  }

  async function handleSession(req: http.IncomingMessage, res: http.ServerResponse, path: string, presented: string, actorId: number | null): Promise<void> {
    if (path === '/api/session' && req.method === 'GET') return sendJson(res, 200, { ok: true, value: await stateOf(actorId) }, headers);
    if (path === '/api/session/choose' && req.method === 'POST') {
      const body = await readJsonObject(req);
      if (!body.ok) return sendError(res, body.status, body.error, headers);
      const staffId = body.value.staffId;
      if (typeof staffId !== 'number' || !Number.isInteger(staffId) || staffId < 1) {
        return sendError(res, 400, { code: 'invalid_input', message: 'Choose a staff profile (staffId must be a staff id)', field: 'staffId' }, headers);
      }
      let staff: StaffMember;
      try {
        staff = await core.services.staff.requireActive(staffId);
      } catch (error) {
        if (error instanceof DomainError) return sendError(res, 200, { code: error.code, message: error.message, field: 'staffId' }, headers);
        throw error;
      }
      if (consoles.has(presented)) consoles.delete(presented);
      const consoleToken = newToken();
      consoles.set(consoleToken, staff.id);
      return sendJson(res, 200, { ok: true, value: { ...standaloneState(staff), token: consoleToken } }, headers);
    }
    if (path === '/api/session/signout' && req.method === 'POST') {
      consoles.delete(presented);
      return sendJson(res, 200, { ok: true, value: standaloneState(null) }, headers);
    }
    sendError(res, 404, { code: 'not_found', message: 'A standalone console has no sign-in: choose who you are instead.' }, headers);
  }

  async function stateOf(actorId: number | null): Promise<SessionState> {
    if (actorId === null) return standaloneState(null);
    try {
      return standaloneState(await core.services.staff.requireActive(actorId));
    } catch (error) {
      if (error instanceof DomainError) return standaloneState(null);
      throw error;
    }
  }

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
      streams.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function standaloneState(staff: StaffMember | null): SessionState {
  return { mode: 'standalone', staff, signIn: STANDALONE_SIGN_IN, expiresAt: null, idleTimeoutMinutes: null };
}
