/**
 * The board's breach forecast, and the supervisor's trial moves: moves are kept here (with the
 * case's version at the time, for the commit) and sent with every `forecast.board` call, so the
 * core answers the forecast as if they were made; nothing is saved until "Commit moves".
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { BoardForecast, CaseForecast, TrialMove } from '../../../shared/forecast';
import type { ContractError } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { followChangesCoalesced } from './follow-changes';
import { serialRefresh } from './refresh-queue';
import { useSessionStore } from './session-store';

export const FORECAST_COALESCE_MS = 300;

export interface PlannedMove extends TrialMove {
  /** The case's version when it was moved: the commit is refused if it changed since. */
  version: number;
  /** Where it was before the trial. */
  fromId: number | null;
}

export const useForecastStore = defineStore('forecast', () => {
  const api = useConsoleApi();
  const session = useSessionStore();

  const forecast = ref<BoardForecast | null>(null);
  const error = ref<ContractError | null>(null);
  const trying = ref(false);
  const moves = ref<PlannedMove[]>([]);
  const committing = ref(false);

  const byCase = computed(() => new Map<number, CaseForecast>((forecast.value?.cases ?? []).map((c) => [c.caseId, c])));
  /** Each trial-moved case's assignee in the trial. */
  const trialAssignee = computed(() => new Map<number, number | null>(moves.value.map((m) => [m.caseId, m.assigneeId])));

  const refresh = serialRefresh(async () => {
    const result = await session.call('forecast.board', { moves: moves.value.map(({ caseId, assigneeId }) => ({ caseId, assigneeId })) });
    if (result.ok) {
      forecast.value = result.value;
      error.value = null;
    } else {
      error.value = result.error;
    }
  });

  function startTrying(): void {
    trying.value = true;
  }

  /** A trial move; moving a case back where it was takes the move away. */
  async function tryMove(caseId: number, version: number, fromId: number | null, assigneeId: number | null): Promise<void> {
    const earlier = moves.value.find((m) => m.caseId === caseId);
    const others = moves.value.filter((m) => m.caseId !== caseId);
    const origin = earlier?.fromId ?? fromId;
    moves.value = origin === assigneeId ? others : [...others, { caseId, assigneeId, version: earlier?.version ?? version, fromId: origin }];
    await refresh();
  }

  async function discard(): Promise<void> {
    moves.value = [];
    trying.value = false;
    await refresh();
  }

  /** Saves the trial moves in one go; answers the error when the core refused them (nothing saved then). */
  async function commit(reason: string): Promise<ContractError | null> {
    if (moves.value.length === 0) return null;
    committing.value = true;
    try {
      const result = await session.call('forecast.commit', { moves: moves.value.map(({ caseId, version, assigneeId }) => ({ caseId, version, assigneeId })), reason });
      if (!result.ok) return result.error;
      moves.value = [];
      trying.value = false;
      await refresh();
      return null;
    } finally {
      committing.value = false;
    }
  }

  /** Keeps the forecast current while the board is shown (a burst of changes gives one read). */
  function follow(): () => void {
    return followChangesCoalesced(api, ['cases.changed', 'staff.changed', 'availability.changed', 'calendar.changed'], FORECAST_COALESCE_MS, () => void refresh());
  }

  return { forecast, error, trying, moves, committing, byCase, trialAssignee, refresh, startTrying, tryMove, discard, commit, follow };
});
