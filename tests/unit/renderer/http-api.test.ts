import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SignedOut } from '../../../renderer/src/api/console-api';
import {
  createHttpApi,
  probeServer,
  type EventStreamHandlers,
  type FetchInit,
  type FetchLike,
  type HttpAuth,
  type SessionTokenStore,
} from '../../../renderer/src/api/http-api';
import { wrapPreloadApi } from '../../../renderer/src/api/preload-api';
import type { DeskwatchApi, SessionApi } from '../../../shared/api';
import type { SessionState } from '../../../shared/session';

type Answer = { status: number; body?: unknown; invalidJson?: boolean } | 'network-down';
interface SeenRequest {
  url: string;
  method: FetchInit['method'];
  headers: Record<string, string>;
  credentials: FetchInit['credentials'];
  body: unknown;
}

/** A stand-in server: answers each request with the next scripted response, and records the request. */
function scriptedFetch(...answers: Answer[]) {
  const requests: SeenRequest[] = [];
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
  return { fetch, requests, answers };
}

/** Event streams the transport opened, driven by the test. */
function streams() {
  const opened: Array<{ url: string; handlers: EventStreamHandlers; closed: boolean }> = [];
  return {
    opened,
    openEventStream: (url: string, handlers: EventStreamHandlers) => {
      const stream = { url, handlers, closed: false };
      opened.push(stream);
      return { close: () => (stream.closed = true) };
    },
  };
}

/** sessionStorage for the console token, as a tab keeps it. */
function tokenStore(initial: string | null = null): SessionTokenStore & { value: string | null } {
  const store = {
    value: initial,
    read: () => store.value,
    write: (token: string | null) => {
      store.value = token;
    },
  };
  return store;
}

const STANDALONE: HttpAuth = { mode: 'standalone', runToken: 'run' };
const ANA = { id: 3, name: 'Ana Lima', role: 'agent', active: true } as const;

function state(fields: Partial<SessionState> = {}): SessionState {
  return { mode: 'standalone', staff: null, signIn: { sso: null, password: false }, expiresAt: null, idleTimeoutMinutes: null, ...fields };
}
const serverState = (fields: Partial<SessionState> = {}) =>
  state({ mode: 'server', signIn: { sso: { label: 'Sign in with Columbia SSO' }, password: true }, idleTimeoutMinutes: 30, ...fields });

afterEach(() => {
  vi.useRealTimers();
});

