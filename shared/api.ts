/**
 * The one API the renderer talks to, whichever transport carries it: the Electron preload
 * exposes it on `window.deskwatch`; the browser mode and the district server implement it over
 * HTTP and SSE. A call carries its input only: who makes it is the transport's session.
 */
import type { ChannelName, EventName } from './channel-names';
import type { ChannelInput, ChannelResult, EventPayload } from './contract';
import type { Result } from './result';
import type { ConsoleMode, SessionState } from './session';

export interface DeskwatchApi {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelResult<C>>>;
  /** Subscribes to a core event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  session: SessionApi;
  /** The desktop app only: which core it works with (this computer's database, or a district server). */
  connection?: ConnectionApi;
  /**
   * The desktop app only (a browser prints through its own dialog): prints this page to PDF with
   * its print stylesheet, into a file the person picks in a save dialog. Answers where it was
   * saved, or null when the dialog was cancelled; `invalid_input` names the refused field.
   */
  printToPdf?(request: PrintToPdfRequest): Promise<Result<SavedPdf | null>>;
}

/** What to save as PDF: the proposed file name is made from `title`; portrait unless `landscape`. */
export interface PrintToPdfRequest {
  title: string;
  landscape?: boolean;
}

export interface SavedPdf {
  /** The file written, as the person chose it. */
  path: string;
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

/**
 * Where the desktop app's core is: `standalone` (a database on this computer, or the team's
 * PostgreSQL) or `server` (team mode: a district server; no database is opened here).
 */
export interface ConnectionState {
  mode: ConsoleMode;
  /** The district server in team mode; null when standalone. */
  serverUrl: string | null;
  /** Set by the computer's administrator (DESKWATCH_SERVER_URL): the console cannot change it. */
  managed: boolean;
}

/** The desktop app's choice of core, for its settings page. */
export interface ConnectionApi {
  get(): Promise<Result<ConnectionState>>;
  /**
   * Keeps `url` (null: back to standalone) and restarts the app on it: the answer is the new
   * setting, and the window closes soon after. Refused in words (`invalid_input`, field `url`) for
   * an address that is not https:// (http:// only for this computer); `forbidden` when managed.
   */
  setServer(url: string | null): Promise<Result<ConnectionState>>;
}

/** What the browser mode's event stream and Electron's event channel deliver. */
export interface EventEnvelope<E extends EventName = EventName> {
  name: E;
  payload: EventPayload<E>;
}
