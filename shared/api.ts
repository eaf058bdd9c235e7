/**
 * The one API the renderer talks to, whichever transport carries it: the Electron preload
 * exposes it on `window.deskwatch`; the browser mode and the district server implement it over
 * HTTP and SSE. A call carries its input only: who makes it is the transport's session.
 */
import type { ChannelName, EventName } from './channel-names';
import type { ChannelInput, ChannelResult, EventPayload } from './contract';
import type { Result } from './result';
import type { SessionState } from './session';

export interface DeskwatchApi {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelResult<C>>>;
  /** Subscribes to a core event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  session: SessionApi;
}

/** Who this console acts as. Every answer is the session as it stands afterwards. */
export interface SessionApi {
  current(): Promise<Result<SessionState>>;
  /** Standalone: act as this staff member from now on. A server refuses it (`forbidden`): sign in instead. */
  choose(staffId: number): Promise<Result<SessionState>>;
  /** A local account on a server; wrong or throttled attempts answer `unauthenticated` / `rate_limited`. */
  signInWithPassword(email: string, password: string): Promise<Result<SessionState>>;
  /**
   * District single sign-on. In a browser the page goes to the district's sign-in page and comes
   * back signed in (the promise does not settle); the desktop app opens the system browser and
   * settles when the sign-in came back to it.
   */
  signInWithSso(): Promise<Result<SessionState>>;
  signOut(): Promise<Result<SessionState>>;
}

/** What the browser mode's event stream and Electron's event channel deliver. */
export interface EventEnvelope<E extends EventName = EventName> {
  name: E;
  payload: EventPayload<E>;
}
