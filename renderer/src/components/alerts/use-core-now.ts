import { computed, type ComputedRef } from 'vue';
import { useNow } from '../../composables/use-now';
import { useAlertsStore } from '../../stores/alerts-store';

/**
 * The core's now, ticking every second while the calling screen is shown: for "muted until" and
 * the mute presets, which the core compares with its own clock. The shared ticker only paces it.
 */
export function useCoreNow(): ComputedRef<number> {
  const tick = useNow();
  const alerts = useAlertsStore();
  return computed(() => {
    void tick.value;
    return Date.now() + alerts.coreOffsetMs;
  });
}
