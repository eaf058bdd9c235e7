/**
 * One shared 1-second ticker for every countdown on screen: rows read `now`, so only the rows
 * that are rendered re-render each second, and there is one timer however many rows there are.
 * The ticker runs while at least one component uses it.
 *
 * `now` is the core's time, not the browser's: the core's clock is injectable (`--now`), so the
 * offset between the two is measured once from `app.info` and applied here.
 */
import { onScopeDispose, readonly, ref, type Ref } from 'vue';
import type { DeskwatchApi } from '../../../shared/api';
import { useConsoleApi } from '../api/console-api';

const TICK_MS = 1000;

const now = ref(Date.now());
let offsetMs = 0;
let users = 0;
let timer: ReturnType<typeof setInterval> | null = null;

function tick(): void {
  now.value = Date.now() + offsetMs;
}

let synced: Promise<void> | null = null;

/** Asks the core for its time once per page (again after a failure), and aligns the countdowns with it. */
export function syncCoreTime(api: DeskwatchApi): Promise<void> {
  synced ??= (async () => {
    const sentAt = Date.now();
    const result = await api.invoke('app.info', {});
    // The core's instant is taken half-way through the round trip.
    if (result.ok) setCoreTime(result.value.now, (sentAt + Date.now()) / 2);
    else synced = null;
  })();
  return synced;
}

/** Aligns the console's countdowns with the core's clock (`app.info`'s `now`). */
export function setCoreTime(coreNowIso: string, receivedAt = Date.now()): void {
  const core = Date.parse(coreNowIso);
  if (Number.isNaN(core)) return;
  offsetMs = core - receivedAt;
  tick();
}

/**
 * The same `now` for stores: reading it inside a computed re-evaluates that computed each tick
 * while a screen keeps the ticker running, and starts no timer of its own.
 */
export const sharedNow: Readonly<Ref<number>> = readonly(now);

/** The current instant (core time, epoch ms), read without subscribing to the ticker. */
export function currentInstant(): number {
  return Date.now() + offsetMs;
}

/** The shared `now`, updated every second while any caller's scope is alive. */
export function useNow(): Readonly<Ref<number>> {
  void syncCoreTime(useConsoleApi());
  users += 1;
  if (timer === null) {
    tick();
    timer = setInterval(tick, TICK_MS);
  }
  onScopeDispose(() => {
    users -= 1;
    if (users === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  });
  return readonly(now);
}
