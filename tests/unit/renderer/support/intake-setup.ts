/** Store tests for taking a call: a fresh Pinia over the intake fake core, with someone at the console. */
import { createPinia, setActivePinia } from 'pinia';
import { vi } from 'vitest';
import { setConsoleApi } from '../../../../renderer/src/api/console-api';
import { useSessionStore } from '../../../../renderer/src/stores/session-store';
import { FakeIntakeApi } from './fake-intake-api';
import { MemoryStorage } from './memory-storage';
import './renderer-setup';

export async function atTheIntakeConsole(options: { storage?: MemoryStorage; api?: FakeIntakeApi } = {}) {
  const api = options.api ?? new FakeIntakeApi();
  const storage = options.storage ?? new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
  setConsoleApi(api);
  setActivePinia(createPinia());
  const me = api.staff.find((member) => member.name === 'Ana Lima') ?? api.addStaff('Ana Lima', 'agent');
  const session = useSessionStore();
  await session.ensureLoaded();
  await session.choose(me.id);
  return { api, storage, me };
}

/** Lets every pending promise callback (the fake answers asynchronously) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}
