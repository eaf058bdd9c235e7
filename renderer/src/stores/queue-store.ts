/**
 * The open cases, as `queue.list` gives them (sorted by the next breach), filtered in memory.
 * The core owns them; this store keeps a copy and keeps it current from `cases.changed` events.
 *
 * Live updates patch rather than refetch: `queue.list` makes the core read every open case's SLA
 * clocks and sends all of them (thousands, megabytes) for what is usually one changed case, while
 * `cases.get` of the changed ones costs in proportion to the change. Events are coalesced for a
 * short window; a burst larger than PATCH_LIMIT (a bulk reassignment) is cheaper as one refetch,
 * and so is a reconnected event stream, since events may have been missed while it was down.
 */
import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import type { EventPayload } from '../../../shared/contract';
import { OPEN_CASE_STATUSES, type QueueCase, type QueueFilter } from '../../../shared/domain';
import type { ContractError, Result } from '../../../shared/result';
import { useConsoleApi, type EventStreamState } from '../api/console-api';
import { sharedNow, syncCoreTime } from '../composables/use-now';
import { mark, QUEUE_MARKS } from '../lib/perf-marks';
import { compileFilter, isEmptyFilter, normalizeFilter, searchText } from '../lib/queue-filter';
import { byNextBreach } from '../lib/sla-display';
import { serialRefresh } from './refresh-queue';
import { useSessionStore } from './session-store';

/** How long change events are gathered before the queue is patched. */
export const COALESCE_MS = 120;
/** More changed cases than this in one burst: refetch the whole queue instead of patching. */
export const PATCH_LIMIT = 25;
/** How long the first read waits for the event stream to open before reading anyway. */
export const STREAM_WAIT_MS = 1500;

