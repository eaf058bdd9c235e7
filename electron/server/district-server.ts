/**
 * The district server: the same console and contract as the standalone browser mode
 * (electron/web/web-server.ts), for a team, on PostgreSQL. People sign in (district single
 * sign-on or a local account); every call is made as the staff member of the session that
 * carries it, and the core's dispatch (mode 'server') decides what that person may do.
 *
 * Routes (docs/architecture.md, "HTTP routes"): `/api/session…` sign-in and out, `POST
 * /api/invoke/<channel>`, `GET /api/events` (server-sent events), `GET /api/health`; the Tech
 * Support Center's `/api/support/…` and its page at `/support` (support-routes.ts); everything
 * else is the built console.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Clock } from '../core/clock';
import { startCore, type Core } from '../core/core';
import { isStorageError, isTransientError } from '../core/db/transient-errors';
import type { PgEventRelayOptions } from '../core/db/pg-event-relay';
import type { Logger } from '../core/log/logger';
import type { MailLoopOptions } from '../core/mail/mail-loop';
import type { MailSenderOptions } from '../core/mail/mail-sender';
import { APP_VERSION } from '../core/version';
import { createEventStreams } from '../web/event-streams';
import { readCallInput, securityHeaders, sendError, sendJson } from '../web/http-kit';
import { readStaticFile } from '../web/static-files';
import { createOidcSignIn, type OidcSignIn } from './auth/oidc-sign-in';
import { clientOf } from './proxy-trust';
import { allowedHosts, hostAllowed } from './request-guards';
import { hostWithPort, isWildcard, publicOriginOf, type ServerConfig } from './server-config';
import { authenticate, type Exchange, type ServerContext } from './server-context';
import { csrfRefusal, currentSession, desktopToken, passwordSignIn, signOut } from './session-routes';
import { beginSso, finishSso } from './sso-routes';
import { beginSupportSso, serveSupportPage, supportAttachment, supportInvoke, supportSession, supportSignOut } from './support-routes';
import { isSupportPath } from './support-sign-in';
import { SessionStreams, STREAM_CHECK_MS } from './stream-sessions';
import { unsubscribeOneClick, unsubscribePage } from './unsubscribe-routes';
import { MAX_ID } from '../../shared/contract-kit';

/** Where `npm run server` finds the console (scripts/build-web.mjs builds it). */
export const RENDERER_DIR = path.resolve(__dirname, '../../out/renderer');
/** How long the health answer waits for the database before calling it away. */
const HEALTH_TIMEOUT_MS = 5_000;

export interface DistrictServerOptions {
  rendererDir?: string;
  /** The core's clock (tests move it to expire sessions). */
  clock?: Clock;
  log?: Logger;
  relay?: PgEventRelayOptions;
  /** How often open event streams are checked against their sessions. */
  streamCheckMs?: number;
  /** Shorter waits for the mail sender and its loop (tests). */
  mail?: { sender?: MailSenderOptions; loop?: MailLoopOptions };
}

export interface DistrictServer {
  /** The public origin (DESKWATCH_PUBLIC_URL, or the address it listens on). */
  origin: string;
  /** Where it actually listens (differs from `origin` behind a proxy). */
  listening: string;
  core: Core;
  close(): Promise<void>;
}

export async function startDistrictServer(config: ServerConfig, options: DistrictServerOptions = {}): Promise<DistrictServer> {
  const core = await startCore({
    database: config.database,
    mode: 'server',
    scheduler: true,
    ...(options.log ? { log: options.log } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.relay ? { relay: options.relay } : {}),
    // Every server process sends: the outbox's claims keep each message to one of them. core.close() stops the loop.
    mail: { settings: config.mail, send: true, ...options.mail },
    deskPhone: config.deskPhone,
  });
  try {
    return await serve(core, config, options);
  } catch (error) {
    await core.close();
    throw error;
  }
}

