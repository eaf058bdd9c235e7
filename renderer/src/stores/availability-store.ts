/**
 * Who is in, out or on call now, absences, the on-call roster and each person's hours, pager and
 * skills, as the core keeps them (`availability.*`). Read again on `availability.changed` and
 * `staff.changed`, and every minute while followed: presence moves with the clock (5 PM: off).
 * Several screens follow at once (the board's columns, the Availability screen): one follow runs.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { PresenceRow, RosterShift, StaffAbsence, StaffAvailabilityProfile } from '../../../shared/availability';
import type { ChannelInput } from '../../../shared/contract';
import type { ReferenceItem } from '../../../shared/domain';
import type { ContractError, Result } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { followChanges } from './follow-changes';
import { serialRefresh } from './refresh-queue';
import { useSessionStore } from './session-store';

/** Presence changes with the clock too (someone's hours end, an absence starts). */
export const PRESENCE_REFRESH_MS = 60_000;

export const useAvailabilityStore = defineStore('availability', () => {
  const api = useConsoleApi();
  const session = useSessionStore();

  const people = ref<PresenceRow[]>([]);
  const absences = ref<StaffAbsence[]>([]);
  const roster = ref<RosterShift[]>([]);
  const profiles = ref<StaffAvailabilityProfile[]>([]);
  const categories = ref<ReferenceItem[]>([]);
  const loaded = ref(false);
  const error = ref<ContractError | null>(null);
  /** Whether the full screen is shown (absences, roster, profiles), or only presence (the board). */
  let detailed = 0;

  const byStaff = computed(() => new Map(people.value.map((p) => [p.staffId, p])));

  const refreshPresence = serialRefresh(async () => {
    const result = await session.call('availability.now', {});
    if (result.ok) {
      people.value = result.value.people;
      loaded.value = true;
      error.value = null;
    } else error.value = result.error;
  });

  const refreshDetails = serialRefresh(async () => {
    const [a, r, p, lists] = await Promise.all([
      session.call('availability.absences', {}),
      session.call('availability.roster', {}),
      session.call('availability.skills', {}),
      session.call('directory.lists', {}),
    ]);
    for (const result of [a, r, p, lists]) if (!result.ok) error.value = result.error;
    if (a.ok) absences.value = a.value;
    if (r.ok) roster.value = r.value;
    if (p.ok) profiles.value = p.value;
    if (lists.ok) categories.value = lists.value.categories.filter((c) => c.active);
  });

  function refresh(): void {
    void refreshPresence();
    if (detailed > 0) void refreshDetails();
  }

  let followers = 0;
  let stopFollowing: (() => void) | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  /** Keeps presence (and with `details`, the rest) current; returns the function that stops. */
  function follow(options: { details?: boolean } = {}): () => void {
    followers += 1;
    if (options.details) {
      detailed += 1;
      if (followers > 1) void refreshDetails();
    }
    if (followers === 1) {
      stopFollowing = followChanges(api, ['availability.changed', 'staff.changed'], refresh);
      timer = setInterval(() => void refreshPresence(), PRESENCE_REFRESH_MS);
    }
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      followers -= 1;
      if (options.details) detailed -= 1;
      if (followers === 0) {
        stopFollowing?.();
        stopFollowing = null;
        if (timer) clearInterval(timer);
        timer = null;
      }
    };
  }

  /** A change through the contract; on success the lists are read again (the event also comes). */
  async function change<C extends 'availability.saveAbsence' | 'availability.deleteAbsence' | 'availability.saveShift' | 'availability.deleteShift' | 'availability.handover' | 'availability.setHours' | 'availability.setSkills'>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<Result<unknown>> {
    const result = await session.call(channel, input);
    if (result.ok) refresh();
    return result;
  }

  return { people, absences, roster, profiles, categories, loaded, error, byStaff, follow, refresh, change };
});
