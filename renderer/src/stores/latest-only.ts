/**
 * For answers that race (search as you type, a preview that follows the form): only the answer to
 * the latest request counts. An answer to an older request arrives as `null` and is ignored.
 */
export function latestOnly<Args extends unknown[], T>(run: (...args: Args) => Promise<T>): {
  (...args: Args): Promise<T | null>;
  /** Makes every answer still on its way stale. */
  cancel(): void;
} {
  let latest = 0;
  const call = async (...args: Args): Promise<T | null> => {
    latest += 1;
    const mine = latest;
    const answer = await run(...args);
    return mine === latest ? answer : null;
  };
  return Object.assign(call, {
    cancel: () => {
      latest += 1;
    },
  });
}

/** Runs `fn` once calls have stopped for `ms`; `flush` runs a pending call now, `cancel` drops it. */
export function debounced(fn: () => void, ms: number): { (): void; flush(): void; cancel(): void; pending(): boolean } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
  return Object.assign(schedule, {
    flush: () => {
      if (!timer) return;
      clearTimeout(timer);
      timer = null;
      fn();
    },
    cancel: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
    pending: () => timer !== null,
  });
}
