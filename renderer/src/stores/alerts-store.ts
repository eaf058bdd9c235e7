/**
 * The alerts of the person at the console. The core raises `alerts.raised` with every recipient's
 * alerts; this store keeps the ones for the person here: the recent list (`alerts.list`, muted ones
 * included), the in-app notifications on screen (muted ones never), their tray count
 * (`alerts.summary`) and their preferences.
 *
 * A console that was closed (or whose event stream was down) when alerts were raised catches up
 * from `alerts.list`: whatever this computer has not shown the person yet is shown once, with the
 * alerts that fell due while Deskwatch was closed folded into one digest per kind. What has been
 * shown is remembered per person (the id of the newest alert seen), so a reload repeats nothing.
 *
 * Sound and Web Notifications are the page's business, not the store's: screens register with
 * `onPresent` to hear of each group of new items.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef, toRaw } from 'vue';
import type { Alert, AlertBatch, AlertPreferences, AlertSummary } from '../../../shared/alerts';
import type { ChannelName } from '../../../shared/channel-names';
import type { ChannelInput, ChannelResult } from '../../../shared/contract';
import type { ContractError, Result } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { readStored, writeStored } from '../lib/local-storage';
import {
  batchFor,
  digestsOf,
  mergeRecent,
  presentAlerts,
  unseenAlerts,
  type AlertPresentation,
} from '../components/alerts/alert-presentation';
import { debounced } from './latest-only';

export const SEEN_KEY_PREFIX = 'deskwatch.alerts.seenUpTo.';
/** How many recent alerts the panel lists. */
export const RECENT_LIMIT = 50;
/** In-app notifications on screen at once; older ones stay in the recent list. */
export const MAX_TOASTS = 4;
export const SUMMARY_DEBOUNCE_MS = 1_000;
/** At risk turns to breached with time alone: the count is read again every minute. */
export const SUMMARY_REFRESH_MS = 60_000;

const asAlertId = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null);

