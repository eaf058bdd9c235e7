/**
 * Lets the event loop answer what is waiting (an HTTP request, an IPC call) before long work goes
 * on. better-sqlite3 answers synchronously, so a chain of awaits over thousands of cases would
 * otherwise hold the loop from start to end: the console would stall while the scheduler catches
 * up or the queue is first read.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Cases worked between two yields: tens of milliseconds of work at most. */
export const CASES_PER_SLICE = 250;
