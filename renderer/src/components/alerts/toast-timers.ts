/**
 * How long an in-app notification stays before it folds into the Alerts button (it stays in the
 * recent list and the count): a few seconds, counted only while nobody is reading it. The pointer
 * over the notifications, the keyboard focus in them, or the page hidden holds every timer; each
 * resumes with the time it had left. Plain timers, no Vue: the component wires it to the DOM.
 */
export const TOAST_VISIBLE_MS = 6_000;

interface Countdown {
  remaining: number;
  startedAt: number | null;
  handle: ReturnType<typeof setTimeout> | null;
}

export interface ToastTimers {
  /** The notifications on screen now, by key: new ones start counting, gone ones stop. */
  follow(keys: readonly string[]): void;
  /** Something holds the notifications (pointer, focus, hidden page): every countdown pauses. */
  hold(reason: string): void;
  release(reason: string): void;
  stop(): void;
}

export function toastTimers(expire: (key: string) => void, visibleMs = TOAST_VISIBLE_MS, now: () => number = Date.now): ToastTimers {
  const countdowns = new Map<string, Countdown>();
  const holds = new Set<string>();

  function run(key: string, countdown: Countdown): void {
    if (countdown.handle !== null || holds.size > 0) return;
    countdown.startedAt = now();
    countdown.handle = setTimeout(() => {
      countdowns.delete(key);
      expire(key);
    }, countdown.remaining);
  }

  function pause(countdown: Countdown): void {
    if (countdown.handle === null) return;
    clearTimeout(countdown.handle);
    countdown.handle = null;
    countdown.remaining = Math.max(0, countdown.remaining - (now() - (countdown.startedAt ?? now())));
    countdown.startedAt = null;
  }

  return {
    follow(keys) {
      for (const [key, countdown] of countdowns) {
        if (keys.includes(key)) continue;
        pause(countdown);
        countdowns.delete(key);
      }
      for (const key of keys) {
        if (countdowns.has(key)) continue;
        const countdown: Countdown = { remaining: visibleMs, startedAt: null, handle: null };
        countdowns.set(key, countdown);
        run(key, countdown);
      }
    },
    hold(reason) {
      holds.add(reason);
      for (const countdown of countdowns.values()) pause(countdown);
    },
    release(reason) {
      holds.delete(reason);
      for (const [key, countdown] of countdowns) run(key, countdown);
    },
    stop() {
      for (const countdown of countdowns.values()) pause(countdown);
      countdowns.clear();
    },
  };
}
