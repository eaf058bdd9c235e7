/**
 * The supervisors' workload board: per technician (and Unassigned) open cases, at-risk and breached
 * counts and remaining business hours, as `queue.workload` computes them. The figures depend on
 * every open case, so a change is answered with one refetch (small: one row per person), coalesced
 * over a burst such as a bulk reassignment.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { WorkloadRow } from '../../../shared/domain';
import type { ContractError } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { followChangesCoalesced } from './follow-changes';
import { serialRefresh } from './refresh-queue';
import { useSessionStore } from './session-store';

export const WORKLOAD_COALESCE_MS = 200;

export const useWorkloadStore = defineStore('workload', () => {
  const api = useConsoleApi();
  const session = useSessionStore();

  const rows = ref<WorkloadRow[]>([]);
  const loaded = ref(false);
  const error = ref<ContractError | null>(null);

  const refresh = serialRefresh(async () => {
    const result = await session.call('queue.workload', {});
    if (result.ok) {
      rows.value = result.value;
      loaded.value = true;
      error.value = null;
    } else {
      error.value = result.error;
    }
  });

  /** Keeps the figures current while the board is shown; returns the function that stops. */
  function follow(): () => void {
    return followChangesCoalesced(api, ['cases.changed', 'staff.changed'], WORKLOAD_COALESCE_MS, () => void refresh());
  }

  return { rows, loaded, error, refresh, follow };
});
