/**
 * One case as the case screen shows it (case, audit trail, contacts, phases, ledger), kept current
 * from `cases.changed`, and every way of working it.
 *
 * Each change carries the version the person was looking at when they began it (a form keeps the
 * version it opened with). A stale version is refused by the core with a conflict that says what
 * changed and by whom; it is kept here for the screen to show, with the offer to reload. Nothing is
 * retried on the person's behalf, so nothing is ever silently overwritten.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ChannelName } from '../../../shared/channel-names';
import type { CaseDetail, ChannelInput, ChannelResult } from '../../../shared/contract';
import type { QueueCase } from '../../../shared/domain';
import type { ContractError, Result } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { serialRefresh } from './refresh-queue';
import { useQueueStore } from './queue-store';
import { useSessionStore } from './session-store';

/** The channels that change a case and answer with it (or them). */
type CaseChange = 'cases.update' | 'cases.transition' | 'cases.logContact' | 'cases.emailCaller' | 'cases.addNote' | 'cases.setPhaseDone' | 'cases.changePriority' | 'cases.assign' | 'cases.scheduleVisit';

/** How long change events for the case on screen are gathered before it is read again. */
export const CASE_COALESCE_MS = 80;

export type CaseUpdateFields = Omit<ChannelInput<'cases.update'>, 'id' | 'version'>;
export type TransitionRequest = ChannelInput<'cases.transition'>;

export const useCaseStore = defineStore('case', () => {
  const api = useConsoleApi();
  const session = useSessionStore();
  const queue = useQueueStore();

  const caseId = ref<number | null>(null);
  const detail = ref<CaseDetail | null>(null);
  const loading = ref(false);
  /** Why the case could not be read. */
  const error = ref<ContractError | null>(null);
  /** A change refused because the case moved on meanwhile: the core's words (what changed, by whom). */
  const conflict = ref<ContractError | null>(null);
  /** A change in flight (one at a time: the next one needs the version this one produces). */
  const busy = ref(false);
  /** Counts reloads the person asked for after a conflict: open forms then take the version they now see. */
  const reviews = ref(0);

  /** Reads started, so a follower can tell whether the case was read after an event. */
  let reads = 0;

  async function load(id: number): Promise<void> {
    reads += 1;
    if (caseId.value !== id) {
      detail.value = null;
      conflict.value = null;
    }
    caseId.value = id;
    loading.value = true;
    const result = await session.call('cases.get', { id });
    // The screen may have moved on to another case while this one was loading.
    if (caseId.value !== id) return;
    loading.value = false;
    if (result.ok) {
      detail.value = result.value;
      error.value = null;
    } else {
      detail.value = null;
      error.value = result.error;
    }
  }

  const reloadCurrent = serialRefresh(async () => {
    if (caseId.value !== null) await load(caseId.value);
  });

  /** Shows `id` and keeps it current; returns the function that stops following. */
  function follow(id: number): () => void {
    void load(id);
    let first = true;
    let announced = 0;
    let readsAtEvent = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const known = () => (detail.value?.case.id === id ? detail.value.case.version : 0);
    // Gathered briefly: a burst is one read, and this console's own change (announced before its
    // answer arrives, then read by `change`) needs no read of its own. A note keeps the version, so
    // an equal version still counts unless the case was read after the LAST event of the burst: a
    // read begun before another person's note was announced may have missed that note.
    const offChanged = api.on('cases.changed', (payload) => {
      // A note keeps the version it was added at; a later change may have been seen first.
      if (payload.caseId !== id || (payload.change !== 'note' && known() > payload.version)) return;
      announced = Math.max(announced, payload.version);
      readsAtEvent = reads;
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        const readSince = reads > readsAtEvent;
        if (!readSince || known() < announced) void reloadCurrent();
      }, CASE_COALESCE_MS);
    });
    const offState = api.onStreamState((state) => {
      if (state === 'open' && !first) void reloadCurrent();
      first = false;
    });
    return () => {
      offChanged();
      offState();
      if (timer) clearTimeout(timer);
    };
  }

  /** After a conflict: read the case as it is now, so the person can review and try again. */
  async function reloadAfterConflict(): Promise<void> {
    conflict.value = null;
    await reloadCurrent();
    reviews.value += 1;
  }

  /**
   * Runs one change. On success the case is re-read (the audit trail grew) and the queue takes the
   * answer at once; a conflict is kept for the screen; other refusals go back to the form that asked.
   */
  async function change<C extends CaseChange>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelResult<C>>> {
    if (busy.value) return { ok: false, error: { code: 'conflict', message: 'Another change to this case is still being saved. Try again in a moment.' } };
    busy.value = true;
    try {
      const result = await session.call(channel as ChannelName as C, input);
      if (!result.ok) {
        if (result.error.code === 'conflict') conflict.value = result.error;
        return result;
      }
      conflict.value = null;
      const value = result.value as QueueCase | QueueCase[];
      queue.upsert(Array.isArray(value) ? value : [value]);
      await reloadCurrent();
      return result;
    } finally {
      busy.value = false;
    }
  }

  function current(): QueueCase {
    if (!detail.value) throw new Error('No case is loaded');
    return detail.value.case;
  }

  return {
    caseId,
    detail,
    loading,
    error,
    conflict,
    busy,
    reviews,
    load,
    follow,
    reloadAfterConflict,
    update: (version: number, fields: CaseUpdateFields) => change('cases.update', { id: current().id, version, ...fields }),
    transition: (input: ChannelInput<'cases.transition'>) => change('cases.transition', input),
    logContact: (input: Omit<ChannelInput<'cases.logContact'>, 'id'>) => change('cases.logContact', { id: current().id, ...input }),
    emailCaller: (input: Omit<ChannelInput<'cases.emailCaller'>, 'id'>) => change('cases.emailCaller', { id: current().id, ...input }),
    addNote: (note: string, visibleToCaller = false) => change('cases.addNote', { id: current().id, note, ...(visibleToCaller ? { public: true } : {}) }),
    setPhaseDone: (version: number, phaseId: number, done: boolean) => change('cases.setPhaseDone', { id: current().id, version, phaseId, done }),
    changePriority: (input: Omit<ChannelInput<'cases.changePriority'>, 'id'>) => change('cases.changePriority', { id: current().id, ...input }),
    /** Plans or moves the visit to the caller (`visitAt` an ISO instant), or clears it (null). */
    scheduleVisit: (version: number, visitAt: string | null, note?: string) =>
      change('cases.scheduleVisit', { id: current().id, version, visitAt, ...(visitAt !== null && note?.trim() ? { note } : {}) }),
    assign: (version: number, assigneeId: number | null, reason?: string) =>
      change('cases.assign', { cases: [{ id: current().id, version }], assigneeId, ...(reason?.trim() ? { reason: reason.trim() } : {}) }),
  };
});