export const useAlertsStore = defineStore('alerts', () => {
  const api = useConsoleApi();

  const personId = ref<number | null>(null);
  /** Newest first. Shallow: plain alerts, replaced as a whole. */
  const recent = shallowRef<readonly Alert[]>([]);
  /** On screen, newest first. */
  const toasts = shallowRef<readonly AlertPresentation[]>([]);
  /** New items that did not fit on screen since the stack was last cleared (they are in the recent list). */
  const overflow = ref(0);
  const summary = ref<AlertSummary | null>(null);
  const preferences = ref<AlertPreferences | null>(null);
  const loaded = ref(false);
  const loadError = ref<ContractError | null>(null);
  const saving = ref(false);
  const saveError = ref<ContractError | null>(null);

  /**
   * The core's clock minus the browser's (`--now` may move the core's). Kept here rather than in
   * the console's shared clock: moving that one re-renders every countdown on screen.
   */
  const coreOffsetMs = ref(0);
  const presenters = new Set<(items: AlertPresentation[]) => void>();
  /** Alert ids shown (or muted) on this page for the current person: what a live event and the catch-up share. */
  let presentedIds = new Set<number>();
  /** Bumped when the person changes: answers for the previous person are dropped. */
  let generation = 0;
  let summaryRequests = 0;

  function call<C extends ChannelName>(channel: C, input: ChannelInput<C>, actorId: number): Promise<Result<ChannelResult<C>>> {
    return api.invoke(channel, toRaw(input), { actorId });
  }

  /** Follows the person at the console (null: nobody, e.g. on the welcome screen). */
  async function setPerson(id: number | null): Promise<void> {
    if (id === personId.value) return;
    generation += 1;
    personId.value = id;
    recent.value = [];
    toasts.value = [];
    overflow.value = 0;
    summary.value = null;
    preferences.value = null;
    loaded.value = false;
    loadError.value = null;
    presentedIds = new Set();
    if (id !== null) await load();
  }

  /** Reads the person's alerts, preferences and count, and shows what they have not seen yet. */
  async function load(): Promise<void> {
    const id = personId.value;
    if (id === null) return;
    const mine = generation;
    const seenUpTo = readStored(SEEN_KEY_PREFIX + id, asAlertId);
    const sentAt = Date.now();
    const [list, prefs, count, info] = await Promise.all([
      call('alerts.list', { limit: RECENT_LIMIT }, id),
      call('alerts.preferences', {}, id),
      call('alerts.summary', {}, id),
      api.invoke('app.info', {}),
    ]);
    if (mine !== generation) return;
    // The first visit's window and the mute presets are measured on the core's clock.
    if (info.ok) coreOffsetMs.value = Date.parse(info.value.now) - (sentAt + Date.now()) / 2;
    if (prefs.ok) preferences.value = prefs.value;
    if (count.ok) summary.value = count.value;
    takeList(id, list, seenUpTo);
  }

  /** Reads the list again and shows what was raised while events could not arrive. */
  async function catchUp(): Promise<void> {
    const id = personId.value;
    if (id === null) return;
    const mine = generation;
    const seenUpTo = readStored(SEEN_KEY_PREFIX + id, asAlertId);
    const list = await call('alerts.list', { limit: RECENT_LIMIT }, id);
    if (mine === generation) takeList(id, list, seenUpTo);
  }

  function takeList(id: number, list: Result<Alert[]>, seenUpTo: number | null): void {
    if (!list.ok) {
      loadError.value = list.error;
      return;
    }
    loadError.value = null;
    loaded.value = true;
    const listed = list.value;
    recent.value = mergeRecent(recent.value, listed, RECENT_LIMIT);
    const unseen = unseenAlerts(listed, seenUpTo, coreNow()).filter((alert) => !presentedIds.has(alert.id));
    present(unseen, digestsOf(unseen));
    // The overtaken warnings count as seen too: they are never brought up later.
    remember(id, list.value);
  }

  /** One `alerts.raised` batch: the person's share joins the recent list and, unless muted, the screen. */
  function receive(batch: AlertBatch): void {
    const id = personId.value;
    if (id === null) return;
    const mine = batchFor(batch.alerts, id);
    if (mine.length === 0) return;
    recent.value = mergeRecent(recent.value, mine, RECENT_LIMIT);
    present(
      mine.filter((alert) => !presentedIds.has(alert.id)),
      batchFor(batch.digests, id),
    );
    refreshSummarySoon();
  }

  function present(alerts: readonly Alert[], digests: AlertBatch['digests']): void {
    const id = personId.value;
    if (id === null || alerts.length === 0) return;
    const relevant = digests.filter((digest) => alerts.some((alert) => alert.kind === digest.kind && digest.caseIds.includes(alert.caseId)));
    const items = presentAlerts(alerts, relevant).filter((item) => !toasts.value.some((shown) => shown.key === item.key));
    for (const alert of alerts) presentedIds.add(alert.id);
    remember(id, alerts);
    if (items.length === 0) return;
    const stack = [...[...items].reverse(), ...toasts.value];
    overflow.value += Math.max(0, stack.length - MAX_TOASTS);
    toasts.value = stack.slice(0, MAX_TOASTS);
    for (const presenter of [...presenters]) {
      try {
        presenter(items);
      } catch (error) {
        console.error('deskwatch: an alert presenter failed', error);
      }
    }
  }

  /** The core's now, as far as this console can tell (epoch ms). */
  function coreNow(): number {
    return Date.now() + coreOffsetMs.value;
  }

  /** Remembers on this computer the newest alert the person has been shown (or that was theirs to see). */
  function remember(id: number, alerts: readonly Alert[]): void {
    if (alerts.length === 0) return;
    const newest = Math.max(...alerts.map((alert) => alert.id));
    const seen = readStored(SEEN_KEY_PREFIX + id, asAlertId);
    if (seen === null || newest > seen) writeStored(SEEN_KEY_PREFIX + id, newest);
  }

  /** Hears of every group of new items shown (for sound and Web Notifications); returns the unsubscribe. */
  function onPresent(presenter: (items: AlertPresentation[]) => void): () => void {
    presenters.add(presenter);
    return () => presenters.delete(presenter);
  }

  function dismiss(key: string): void {
    toasts.value = toasts.value.filter((item) => item.key !== key);
    if (toasts.value.length === 0) overflow.value = 0;
  }

  function dismissAll(): void {
    toasts.value = [];
    overflow.value = 0;
  }

  async function refreshSummary(): Promise<void> {
    const id = personId.value;
    if (id === null) return;
    const request = ++summaryRequests;
    const mine = generation;
    const result = await call('alerts.summary', {}, id);
    if (mine !== generation || request !== summaryRequests) return;
    if (result.ok) summary.value = result.value;
  }
  const refreshSummarySoon = debounced(() => void refreshSummary(), SUMMARY_DEBOUNCE_MS);

  async function refreshPreferences(): Promise<void> {
    const id = personId.value;
    if (id === null) return;
    const mine = generation;
    const result = await call('alerts.preferences', {}, id);
    if (mine === generation && result.ok) preferences.value = result.value;
  }

  async function savePreferences(next: AlertPreferences): Promise<boolean> {
    const id = personId.value;
    if (id === null || saving.value) return false;
    saving.value = true;
    saveError.value = null;
    const result = await call('alerts.savePreferences', { kinds: [...next.kinds], sound: next.sound, muteUntil: next.muteUntil }, id);
    saving.value = false;
    if (!result.ok) {
      saveError.value = result.error;
      return false;
    }
    preferences.value = result.value;
    return true;
  }

  /**
   * Listens for alerts and changes to the count while a console is open; returns the function
   * that stops. After the event stream was down (a restarted server), catches up from the list.
   */
  function follow(): () => void {
    const stops = [
      api.on('alerts.raised', (batch) => receive(batch)),
      api.on('cases.changed', () => refreshSummarySoon()),
    ];
    let wasDown = false;
    stops.push(
      api.onStreamState((state) => {
        if (state === 'connecting') wasDown = true;
        else if (wasDown) {
          // Also the first opening: alerts raised between the first read and the stream opening are caught here.
          wasDown = false;
          void catchUp();
        }
      }),
    );
    const ticker = setInterval(() => void refreshSummary(), SUMMARY_REFRESH_MS);
    return () => {
      for (const stop of stops) stop();
      clearInterval(ticker);
      refreshSummarySoon.cancel();
    };
  }

  return {
    personId,
    recent,
    toasts,
    overflow,
    summary,
    preferences,
    loaded,
    loadError,
    saving,
    saveError,
    setPerson,
    load,
    receive,
    onPresent,
    dismiss,
    dismissAll,
    refreshSummary,
    refreshPreferences,
    savePreferences,
    follow,
    coreOffsetMs,
    coreNow,
  };
});
