/**
 * The Tech Support Center's transport: the employee session routes (`/api/support/session`,
 * `/api/support/signout`), the district's sign-in link (`/api/support/sso?return=…`), and the
 * employees' contract as `POST /api/support/invoke/<channel>` with `{ input }`. Who calls is the
 * employee cookie the browser carries, never the body; every POST carries the session's
 * `x-csrf-token`.
 *
 * Every failure, of the server or of the network, comes back as `{ ok: false, error }`, so no
 * page has to catch anything. A 401 also tells `onSignedOut`, so the page can show the sign-in
 * screen wherever the employee was.
 */
import type { SupportChannelName, SupportInput, SupportResult } from '../../../shared/contract-support';
import type { ContractError, Result } from '../../../shared/result';
import type { SupportSessionState } from '../../../shared/support';

/** What `GET /api/support/session` answers. */
export type SupportSession = SupportSessionState;

export interface ResponseLike {
  status: number;
  json(): Promise<unknown>;
}
export type FetchLike = (
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string; credentials: 'same-origin' },
) => Promise<ResponseLike>;

export interface SupportClientOptions {
  fetch: FetchLike;
  /** Told when the server answers 401: the employee's session ended (or never began). */
  onSignedOut?: (error: ContractError) => void;
  /** Prefix of the routes; the page is served by the same server, so '' by default. */
  baseUrl?: string;
}

export interface SupportClient {
  session(): Promise<Result<SupportSession>>;
  signOut(): Promise<Result<unknown>>;
  invoke<C extends SupportChannelName>(channel: C, input: SupportInput<C>): Promise<Result<SupportResult<C>>>;
  /** Where the "Sign in" link goes: the district's sign-in, then back to `returnPath` (a /support path). */
  signInUrl(returnPath: string): string;
}

export const SUPPORT_TRANSPORT_ERRORS = {
  unreachable: { code: 'internal', message: 'Cannot reach the Tech Support Center right now. Check your connection and try again.' },
  unreadable: { code: 'internal', message: 'The Tech Support Center sent an answer this page cannot read. Reload the page and try again.' },
  signedOut: { code: 'unauthenticated', message: 'You are signed out. Sign in again to continue.' },
} as const satisfies Record<string, ContractError>;

function isResult(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  const candidate = body as { ok: unknown; error?: unknown };
  if (candidate.ok === true) return 'value' in candidate;
  if (candidate.ok !== false) return false;
  const error = candidate.error as { code?: unknown; message?: unknown } | undefined;
  return typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string';
}

export function createSupportClient(options: SupportClientOptions): SupportClient {
  const baseUrl = options.baseUrl ?? '';
  /** Kept from the last session answer: the server refuses a POST without it (403). */
  let csrf: string | null = null;

  async function send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Result<unknown>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method === 'POST') {
      headers['content-type'] = 'application/json';
      if (csrf) headers['x-csrf-token'] = csrf;
    }
    let response: ResponseLike;
    try {
      response = await options.fetch(`${baseUrl}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      return { ok: false, error: SUPPORT_TRANSPORT_ERRORS.unreachable };
    }
    let parsed: unknown;
    try {
      parsed = await response.json();
    } catch {
      parsed = undefined;
    }
    if (response.status === 401) {
      csrf = null;
      const error = isResult(parsed) && !parsed.ok ? parsed.error : SUPPORT_TRANSPORT_ERRORS.signedOut;
      options.onSignedOut?.(error);
      return { ok: false, error };
    }
    if (!isResult(parsed)) {
      if (response.status >= 500 || response.status === 0) return { ok: false, error: SUPPORT_TRANSPORT_ERRORS.unreachable };
      return { ok: false, error: SUPPORT_TRANSPORT_ERRORS.unreadable };
    }
    return parsed;
  }

  return {
    async session() {
      const result = await send('GET', '/api/support/session');
      if (!result.ok) return result;
      const session = result.value as SupportSession;
      csrf = session.employee ? (session.csrf ?? null) : null;
      return { ok: true, value: session };
    },
    async signOut() {
      const result = await send('POST', '/api/support/signout', {});
      if (result.ok) csrf = null;
      return result;
    },
    async invoke(channel, input) {
      // The contract names the result type per channel; the server is the boundary that keeps to it.
      return (await send('POST', `/api/support/invoke/${encodeURIComponent(channel)}`, { input })) as Result<SupportResult<typeof channel>>;
    },
    signInUrl(returnPath) {
      return `${baseUrl}/api/support/sso?return=${encodeURIComponent(returnPath)}`;
    },
  };
}
