import { describe, expect, it } from 'vitest';
import { createSupportClient, SUPPORT_TRANSPORT_ERRORS, type FetchLike } from '../../../renderer/src/support/api';
import type { ContractError } from '../../../shared/result';
import type { EmployeeProfile } from '../../../shared/support';

type Answer = { status: number; body?: unknown; invalidJson?: boolean } | 'network-down';
interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  credentials: string;
  body: unknown;
}

/** A stand-in server: each request gets the next scripted answer, and is recorded. */
function scriptedFetch(...answers: Answer[]) {
  const requests: Seen[] = [];
  const fetch: FetchLike = async (url, init) => {
    requests.push({ url, method: init.method, headers: init.headers, credentials: init.credentials, body: init.body === undefined ? undefined : JSON.parse(init.body) });
    const answer = answers.shift() ?? { status: 500 };
    if (answer === 'network-down') throw new TypeError('Failed to fetch');
    return {
      status: answer.status,
      json: async () => {
        if (answer.invalidJson) throw new SyntaxError('Unexpected token <');
        return answer.body;
      },
    };
  };
  return { fetch, requests };
}

const employee: EmployeeProfile = { callerId: 7, name: 'Pat Teacher', email: 'pat@district.example', phone: null, buildingId: null, room: null };
const signedIn = { status: 200, body: { ok: true, value: { employee, signIn: { sso: { label: 'District Account' } }, csrf: 'csrf-1' } } };

describe('the Tech Support Center client', () => {
  it('sends calls as POST /api/support/invoke/<channel> with {input}, JSON and the session’s CSRF token', async () => {
    const server = scriptedFetch(signedIn, { status: 200, body: { ok: true, value: [] } });
    const client = createSupportClient({ fetch: server.fetch });
    expect((await client.session()).ok).toBe(true);
    const result = await client.invoke('support.mine', { open: true });

    expect(result).toEqual({ ok: true, value: [] });
    expect(server.requests[0]).toMatchObject({ url: '/api/support/session', method: 'GET', credentials: 'same-origin' });
    expect(server.requests[1]).toMatchObject({
      url: '/api/support/invoke/support.mine',
      method: 'POST',
      credentials: 'same-origin',
      body: { input: { open: true } },
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'csrf-1' },
    });
  });

  it('passes the server’s refusal through, field and all', async () => {
    const refusal = { ok: false, error: { code: 'invalid_input', message: 'Callback number must be a phone number', field: 'callbackNumber' } };
    const server = scriptedFetch(signedIn, { status: 400, body: refusal });
    const client = createSupportClient({ fetch: server.fetch });
    await client.session();
    const result = await client.invoke('support.articles', { query: 'printer' });
    expect(result).toEqual(refusal);
  });

  it('tells the page on a 401, and forgets the CSRF token', async () => {
    const told: ContractError[] = [];
    const server = scriptedFetch(
      signedIn,
      { status: 401, body: { ok: false, error: { code: 'unauthenticated', message: 'Your session ended.' } } },
      { status: 200, body: { ok: true, value: {} } },
    );
    const client = createSupportClient({ fetch: server.fetch, onSignedOut: (error) => told.push(error) });
    await client.session();
    const result = await client.invoke('support.status', {});
    await client.invoke('support.status', {});

    expect(result).toEqual({ ok: false, error: { code: 'unauthenticated', message: 'Your session ended.' } });
    expect(told).toEqual([{ code: 'unauthenticated', message: 'Your session ended.' }]);
    expect(server.requests[2]?.headers['x-csrf-token']).toBeUndefined();
  });

  it('answers a network failure and an unreadable answer in words, never by throwing', async () => {
    const server = scriptedFetch('network-down', { status: 200, invalidJson: true }, { status: 502, invalidJson: true });
    const client = createSupportClient({ fetch: server.fetch });
    expect(await client.invoke('support.status', {})).toEqual({ ok: false, error: SUPPORT_TRANSPORT_ERRORS.unreachable });
    expect(await client.invoke('support.status', {})).toEqual({ ok: false, error: SUPPORT_TRANSPORT_ERRORS.unreadable });
    expect(await client.session()).toEqual({ ok: false, error: SUPPORT_TRANSPORT_ERRORS.unreachable });
  });

  it('keeps no CSRF token from a signed-out session answer', async () => {
    const server = scriptedFetch(
      { status: 200, body: { ok: true, value: { employee: null, signIn: { sso: null }, csrf: 'stale' } } },
      { status: 401, body: { ok: false, error: { code: 'unauthenticated', message: 'Sign in first.' } } },
    );
    const client = createSupportClient({ fetch: server.fetch });
    await client.session();
    await client.invoke('support.me', {});
    expect(server.requests[1]?.headers['x-csrf-token']).toBeUndefined();
  });

  it('links sign-in to the district’s sign-in with the way back to this page', () => {
    const client = createSupportClient({ fetch: scriptedFetch().fetch });
    expect(client.signInUrl('/support#/requests/12')).toBe('/api/support/sso?return=%2Fsupport%23%2Frequests%2F12');
  });
});
