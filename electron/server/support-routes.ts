/**
 * The Tech Support Center over HTTP: employees sign in with the district sign-in and call the
 * employees' contract (shared/contract-support.ts) as their own caller record. Only the employee
 * cookie (`__Host-deskwatch-support`) authenticates these routes: a staff member's console session
 * does not, and the employee cookie reaches no console route.
 *
 * Routes (docs/architecture.md): `GET /api/support/session`, `GET /api/support/sso?return=/support…`,
 * `POST /api/support/signout`, `POST /api/support/invoke/<channel>` {input}; the page at `/support`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_REQUEST_LIMIT, type RequestLimit } from '../../shared/contract';
import { isSupportChannel, supportContract } from '../../shared/contract-support';
import type { ContractError } from '../../shared/result';
import type { DeskContact, EmployeeProfile, SupportSessionState } from '../../shared/support';
import { deskHoursWords } from '../core/support/desk-hours-words';
import type { ResolvedEmployeeSession } from '../core/auth';
import { CallerEntity } from '../core/db/entities';
import { DomainError } from '../core/errors';
import type { AttachmentDownload } from '../core/support/case-attachments';
import { readCallInput, sendError, sendJson } from '../web/http-kit';
import { sendPage } from './plain-page';
import { csrfPresented, sameOrigin } from './request-guards';
import type { Exchange, ServerContext } from './server-context';
import { SUPPORT_COOKIE, clearCookie } from './session-cookie';
import { startSignIn } from './sso-routes';
import { SUPPORT_PATH, SUPPORT_START, employeeSessionPolicy, isSupportPath, presentedSupportToken, supportReturnPath } from './support-sign-in';

interface EmployeeAuth {
  token: string;
  session: ResolvedEmployeeSession;
}

const UNAUTHENTICATED: ContractError = { code: 'unauthenticated', message: 'Sign in to the Tech Support Center first: there is no session, or it has ended.' };

async function authenticateEmployee(ctx: ServerContext, ex: Exchange): Promise<EmployeeAuth | null> {
  const token = presentedSupportToken(ex.req);
  if (!token) return null;
  const session = await ctx.auth.employeeSessions.resolve(token, employeeSessionPolicy(ctx));
  return session ? { token, session } : null;
}

/**
 * Why a request that changes something is refused, or null: as for the console (session-routes.ts
 * `csrfRefusal`), another site's page can make the browser send the cookie, but can neither set
 * Origin to this server nor know the session's CSRF token.
 */
function supportCsrfRefusal(ctx: ServerContext, ex: Exchange, auth: EmployeeAuth): ContractError | null {
  if (!sameOrigin(ex.req, ctx.publicOrigin)) {
    return { code: 'forbidden', message: `Refused: this request did not come from the Tech Support Center at ${ctx.publicOrigin} (its Origin header is missing or names another site).` };
  }
  if (!csrfPresented(ex.req, auth.session.csrf)) {
    return { code: 'forbidden', message: "Refused: the request lacks this session's CSRF token (x-csrf-token). Reload the page and try again." };
  }
  return null;
}

function signInOptions(ctx: ServerContext): SupportSessionState['signIn'] {
  return { sso: ctx.oidc ? { label: ctx.oidc.label } : null };
}

async function profileOf(ctx: ServerContext, callerId: number): Promise<EmployeeProfile | null> {
  const row = await ctx.core.dataSource.getRepository(CallerEntity).findOneBy({ id: callerId });
  if (!row) return null;
  return { callerId: row.id, name: row.name, email: row.email, phone: row.phone, buildingId: row.buildingId, room: row.room };
}

/** The desk's phone as this server is set up, and its hours: the page shows them before anyone signs in. */
function deskContact(ctx: ServerContext): DeskContact {
  return { phone: ctx.config.deskPhone, hours: deskHoursWords() };
}

/** `GET /api/support/session`: the signed-in employee (nobody: how to sign in), with the CSRF token. */
export async function supportSession(ctx: ServerContext, ex: Exchange): Promise<void> {
  const auth = await authenticateEmployee(ctx, ex);
  const employee = auth ? await profileOf(ctx, auth.session.callerId) : null;
  if (!auth || !employee) {
    const stale = presentedSupportToken(ex.req) !== null;
    const headers = stale ? { ...ex.headers, 'set-cookie': clearCookie(SUPPORT_COOKIE) } : ex.headers;
    return sendJson(ex.res, 200, { ok: true, value: { employee: null, signIn: signInOptions(ctx), desk: deskContact(ctx) } satisfies SupportSessionState }, headers);
  }
  return sendJson(ex.res, 200, { ok: true, value: { employee, signIn: signInOptions(ctx), desk: deskContact(ctx), csrf: auth.session.csrf } satisfies SupportSessionState }, ex.headers);
}

/** `GET /api/support/sso?return=/support/…`: the district sign-in, marked so the callback signs an employee in. */
export async function beginSupportSso(ctx: ServerContext, ex: Exchange): Promise<void> {
  if (!ctx.oidc) {
    return sendPage(
      ex.res,
      404,
      {
        title: 'The Tech Support Center needs the district sign-in',
        message: 'Employees sign in to the Tech Support Center with their district account, and district sign-in is not set up on this server. Call the Help Desk to ask for help.',
      },
      ex.headers,
    );
  }
  return startSignIn(ctx, ex, { returnTo: supportReturnPath(ex.url.searchParams.get('return')), center: 'support' }, SUPPORT_START);
}

