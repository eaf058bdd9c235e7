/**
 * The one client the rest of the renderer talks to. It is the contract's `DeskwatchApi`, plus
 * the state of the event stream, so that stores can catch up on whatever they may have missed
 * while it was down. Which transport carries it is decided once, at start (see connect.ts).
 */
import type { DeskwatchApi } from '../../../shared/api';
import type { ConsoleMode } from '../../../shared/session';

/**
 * `open`: core events arrive; `connecting`: they may be missed until the stream is open again;
 * `reconnecting`: the stream is open but the core has lost the database's live updates (other
 * consoles' changes are not heard until it is `open` again, when stores read again).
 */
export type EventStreamState = 'connecting' | 'open' | 'reconnecting';

/** Why the console is nobody's any more, though nobody signed out here. */
export interface SignedOut {
  mode: ConsoleMode;
  /** What the person is told ("Your session ended; sign in again."). */
  message: string;
}

export interface ConsoleApi extends DeskwatchApi {
  /** Calls the listener with the current state at once, then on every change; returns the unsubscribe function. */
  onStreamState(listener: (state: EventStreamState) => void): () => void;
  /**
   * Calls the listener when the transport learns that its session ended by itself: a district
   * server's session expired or went idle (a call answered 401), or a standalone server forgot
   * the console's chosen profile. Returns the unsubscribe function.
   */
  onSignedOut(listener: (why: SignedOut) => void): () => void;
}

let current: ConsoleApi | null = null;

/** Installs the client chosen at start (or a fake one in tests). */
export function setConsoleApi(api: ConsoleApi): void {
  current = api;
}

/** The client for stores; they call it from their setup, after main.ts (or a test) installed one. */
export function useConsoleApi(): ConsoleApi {
  if (!current) throw new Error('No Deskwatch API installed: call setConsoleApi() before using a store');
  return current;
}
