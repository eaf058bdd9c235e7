/**
 * The open cases. The core owns them; this store keeps a copy that is re-read whenever the core
 * says a case changed, and after the event stream (re)connects, since events may have been missed.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CaseSummary } from '../../../shared/domain';
import type { ContractError } from '../../../shared/result';
import { useConsoleApi, type EventStreamState } from '../api/console-api';
import { serialRefresh } from './refresh-queue';
import { useSessionStore } from './session-store';

export const useQueueStore = defineStore('queue', () => {
  const api = useConsoleApi();
  const session = useSessionStore();

  const cases = ref<CaseSummary[]>([]);
  const loaded = ref(false);
  const error = ref<ContractError | null>(null);
  const streamState = ref<EventStreamState>('connecting');

  const refresh = serialRefresh(async () => {
    const result = await session.call('cases.list', {});
    if (result.ok) {
      cases.value = result.value;
      loaded.value = true;
      error.value = null;
    } else {
      error.value = result.error;
    }
  });

  let followers = 0;
  let unfollowAll: (() => void) | null = null;

  /** Keeps the queue live while at least one screen shows it; returns the function that stops following. */
  function follow(): () => void {
    followers += 1;
    if (followers === 1) {
      let first = true;
      const offChanged = api.on('cases.changed', () => void refresh());
      const offState = api.onStreamState((state) => {
        const reopened = state === 'open' && streamState.value !== 'open' && !first;
        first = false;
        streamState.value = state;
        if (reopened) void refresh();
      });
      unfollowAll = () => {
        offChanged();
        offState();
        streamState.value = 'connecting';
      };
      void refresh();
    }
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      followers -= 1;
      if (followers === 0) {
        unfollowAll?.();
        unfollowAll = null;
      }
    };
  }

  return { cases, loaded, error, streamState, refresh, follow };
});
