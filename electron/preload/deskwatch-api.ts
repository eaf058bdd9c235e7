import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { DeskwatchApi } from '../../shared/api';
import { IPC_EVENT_CHANNEL, ipcChannelFor, isChannelName, isEventName, type EventName } from '../../shared/channel-names';
import { fail, type Result } from '../../shared/result';

type EventListener = (payload: unknown) => void;

/**
 * Builds the one object the page gets as `window.deskwatch`. It carries the contract and
 * nothing else: `invoke` only for the contract's channels and `on` only for its events. The
 * page never sees `ipcRenderer`, an IPC event object or a channel string of its own choosing.
 *
 * A channel outside the contract answers `{ ok: false, error: { code: 'unknown_channel' } }`
 * rather than rejecting, the same answer the core (and so the browser mode) gives: callers
 * handle one shape, and a typo in a channel name surfaces as a visible error, not an unhandled
 * rejection. The same holds when the message cannot be delivered at all.
 */
export function createDeskwatchApi(ipc: Pick<IpcRenderer, 'invoke' | 'on'>): DeskwatchApi {
  const listeners = new Map<EventName, Set<EventListener>>();

  // One IPC listener for all events, installed once; page listeners are kept here, so the
  // unsubscribe function `on` returns can find them again (a function passed across the
  // context bridge is a new proxy each time, which `ipcRenderer.removeListener` could not match).
  ipc.on(IPC_EVENT_CHANNEL, (_event: IpcRendererEvent, envelope: unknown) => {
    if (typeof envelope !== 'object' || envelope === null) return;
    const { name, payload } = envelope as { name?: unknown; payload?: unknown };
    if (!isEventName(name)) return;
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        // One failing page listener must not keep the event from the others.
        console.error(`deskwatch: a listener for ${name} failed`, error);
      }
    }
  });

  const api = {
    async invoke(channel: unknown, input: unknown, meta?: unknown): Promise<Result<unknown>> {
      if (!isChannelName(channel)) return fail('unknown_channel', `Unknown channel "${String(channel)}"`);
      try {
        return (await ipc.invoke(ipcChannelFor(channel), input, meta)) as Result<unknown>;
      } catch (error) {
        return fail('internal', `The desktop app could not deliver ${channel}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },

    on(event: unknown, listener: unknown): () => void {
      if (!isEventName(event)) throw new TypeError(`Unknown event "${String(event)}"`);
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      // Wrapped, so subscribing the same function twice gives two subscriptions that unsubscribe separately.
      const entry: EventListener = (payload) => (listener as EventListener)(payload);
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
  };
  return api as DeskwatchApi;
}
