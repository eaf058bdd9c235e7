/**
 * The Electron transport: the preload's `window.deskwatch`. IPC events cannot be lost while the
 * window lives, so its event stream is always open. A rejected IPC call (a handler that threw,
 * an input that could not be cloned) still comes back as a result, like every other failure.
 */
import type { DeskwatchApi } from '../../../shared/api';
import type { ConsoleApi } from './console-api';
import { failedCall } from './transport-errors';

export function wrapPreloadApi(api: DeskwatchApi): ConsoleApi {
  return {
    invoke: async (channel, input, meta) => {
      try {
        return await api.invoke(channel, input, meta);
      } catch (error) {
        return { ok: false, error: failedCall(error) };
      }
    },
    on: (event, listener) => api.on(event, listener),
    onStreamState(listener) {
      listener('open');
      return () => {};
    },
  };
}