export const useQueueStore = defineStore('queue', () => {
  const api = useConsoleApi();
  const session = useSessionStore();

  /** Shallow: thousands of plain cases, replaced as a whole, never deeply observed. */
  const cases = shallowRef<readonly QueueCase[]>([]);
  const loaded = ref(false);
  const error = ref<ContractError | null>(null);
  const streamState = ref<EventStreamState>('connecting');
  /** Counts full loads, so the screen can tell when a new full answer has been rendered. */
  const loadCount = ref(0);

  const byId = computed(() => new Map(cases.value.map((c) => [c.id, c])));

  // ── Filtering ────────────────────────────────────────────────────────────────
  const filter = reactive<QueueFilter>({});
  // Marked synchronously, inside the keystroke's event: the screen measures up to the rendered rows.
  watch(filter, () => mark(QUEUE_MARKS.filterStart), { deep: true, flush: 'sync' });

  const visible = computed<readonly QueueCase[]>(() => {
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
  const selected = computed(() => [...selectedIds.value].map((id) => byId.value.get(id)).filter((c): c is QueueCase => c !== undefined));

  function toggleSelected(id: number, on = !selectedIds.value.has(id)): void {
    if (on) selectedIds.value.add(id);
    else selectedIds.value.delete(id);
  }

  function clearSelection(): void {
    selectedIds.value.clear();
  }

  // ── Loading and live patching ────────────────────────────────────────────────
  /** Changed cases waiting to be read: id → the version the event announced. */
  const pending = new Map<number, number>();
  let wantFull = false;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;

  async function loadAll(): Promise<void> {
    const result = await session.call('queue.list', {});
    if (!result.ok) {
      error.value = result.error;
      return;
    }
    mark(QUEUE_MARKS.data);
    cases.value = Object.freeze(result.value);
    pruneSelection();
    loaded.value = true;
    error.value = null;
    loadCount.value += 1;
    warmSearch(cases.value);
  }

  async function patch(ids: number[]): Promise<void> {
    const answers = await Promise.all(ids.map(async (id) => ({ id, result: await session.call('cases.get', { id }) })));
    const changed: QueueCase[] = [];
    const removed: number[] = [];
    for (const { id, result } of answers) {
      if (result.ok) changed.push(result.value.case);
      else if (result.error.code === 'not_found') removed.push(id);
      else error.value = result.error;
    }
    upsert(changed, removed);
  }

  const sync = serialRefresh(async () => {
    if (wantFull || pending.size > PATCH_LIMIT) {
      wantFull = false;
      pending.clear();
      await loadAll();
      return;
    }
    // A change this console made may be announced before its own answer arrives: by now it is in place.
    const ids = [...pending].filter(([id, version]) => (byId.value.get(id)?.version ?? 0) < version).map(([id]) => id);
    pending.clear();
    if (ids.length > 0) await patch(ids);
  });

  /** Reads the whole queue again. */
  function refresh(): Promise<void> {
    wantFull = true;
    return sync();
  }

  /** Puts cases where a fresh `queue.list` would put them; drops the ones no longer open. Never goes back a version. */
  function upsert(changed: readonly QueueCase[], removedIds: readonly number[] = []): void {
    if (changed.length === 0 && removedIds.length === 0) return;
    const current = byId.value;
    const fresh = changed.filter((c) => (current.get(c.id)?.version ?? 0) <= c.version);
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

  function onCaseChanged(payload: EventPayload<'cases.changed'>): void {
    // Our own change is already in place (the call answered with the case): nothing to fetch.
    if ((byId.value.get(payload.caseId)?.version ?? 0) >= payload.version) return;
    pending.set(payload.caseId, Math.max(payload.version, pending.get(payload.caseId) ?? 0));
    flushTimer ??= setTimeout(() => {
      flushTimer = null;
      void sync();
    }, COALESCE_MS);
  }

  let followers = 0;
  let unfollowAll: (() => void) | null = null;

  /** Keeps the queue live while at least one screen shows it; returns the function that stops following. */
  function follow(): () => void {
    followers += 1;
    if (followers === 1) {
      // The full read waits for the event stream to be open, so no change can fall between the two
      // (and the queue is read once, not twice). Should the stream be slow to open, the queue is read
      // anyway and read again once it opens. Each time the stream comes back, the queue is re-read.
      let catchUp = true;
      const offChanged = api.on('cases.changed', onCaseChanged);
      // A closure date moves every open case's business-time deadlines: read the whole queue again.
      const offCalendar = api.on('calendar.changed', () => void refresh());
      const offState = api.onStreamState((state) => {
        const opened = state === 'open' && streamState.value !== 'open';
        if (state !== 'open') catchUp = true;
        streamState.value = state;
        if (opened && catchUp) {
          catchUp = false;
          void refresh();
        }
      });
      const fallback = setTimeout(() => {
        // Only if the stream has not opened (an open stream has asked for the read already).
        if (catchUp && !loaded.value) void refresh();
      }, STREAM_WAIT_MS);
      unfollowAll = () => {
        offChanged();
        offCalendar();
        offState();
        clearTimeout(fallback);
        if (flushTimer) clearTimeout(flushTimer);
        flushTimer = null;
        pending.clear();
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
  async function assign(targets: readonly QueueCase[], assigneeId: number | null, reason?: string): Promise<Result<QueueCase[]>> {
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

  function take(c: QueueCase): Promise<Result<QueueCase[]>> {
    return assign([c], session.currentId);
  }

  function handBack(c: QueueCase): Promise<Result<QueueCase[]>> {
    return assign([c], null);
  }

  return {
    cases,
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
function warmSearch(list: readonly QueueCase[]): void {
  const idle = (globalThis as { requestIdleCallback?: (run: () => void) => void }).requestIdleCallback;
  const later = idle ? idle.bind(globalThis) : (run: () => void) => setTimeout(run, 0);
  later(() => {
    for (const c of list) searchText(c);
  });
}

function insertionIndex(list: readonly QueueCase[], c: QueueCase): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byNextBreach(list[mid] as QueueCase, c) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
