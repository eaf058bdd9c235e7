import type { LiveStatus } from '../../../shared/contract';
import type { ConsoleMode } from '../../../shared/session';
import { systemClock, type Clock } from '../../core/clock';
import type { Core } from '../../core/core';
import type { Dispatch } from '../../core/handlers/dispatch';
import type { Logger } from '../../core/log/logger';
import type { RemoteCore } from '../../remote';
import type { EventSource } from '../ipc-bridge';
import { StandaloneSession, type ConsoleSession } from './console-session';
import type { TeamSession } from './team-session';

/**
 * What the shell works with, whichever core answers: calls, events, whether they are live, who
 * sits at the console, and how it all ends. Standalone, a core on this computer's database;
 * team mode, a district server (no database opened here).
 */
export interface ConsoleBackend {
  mode: ConsoleMode;
  dispatch: Dispatch;
  events: EventSource;
  /** Mute-for-an-hour counts from this clock: the core's, or this computer's in team mode. */
  clock: Clock;
  liveStatus(): LiveStatus;
  session: ConsoleSession;
  /** The SLA scheduler (standalone; a district server runs its own). */
  startScheduler(): void;
  close(): Promise<void>;
  /** The local core, when there is one. */
  core: Core | null;
  remote: RemoteCore | null;
}

export function standaloneBackend(core: Core, log: Logger): ConsoleBackend {
  return {
    mode: 'standalone',
    dispatch: core.dispatch,
    events: core.events,
    clock: core.clock,
    liveStatus: () => core.liveStatus(),
    session: new StandaloneSession(core, log),
    startScheduler: () => core.startScheduler(),
    close: () => core.close(),
    core,
    remote: null,
  };
}

export function teamBackend(remote: RemoteCore, session: TeamSession): ConsoleBackend {
  return {
    mode: 'server',
    dispatch: remote.dispatch,
    events: remote.events,
    // The server's clock decides what is due; a mute of an hour from this computer's clock is near enough.
    clock: systemClock,
    liveStatus: () => remote.liveStatus(),
    session,
    startScheduler: () => undefined,
    close: async () => {
      session.cancel();
      await remote.close();
    },
    core: null,
    remote,
  };
}
