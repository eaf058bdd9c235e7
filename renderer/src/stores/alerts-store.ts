/**
 * The alerts of the person at the console. The core raises `alerts.raised` with every recipient's
 * alerts; this store keeps the ones for the person here: the recent list (`alerts.list`, muted ones
 * included), the in-app notifications on screen (muted ones never), their tray count
 * (`alerts.summary`) and their preferences.
 *
 * A console that was closed (or whose event stream was down) when alerts were raised catches up
 * from `alerts.list`: whatever the person has not been shown yet is shown once, with the alerts
 * that fell due while Deskwatch was closed folded into one digest per kind. What the person has
 * seen and dismissed is kept by the core (`alerts.markSeen`, `alerts.dismiss`), not by this
 * browser: a reload, a restarted browser mode on a new port, or another browser repeats nothing,
 * and what is seen or dismissed on one console leaves the person's other consoles too.
 *
 * Sound and Web Notifications are the page's business, not the store's: screens register with
 * `onPresent` to hear of each group of new items.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef, toRaw } from 'vue';
import type { Alert, AlertBatch, AlertPreferences, AlertReadState, AlertSummary } from '../../../shared/alerts';
import type { ChannelName } from '../../../shared/channel-names';
import type { ChannelInput, ChannelResult } from '../../../shared/contract';
import type { ContractError, Result } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import {
  batchFor,
  digestsOf,
  mergeRecent,
  presentAlerts,
  unseenAlerts,
  type AlertPresentation,
} from '../components/alerts/alert-presentation';
import { debounced } from './latest-only';

/** How many recent alerts the panel lists. */
export const RECENT_LIMIT = 50;
/** In-app notifications on screen at once; older ones stay in the recent list. */
export const MAX_TOASTS = 4;
export const SUMMARY_DEBOUNCE_MS = 1_000;
/** The most alert ids one seen or dismissed call carries (the contract's limit). */
const READ_BATCH = 500;
/** At risk turns to breached with time alone: the count is read again every minute. */
export const SUMMARY_REFRESH_MS = 60_000;

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
  /** Alert ids already sent to the core as seen (or answered seen by it). */
  let markedSeen = new Set<number>();
  /** Bumped when the person changes: answers for the previous person are dropped. */
  let generation = 0;
  let summaryRequests = 0;

  /** The transport's session says who calls; `personId` only keys what this page keeps for them. */
  function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelResult<C>>> {
    return api.invoke(channel, toRaw(input));
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
    markedSeen = new Set();
    if (id !== null) await load();
  }

  /** Reads the person's alerts, preferences and count, and shows what they have not seen yet. */
  async function load(): Promise<void> {
    const id = personId.value;
    if (id === null) return;
    const mine = generation;
    const sentAt = Date.now();
    const [list, prefs, count, info] = await Promise.all([
      call('alerts.list', { limit: RECENT_LIMIT }),
      call('alerts.preferences', {}),
      call('alerts.summary', {}),
      api.invoke('app.info', {}),
    ]);
    if (mine !== generation) return;
    // The first visit's window and the mute presets are measured on the core's clock.
    if (info.ok) coreOffsetMs.value = Date.parse(info.value.now) - (sentAt + Date.now()) / 2;
    if (prefs.ok) preferences.value = prefs.value;
    if (count.ok) summary.value = count.value;
    takeList(id, list);
  }

  /** Reads the list again and shows what was raised while events could not arrive. */
  async function catchUp(): Promise<void> {
    const id = personId.value;
    if (id === null) return;
    const mine = generation;
    const list = await call('alerts.list', { limit: RECENT_LIMIT });
    if (mine === generation) takeList(id, list);
  }

  function takeList(id: number, list: Result<Alert[]>): void {
    if (!list.ok) {
      loadError.value = list.error;
      return;
    }
    loadError.value = null;
    loaded.value = true;
    const listed = list.value;
    recent.value = mergeRecent(recent.value, listed, RECENT_LIMIT);
    const unseen = unseenAlerts(listed, coreNow()).filter((alert) => !presentedIds.has(alert.id));
    present(unseen, digestsOf(unseen));
    // Older unseen ones (and muted ones) count as seen too: they are never brought up later.
    markSeen(id, listed);
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
    markSeen(id, alerts);
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

  /** Tells the core the person has been shown these (or they were theirs to see); already seen ones are not sent again. */
  function markSeen(id: number, alerts: readonly Alert[]): void {
    const ids = alerts.filter((alert) => alert.seenAt === null && !markedSeen.has(alert.id)).map((alert) => alert.id);
    if (ids.length === 0) return;
    for (const alertId of ids) markedSeen.add(alertId);
    void sendRead('alerts.markSeen', id, ids);
  }

  /** Sends seen or dismissed marks, at most 500 at once, and takes the core's answer into the recent list. */
  async function sendRead(channel: 'alerts.markSeen' | 'alerts.dismiss', id: number, ids: readonly number[]): Promise<void> {
    const mine = generation;
    for (let i = 0; i < ids.length; i += READ_BATCH) {
      const result = await call(channel, { ids: ids.slice(i, i + READ_BATCH) });
      if (mine !== generation) return;
      // A failed mark is not retried: at worst the alert is shown once more on the next start.
      if (result.ok) takeRead(result.value);
    }
  }

  /** Alerts whose seen or dismissed state changed (here or on another console): updated in the list; dismissed ones leave the screen. */
  function takeRead(changed: readonly AlertReadState[]): void {
    if (changed.length === 0) return;
    const byId = new Map(changed.map((state) => [state.id, state]));
    recent.value = recent.value.map((alert) => {
      const state = byId.get(alert.id);
      return state ? { ...alert, seenAt: state.seenAt, dismissedAt: state.dismissedAt } : alert;
    });
    for (const alert of changed) {
      presentedIds.add(alert.id);
      markedSeen.add(alert.id);
    }
    const dismissed = new Set(changed.filter((alert) => alert.dismissedAt !== null).map((alert) => alert.id));
    const left = toasts.value.filter((item) => !item.alertIds.every((alertId) => dismissed.has(alertId)));
    if (left.length !== toasts.value.length) {
      toasts.value = left;
      if (left.length === 0) overflow.value = 0;
    }
  }

  /** Hears of every group of new items shown (for sound and Web Notifications); returns the unsubscribe. */
  function onPresent(presenter: (items: AlertPresentation[]) => void): () => void {
    presenters.add(presenter);
    return () => presenters.delete(presenter);
  }

  /** The person dismissed one item on screen: the core keeps it, so no console shows it again. */
  function dismiss(key: string): void {
    const item = toasts.value.find((shown) => shown.key === key);
    toasts.value = toasts.value.filter((shown) => shown.key !== key);
    if (toasts.value.length === 0) overflow.value = 0;
    if (item) sendDismiss(item.alertIds);
  }

  /**
   * Takes an item off the screen without dismissing it (it folded into the Alerts button after a
   * few seconds, or is not for this person to act on): it is seen, and stays in the recent list.
   */
  function fold(key: string): void {
    toasts.value = toasts.value.filter((shown) => shown.key !== key);
    if (toasts.value.length === 0) overflow.value = 0;
  }

  function dismissAll(): void {
    const ids = toasts.value.flatMap((item) => item.alertIds);
    toasts.value = [];
    overflow.value = 0;
    sendDismiss(ids);
  }

  function sendDismiss(ids: readonly number[]): void {
    const id = personId.value;
    if (id !== null && ids.length > 0) void sendRead('alerts.dismiss', id, [...new Set(ids)]);
  }

  async function refreshSummary(): Promise<void> {
    const id = personId.value;
    if (id === null) return;
    const request = ++summaryRequests;
    const mine = generation;
    const result = await call('alerts.summary', {});
    if (mine !== generation || request !== summaryRequests) return;
    if (result.ok) summary.value = result.value;
  }
  const refreshSummarySoon = debounced(() => void refreshSummary(), SUMMARY_DEBOUNCE_MS);

  async function refreshPreferences(): Promise<void> {
    const id = personId.value;
    if (id === null) return;
    const mine = generation;
    const result = await call('alerts.preferences', {});
    if (mine === generation && result.ok) preferences.value = result.value;
  }

  async function savePreferences(next: AlertPreferences): Promise<boolean> {
    const id = personId.value;
    if (id === null || saving.value) return false;
    saving.value = true;
    saveError.value = null;
    const result = await call('alerts.savePreferences', { kinds: [...next.kinds], sound: next.sound, muteUntil: next.muteUntil });
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
      api.on('alerts.read', (change) => {
        if (change.recipientId === personId.value) takeRead(change.alerts);
      }),
      api.on('cases.changed', () => refreshSummarySoon()),
    ];
    let wasDown = false;
    stops.push(
      api.onStreamState((state) => {
        // Also while the core reconnects to the database: alerts other consoles raised meanwhile were not heard.
        if (state !== 'open') wasDown = true;
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
    fold,
    dismissAll,
    refreshSummary,
    refreshPreferences,
    savePreferences,
    follow,
    coreOffsetMs,
    coreNow,
  };
});
