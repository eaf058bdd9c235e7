/**
 * What every fake core does with a call before its own handlers see it. Inputs are checked with
 * the contract's own schemas and cloned the way Electron IPC clones them (a reactive proxy fails
 * there), so a store that sends the wrong thing fails here as it would in the app. Every call is
 * recorded, and events are delivered only while the event stream is open.
 */
import type { ConsoleApi, EventStreamState } from '../../../../renderer/src/api/console-api';
import { TRANSPORT_ERRORS } from '../../../../renderer/src/api/transport-errors';
import type { ChannelName, EventName } from '../../../../shared/channel-names';
import {
  contract,
  type ChannelAccess,
  type ChannelInput,
  type ChannelParsedInput,
  type ChannelResult,
  type EventPayload,
  type InvokeMeta,
} from '../../../../shared/contract';
import type { StaffMember } from '../../../../shared/domain';
import type { ContractError, Result } from '../../../../shared/result';
import { validationError } from '../../../../electron/core/handlers/validation';

export interface RecordedCall {
  channel: ChannelName;
  input: unknown;
  meta: InvokeMeta | undefined;
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
  readonly staff: StaffMember[] = [];
  /** While true, every call fails the way the HTTP transport does when the server is gone. */
  unreachable = false;

  private readonly eventListeners = new Map<EventName, Set<(payload: never) => void>>();
  private readonly stateListeners = new Set<(state: EventStreamState) => void>();
  private streamState: EventStreamState;

  constructor(options: { streamState?: EventStreamState } = {}) {
    this.streamState = options.streamState ?? 'open';
  }

  /** The handler that answers `channel`, if this fake knows it. */
  protected abstract handlerFor(channel: ChannelName): AnyHandler | undefined;

  /** Who is calling, or a `Refusal` when the channel's access does not let them. */
  protected abstract actorFor(access: ChannelAccess, actorId: number | undefined): StaffMember | null;

  /** A promise to wait on before answering `channel` (after the call is recorded), if any. */
  protected holdFor(_channel: ChannelName): Promise<void> | undefined {
    return undefined;
  }

  async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>, meta?: InvokeMeta): Promise<Result<ChannelResult<C>>> {
    // Answer later, as a real transport would.
    await Promise.resolve();
    let sent: unknown;
    try {
      sent = structuredClone(input);
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: `could not clone the input: ${String(error)}` } };
    }
    this.calls.push({ channel, input: sent, meta: meta === undefined ? undefined : structuredClone(meta) });
    const held = this.holdFor(channel);
    if (held) await held;
    if (this.unreachable) return { ok: false, error: TRANSPORT_ERRORS.unreachable };

    const spec = contract[channel];
    const parsed = spec.input.safeParse(sent ?? {});
    // The core's own wording of a refusal: every bad field, each in its label's words.
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
    try {
      const actor = this.actorFor(spec.access, meta?.actorId);
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
