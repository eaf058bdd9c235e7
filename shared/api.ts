/**
 * The one API the renderer talks to, whichever transport carries it: the Electron preload
 * exposes it on `window.deskwatch`; the browser mode implements it over HTTP and SSE.
 */
import type { ChannelName, EventName } from './channel-names';
import type { ChannelInput, ChannelResult, EventPayload, InvokeMeta } from './contract';
import type { Result } from './result';

export interface DeskwatchApi {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>, meta?: InvokeMeta): Promise<Result<ChannelResult<C>>>;
  /** Subscribes to a core event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** What the browser mode's event stream and Electron's event channel deliver. */
export interface EventEnvelope<E extends EventName = EventName> {
  name: E;
  payload: EventPayload<E>;
}
