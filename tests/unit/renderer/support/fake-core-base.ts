/**
 * What every fake core does with a call before its own handlers see it. Inputs are checked with
 * the contract's own schemas and cloned the way Electron IPC clones them (a reactive proxy fails
 * there), so a store that sends the wrong thing fails here as it would in the app. Every call is
 * recorded, and events are delivered only while the event stream is open.
 *
 * Who calls is the fake transport's session, as in the app: chosen (standalone) or signed in
 * (server) through `session`, never named by a call. `expireSession()` ends it the way a district
 * server's idle timeout does: the next call is refused and the console hears it signed out.
 */
import type { SessionApi } from '../../../../shared/api';
import type { ConsoleApi, EventStreamState, SignedOut } from '../../../../renderer/src/api/console-api';
import { sessionEndedError, TRANSPORT_ERRORS } from '../../../../renderer/src/api/transport-errors';
import { isOpenChannel } from '../../../../shared/access';
import type { ChannelName, EventName } from '../../../../shared/channel-names';
import {
  contract,
  type ChannelAccess,
  type ChannelInput,
  type ChannelParsedInput,
  type ChannelResult,
  type EventPayload,
} from '../../../../shared/contract';
import type { StaffMember } from '../../../../shared/domain';
import type { ContractError, Result } from '../../../../shared/result';
import { STANDALONE_SIGN_IN, type ConsoleMode, type SessionState, type SignInOptions } from '../../../../shared/session';
import { validationError } from '../../../../electron/core/handlers/validation';

export interface RecordedCall {
  channel: ChannelName;
  input: unknown;
  /** Who the transport's session said made it (null: nobody chosen or signed in). */
  actorId: number | null;
}

/** A session route the console used, in order, with what it sent (never a password). */
export interface RecordedSessionCall {
  route: keyof SessionApi;
  staffId?: number;
  email?: string;
}

/** Thrown by a handler (or the actor check) to answer `{ ok: false, error }`. */
export class Refusal extends Error {
  constructor(readonly error: ContractError) {
    super(error.message);
  }
}

/** A fake core's answers, channel by channel; `Actor` is what its actor check hands them. */
export type Handlers<Actor extends StaffMember | null = StaffMember | null> = {
  [C in ChannelName]?: (input: ChannelParsedInput<C>, actor: Actor) => ChannelResult<C>;
};

/** One of a fake's handlers, whatever its channel: `invoke` hands it the parsed input and the actor. */
export type AnyHandler = (input: never, actor: never) => unknown;

export abstract class FakeCoreBase implements ConsoleApi {
  readonly calls: RecordedCall[] = [];
  readonly sessionCalls: RecordedSessionCall[] = [];
  readonly staff: StaffMember[] = [];
  /** While true, every call fails the way the HTTP transport does when the server is gone. */
  unreachable = false;
  mode: ConsoleMode;
  /** How a server lets people sign in (a standalone console: neither). */
  signIn: SignInOptions;
  /** Who the transport's session is (what a real one carries as its token or cookie). */
  sessionStaffId: number | null = null;
  /** Local accounts of a server: email → password. */
  readonly passwords = new Map<string, string>();
  /** Whom the district's single sign-on signs in (null: the sign-in is cancelled). */
  ssoStaffId: number | null = null;
  /** While true, a password sign-in is throttled, as the server does after too many tries. */
  rateLimited = false;

  private readonly eventListeners = new Map<EventName, Set<(payload: never) => void>>();
  private readonly stateListeners = new Set<(state: EventStreamState) => void>();
  private readonly signedOutListeners = new Set<(why: SignedOut) => void>();
  private streamState: EventStreamState;
  private expired = false;
  /** While set, session reads are answered as the server saw the session when asked, but only once released. */
  private heldReads: (() => void)[] | null = null;

  constructor(options: { streamState?: EventStreamState; mode?: ConsoleMode; signIn?: SignInOptions } = {}) {
    this.streamState = options.streamState ?? 'open';
    this.mode = options.mode ?? 'standalone';
    this.signIn = options.signIn ?? (this.mode === 'server' ? { sso: { label: 'Sign in with District SSO' }, password: true } : STANDALONE_SIGN_IN);
  }

  /** The session as the transport answers it now. */
  sessionState(): SessionState {
    const staff = this.staff.find((member) => member.id === this.sessionStaffId && member.active) ?? null;
    return { mode: this.mode, staff: staff && { ...staff }, signIn: this.signIn, expiresAt: null, idleTimeoutMinutes: this.mode === 'server' ? 30 : null };
  }

  /** The server ends the session by itself (idle, expired): the next call is refused. */
  expireSession(): void {
    this.sessionStaffId = null;
    this.expired = true;
  }

  /** From now on, session reads wait (their answers already fixed) until `releaseSessionReads`. */
  holdSessionReads(): void {
    this.heldReads = [];
  }

  releaseSessionReads(): void {
    const waiting = this.heldReads ?? [];
    this.heldReads = null;
    for (const release of waiting) release();
  }

