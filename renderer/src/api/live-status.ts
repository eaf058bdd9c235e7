/**
 * The console hears other consoles' changes only while two links hold: the transport's event
 * stream (IPC, or the browser mode's server-sent events) and, on PostgreSQL, the core's own
 * LISTEN connection to the database. The core reports the second as `live.status` events; this
 * folds them into the stream state every store follows, so a store that re-reads when the
 * stream opens again also re-reads after the database link comes back, and the live indicator
 * shows the true state.
 */
import type { LiveStatus } from '../../../shared/contract';
import type { ConsoleApi, EventStreamState } from './console-api';

export function withLiveStatus(api: ConsoleApi): ConsoleApi {
  const listeners = new Set<(state: EventStreamState) => void>();
  let transport: EventStreamState = 'connecting';
  let database: LiveStatus['state'] = 'live';
  let reported: EventStreamState | null = null;
  let stopInner: (() => void) | null = null;

  // Heard from the start, not only while a screen follows the stream: the desktop shell tells a
  // freshly loaded window the state once, and that must not be missed.
  api.on('live.status', (status) => {
    database = status.state;
    report();
  });

  const combined = (): EventStreamState => (transport !== 'open' ? transport : database === 'live' ? 'open' : 'reconnecting');

  function report(): void {
    const state = combined();
    if (state === reported) return;
    reported = state;
    for (const listener of [...listeners]) safely(() => listener(state));
  }

  function follow(): void {
    if (stopInner) return;
    const offStream = api.onStreamState((state) => {
      // A new stream starts from live: the server says at once when the core is reconnecting.
      if (state !== 'open') database = 'live';
      transport = state;
      report();
    });
    stopInner = offStream;
  }

  return {
    // Bound, not spread: the client may be a class instance whose methods live on its prototype.
    invoke: (channel, input) => api.invoke(channel, input),
    session: api.session,
    ...(api.connection ? { connection: api.connection } : {}),
    on: (event, listener) => api.on(event, listener),
    onSignedOut: (listener) => api.onSignedOut(listener),
    onStreamState(listener) {
      follow();
      listeners.add(listener);
      reported = combined();
      safely(() => listener(combined()));
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || !stopInner) return;
        stopInner();
        stopInner = null;
        transport = 'connecting';
        reported = null;
      };
    },
  };
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    console.error('deskwatch: a live state listener failed', error);
  }
}
