/**
 * The district's lists (buildings, problem categories) for the intake and caller forms. Read once
 * and re-read when a supervisor changes one.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { DirectoryLists } from '../../../shared/contract';
import type { ContractError } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { serialRefresh } from './refresh-queue';
import { useSessionStore } from './session-store';

export const useDirectoryStore = defineStore('directory', () => {
  const api = useConsoleApi();
  const session = useSessionStore();

  const lists = ref<DirectoryLists>({ buildings: [], categories: [] });
  const loaded = ref(false);
  const error = ref<ContractError | null>(null);

  /** Only active entries are offered for new records. */
  const buildings = computed(() => lists.value.buildings.filter((item) => item.active));
  const categories = computed(() => lists.value.categories.filter((item) => item.active));

  const refresh = serialRefresh(async () => {
    const result = await session.call('directory.lists', {});
    if (!result.ok) {
      error.value = result.error;
      return;
    }
    error.value = null;
    lists.value = result.value;
    loaded.value = true;
  });

  function ensureLoaded(): Promise<void> {
    return loaded.value ? Promise.resolve() : refresh();
  }

  function buildingName(id: number | null): string | null {
    return id === null ? null : (lists.value.buildings.find((item) => item.id === id)?.name ?? null);
  }

  function categoryName(id: number | null): string | null {
    return id === null ? null : (lists.value.categories.find((item) => item.id === id)?.name ?? null);
  }

  /** Re-reads the lists when one changes; returns the function that stops. */
  function follow(): () => void {
    void ensureLoaded();
    return api.on('directory.changed', () => void refresh());
  }

  return { lists, loaded, error, buildings, categories, refresh, ensureLoaded, buildingName, categoryName, follow };
});