describe('the browser transport, standalone', () => {
  it('posts the input alone (no meta) with the run token, and returns the core’s result', async () => {
    const server = scriptedFetch({ status: 200, body: { ok: true, value: [] } });
    const api = createHttpApi({ auth: { mode: 'standalone', runToken: 'secret' }, fetch: server.fetch, openEventStream: streams().openEventStream });

    const result = await api.invoke('cases.list', {});

    expect(result).toEqual({ ok: true, value: [] });
    expect(server.requests[0]).toEqual({
      url: '/api/invoke/cases.list',
      method: 'POST',
      headers: { authorization: 'Bearer secret', 'content-type': 'application/json' },
      credentials: 'omit',
      body: { input: {} },
    });
  });

  it('switches the bearer to the console token after choosing and keeps it for a reload; the run’s event stream stays open', async () => {
    const server = scriptedFetch(
      { status: 200, body: { ok: true, value: { ...state({ staff: ANA }), token: 'ana-console' } } },
      { status: 200, body: { ok: true, value: [] } },
    );
    const events = streams();
    const kept = tokenStore();
    const api = createHttpApi({ auth: { ...STANDALONE, sessionTokens: kept }, fetch: server.fetch, openEventStream: events.openEventStream });
    api.on('cases.changed', () => {});
    expect(events.opened[0]?.url).toBe('/api/events?token=run');

    const chosen = await api.session.choose(ANA.id);
    await api.invoke('cases.list', {});

    // The token is the transport's: the console sees the session alone.
    expect(chosen).toEqual({ ok: true, value: state({ staff: ANA }) });
    expect(server.requests[0]).toMatchObject({ url: '/api/session/choose', method: 'POST', headers: { authorization: 'Bearer run' }, body: { staffId: ANA.id } });
    expect(server.requests[1]?.headers.authorization).toBe('Bearer ana-console');
    expect(kept.value).toBe('ana-console');
    // The stream is the run's: closing it for the new person would lose what is sent meanwhile.
    expect(events.opened).toHaveLength(1);
    expect(events.opened[0]?.closed).not.toBe(true);

    // A reload: the kept token is used from the first request on.
    const again = scriptedFetch({ status: 200, body: { ok: true, value: state({ staff: ANA }) } });
    const reloaded = createHttpApi({ auth: { ...STANDALONE, sessionTokens: kept }, fetch: again.fetch, openEventStream: streams().openEventStream });
    expect(await reloaded.session.current()).toMatchObject({ ok: true, value: { staff: ANA } });
    expect(again.requests[0]?.headers.authorization).toBe('Bearer ana-console');
  });

  it('falls back to the run token when the server no longer knows the console token, and says the choice was forgotten', async () => {
    const server = scriptedFetch(
      { status: 401, body: { ok: false, error: { code: 'unauthenticated', message: 'Missing or wrong browser-mode token' } } },
      { status: 200, body: { ok: true, value: state() } },
      { status: 200, body: { ok: true, value: [] } },
    );
    const kept = tokenStore('stale');
    const api = createHttpApi({ auth: { ...STANDALONE, sessionTokens: kept }, fetch: server.fetch, openEventStream: streams().openEventStream });
    const heard: SignedOut[] = [];
    api.onSignedOut((why) => heard.push(why));

    const current = await api.session.current();
    await api.invoke('staff.list', {});

    expect(current).toEqual({ ok: true, value: state() });
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer stale', 'Bearer run', 'Bearer run']);
    expect(kept.value).toBeNull();
    expect(heard).toEqual([{ mode: 'standalone', message: expect.stringMatching(/no longer knows who is at this console/) }]);
  });

  it('a call refused for the person chosen before (its token revoked by a new choice) leaves the new choice alone', async () => {
    let answerOld: (() => void) | null = null;
    const seen: string[] = [];
    const fetch: FetchLike = async (url, init) => {
      seen.push(`${url} ${init.headers.authorization}`);
      if (url === '/api/invoke/staff.list' && init.headers.authorization === 'Bearer ana-console') {
        await new Promise<void>((resolve) => (answerOld = resolve));
        return { status: 401, json: async () => ({ ok: false, error: { code: 'unauthenticated', message: 'Missing or wrong browser-mode token' } }) };
      }
      if (url === '/api/session/choose') return { status: 200, json: async () => ({ ok: true, value: { ...state({ staff: { ...ANA, id: 4, name: 'Sam Okafor' } }), token: 'sam-console' } }) };
      return { status: 200, json: async () => ({ ok: true, value: [] }) };
    };
    const kept = tokenStore('ana-console');
    const api = createHttpApi({ auth: { ...STANDALONE, sessionTokens: kept }, fetch, openEventStream: streams().openEventStream });
    const heard: SignedOut[] = [];
    api.onSignedOut((why) => heard.push(why));

    const late = api.invoke('staff.list', {});
    await api.session.choose(4);
    answerOld!();

    expect(await late).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringMatching(/changed while this was being sent/) } });
    expect(heard).toEqual([]);
    expect(kept.value).toBe('sam-console');
    await api.invoke('cases.list', {});
    expect(seen.at(-1)).toBe('/api/invoke/cases.list Bearer sam-console');
  });

  it('a refused stale console token on a call ends the choice; a refused run token is the access link’s problem', async () => {
    const server = scriptedFetch({ status: 401, body: { ok: false, error: { code: 'unauthenticated', message: 'x' } } }, { status: 401 });
    const api = createHttpApi({ auth: { ...STANDALONE, sessionTokens: tokenStore('stale') }, fetch: server.fetch, openEventStream: streams().openEventStream });
    const heard: SignedOut[] = [];
    api.onSignedOut((why) => heard.push(why));

    const first = await api.invoke('cases.list', {});
    const second = await api.invoke('cases.list', {});

    expect(first).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringMatching(/Choose who you are again/) } });
    expect(second).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringMatching(/access link/) } });
    expect(heard).toHaveLength(1);
  });

  it('a refused run token on the session says so in the access link’s words, whatever the server’s body says', async () => {
    const server = scriptedFetch({ status: 401, body: { ok: false, error: { code: 'unauthenticated', message: 'Missing or wrong browser-mode token' } } });
    const api = createHttpApi({ auth: STANDALONE, fetch: server.fetch, openEventStream: streams().openEventStream });

    expect(await api.session.current()).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringMatching(/refused this page’s access link/) } });
  });

  it('passes a refusal from the core through unchanged', async () => {
    const refusal = { ok: false, error: { code: 'invalid_input', message: 'summary: Summary is required', field: 'summary' } };
    const api = createHttpApi({ auth: STANDALONE, fetch: scriptedFetch({ status: 200, body: refusal }).fetch, openEventStream: streams().openEventStream });

    expect(await api.invoke('staff.list', {})).toEqual(refusal);
  });

  it('turns transport failures into readable errors instead of rejections', async () => {
    const server = scriptedFetch('network-down', { status: 401, body: { ok: false } }, { status: 502, invalidJson: true }, { status: 200, body: 'hello' });
    const api = createHttpApi({ auth: STANDALONE, fetch: server.fetch, openEventStream: streams().openEventStream });

    const down = await api.invoke('staff.list', {});
    const refused = await api.invoke('staff.list', {});
    const badGateway = await api.invoke('staff.list', {});
    const garbled = await api.invoke('staff.list', {});

    expect(down).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Cannot reach the Deskwatch server/) } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringMatching(/access link/) } });
    expect(badGateway).toMatchObject({ ok: false, error: { message: expect.stringMatching(/HTTP status 502/) } });
    expect(garbled).toMatchObject({ ok: false, error: { message: expect.stringMatching(/cannot read/) } });
  });

  it('opens one event stream for its listeners and delivers contract events by name', async () => {
    const events = streams();
    const api = createHttpApi({ auth: { mode: 'standalone', runToken: 'a b' }, fetch: scriptedFetch().fetch, openEventStream: events.openEventStream });
    const changed: unknown[] = [];
    const states: string[] = [];

    const offState = api.onStreamState((s) => states.push(s));
    const offChanged = api.on('cases.changed', (payload) => changed.push(payload));
    expect(events.opened).toHaveLength(1);
    expect(events.opened[0]?.url).toBe('/api/events?token=a%20b');

    const stream = events.opened[0]!;
    stream.handlers.open();
    stream.handlers.message(JSON.stringify({ name: 'cases.changed', payload: { caseId: 7, version: 1, change: 'created' } }));
    stream.handlers.message(JSON.stringify({ name: 'staff.changed', payload: { staffId: 1 } }));
    stream.handlers.message('not json');

    expect(states).toEqual(['connecting', 'open']);
    expect(changed).toEqual([{ caseId: 7, version: 1, change: 'created' }]);

    offChanged();
    offState();
    expect(stream.closed).toBe(true);
  });

  it('reopens a stream the server closed, waiting longer each time', async () => {
    vi.useFakeTimers();
    const events = streams();
    const api = createHttpApi({ auth: STANDALONE, fetch: scriptedFetch().fetch, openEventStream: events.openEventStream, retryMs: 100 });
    const states: string[] = [];
    api.onStreamState((s) => states.push(s));
    events.opened[0]!.handlers.open();

    events.opened[0]!.handlers.error(true);
    expect(states.at(-1)).toBe('connecting');
    await vi.advanceTimersByTimeAsync(99);
    expect(events.opened).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(events.opened).toHaveLength(2);

    events.opened[1]!.handlers.error(true);
    await vi.advanceTimersByTimeAsync(199);
    expect(events.opened).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(events.opened).toHaveLength(3);

    events.opened[2]!.handlers.open();
    expect(states.at(-1)).toBe('open');
  });

  it('leaves reconnecting to the browser while the stream is not closed', () => {
    const events = streams();
    const api = createHttpApi({ auth: STANDALONE, fetch: scriptedFetch().fetch, openEventStream: events.openEventStream });
    api.on('cases.changed', () => {});

    events.opened[0]!.handlers.error(false);

    expect(events.opened).toHaveLength(1);
    expect(events.opened[0]?.closed).toBe(false);
  });
});

