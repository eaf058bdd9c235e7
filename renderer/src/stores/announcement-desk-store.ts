/**
 * The Announcements screen: the list (current or all; agents see published ones only, as the core
 * decides), one announcement with what may be done to it, the drafts whose notice deadline has
 * passed (supervisors), and the desk's notice setting. Everything is read again on
 * `announcements.changed`, so a change made at another console shows here too.
 *
 * Who may do what is the contract's rule (`session.can`); what an announcement allows (publishing
 * a draft, closing a published one) follows from its state, which the core sends.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Announcement, AnnouncementReminder, AnnouncementSettings, OutageResolution } from '../../../shared/announcements';
import type { ChannelInput } from '../../../shared/contract';
import type { ContractError } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { followChanges } from './follow-changes';
import { serialRefresh } from './refresh-queue';
import { useSessionStore } from './session-store';

export type AnnouncementScope = 'current' | 'all';
export type AnnouncementDraft = Omit<ChannelInput<'announcements.save'>, 'id' | 'version'>;

/** The one action in flight on the shown announcement, so its buttons wait and its error shows beside it. */
export type AnnouncementAction = 'save' | 'publish' | 'update' | 'close' | 'resolve' | 'settings';

export const useAnnouncementDeskStore = defineStore('announcement-desk', () => {
  const api = useConsoleApi();
  const session = useSessionStore();

  const scope = ref<AnnouncementScope>('all');
  const list = ref<Announcement[]>([]);
  const listLoaded = ref(false);
  const listError = ref<ContractError | null>(null);

  const reminders = ref<AnnouncementReminder[]>([]);
  const settings = ref<AnnouncementSettings | null>(null);

  /** The announcement the detail or edit screen shows; null until read. */
  const shown = ref<Announcement | null>(null);
  const shownId = ref<number | null>(null);
  const shownError = ref<ContractError | null>(null);
  const resolution = ref<OutageResolution | null>(null);

  const busy = ref<AnnouncementAction | null>(null);
  /**
   * The last change made here to the shown announcement, for the screen to say. Kept in the store:
   * the form that made it may be gone by then (publishing removes the publish form).
   */
  const lastChange = ref<{ action: AnnouncementAction; id: number } | null>(null);
  const actionError = ref<{ action: AnnouncementAction; error: ContractError } | null>(null);

  const mayWrite = computed(() => session.can('announcements.save'));
  const mayPostUpdate = computed(() => session.can('announcements.addUpdate'));
  const mayResolveOutage = computed(() => session.can('announcements.resolveOutage'));
  const mayChangeSettings = computed(() => session.can('announcements.saveSettings'));

  function errorOf(action: AnnouncementAction): ContractError | null {
    return actionError.value?.action === action ? actionError.value.error : null;
  }

  async function loadList(): Promise<void> {
    const result = await session.call('announcements.list', { scope: scope.value });
    if (result.ok) {
      list.value = result.value;
      listLoaded.value = true;
      listError.value = null;
    } else {
      listError.value = result.error;
    }
  }

  async function loadReminders(): Promise<void> {
    // Drafts are supervisors' business: nobody else is asked (the core would refuse them).
    if (!session.can('announcements.reminders')) {
      reminders.value = [];
      return;
    }
    const result = await session.call('announcements.reminders', {});
    if (result.ok) reminders.value = result.value;
  }

  async function loadSettings(): Promise<void> {
    const result = await session.call('announcements.settings', {});
    if (result.ok) settings.value = result.value;
  }

  async function loadShown(): Promise<void> {
    const id = shownId.value;
    if (id === null) return;
    const result = await session.call('announcements.get', { id });
    if (shownId.value !== id) return;
    if (result.ok) {
      shown.value = result.value;
      shownError.value = null;
    } else {
      shownError.value = result.error;
    }
  }

  const refresh = serialRefresh(async () => {
    await Promise.all([loadList(), loadReminders(), loadSettings(), loadShown()]);
  });

  /** Keeps the screen current while it shows; returns the function that stops. */
  function follow(): () => void {
    return followChanges(api, ['announcements.changed'], () => void refresh());
  }

  async function chooseScope(next: AnnouncementScope): Promise<void> {
    scope.value = next;
    await loadList();
  }

  /** Shows one announcement (null: none); what another showed before is forgotten. */
  async function show(id: number | null): Promise<void> {
    if (id !== shownId.value) {
      shown.value = null;
      shownError.value = null;
      resolution.value = null;
      actionError.value = null;
      lastChange.value = null;
    }
    shownId.value = id;
    await loadShown();
  }

  /** Runs one change; the answer replaces the shown announcement. Null when refused (the error is kept for the action). */
  async function act<T>(action: AnnouncementAction, run: () => Promise<{ ok: true; value: T } | { ok: false; error: ContractError }>): Promise<T | null> {
    if (busy.value) return null;
    busy.value = action;
    actionError.value = null;
    try {
      const result = await run();
      if (!result.ok) {
        actionError.value = { action, error: result.error };
        return null;
      }
      if (action !== 'save' && action !== 'settings' && shownId.value !== null) lastChange.value = { action, id: shownId.value };
      return result.value;
    } finally {
      busy.value = null;
    }
  }

  function take(a: Announcement): Announcement {
    if (shownId.value === a.id || shownId.value === null) {
      shownId.value = a.id;
      shown.value = a;
    }
    void loadList();
    void loadReminders();
    return a;
  }

  /** A new draft (no `id`) or a change to one (with the version edited). */
  async function save(draft: AnnouncementDraft, editing?: { id: number; version: number }): Promise<Announcement | null> {
    const saved = await act('save', () => session.call('announcements.save', { ...draft, ...(editing ?? {}) }));
    return saved ? take(saved) : null;
  }

  async function publish(a: Announcement, outsideWindowReason: string): Promise<Announcement | null> {
    const reason = outsideWindowReason.trim();
    const published = await act('publish', () => session.call('announcements.publish', { id: a.id, version: a.version, ...(reason ? { outsideWindowReason: reason } : {}) }));
    return published ? take(published) : null;
  }

  async function postUpdate(a: Announcement, text: string): Promise<Announcement | null> {
    const updated = await act('update', () => session.call('announcements.addUpdate', { id: a.id, text }));
    return updated ? take(updated) : null;
  }

  async function close(a: Announcement): Promise<Announcement | null> {
    const closed = await act('close', () => session.call('announcements.close', { id: a.id, version: a.version }));
    return closed ? take(closed) : null;
  }

  async function resolveOutage(a: Announcement, note: string): Promise<OutageResolution | null> {
    const done = await act('resolve', () => session.call('announcements.resolveOutage', { id: a.id, version: a.version, note }));
    if (!done) return null;
    resolution.value = done;
    take(done.announcement);
    return done;
  }

  /** `distributionList`: an address, or '' to email each affected employee instead. */
  async function saveSettings(noticeBusinessDays: number, distributionList: string): Promise<boolean> {
    const saved = await act('settings', () => session.call('announcements.saveSettings', { noticeBusinessDays, distributionList: distributionList.trim() || null }));
    if (!saved) return false;
    settings.value = saved;
    // The notice deadlines (and so the reminders) move with the setting.
    void refresh();
    return true;
  }

  function clearError(): void {
    actionError.value = null;
  }

  return {
    scope,
    list,
    listLoaded,
    listError,
    reminders,
    settings,
    shown,
    shownError,
    resolution,
    busy,
    lastChange,
    mayWrite,
    mayPostUpdate,
    mayResolveOutage,
    mayChangeSettings,
    errorOf,
    refresh,
    follow,
    chooseScope,
    show,
    save,
    publish,
    postUpdate,
    close,
    resolveOutage,
    saveSettings,
    clearError,
  };
});
