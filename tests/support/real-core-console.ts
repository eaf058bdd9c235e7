/**
 * The renderer's stores over a real core, as a console would have them: calls go through the
 * core's dispatch (inputs cloned as a transport would), events arrive a moment later (as over
 * the event stream). Each console has its own Pinia, so two consoles on one core (or on two
 * cores sharing a database) are two people at two desks.
 */
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { vi } from 'vitest';
import type { Core } from '../../electron/core/core';
import { setConsoleApi, type ConsoleApi, type EventStreamState } from '../../renderer/src/api/console-api';
import { useSessionStore } from '../../renderer/src/stores/session-store';
import type { ChannelName, EventName } from '../../shared/channel-names';
import type { SessionApi } from '../../shared/api';
import type { ChannelInput, ChannelResult, EventPayload } from '../../shared/contract';
import type { StaffMember } from '../../shared/domain';
import { fail, type Result } from '../../shared/result';
import { STANDALONE_SIGN_IN, type SessionState } from '../../shared/session';
import { MemoryStorage } from '../unit/renderer/support/memory-storage';

export class RealCoreApi implements ConsoleApi {
  private readonly unsubscribers = new Set<() => void>();
  /** The person chosen at this console, as a standalone transport keeps it: calls carry no actor of their own. */
  private actor: StaffMember | null = null;

  constructor(private readonly core: Core) {}

  async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelResult<C>>> {
    const result = await this.core.dispatch(channel, structuredClone(input), { actorId: this.actor?.id ?? null });
    return structuredClone(result) as Result<ChannelResult<C>>;
  }

  readonly session: SessionApi = {
    current: async () => ({ ok: true, value: this.state() }),
    choose: async (staffId) => {
      try {
        this.actor = await this.core.services.staff.requireActive(staffId);
      } catch (error) {
        return fail('forbidden', error instanceof Error ? error.message : String(error));
      }
      return { ok: true, value: this.state() };
    },
    signInWithPassword: async () => fail('not_found', 'A standalone console has no sign-in'),
    signInWithSso: async () => fail('not_found', 'A standalone console has no sign-in'),
    signOut: async () => {
      this.actor = null;
      return { ok: true, value: this.state() };
    },
  };

  private state(): SessionState {
    return { mode: 'standalone', staff: this.actor, signIn: STANDALONE_SIGN_IN, expiresAt: null, idleTimeoutMinutes: null };
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const off = this.core.events.subscribe((name, payload) => {
      // Never inside the publisher's call, but before the answer to the call that caused it, as the
      // event stream usually brings a console's own change before the answer arrives.
      if ((name as EventName) === event) queueMicrotask(() => listener(structuredClone(payload) as EventPayload<E>));
    });
    this.unsubscribers.add(off);
    return () => {
      off();
      this.unsubscribers.delete(off);
    };
  }

  /** A core in the same process never ends a session by itself. */
  onSignedOut(): () => void {
    return () => undefined;
  }

  onStreamState(listener: (state: EventStreamState) => void): () => void {
    listener('open');
    return () => undefined;
  }

  close(): void {
    for (const off of this.unsubscribers) off();
    this.unsubscribers.clear();
  }
}

export interface RealConsole {
  api: RealCoreApi;
  pinia: Pinia;
  storage: MemoryStorage;
  /** Makes this console's Pinia (and client) the active one, for `useXStore()` calls that follow. */
  use(): void;
}

/** A console whose person `actorId` is already chosen (null: whoever the console itself recalls, if anyone). */
export async function realConsole(core: Core, actorId: number | null, storage = new MemoryStorage()): Promise<RealConsole> {
  const api = new RealCoreApi(core);
  const pinia = createPinia();
  const use = () => {
    vi.stubGlobal('localStorage', storage);
    setConsoleApi(api);
    setActivePinia(pinia);
  };
  use();
  const session = useSessionStore();
  await session.ensureLoaded();
  if (actorId !== null && !(await session.choose(actorId))) throw new Error(`staff ${actorId} is not active`);
  return { api, pinia, storage, use };
}