describe('the browser transport, district server', () => {
  const SERVER: HttpAuth = { mode: 'server', csrf: 'csrf-1', signedIn: true };

  it('sends cookies (same-origin) and the session’s CSRF token on every POST, no bearer and no meta', async () => {
    const server = scriptedFetch({ status: 200, body: { ok: true, value: [] } }, { status: 200, body: { ok: true, value: { ...serverState({ staff: ANA }), csrf: 'csrf-2' } } }, { status: 200, body: { ok: true, value: [] } });
    const api = createHttpApi({ auth: SERVER, fetch: server.fetch, openEventStream: streams().openEventStream });

    await api.invoke('cases.list', {});
    const current = await api.session.current();
    await api.invoke('cases.list', {});

    expect(server.requests[0]).toEqual({
      url: '/api/invoke/cases.list',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'csrf-1' },
      credentials: 'same-origin',
      body: { input: {} },
    });
    expect(server.requests[1]).toMatchObject({ url: '/api/session', method: 'GET', headers: {}, credentials: 'same-origin' });
    // The CSRF token is the transport's; the console sees the session alone.
    expect(current).toEqual({ ok: true, value: serverState({ staff: ANA }) });
    expect(server.requests[2]?.headers['x-csrf-token']).toBe('csrf-2');
  });

  it('a 401 on a call means the session ended: the console hears it signed out, and the call says to sign in again', async () => {
    const server = scriptedFetch({ status: 401, body: { ok: false, error: { code: 'unauthenticated', message: 'Session expired' } } });
    const api = createHttpApi({ auth: SERVER, fetch: server.fetch, openEventStream: streams().openEventStream });
    const heard: SignedOut[] = [];
    api.onSignedOut((why) => heard.push(why));

    const result = await api.invoke('queue.rows', {});

    expect(result).toEqual({ ok: false, error: { code: 'unauthenticated', message: 'Your session ended; sign in again.' } });
    expect(heard).toEqual([{ mode: 'server', message: 'Your session ended; sign in again.' }]);
  });

  it('signs in with a password (the answer’s CSRF token is kept), passes refusals through in the server’s words, and signs out', async () => {
    const server = scriptedFetch(
      { status: 401, body: { ok: false, error: { code: 'unauthenticated', message: 'The email or password is not right.' } } },
      { status: 429, body: { ok: false, error: { code: 'rate_limited', message: 'Too many attempts: try again in 4 minutes.' } } },
      { status: 200, body: { ok: true, value: { ...serverState({ staff: ANA }), csrf: 'fresh' } } },
      { status: 200, body: { ok: true, value: serverState() } },
    );
    const events = streams();
    const api = createHttpApi({ auth: { mode: 'server' }, fetch: server.fetch, openEventStream: events.openEventStream });
    const heard: SignedOut[] = [];
    api.onSignedOut((why) => heard.push(why));
    api.on('cases.changed', () => {});

    const wrong = await api.session.signInWithPassword('ana@cps.example', 'not-it');
    const throttled = await api.session.signInWithPassword('ana@cps.example', 'not-it');
    const signedIn = await api.session.signInWithPassword('ana@cps.example', 'correct horse battery');
    const out = await api.session.signOut();

    expect(wrong).toEqual({ ok: false, error: { code: 'unauthenticated', message: 'The email or password is not right.' } });
    expect(throttled).toEqual({ ok: false, error: { code: 'rate_limited', message: 'Too many attempts: try again in 4 minutes.' } });
    expect(signedIn).toEqual({ ok: true, value: serverState({ staff: ANA }) });
    expect(server.requests[2]).toMatchObject({ url: '/api/session/password', method: 'POST', credentials: 'same-origin', body: { email: 'ana@cps.example', password: 'correct horse battery', client: 'browser' } });
    expect(server.requests[3]).toMatchObject({ url: '/api/session/signout', method: 'POST', headers: { 'x-csrf-token': 'fresh' } });
    expect(out).toEqual({ ok: true, value: serverState() });
    // Signing out is not a session that ended by itself.
    expect(heard).toEqual([]);
    // No stream before anyone signs in (a server answers it 401); one for the session, closed at sign-out.
    expect(events.opened.map((s) => s.url)).toEqual(['/api/events']);
    expect(events.opened[0]?.closed).toBe(true);
  });

  it('single sign-on leaves the page for the district, coming back to the screen the person is on', async () => {
    const navigated: string[] = [];
    const api = createHttpApi({
      auth: { mode: 'server' },
      fetch: scriptedFetch().fetch,
      openEventStream: streams().openEventStream,
      navigate: (url) => navigated.push(url),
      currentRoute: () => '/#/sign-in?next=/cases/12',
    });

    let settled = false;
    void api.session.signInWithSso().then(() => (settled = true));
    await Promise.resolve();

    expect(navigated).toEqual(['/api/session/sso?return=%2F%23%2Fsign-in%3Fnext%3D%2Fcases%2F12']);
    expect(settled).toBe(false);
  });

  it('refuses to choose a profile: a server signs people in', async () => {
    const server = scriptedFetch();
    const api = createHttpApi({ auth: SERVER, fetch: server.fetch, openEventStream: streams().openEventStream });

    expect(await api.session.choose(3)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(server.requests).toEqual([]);
  });

  it('a session read that crossed a sign-out does not bring the old session back', async () => {
    let answerRead: (() => void) | null = null;
    const seen: Array<{ url: string; csrf: string | undefined }> = [];
    const fetch: FetchLike = async (url, init) => {
      seen.push({ url, csrf: init.headers['x-csrf-token'] });
      if (url === '/api/session') {
        // Asked while Ana was in; answered after she signed out.
        await new Promise<void>((resolve) => (answerRead = resolve));
        return { status: 200, json: async () => ({ ok: true, value: { ...serverState({ staff: ANA }), csrf: 'old' } }) };
      }
      return { status: 200, json: async () => ({ ok: true, value: url.startsWith('/api/invoke/') ? [] : serverState() }) };
    };
    const api = createHttpApi({ auth: SERVER, fetch, openEventStream: streams().openEventStream });

    const reading = api.session.current();
    await api.session.signOut();
    answerRead!();
    await reading;
    await api.invoke('cases.list', {});

    expect(seen).toEqual([
      { url: '/api/session', csrf: undefined },
      { url: '/api/session/signout', csrf: 'csrf-1' },
      { url: '/api/invoke/cases.list', csrf: undefined },
    ]);
  });

  it('a session answer without anyone, after someone was in, is a session that ended', async () => {
    const server = scriptedFetch({ status: 200, body: { ok: true, value: serverState() } });
    const api = createHttpApi({ auth: SERVER, fetch: server.fetch, openEventStream: streams().openEventStream });
    const heard: SignedOut[] = [];
    api.onSignedOut((why) => heard.push(why));

    await api.session.current();

    expect(heard).toEqual([{ mode: 'server', message: 'Your session ended; sign in again.' }]);
  });
});

