/**
 * The open cases as lean rows (shared/queue-rows.ts: what a row shows and what filtering and sorting
 * need), sorted by the next breach and filtered in memory. The core owns them; this store keeps a
 * copy: one full read (`queue.rows`) when a screen starts following, then only deltas. The first
 * read of all asks for the most urgent rows alone, so the screen shows work at once, then for the
 * whole queue (filters and the count apply to the whole once it is in).
 *
 * A change is never answered by reading the whole queue again. The core reads what changed once
 * for all its consoles and sends it as `queue.changed` (the answer `queue.changes` since `from`
 * would give): a store whose cursor is `from` takes it without a call. A `cases.changed` that no
 * such delta brings in within DELTA_WAIT_MS (a missed event, a delta from another cursor), and the
 * names and calendar events that move rows without a version, are answered by `queue.changes` since
 * the cursor of the last answer: exactly the rows that changed and the ids that closed. A reconnected event stream asks the same way (events may have been missed); a
 * cursor the core cannot answer from (it restarted) gets the whole queue back.
 */
import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import type { EventPayload } from '../../../shared/contract';
import { OPEN_CASE_STATUSES, type QueueCase, type QueueFilter, type QueueRow } from '../../../shared/domain';
import { decodeQueueRow, toQueueRow, type QueuePage } from '../../../shared/queue-rows';
import type { ContractError, Result } from '../../../shared/result';
import { useConsoleApi, type EventStreamState } from '../api/console-api';
import { sharedNow, syncCoreTime } from '../composables/use-now';
import { mark, QUEUE_MARKS } from '../lib/perf-marks';
import { compileFilter, isEmptyFilter, normalizeFilter, searchText } from '../lib/queue-filter';
import { byNextBreach } from '../lib/sla-display';
import { serialRefresh } from './refresh-queue';
import { useSessionStore } from './session-store';

/** How long change events are gathered before the queue asks for the changes. */
export const COALESCE_MS = 120;
/** How long a changed case may wait for the core's `queue.changed` before the queue asks for it itself. */
export const DELTA_WAIT_MS = 1000;
/** How long the first read waits for the event stream to open before reading anyway. */
export const STREAM_WAIT_MS = 1500;
/** The most urgent rows read first when the queue opens (a tall screen shows about 40). */
export const FIRST_ROWS = 200;

