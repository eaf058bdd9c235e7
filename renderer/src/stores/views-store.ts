/**
 * Each person's saved queue views (a name and a filter). The core keeps them per person; saving
 * under an existing name replaces that view.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { QueueFilter, SavedView } from '../../../shared/domain';
import type { ContractError } from '../../../shared/result';
import { normalizeFilter } from '../lib/queue-filter';
import { useSessionStore } from './session-store';

export const useViewsStore = defineStore('views', () => {
  const session = useSessionStore();

  const views = ref<SavedView[]>([]);
  const loaded = ref(false);
  const error = ref<ContractError | null>(null);
  const saving = ref(false);
  /** Whose views are loaded: another person at the console has other views. */
  let loadedFor: number | null = null;

  async function load(): Promise<void> {
    const who = session.currentId;
    const result = await session.call('views.list', {});
    if (session.currentId !== who) return;
    if (result.ok) {
      views.value = result.value;
      loaded.value = true;
      loadedFor = who;
      error.value = null;
    } else {
      error.value = result.error;
    }
  }

  function ensureLoaded(): Promise<void> {
    if (loaded.value && loadedFor === session.currentId) return Promise.resolve();
    views.value = [];
    loaded.value = false;
    return load();
  }

  async function save(name: string, filter: QueueFilter): Promise<SavedView | null> {
    if (saving.value) return null;
    saving.value = true;
    const result = await session.call('views.save', { name, filter: normalizeFilter(filter) });
    saving.value = false;
    if (!result.ok) {
      error.value = result.error;
      return null;
    }
    error.value = null;
    views.value = [...views.value.filter((v) => v.id !== result.value.id && v.name !== result.value.name), result.value].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    return result.value;
  }

  async function remove(id: number): Promise<boolean> {
    const result = await session.call('views.delete', { id });
    if (!result.ok) {
      error.value = result.error;
      return false;
    }
    error.value = null;
    views.value = views.value.filter((v) => v.id !== id);
    return true;
  }

  return { views, loaded, error, saving, load, ensureLoaded, save, remove };
});
