/**
 * What every HTTP host of the console shares (the standalone browser mode and the district
 * server): security headers, JSON answers, bounded bodies, the contract call's envelope.
 */
import type http from 'node:http';
import { requestLimitOf, type RequestLimit } from '../../shared/contract';
import type { ContractError } from '../../shared/result';

/** Same policy as the desktop window, sent as a header because a browser has no Electron session. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Sent with every answer, API and page alike: a JSON error rendered in a frame or sniffed as
 * HTML is as dangerous as a page. `hsts` only where the browser reached us over HTTPS.
 */
export function securityHeaders(options: { hsts?: boolean } = {}): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'cache-control': 'no-store',
    ...(options.hsts ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export function sendError(res: http.ServerResponse, status: number, error: ContractError, headers: Record<string, string> = {}): void {
  sendJson(res, status, { ok: false, error }, headers);
}

/**
 * Reads the body up to `maxBytes`. A larger one is read to its end and thrown away rather than
 * cut off: a browser that is still sending when the connection drops reports "cannot reach the
 * server" and never sees the 413 that says what is wrong.
 */
export function readBody(req: http.IncomingMessage, maxBytes: number): Promise<string | 'too_large'> {
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

export type BodyOutcome<T> = { ok: true; value: T } | { ok: false; status: number; error: ContractError };

const SMALL_BODY = 64_000;

/** A small JSON object body (sign-in forms, session choices); anything else is refused in words. */
export async function readJsonObject(req: http.IncomingMessage, maxBytes = SMALL_BODY): Promise<BodyOutcome<Record<string, unknown>>> {
  const body = await readBody(req, maxBytes);
  if (body === 'too_large') return { ok: false, status: 413, error: { code: 'invalid_input', message: 'The request is too large.', field: 'input' } };
  let parsed: unknown;
  try {
    parsed = body.length ? JSON.parse(body) : {};
  } catch {
    return { ok: false, status: 400, error: { code: 'invalid_input', message: 'Request body is not valid JSON' } };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, status: 400, error: { code: 'invalid_input', message: 'Request body must be a JSON object' } };
  }
  return { ok: true, value: parsed as Record<string, unknown> };
}

/**
 * A contract call's body: `{ input }`, within the channel's own size limit (a caller CSV may be
 * 20 MB, a note not). A body naming `meta` (or an actor) is refused: who makes a call is the
 * session's business, and a page that could name its actor could act as a supervisor. Another
 * contract (the Tech Support Center's) gives its channel's limit.
 */
export async function readCallInput(req: http.IncomingMessage, channel: string, limit: RequestLimit = requestLimitOf(channel)): Promise<BodyOutcome<unknown>> {
  const body = await readBody(req, limit.bytes);
  if (body === 'too_large') return { ok: false, status: 413, error: tooLarge(limit) };
  let envelope: unknown;
  try {
    envelope = body.length ? JSON.parse(body) : {};
  } catch {
    return { ok: false, status: 400, error: { code: 'invalid_input', message: 'Request body is not valid JSON' } };
  }
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) return { ok: true, value: undefined };
  const fields = envelope as Record<string, unknown>;
  if ('meta' in fields || 'actorId' in fields) {
    return {
      ok: false,
      status: 400,
      error: { code: 'invalid_input', message: 'A call carries only its input: who makes it comes from your session, not from the request.', field: 'meta' },
    };
  }
  return { ok: true, value: fields.input };
}

function tooLarge(limit: RequestLimit): ContractError {
  return { code: 'invalid_input', message: limit.message, field: limit.field };
}
