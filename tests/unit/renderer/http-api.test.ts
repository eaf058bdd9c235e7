import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpApi, type EventStreamHandlers, type FetchLike } from '../../../renderer/src/api/http-api';
import { wrapPreloadApi } from '../../../renderer/src/api/preload-api';
import type { DeskwatchApi } from '../../../shared/api';

/** A stand-in server: answers each request with the next scripted response, and records the request. */
function scriptedFetch(...answers: Array<{ status: number; body?: unknown; invalidJson?: boolean } | 'network-down'>) {
  const requests: Array<{ url: string; headers: Record<string, string>; body: unknown }> = [];
  const fetch: FetchLike = async (url, init) => {
    requests.push({ url, headers: init.headers, body: JSON.parse(init.body) });
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

afterEach(() => {
  vi.useRealTimers();
});

describe('the browser-mode transport', () => {
  it('posts the input and meta with the token, and returns the core’s result', async () => {
    const server = scriptedFetch({ status: 200, body: { ok: true, value: [] } });
    const api = createHttpApi({ token: 'secret', fetch: server.fetch, openEventStream: streams().openEventStream });

    const result = await api.invoke('cases.list', {}, { actorId: 3 });

    expect(result).toEqual({ ok: true, value: [] });
    expect(server.requests[0]).toEqual({
      url: '/api/invoke/cases.list',
      headers: { authorization: 'Bearer secret', 'content-type': 'application/json' },
      body: { input: {}, meta: { actorId: 3 } },
    });
  });

  it('passes a refusal from the core through unchanged', async () => {
    const refusal = { ok: false, error: { code: 'invalid_input', message: 'summary: Summary is required', field: 'summary' } };
    const api = createHttpApi({ token: 't', fetch: scriptedFetch({ status: 200, body: refusal }).fetch, openEventStream: streams().openEventStream });

    expect(await api.invoke('staff.list', {})).toEqual(refusal);
  });

  it('turns transport failures into readable errors instead of rejections', async () => {
    const server = scriptedFetch('network-down', { status: 401, body: { ok: false } }, { status: 502, invalidJson: true }, { status: 200, body: 'hello' });
    const api = createHttpApi({ token: 't', fetch: server.fetch, openEventStream: streams().openEventStream });

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
    const api = createHttpApi({ token: 'a b', fetch: scriptedFetch().fetch, openEventStream: events.openEventStream });
    const changed: unknown[] = [];
    const states: string[] = [];

    const offState = api.onStreamState((state) => states.push(state));
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
    const api = createHttpApi({ token: 't', fetch: scriptedFetch().fetch, openEventStream: events.openEventStream, retryMs: 100 });
    const states: string[] = [];
    api.onStreamState((state) => states.push(state));
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
    const api = createHttpApi({ token: 't', fetch: scriptedFetch().fetch, openEventStream: events.openEventStream });
    api.on('cases.changed', () => {});

    events.opened[0]!.handlers.error(false);

    expect(events.opened).toHaveLength(1);
    expect(events.opened[0]?.closed).toBe(false);
  });
});

describe('the Electron transport', () => {
  it('turns a rejected IPC call into an error result', async () => {
    const preload: DeskwatchApi = {
      invoke: () => Promise.reject(new Error('An object could not be cloned.')),
      on: () => () => {},
    };

    const result = await wrapPreloadApi(preload).invoke('staff.list', {});

    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/could not be cloned/) } });
  });
});