export const useQueueStore = defineStore('queue', () => {
  const api = useConsoleApi();
  const session = useSessionStore();

  /** Shallow: thousands of plain cases, replaced as a whole, never deeply observed. */
  const cases = shallowRef<readonly QueueRow[]>([]);
  const loaded = ref(false);
  /** While only the queue's most urgent rows are in: how many open cases it has in all. */
  const partialTotal = ref<number | null>(null);
  /** Open cases in the queue (more than `cases` holds while only its most urgent rows are in). */
  const total = computed(() => partialTotal.value ?? cases.value.length);
  const error = ref<ContractError | null>(null);
  const streamState = ref<EventStreamState>('connecting');
  /** Counts full loads, so the screen can tell when a new full answer has been rendered. */
  const loadCount = ref(0);

  const byId = computed(() => new Map(cases.value.map((c) => [c.id, c])));

  // ── Filtering ────────────────────────────────────────────────────────────────
  const filter = reactive<QueueFilter>({});
  // Marked synchronously, inside the keystroke's event: the screen measures up to the rendered rows.
  watch(filter, () => mark(QUEUE_MARKS.filterStart), { deep: true, flush: 'sync' });

  const visible = computed<readonly QueueRow[]>(() => {
    const current = normalizeFilter(filter);
    if (isEmptyFilter(current)) return cases.value;
    // Only the risk filter depends on the time, so only it re-runs every second.
    const now = current.risk ? sharedNow.value : 0;
    return cases.value.filter(compileFilter(current, { meId: session.currentId, now }));
  });
  const filtered = computed(() => !isEmptyFilter(normalizeFilter(filter)));

  function setFilter(next: QueueFilter): void {
    const clean = normalizeFilter(next);
    for (const key of Object.keys(filter) as (keyof QueueFilter)[]) if (!(key in clean)) delete filter[key];
    Object.assign(filter, clean);
  }

  function clearFilter(): void {
    setFilter({});
  }

  // ── Selection (for reassigning many cases at once) ──────────────────────────
  const selectedIds = ref(new Set<number>());
  const selected = computed(() => [...selectedIds.value].map((id) => byId.value.get(id)).filter((c): c is QueueRow => c !== undefined));

  function toggleSelected(id: number, on = !selectedIds.value.has(id)): void {
    if (on) selectedIds.value.add(id);
    else selectedIds.value.delete(id);
  }

  function clearSelection(): void {
    selectedIds.value.clear();
  }

  // ── Loading and live deltas ──────────────────────────────────────────────────
  /** Where the last answer left off: `queue.changes` since here brings only what changed. */
  let cursor: string | null = null;
  /** Changed cases announced and not yet asked for: id → the version the event announced. */
  const pending = new Map<number, number>();
  let wantFull = false;
  /** Rows moved without a version (names, closure dates): ask for changes even if no case event is pending. */
  let wantChanges = false;
  /** The changed cases' wait for the core's delta is over: those still behind are asked for. */
  let pendingDue = false;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let deltaTimer: ReturnType<typeof setTimeout> | null = null;
  /** The core's deltas not yet taken, oldest first; taken in turn with the reads, never during one. */
  const deltas: EventPayload<'queue.changed'>[] = [];

  async function read(ask: () => Promise<Result<QueuePage>>): Promise<void> {
    const result = await ask();
    if (!result.ok) {
      error.value = result.error;
      return;
    }
    applyPage(result.value);
  }

  /** Takes an answer of `queue.rows` or `queue.changes` (or the same page sent as `queue.changed`). */
  function applyPage(page: QueuePage): void {
    const whole = !page.full || page.rows.length === page.total;
    partialTotal.value = whole ? null : page.total;
    if (page.full) {
      mark(QUEUE_MARKS.data);
      cases.value = Object.freeze(page.rows.map(decodeQueueRow));
      // A selection outlives the first rows: the rest of the queue is on its way.
      if (whole) pruneSelection();
      loaded.value = true;
      loadCount.value += 1;
      if (whole) warmSearch(cases.value);
    } else {
      upsert(page.rows.map(decodeQueueRow), page.removed);
    }
    // Changes are asked for only since a whole answer: a partial one left rows out.
    if (whole) cursor = page.cursor;
    error.value = null;
  }

  /** Takes the deltas that follow on from the cursor; one from elsewhere means the queue must ask. */
  function takeDeltas(): void {
    for (const delta of deltas.splice(0)) {
      if (delta.page.cursor === cursor) continue;
      if (delta.from === cursor) applyPage(delta.page);
      else wantChanges = true;
    }
  }

  const sync = serialRefresh(async () => {
    const since = cursor;
    if (wantFull || since === null) {
      wantFull = false;
      wantChanges = false;
      deltas.length = 0;
      pending.clear();
      // The most urgent rows are in and shown before the whole queue is asked for: parsing it would
      // hold up the page (asking both at once was measured no faster to the first rows).
      if (!loaded.value) await read(() => session.call('queue.rows', { limit: FIRST_ROWS }));
      await read(() => session.call('queue.rows', {}));
      return;
    }
    takeDeltas();
    // A change this console made may be announced before its own answer arrives, and the core's
    // delta normally brings the others: only a case still behind once its wait is over is asked for.
    let behind = false;
    if (pendingDue) {
      pendingDue = false;
      behind = [...pending].some(([id, version]) => (byId.value.get(id)?.version ?? 0) < version);
      pending.clear();
    }
    if (!behind && !wantChanges) return;
    wantChanges = false;
    await read(() => session.call('queue.changes', { since: cursor ?? since }));
  });

  /** Reads the whole queue again (the Refresh button). */
  function refresh(): Promise<void> {
    wantFull = true;
    return sync();
  }

  /** Asks the core what changed since the last answer. */
  function catchUp(): Promise<void> {
    wantChanges = true;
    return sync();
  }

  /** Puts rows where a fresh full read would put them; drops the ones no longer open. Never goes back a version. */
  function upsert(changed: readonly QueueRow[], removedIds: readonly number[] = []): void {
    if (changed.length === 0 && removedIds.length === 0) return;
    const current = byId.value;
    const fresh = changed.filter((c) => (current.get(c.id)?.version ?? 0) <= c.version).map(toQueueRow);
    const drop = new Set([...removedIds, ...fresh.map((c) => c.id)]);
    const next = cases.value.filter((c) => !drop.has(c.id));
    for (const c of fresh) {
      if (!OPEN_CASE_STATUSES.includes(c.status)) continue;
      next.splice(insertionIndex(next, c), 0, c);
    }
    cases.value = Object.freeze(next);
    pruneSelection();
  }

  function pruneSelection(): void {
    const ids = byId.value;
    for (const id of selectedIds.value) if (!ids.has(id)) selectedIds.value.delete(id);
  }

  function soon(): void {
    flushTimer ??= setTimeout(() => {
      flushTimer = null;
      void sync();
    }, COALESCE_MS);
  }

  function onCaseChanged(payload: EventPayload<'cases.changed'>): void {
    // Our own change is already in place (the call answered with the case): nothing to fetch.
    if ((byId.value.get(payload.caseId)?.version ?? 0) >= payload.version) return;
    pending.set(payload.caseId, Math.max(payload.version, pending.get(payload.caseId) ?? 0));
    // The core's `queue.changed` normally follows within milliseconds; ask only if it does not.
    deltaTimer ??= setTimeout(() => {
      deltaTimer = null;
      pendingDue = true;
      void sync();
    }, DELTA_WAIT_MS);
  }

  function onQueueChanged(payload: EventPayload<'queue.changed'>): void {
    deltas.push(payload);
    void sync();
  }

  /** A caller, staff member, building or category renamed: the rows showing it change without a new version. */
  function onNamesChanged(): void {
    wantChanges = true;
    soon();
  }

  let followers = 0;
  let unfollowAll: (() => void) | null = null;

  /** Keeps the queue live while at least one screen shows it; returns the function that stops following. */
  function follow(): () => void {
    followers += 1;
    if (followers === 1) {
      // The full read waits for the event stream to be open, so no change can fall between the two
      // (and the queue is read once, not twice). Should the stream be slow to open, the queue is read
      // anyway and brought up to date once it opens. Each time the stream comes back, the core is asked
      // what changed meanwhile.
      let readAgain = true;
      const offChanged = api.on('cases.changed', onCaseChanged);
      const offDelta = api.on('queue.changed', onQueueChanged);
      // A closure date moves open cases' business-time deadlines without a new version: the core
      // works them out again and answers the rows that moved.
      const offCalendar = api.on('calendar.changed', () => void catchUp());
      const offNames = [api.on('callers.changed', onNamesChanged), api.on('staff.changed', onNamesChanged), api.on('directory.changed', onNamesChanged)];
      const offState = api.onStreamState((state) => {
        const opened = state === 'open' && streamState.value !== 'open';
        if (state !== 'open') readAgain = true;
        streamState.value = state;
        if (opened && readAgain) {
          readAgain = false;
          // The first time, the whole queue; after a drop, what changed meanwhile.
          void catchUp();
        }
      });
      const fallback = setTimeout(() => {
        // Only if the stream has not opened (an open stream has asked for the read already).
        if (readAgain && !loaded.value) void catchUp();
      }, STREAM_WAIT_MS);
      unfollowAll = () => {
        offChanged();
        offDelta();
        offCalendar();
        for (const off of offNames) off();
        offState();
        clearTimeout(fallback);
        if (flushTimer) clearTimeout(flushTimer);
        flushTimer = null;
        if (deltaTimer) clearTimeout(deltaTimer);
        deltaTimer = null;
        deltas.length = 0;
        pendingDue = false;
        pending.clear();
        wantChanges = false;
        streamState.value = 'connecting';
      };
      void syncCoreTime(api);
    }
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      followers -= 1;
      if (followers === 0) {
        unfollowAll?.();
        unfollowAll = null;
      }
    };
  }

  // ── Assignment ───────────────────────────────────────────────────────────────
  /** Assigns cases (null hands them back); the answer is patched in at once. */
  async function assign(targets: readonly QueueRow[], assigneeId: number | null, reason?: string): Promise<Result<QueueCase[]>> {
    const result = await session.call('cases.assign', {
      cases: targets.map((c) => ({ id: c.id, version: c.version })),
      assigneeId,
      ...(reason?.trim() ? { reason: reason.trim() } : {}),
    });
    if (result.ok) {
      upsert(result.value);
      for (const c of result.value) selectedIds.value.delete(c.id);
    }
    return result;
  }

  function take(c: QueueRow): Promise<Result<QueueCase[]>> {
    return assign([c], session.currentId);
  }

  function handBack(c: QueueRow): Promise<Result<QueueCase[]>> {
    return assign([c], null);
  }

  return {
    cases,
    total,
    byId,
    loaded,
    loadCount,
    error,
    streamState,
    filter,
    filtered,
    visible,
    selectedIds,
    selected,
    setFilter,
    clearFilter,
    toggleSelected,
    clearSelection,
    refresh,
    follow,
    upsert,
    assign,
    take,
    handBack,
  };
});

/** Builds the search text of every case while the browser is idle, so the first keystroke finds it ready. */
function warmSearch(list: readonly QueueRow[]): void {
  const idle = (globalThis as { requestIdleCallback?: (run: () => void) => void }).requestIdleCallback;
  const later = idle ? idle.bind(globalThis) : (run: () => void) => setTimeout(run, 0);
  later(() => {
    for (const c of list) searchText(c);
  });
}

function insertionIndex(list: readonly QueueRow[], c: QueueRow): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byNextBreach(list[mid] as QueueRow, c) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
