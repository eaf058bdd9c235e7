/**
 * Runs a refresh at most once at a time. Events come in bursts; a request asked for while one is
 * running is folded into a single follow-up, so the last answer always reflects the last event.
 */
export function serialRefresh(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await run();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
}
