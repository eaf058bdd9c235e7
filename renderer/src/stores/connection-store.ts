/**
 * The desktop app's choice of where its core runs: on this computer (standalone) or on the
 * district server (team mode). Only the desktop app offers it (`api.connection`); a browser is
 * always where its server is. Saving restarts the app on the new setting.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ConnectionState } from '../../../shared/api';
import type { ContractError } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';

export const useConnectionStore = defineStore('connection', () => {
  const api = useConsoleApi();
  const state = ref<ConnectionState | null>(null);
  const loadError = ref<ContractError | null>(null);
  const saveError = ref<ContractError | null>(null);
  const saving = ref(false);
  /** Set when the app accepted a new setting and is about to restart on it. */
  const restarting = ref(false);

  const offered = computed(() => api.connection !== undefined);

  async function load(): Promise<void> {
    if (!api.connection) return;
    const result = await api.connection.get();
    if (result.ok) {
      state.value = result.value;
      loadError.value = null;
    } else loadError.value = result.error;
  }

  /** `url` null or blank: back to this computer. Answers whether the app took it. */
  async function save(url: string | null): Promise<boolean> {
    if (!api.connection || saving.value) return false;
    saving.value = true;
    saveError.value = null;
    const wanted = url?.trim() ? url.trim() : null;
    const result = await api.connection.setServer(wanted);
    saving.value = false;
    if (!result.ok) {
      saveError.value = result.error;
      return false;
    }
    state.value = result.value;
    restarting.value = true;
    return true;
  }

  return { state, loadError, saveError, saving, restarting, offered, load, save };
});
