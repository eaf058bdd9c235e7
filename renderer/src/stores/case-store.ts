/** One case and its audit trail, as the case screen shows it; re-read when the core says it changed. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CaseDetail } from '../../../shared/contract';
import type { ContractError } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { useSessionStore } from './session-store';

export const useCaseStore = defineStore('case', () => {
  const api = useConsoleApi();
  const session = useSessionStore();

  const caseId = ref<number | null>(null);
  const detail = ref<CaseDetail | null>(null);
  const loading = ref(false);
  const error = ref<ContractError | null>(null);

  async function load(id: number): Promise<void> {
    if (caseId.value !== id) detail.value = null;
    caseId.value = id;
    loading.value = true;
    const result = await session.call('cases.get', { id });
    // The screen may have moved on to another case while this one was loading.
    if (caseId.value !== id) return;
    loading.value = false;
    if (result.ok) {
      detail.value = result.value;
      error.value = null;
    } else {
      detail.value = null;
      error.value = result.error;
    }
  }

  /** Shows `id` and keeps it current; returns the function that stops following. */
  function follow(id: number): () => void {
    void load(id);
    let first = true;
    const offChanged = api.on('cases.changed', (payload) => {
      if (payload.caseId === id) void load(id);
    });
    const offState = api.onStreamState((state) => {
      if (state === 'open' && !first) void load(id);
      first = false;
    });
    return () => {
      offChanged();
      offState();
    };
  }

  return { caseId, detail, loading, error, load, follow };
});
