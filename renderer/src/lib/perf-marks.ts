/**
 * User Timing marks and measures around the queue, for the browser-mode benchmark (and for anyone
 * with the browser's Performance panel open). Read them with
 * `performance.getEntriesByName(QUEUE_MEASURES.render, 'measure')`.
 */
export const QUEUE_MARKS = {
  /** The queue screen started (its setup ran). */
  viewSetup: 'deskwatch:queue-view-setup',
  /** A full `queue.rows` answer is in hand, before the store takes it. */
  data: 'deskwatch:queue-data',
  /** The rows of that answer are in the DOM (after Vue's flush). */
  rows: 'deskwatch:queue-rows',
  /** The filter changed (a keystroke in the search box, a checkbox…). */
  filterStart: 'deskwatch:queue-filter-start',
  /** The filtered rows are in the DOM. */
  filterEnd: 'deskwatch:queue-filter-end',
} as const;

export const QUEUE_MEASURES = {
  /** From the screen's setup to its first rows in the DOM: includes fetching `queue.rows`. Once per visit. */
  open: 'deskwatch:queue-open',
  /** From a full `queue.rows` answer in hand to its rows in the DOM: the renderer's own cost. Each full load. */
  render: 'deskwatch:queue-render',
  /** From a filter change to the filtered rows in the DOM. Each change. */
  filter: 'deskwatch:queue-filter',
} as const;

/** `typeof performance`, not the DOM's `Performance`: store tests also type-check this file under Node's types. */
function timing(): typeof performance | null {
  return typeof performance !== 'undefined' && typeof performance.mark === 'function' ? performance : null;
}

export function mark(name: string): void {
  timing()?.mark(name);
}

/** Measures from the latest `start` mark to a new `end` mark; silently nothing when `start` was never marked. */
export function measure(name: string, start: string, end: string): void {
  const perf = timing();
  if (!perf || perf.getEntriesByName(start, 'mark').length === 0) return;
  perf.mark(end);
  try {
    perf.measure(name, start, end);
  } catch {
    // A mark was cleared by someone else meanwhile: nothing to report.
  }
}