/** `POST /api/support/signout`: ends the employee session in the database (on every replica) and forgets the cookie. */
export async function supportSignOut(ctx: ServerContext, ex: Exchange): Promise<void> {
  const auth = await authenticateEmployee(ctx, ex);
  if (auth) {
    const refusal = supportCsrfRefusal(ctx, ex, auth);
    if (refusal) return sendError(ex.res, 403, refusal, ex.headers);
    await ctx.auth.employeeSessions.revoke(auth.token);
  }
  const headers = presentedSupportToken(ex.req) !== null ? { ...ex.headers, 'set-cookie': clearCookie(SUPPORT_COOKIE) } : ex.headers;
  return sendJson(ex.res, 200, { ok: true, value: { employee: null, signIn: signInOptions(ctx), desk: deskContact(ctx) } satisfies SupportSessionState }, headers);
}

/** The largest body a support channel takes (a submission with its screenshots is larger than the rest). */
function supportRequestLimit(channel: string): RequestLimit {
  return isSupportChannel(channel) ? (supportContract[channel].requestLimit ?? DEFAULT_REQUEST_LIMIT) : DEFAULT_REQUEST_LIMIT;
}

/** `POST /api/support/invoke/<channel>` {input}: a call made as the session's employee, whatever the body says. */
export async function supportInvoke(ctx: ServerContext, ex: Exchange, channel: string): Promise<void> {
  const auth = await authenticateEmployee(ctx, ex);
  if (!auth) return sendError(ex.res, 401, UNAUTHENTICATED, ex.headers);
  const refusal = supportCsrfRefusal(ctx, ex, auth);
  if (refusal) return sendError(ex.res, 403, refusal, ex.headers);
  const input = await readCallInput(ex.req, channel, supportRequestLimit(channel));
  if (!input.ok) return sendError(ex.res, input.status, input.error, ex.headers);
  // Contract errors travel as 200 with { ok: false }: the transport worked, the call did not.
  return sendJson(ex.res, 200, await ctx.core.supportDispatch(channel, input.value, { callerId: auth.session.callerId }), ex.headers);
}

/**
 * `GET /api/support/attachments/<id>`: one of the employee's own screenshots, as a download. It is
 * never shown as a page of this site: saved as a file (Content-Disposition: attachment), with a
 * type the browser will not run (nosniff) and a policy that would sandbox it if it were opened.
 */
export async function supportAttachment(ctx: ServerContext, ex: Exchange, attachmentId: number): Promise<void> {
  const auth = await authenticateEmployee(ctx, ex);
  if (!auth) return sendError(ex.res, 401, UNAUTHENTICATED, ex.headers);
  let file: AttachmentDownload;
  try {
    file = await ctx.core.services.supportCenter.attachment(attachmentId, { callerId: auth.session.callerId });
  } catch (error) {
    if (error instanceof DomainError) return sendError(ex.res, 404, { code: 'not_found', message: error.message }, ex.headers);
    throw error;
  }
  ex.res.writeHead(200, {
    ...ex.headers,
    'content-type': 'application/octet-stream',
    'content-length': String(file.bytes.length),
    'content-disposition': contentDisposition(file.fileName),
    'content-security-policy': "default-src 'none'; sandbox",
  });
  ex.res.end(ex.req.method === 'HEAD' ? undefined : file.bytes);
}

/** `attachment` with the name as typed (RFC 6266 / 5987) and a plain-ASCII fallback for old clients. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** The built Tech Support Center page (a second entry of the renderer's build). */
export const SUPPORT_PAGE = 'support.html';

const ASSET_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * `GET /support` and `/support/…`: the support page, whose own routes are in the hash. A built
 * asset reached through `/support/` (a page built with relative paths asks for `/support/assets/…`)
 * is served as itself; any other path is the support page, never the console's index.html.
 */
export async function serveSupportPage(rendererDir: string, ex: Exchange): Promise<void> {
  if (!isSupportPath(ex.url.pathname)) throw new Error(`${ex.url.pathname} is not a Tech Support Center path`);
  const asset = await readAsset(rendererDir, ex.url.pathname.slice(SUPPORT_PATH.length));
  const file = asset ?? (await readFileIn(rendererDir, SUPPORT_PAGE).then((body) => (body ? { body, contentType: 'text/html; charset=utf-8' } : null)));
  if (!file) {
    ex.res.writeHead(404, { ...ex.headers, 'content-type': 'text/plain; charset=utf-8' }).end('Not found. Was the Tech Support Center built (npm run build:web)?');
    return;
  }
  ex.res.writeHead(200, { ...ex.headers, 'content-type': file.contentType });
  ex.res.end(ex.req.method === 'HEAD' ? undefined : file.body);
}

async function readAsset(rendererDir: string, rest: string): Promise<{ body: Buffer; contentType: string } | null> {
  const contentType = ASSET_TYPES[path.posix.extname(rest).toLowerCase()];
  if (!contentType) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return null;
  }
  const body = await readFileIn(rendererDir, decoded);
  return body ? { body, contentType } : null;
}

/** A file inside the folder, or null (missing, a folder, or a path that leaves the folder). */
async function readFileIn(root: string, relative: string): Promise<Buffer | null> {
  const rootAbs = path.resolve(root);
  const candidate = path.resolve(rootAbs, `.${path.posix.normalize(`/${relative}`)}`);
  if (!candidate.startsWith(rootAbs + path.sep)) return null;
  try {
    if (!(await fs.stat(candidate)).isFile()) return null;
    return await fs.readFile(candidate);
  } catch {
    return null;
  }
}