describe('finding a district server', () => {
  it('knows a server by its session answer, and anything else as not a server', async () => {
    const server = scriptedFetch(
      { status: 200, body: { ok: true, value: { ...serverState({ staff: ANA }), csrf: 'c' } } },
      { status: 401, body: { ok: false, error: { code: 'unauthenticated', message: 'Missing or wrong browser-mode token' } } },
      { status: 200, invalidJson: true },
      'network-down',
    );

    expect(await probeServer(server.fetch)).toEqual({ mode: 'server', csrf: 'c', signedIn: true });
    expect(await probeServer(server.fetch)).toBe('not-a-server');
    expect(await probeServer(server.fetch)).toBe('not-a-server');
    expect(await probeServer(server.fetch)).toBe('unreachable');
    expect(server.requests[0]).toMatchObject({ url: '/api/session', method: 'GET', credentials: 'same-origin' });
  });
});

describe('the Electron transport', () => {
  function preload(fields: Partial<Omit<DeskwatchApi, 'session'>> & { session?: Partial<SessionApi> } = {}): DeskwatchApi {
    const refuse = () => Promise.reject(new Error('not in this test'));
    return {
      invoke: () => Promise.reject(new Error('An object could not be cloned.')),
      on: () => () => {},
      ...fields,
      session: { current: refuse, choose: refuse, signInWithPassword: refuse, signInWithSso: refuse, signOut: refuse, ...fields.session },
    };
  }

  it('turns a rejected IPC call into an error result', async () => {
    const result = await wrapPreloadApi(preload()).invoke('staff.list', {});

    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/could not be cloned/) } });
  });

  it('passes the preload’s session through, and hears a call refused after signing in as a session that ended', async () => {
    const api = wrapPreloadApi(
      preload({
        invoke: async () => ({ ok: false, error: { code: 'unauthenticated', message: 'Session expired' } }),
        session: { current: async () => ({ ok: true, value: serverState({ staff: ANA, server: 'https://deskwatch.cps.example' }) }) },
      }),
    );
    const heard: SignedOut[] = [];
    api.onSignedOut((why) => heard.push(why));

    expect(await api.session.current()).toEqual({ ok: true, value: serverState({ staff: ANA, server: 'https://deskwatch.cps.example' }) });
    await api.invoke('queue.rows', {});
    await api.invoke('queue.rows', {});

    expect(heard).toEqual([{ mode: 'server', message: 'Your session ended; sign in again.' }]);
  });

  it('turns a rejected session call into an error result', async () => {
    const result = await wrapPreloadApi(preload()).session.signOut();

    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/not in this test/) } });
  });
});
