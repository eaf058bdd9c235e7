/**
 * Announcements as the intake screen shows them: the current ones (published, not closed,
 * starting within a day or already started), read again on `announcements.changed`; and the open
 * outages a call's building and category match, with linking a case to one.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Announcement } from '../../../shared/announcements';
import type { ContractError } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { followChanges } from './follow-changes';
import { latestOnly } from './latest-only';
import { serialRefresh } from './refresh-queue';
import { useSessionStore } from './session-store';

export interface CallPlace {
  buildingId: number | null;
  categoryId: number | null;
}

export const useAnnouncementsStore = defineStore('announcements', () => {
  const api = useConsoleApi();
  const session = useSessionStore();

  const current = ref<Announcement[]>([]);
  const error = ref<ContractError | null>(null);
  const matching = ref<Announcement[]>([]);
  /** The call the matches were asked for; a change of building or category asks again. */
  let place: CallPlace = { buildingId: null, categoryId: null };

  const runMatch = latestOnly((asked: CallPlace) => session.call('announcements.matchingOutages', { ...asked }));

  async function loadCurrent(): Promise<void> {
    const result = await session.call('announcements.list', { scope: 'current' });
    if (result.ok) {
      current.value = result.value;
      error.value = null;
    } else {
      error.value = result.error;
    }
  }

  async function match(asked: CallPlace = place): Promise<void> {
    place = { ...asked };
    const result = await runMatch(place);
    if (result === null) return;
    matching.value = result.ok ? result.value : [];
  }

  const refresh = serialRefresh(async () => {
    await Promise.all([loadCurrent(), match()]);
  });

  /** Links a created case to an outage; null when it worked, the error otherwise. */
  async function linkCase(outageId: number, caseId: number): Promise<ContractError | null> {
    const result = await session.call('announcements.linkCase', { id: outageId, caseId });
    return result.ok ? null : result.error;
  }

  /** Keeps the strip and the matches current while the intake shows them; returns the function that stops. */
  function follow(): () => void {
    return followChanges(api, ['announcements.changed'], () => void refresh());
  }

  return { current, error, matching, match, refresh, linkCase, follow };
});