async function serve(core: Core, config: ServerConfig, options: DistrictServerOptions): Promise<DistrictServer> {
  const rendererDir = options.rendererDir ?? RENDERER_DIR;
  const streams = createEventStreams(core);
  const sessionStreams = new SessionStreams(core.dataSource, core.clock, core.logger, options.streamCheckMs ?? STREAM_CHECK_MS);
  let ctx: ServerContext | null = null;
  let hosts: Set<string> = new Set();

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const client = clientOf(req, config.trustProxy);
    const headers = securityHeaders({ hsts: client.https });
    if (!ctx) {
      sendError(res, 503, { code: 'unavailable', message: 'The server is starting' }, headers);
      return;
    }
    const ex: Exchange = { req, res, url: new URL(req.url ?? '/', ctx.publicOrigin), client, headers };
    handle(ctx, ex).catch((error: unknown) => {
      if (isTransientError(error) || isStorageError(error)) {
        core.logger.warn('deskwatch server: the database did not answer a request', error);
        sendError(res, 503, { code: 'unavailable', message: 'The database cannot be reached right now; nothing was changed. Try again in a moment.' }, headers);
        return;
      }
      core.logger.error('deskwatch server: request failed', error);
      sendError(res, 500, { code: 'internal', message: 'Internal error' }, headers);
    });
  };

  async function handle(c: ServerContext, ex: Exchange): Promise<void> {
    const { req, res, url, headers } = ex;
    // A load balancer asks by its own name for the backend; health tells nothing but up or down.
    if (url.pathname === '/api/health' && req.method === 'GET') return health(ex);
    // A page on another site could resolve its own name to this server (DNS rebinding): only our own names are served.
    if (!hostAllowed(req, hosts)) return sendError(res, 421, { code: 'forbidden', message: 'Unexpected Host header: open the console at its own address.' }, headers);
    if (url.pathname.startsWith('/api/')) return handleApi(c, ex);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, { code: 'invalid_input', message: 'Method not allowed' }, headers);
    // The employees' page, never the console's index.html (which a missing file would fall back to).
    if (isSupportPath(url.pathname)) return serveSupportPage(rendererDir, ex);
    const file = await readStaticFile(rendererDir, url.pathname);
    if (!file) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('Not found. Was the console built (npm run build:web)?');
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': file.contentType });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  async function handleApi(c: ServerContext, ex: Exchange): Promise<void> {
    const { req, res, url, headers } = ex;
    const route = `${req.method ?? ''} ${url.pathname}`;
    switch (route) {
      case 'GET /api/session':
        return currentSession(c, ex);
      case 'POST /api/session/choose':
        return sendError(res, 403, { code: 'forbidden', message: 'A district server signs people in: sign in instead of choosing a profile.' }, headers);
      case 'POST /api/session/password':
        return passwordSignIn(c, ex);
      case 'GET /api/session/sso':
        return beginSso(c, ex);
      case 'GET /api/session/sso/callback':
        return finishSso(c, ex);
      case 'POST /api/session/desktop-token':
        return desktopToken(c, ex);
      case 'POST /api/session/signout':
        return signOut(c, ex, (sessionId) => sessionStreams.end(sessionId));
      case 'GET /api/events':
        return openEvents(c, ex);
      case 'GET /api/mail/unsubscribe':
        return unsubscribePage(c, ex);
      case 'POST /api/mail/unsubscribe':
        return unsubscribeOneClick(c, ex);
      case 'GET /api/support/session':
        return supportSession(c, ex);
      case 'GET /api/support/sso':
        return beginSupportSso(c, ex);
      case 'POST /api/support/signout':
        return supportSignOut(c, ex);
    }
    const attachment = /^\/api\/support\/attachments\/([1-9]\d{0,9})$/.exec(url.pathname);
    if (attachment?.[1] && (req.method === 'GET' || req.method === 'HEAD') && Number(attachment[1]) <= MAX_ID) return supportAttachment(c, ex, Number(attachment[1]));
    const support = /^\/api\/support\/invoke\/([A-Za-z0-9._-]+)$/.exec(url.pathname);
    if (support?.[1] && req.method === 'POST') return supportInvoke(c, ex, support[1]);
    const invoke = /^\/api\/invoke\/([A-Za-z0-9._-]+)$/.exec(url.pathname);
    if (invoke?.[1] && req.method === 'POST') return invokeChannel(c, ex, invoke[1]);
    sendError(res, 404, { code: 'not_found', message: `No API route ${req.method} ${url.pathname}` }, headers);
  }

  /** `POST /api/invoke/<channel>`: the caller is the session's staff member, whatever the body says (a body naming one is refused). */
  async function invokeChannel(c: ServerContext, ex: Exchange, channel: string): Promise<void> {
    const auth = await authenticate(c, ex.req);
    if (!auth) return sendError(ex.res, 401, { code: 'unauthenticated', message: 'Sign in first: there is no session, or it has ended.' }, ex.headers);
    const refusal = csrfRefusal(c, ex, auth);
    if (refusal) return sendError(ex.res, 403, refusal, ex.headers);
    const input = await readCallInput(ex.req, channel);
    if (!input.ok) return sendError(ex.res, input.status, input.error, ex.headers);
    // Contract errors travel as 200 with { ok: false }: the transport worked, the call did not.
    return sendJson(ex.res, 200, await core.dispatch(channel, input.value, { actorId: auth.session.staff.id, actor: auth.session.staff }), ex.headers);
  }

  async function openEvents(c: ServerContext, ex: Exchange): Promise<void> {
    const auth = await authenticate(c, ex.req);
    if (!auth) return sendError(ex.res, 401, { code: 'unauthenticated', message: 'Sign in first: there is no session, or it has ended.' }, ex.headers);
    streams.open(ex.res, ex.headers);
    sessionStreams.add(auth.session.sessionId, ex.res);
  }

  /** `GET /api/health`: up when the database answers a round trip; 503 when it does not. No session needed. */
  async function health(ex: Exchange): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        core.dataSource.query('SELECT 1'),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`)), HEALTH_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      core.logger.warn('deskwatch server: health check found the database away', error);
      return sendError(ex.res, 503, { code: 'unavailable', message: 'The database cannot be reached.' }, ex.headers);
    } finally {
      clearTimeout(timer);
    }
    return sendJson(ex.res, 200, { ok: true, value: { status: 'ok', version: APP_VERSION } }, ex.headers);
  }

  const server = config.tls ? https.createServer({ cert: config.tls.cert, key: config.tls.key }, listener) : http.createServer(listener);
  // Idle connections are kept longer than a load balancer's or nginx's own keep-alive (60 s), so a
  // proxy never sends a request down a connection this server has just closed (a reset for the
  // person, not a retry). Node's default, 5 s, is shorter than every common proxy's.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (config.listen.host === '') server.listen(config.listen.port, () => resolve());
    else server.listen(config.listen.port, config.listen.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const publicOrigin = publicOriginOf(config, port);
  // The links in the desk's email (the Tech Support Center, unsubscribe) are to this origin, known once listening.
  core.services.mail.usePublicOrigin(publicOrigin);
  hosts = allowedHosts(publicOrigin, config.listen, port);
  let oidc: OidcSignIn | null;
  try {
    oidc = config.oidc
      ? await createOidcSignIn({
          issuer: config.oidc.issuer,
          clientId: config.oidc.clientId,
          ...(config.oidc.clientSecret !== undefined ? { clientSecret: config.oidc.clientSecret } : {}),
          redirectUri: `${publicOrigin}/api/session/sso/callback`,
          label: config.oidc.label,
          allowHttpIssuer: config.oidc.allowHttpIssuer,
          now: () => core.clock.now(),
        })
      : null;
  } catch (error) {
    server.close();
    throw error;
  }
  ctx = { core, auth: core.services.auth, config, publicOrigin, oidc };
  // A wildcard is reached from this machine at 127.0.0.1.
  const listenHost = isWildcard(config.listen.host) ? '127.0.0.1' : config.listen.host;

  return {
    origin: publicOrigin,
    listening: `${config.tls ? 'https' : 'http'}://${hostWithPort(listenHost, port)}`,
    core,
    close: async () => {
      sessionStreams.close();
      streams.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await core.close();
    },
  };
}
