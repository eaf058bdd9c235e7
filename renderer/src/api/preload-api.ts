/**
 * The Electron transport: the preload's `window.deskwatch`. IPC events cannot be lost while the
 * window lives, so its event stream is always open. A rejected IPC call (a handler that threw,
 * an input that could not be cloned) still comes back as a result, like every other failure.
 *
 * The session is the preload's (the desktop app signs in to a district server, or chooses a
 * profile on its own core). A call answered `unauthenticated` after someone was in means the
 * session ended by itself (expired, idle): the console hears it as a sign-out.
 */
import type { DeskwatchApi, SessionApi } from '../../../shared/api';
import type { Result } from '../../../shared/result';
import type { ConsoleMode, SessionState } from '../../../shared/session';
import type { ConsoleApi, SignedOut } from './console-api';
import { failedCall, sessionEndedError } from './transport-errors';

export function wrapPreloadApi(api: DeskwatchApi): ConsoleApi {
  const signedOutListeners = new Set<(why: SignedOut) => void>();
  let mode: ConsoleMode = 'standalone';
  let someoneIn = false;

  async function settled<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
    try {
      return await call();
    } catch (error) {
      return { ok: false, error: failedCall(error) };
    }
  }

  async function sessionCall(call: () => Promise<Result<SessionState>>): Promise<Result<SessionState>> {
    const result = await settled(call);
    if (result.ok) {
      mode = result.value.mode;
      someoneIn = result.value.staff !== null;
    }
    return result;
  }

  function ended(): void {
    someoneIn = false;
    const why: SignedOut = { mode, message: sessionEndedError(mode).message };
    for (const listener of [...signedOutListeners]) {
      try {
        listener(why);
      } catch (error) {
        console.error('deskwatch: a sign-out listener failed', error);
      }
    }
  }

  const session: SessionApi = {
    current: () => sessionCall(() => api.session.current()),
    choose: (staffId) => sessionCall(() => api.session.choose(staffId)),
    signInWithPassword: (email, password) => sessionCall(() => api.session.signInWithPassword(email, password)),
    signInWithSso: () => sessionCall(() => api.session.signInWithSso()),
    signOut: () => sessionCall(() => api.session.signOut()),
  };

  return {
    invoke: async (channel, input) => {
      const result = await settled(() => api.invoke(channel, input));
      if (!result.ok && result.error.code === 'unauthenticated' && someoneIn) ended();
      return result;
    },
    session,
    // The desktop app's choice of core (its settings page), when the preload offers it.
    ...(api.connection ? { connection: api.connection } : {}),
    on: (event, listener) => api.on(event, listener),
    onStreamState(listener) {
      listener('open');
      return () => {};
    },
    onSignedOut(listener) {
      signedOutListeners.add(listener);
      return () => signedOutListeners.delete(listener);
    },
  };
}
