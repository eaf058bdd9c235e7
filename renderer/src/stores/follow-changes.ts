/**
 * How a screen's store stays current: read now, read again on each event that may change what it
 * shows, and read again when the event stream comes back (a change may have been missed while it
 * was down). Returns the function that stops following.
 */
import type { EventName } from '../../../shared/channel-names';
import type { ConsoleApi } from '../api/console-api';

export function followChanges(api: ConsoleApi, events: readonly EventName[], onChange: () => void, refresh: () => void = onChange): () => void {
  let first = true;
  const offs = events.map((event) => api.on(event, () => onChange()));
  offs.push(
    api.onStreamState((state) => {
      if (state === 'open' && !first) refresh();
      first = false;
    }),
  );
  refresh();
  return () => {
    for (const off of offs) off();
  };
}

/**
 * followChanges for screens whose read is heavy (the board's figures, the forecast): a burst of
 * events within `coalesceMs` gives one read. Returns the function that stops following.
 */
export function followChangesCoalesced(api: ConsoleApi, events: readonly EventName[], coalesceMs: number, refresh: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const later = () => {
    timer ??= setTimeout(() => {
      timer = null;
      refresh();
    }, coalesceMs);
  };
  const stop = followChanges(api, events, later, refresh);
  return () => {
    stop();
    if (timer) clearTimeout(timer);
  };
}