  readonly session: SessionApi = {
    current: async () => {
      await Promise.resolve();
      this.sessionCalls.push({ route: 'current' });
      if (this.unreachable) return { ok: false, error: TRANSPORT_ERRORS.unreachable };
      const answer = this.sessionState();
      const held = this.heldReads;
      if (held) await new Promise<void>((resolve) => held.push(resolve));
      return { ok: true, value: answer };
    },
    choose: async (staffId) => {
      await Promise.resolve();
      this.sessionCalls.push({ route: 'choose', staffId });
      if (this.unreachable) return { ok: false, error: TRANSPORT_ERRORS.unreachable };
      if (this.mode === 'server') return { ok: false, error: { code: 'forbidden', message: 'A district server signs people in' } };
      const member = this.staff.find((m) => m.id === staffId);
      if (!member) return { ok: false, error: { code: 'not_found', message: `No staff member has id ${staffId}`, field: 'staffId' } };
      if (!member.active) return { ok: false, error: { code: 'forbidden', message: `${member.name}'s profile is inactive`, field: 'staffId' } };
      this.sessionStaffId = staffId;
      this.expired = false;
      return { ok: true, value: this.sessionState() };
    },
    signInWithPassword: async (email, password) => {
      await Promise.resolve();
      this.sessionCalls.push({ route: 'signInWithPassword', email });
      if (this.unreachable) return { ok: false, error: TRANSPORT_ERRORS.unreachable };
      if (this.mode !== 'server' || !this.signIn.password) return { ok: false, error: { code: 'not_found', message: 'This console has no password sign-in' } };
      if (this.rateLimited) return { ok: false, error: { code: 'rate_limited', message: 'Too many sign-in attempts. Try again in 5 minutes.' } };
      const member = this.staff.find((m) => m.email === email.toLowerCase() && m.active);
      if (!member || this.passwords.get(member.email ?? '') !== password) {
        return { ok: false, error: { code: 'unauthenticated', message: 'The email or password is not right.' } };
      }
      this.sessionStaffId = member.id;
      this.expired = false;
      return { ok: true, value: this.sessionState() };
    },
    signInWithSso: async () => {
      await Promise.resolve();
      this.sessionCalls.push({ route: 'signInWithSso' });
      if (this.ssoStaffId === null) return { ok: false, error: { code: 'unauthenticated', message: 'The district sign-in was cancelled.' } };
      this.sessionStaffId = this.ssoStaffId;
      this.expired = false;
      return { ok: true, value: this.sessionState() };
    },
    signOut: async () => {
      await Promise.resolve();
      this.sessionCalls.push({ route: 'signOut' });
      if (this.unreachable) return { ok: false, error: TRANSPORT_ERRORS.unreachable };
      this.sessionStaffId = null;
      return { ok: true, value: this.sessionState() };
    },
  };

  onSignedOut(listener: (why: SignedOut) => void): () => void {
    this.signedOutListeners.add(listener);
    return () => this.signedOutListeners.delete(listener);
  }

  /** The handler that answers `channel`, if this fake knows it. */
  protected abstract handlerFor(channel: ChannelName): AnyHandler | undefined;

  /** Who is calling, or a `Refusal` when the channel's access does not let them. */
  protected abstract actorFor(access: ChannelAccess, actorId: number | undefined): StaffMember | null;

  /** A promise to wait on before answering `channel` (after the call is recorded), if any. */
  protected holdFor(_channel: ChannelName): Promise<void> | undefined {
    return undefined;
  }

  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelResult<C>>> {
    return this.call(channel, input, this.sessionStaffId, true);
  }

  /** A call from another console (another session): made as `staffId`, not as this console's person. */
  invokeAs<C extends ChannelName>(staffId: number, channel: C, input: ChannelInput<C>): Promise<Result<ChannelResult<C>>> {
    return this.call(channel, input, staffId, false);
  }

  private async call<C extends ChannelName>(channel: C, input: ChannelInput<C>, actorId: number | null, here: boolean): Promise<Result<ChannelResult<C>>> {
    // Answer later, as a real transport would.
    await Promise.resolve();
    let sent: unknown;
    try {
      sent = structuredClone(input);
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: `could not clone the input: ${String(error)}` } };
    }
    if (here) this.calls.push({ channel, input: sent, actorId });
    const held = this.holdFor(channel);
    if (held) await held;
    if (this.unreachable) return { ok: false, error: TRANSPORT_ERRORS.unreachable };
    if (here && this.expired) {
      // As the HTTP transport does on a 401: the console hears that its session ended.
      this.expired = false;
      const error = sessionEndedError(this.mode);
      for (const listener of [...this.signedOutListeners]) listener({ mode: this.mode, message: error.message });
      return { ok: false, error };
    }

    const spec = contract[channel];
    const parsed = spec.input.safeParse(sent ?? {});
    // The core's own wording of a refusal: every bad field, each in its label's words.
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
    try {
      const access: ChannelAccess = isOpenChannel(channel, this.mode) ? 'public' : spec.access;
      const actor = this.actorFor(access, actorId ?? undefined);
      const handler = this.handlerFor(channel) as ((input: unknown, actor: StaffMember | null) => ChannelResult<C>) | undefined;
      if (!handler) return { ok: false, error: { code: 'unknown_channel', message: `The fake core has no ${channel}` } };
      return { ok: true, value: handler(parsed.data, actor) };
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, error: error.error };
      throw error;
    }
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.eventListeners.get(event) ?? new Set();
    this.eventListeners.set(event, set);
    const entry = listener as (payload: never) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  onStreamState(listener: (state: EventStreamState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.streamState);
    return () => this.stateListeners.delete(listener);
  }

  /** Delivers a core event, unless the event stream is down: then it is lost, as it would be. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (this.streamState !== 'open') return;
    for (const listener of [...(this.eventListeners.get(event) ?? [])]) listener(payload as never);
  }

  setStreamState(state: EventStreamState): void {
    this.streamState = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }

  listenerCount(event: EventName): number {
    return this.eventListeners.get(event)?.size ?? 0;
  }

  callsTo(channel: ChannelName): RecordedCall[] {
    return this.calls.filter((call) => call.channel === channel);
  }
}
