/** What every store test starts from: a fresh Pinia, a fresh fake core, an empty localStorage. */
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, vi } from 'vitest';
import { setConsoleApi } from '../../../../renderer/src/api/console-api';
import type { EventStreamState } from '../../../../renderer/src/api/console-api';
import type { ConsoleMode, SignInOptions } from '../../../../shared/session';
import { FakeDeskwatchApi } from './fake-deskwatch-api';
import { MemoryStorage } from './memory-storage';

export interface RendererWorld {
  api: FakeDeskwatchApi;
  storage: MemoryStorage;
  /** A new Pinia over the same core and storage: what a page reload gives the stores. */
  reload(): void;
}

export function freshRenderer(
  options: { streamState?: EventStreamState; storage?: MemoryStorage; mode?: ConsoleMode; signIn?: SignInOptions } = {},
): RendererWorld {
  const api = new FakeDeskwatchApi({ streamState: options.streamState ?? 'open', mode: options.mode, signIn: options.signIn });
  const storage = options.storage ?? new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
  setConsoleApi(api);
  setActivePinia(createPinia());
  return { api, storage, reload: () => setActivePinia(createPinia()) };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Lets every pending promise callback (the fake answers asynchronously) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}
