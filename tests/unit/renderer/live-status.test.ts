import { describe, expect, it } from 'vitest';
import { createHttpApi, type EventStreamHandlers } from '../../../renderer/src/api/http-api';
import type { EventStreamState } from '../../../renderer/src/api/console-api';
import { withLiveStatus } from '../../../renderer/src/api/live-status';

/** The browser-mode transport over a stream the test drives, as the server would. */
function browserApi() {
  const opened: EventStreamHandlers[] = [];
  const api = withLiveStatus(
    createHttpApi({
      auth: { mode: 'standalone', runToken: 't' },
      fetch: async () => ({ status: 200, json: async () => ({ ok: true, value: null }) }),
      openEventStream: (_url, handlers) => {
        opened.push(handlers);
        return { close: () => undefined };
      },
    }),
  );
  const send = (name: string, payload: unknown) => opened.at(-1)?.message(JSON.stringify({ name, payload }));
  return { api, opened, send };
}

describe('the live updates state a console shows', () => {
  it('is open only while the stream is open and the core hears the database; it says reconnecting in between', () => {
    const { api, opened, send } = browserApi();
    const states: EventStreamState[] = [];
    api.onStreamState((s) => states.push(s));
    opened[0]?.open();
    send('live.status', { state: 'reconnecting', retryInMs: 1000 });
    send('live.status', { state: 'reconnecting', retryInMs: 2000 });
    send('live.status', { state: 'live' });
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
  });

  it('tells a listener that joins late the current state, and starts again from the stream after it drops', () => {
    const { api, opened, send } = browserApi();
    const first: EventStreamState[] = [];
    api.onStreamState((s) => first.push(s));
    opened[0]?.open();
    send('live.status', { state: 'reconnecting' });
    const late: EventStreamState[] = [];
    api.onStreamState((s) => late.push(s));
    expect(late).toEqual(['reconnecting']);
    opened[0]?.error(false);
    opened[0]?.open();
    expect(first).toEqual(['connecting', 'open', 'reconnecting', 'connecting', 'open']);
  });

  it('remembers a state the desktop shell sent before any screen followed the stream', () => {
    const sent: Array<(payload: unknown) => void> = [];
    const api = withLiveStatus({
      invoke: async () => ({ ok: true, value: null }) as never,
      on: ((event: string, listener: (payload: unknown) => void) => {
        if (event === 'live.status') sent.push(listener);
        return () => undefined;
      }) as never,
      onStreamState: (listener) => {
        listener('open');
        return () => undefined;
      },
      session: {} as never,
      onSignedOut: () => () => undefined,
    });
    sent.forEach((listener) => listener({ state: 'reconnecting' }));
    const states: EventStreamState[] = [];
    api.onStreamState((s) => states.push(s));
    expect(states).toEqual(['reconnecting']);
  });

  it('still carries the other events', () => {
    const { api, opened, send } = browserApi();
    const heard: unknown[] = [];
    api.on('cases.changed', (p) => heard.push(p));
    opened[0]?.open();
    send('cases.changed', { caseId: 1, version: 2, change: 'updated' });
    expect(heard).toEqual([{ caseId: 1, version: 2, change: 'updated' }]);
  });
});
