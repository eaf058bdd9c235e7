import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { ConnectionApi, DeskwatchApi, PrintToPdfRequest, SessionApi } from '../../shared/api';
import { IPC_EVENT_CHANNEL, ipcChannelFor, isChannelName, isEventName, type EventName } from '../../shared/channel-names';
import { fail, type Result } from '../../shared/result';
import { CONNECTION_CHANNELS, PRINT_CHANNELS, SESSION_CHANNELS } from './shell-channels';

type EventListener = (payload: unknown) => void;

/**
 * Builds the one object the page gets as `window.deskwatch`. It carries the contract and
 * nothing else: `invoke` only for the contract's channels and `on` only for its events, plus
 * `session` (who sits at this console), `connection` (which core the app works with) and
 * `printToPdf` (save this page as a PDF), each a fixed set of calls to main. A call carries its
 * input only: who makes it is main's session, so the page cannot name an actor. The page never
 * sees `ipcRenderer`, an IPC event object, a channel string of its own choosing, or the server
 * session's token (main keeps it).
 *
 * A channel outside the contract answers `{ ok: false, error: { code: 'unknown_channel' } }`
 * rather than rejecting, the same answer the core (and so the browser mode) gives: callers
 * handle one shape, and a typo in a channel name surfaces as a visible error, not an unhandled
 * rejection. The same holds when the message cannot be delivered at all.
 */
export function createDeskwatchApi(ipc: Pick<IpcRenderer, 'invoke' | 'on'>): DeskwatchApi {
  const listeners = new Map<EventName, Set<EventListener>>();
  // A screen request (a softphone's call ringing, a notification clicked) can arrive while the
  // page is still connecting, before anything listens for it: the newest is held for the first
  // listener instead of being lost.
  let heldNavigation: { payload: unknown } | null = null;

  // One IPC listener for all events, installed once; page listeners are kept here, so the
  // unsubscribe function `on` returns can find them again (a function passed across the
  // context bridge is a new proxy each time, which `ipcRenderer.removeListener` could not match).
  ipc.on(IPC_EVENT_CHANNEL, (_event: IpcRendererEvent, envelope: unknown) => {
    if (typeof envelope !== 'object' || envelope === null) return;
    const { name, payload } = envelope as { name?: unknown; payload?: unknown };
    if (!isEventName(name)) return;
    if (name === 'shell.navigate' && !listeners.get(name)?.size) {
      heldNavigation = { payload };
      return;
    }
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        // One failing page listener must not keep the event from the others.
        console.error(`deskwatch: a listener for ${name} failed`, error);
      }
    }
  });

  /** One call to main; a message that cannot be delivered answers a Result too, never a rejection. */
  const send = async (ipcChannel: string, what: string, ...args: unknown[]): Promise<Result<unknown>> => {
    try {
      return (await ipc.invoke(ipcChannel, ...args)) as Result<unknown>;
    } catch (error) {
      return fail('internal', `The desktop app could not deliver ${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  /** Session answers as main gives them, minus any token, should one ever slip into one. */
  const sessionCall = async (ipcChannel: string, what: string, ...args: unknown[]): Promise<Result<never>> => {
    const result = await send(ipcChannel, what, ...args);
    if (result.ok && typeof result.value === 'object' && result.value !== null && 'token' in result.value) {
      const { token: _token, ...state } = result.value as Record<string, unknown>;
      return { ok: true, value: state } as Result<never>;
    }
    return result as Result<never>;
  };

  const session: SessionApi = {
    current: () => sessionCall(SESSION_CHANNELS.current, 'session.current'),
    choose: (staffId) => sessionCall(SESSION_CHANNELS.choose, 'session.choose', staffId),
    signInWithPassword: (email, password) => sessionCall(SESSION_CHANNELS.signInWithPassword, 'session.signInWithPassword', email, password),
    signInWithSso: () => sessionCall(SESSION_CHANNELS.signInWithSso, 'session.signInWithSso'),
    signOut: () => sessionCall(SESSION_CHANNELS.signOut, 'session.signOut'),
  };

  const connection: ConnectionApi = {
    get: () => send(CONNECTION_CHANNELS.get, 'connection.get') as Promise<Result<never>>,
    setServer: (url) => send(CONNECTION_CHANNELS.setServer, 'connection.setServer', url) as Promise<Result<never>>,
  };

  const api = {
    async invoke(channel: unknown, input: unknown): Promise<Result<unknown>> {
      if (!isChannelName(channel)) return fail('unknown_channel', `Unknown channel "${String(channel)}"`);
      return send(ipcChannelFor(channel), channel, input);
    },

    on(event: unknown, listener: unknown): () => void {
      if (!isEventName(event)) throw new TypeError(`Unknown event "${String(event)}"`);
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      // Wrapped, so subscribing the same function twice gives two subscriptions that unsubscribe separately.
      const entry: EventListener = (payload) => (listener as EventListener)(payload);
      set.add(entry);
      if (event === 'shell.navigate' && heldNavigation !== null) {
        const { payload } = heldNavigation;
        heldNavigation = null;
        // After `on` returns, as an event would come: the caller has its unsubscribe function by then.
        queueMicrotask(() => {
          if (set.has(entry)) entry(payload);
        });
      }
      return () => {
        set.delete(entry);
      };
    },

    session,
    connection,

    // Only the request goes along; main checks it and chooses nothing from the page but the title and orientation.
    printToPdf: (request: PrintToPdfRequest) => send(PRINT_CHANNELS.printToPdf, 'printToPdf', request) as Promise<Result<never>>,
  };
  return api as DeskwatchApi;
}
