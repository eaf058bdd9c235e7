/**
 * The help desk's state for the header: phones open or closed, whether the 4 PM cutoff applies to
 * a call taken now. The core's clock decides (it may run at another instant than this computer's),
 * so the store also knows the core's "now", moved forward by the time passed since it asked.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DeskStatus } from '../../../shared/contract';
import type { ContractError } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { setDeskZone } from '../lib/desk-zone';
import { serialRefresh } from './refresh-queue';

/** The header re-reads the desk's state this often (the cutoff and closing move on by the minute). */
export const DESK_REFRESH_MS = 60_000;

export const useDeskStore = defineStore('desk', () => {
  const api = useConsoleApi();

  const status = ref<DeskStatus | null>(null);
  const error = ref<ContractError | null>(null);
  /** This computer's time when `status` arrived. */
  let receivedAt = 0;

  const refresh = serialRefresh(async () => {
    // Public: the header shows it even before anyone has chosen who they are.
    const result = await api.invoke('desk.status', {});
    if (!result.ok) {
      error.value = result.error;
      return;
    }
    error.value = null;
    status.value = result.value;
    receivedAt = Date.now();
    // Every instant on screen is said in the desk's zone from now on.
    setDeskZone(result.value.timeZone);
  });

  /** The core's clock now, as an ISO string (this computer's when the desk has not answered yet). */
  function coreNow(): string {
    if (!status.value) return new Date().toISOString();
    return new Date(Date.parse(status.value.now) + (Date.now() - receivedAt)).toISOString();
  }

  /** The desk's time zone, for putting deadlines into words. */
  function timeZone(): string {
    return status.value?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  let followers = 0;
  let timer: ReturnType<typeof setInterval> | null = null;

  /** Keeps the state current while the header shows it: now, then every minute. */
  function follow(): () => void {
    followers += 1;
    if (followers === 1) {
      void refresh();
      timer = setInterval(() => void refresh(), DESK_REFRESH_MS);
    }
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      followers -= 1;
      if (followers === 0 && timer) {
        clearInterval(timer);
        timer = null;
      }
    };
  }

  return { status, error, refresh, follow, coreNow, timeZone };
});
