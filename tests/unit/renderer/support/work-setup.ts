/** Store tests for working the queue: a fresh Pinia over the work fake core, with someone at the console. */
import { createPinia, setActivePinia } from 'pinia';
import { vi } from 'vitest';
import type { EventStreamState } from '../../../../renderer/src/api/console-api';
import { setConsoleApi } from '../../../../renderer/src/api/console-api';
import { useSessionStore } from '../../../../renderer/src/stores/session-store';
import type { StaffRole } from '../../../../shared/domain';
import { FakeWorkCore } from './fake-work-core';
import { MemoryStorage } from './memory-storage';
import './renderer-setup';

export async function atTheWorkConsole(options: { role?: StaffRole; streamState?: EventStreamState } = {}) {
  const api = new FakeWorkCore({ streamState: options.streamState ?? 'open' });
  vi.stubGlobal('localStorage', new MemoryStorage());
  setConsoleApi(api);
  setActivePinia(createPinia());
  const me = api.addStaff('Sam Okafor', options.role ?? 'technician');
  const session = useSessionStore();
  await session.ensureLoaded();
  await session.choose(me.id);
  return { api, me, session };
}

/** Lets every pending promise callback (the fake answers asynchronously) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 30; i += 1) await Promise.resolve();
}
