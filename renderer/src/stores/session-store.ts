/**
 * Who is at the console. The chosen staff member is remembered by id in this browser and by the
 * core (`console.rememberStaff`): the browser mode gets a new origin, and so an empty browser
 * storage, whenever it starts on a new port, and the core's memory lets it skip asking again.
 * Every contract call made on their behalf carries the id as `meta.actorId` (see `call`).
 */
import { defineStore } from 'pinia';
import { computed, ref, toRaw } from 'vue';
import type { ChannelName } from '../../../shared/channel-names';
import type { ChannelInput, ChannelResult, InvokeMeta } from '../../../shared/contract';
import type { StaffMember, StaffRole } from '../../../shared/domain';
import type { ContractError, Result } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { forgetStored, readStored, writeStored } from '../lib/local-storage';

export const CURRENT_STAFF_KEY = 'deskwatch.currentStaffId';

const asStaffId = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;

export const useSessionStore = defineStore('session', () => {
  const api = useConsoleApi();

  const staff = ref<StaffMember[]>([]);
  const currentId = ref<number | null>(readStored(CURRENT_STAFF_KEY, asStaffId));
  const loaded = ref(false);
  const loadError = ref<ContractError | null>(null);
  const creating = ref(false);
  const createError = ref<ContractError | null>(null);
  let firstLoad: Promise<void> | null = null;

  const activeStaff = computed(() => staff.value.filter((member) => member.active));
  /** Null until the staff list confirms the remembered profile still exists and is active. */
  const current = computed(() => activeStaff.value.find((member) => member.id === currentId.value) ?? null);

  /** A contract call made by the person at the console: their id travels as meta, the input as a plain object. */
  function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelResult<C>>> {
    const meta: InvokeMeta = currentId.value === null ? {} : { actorId: currentId.value };
    return api.invoke(channel, toRaw(input), meta);
  }

  async function load(): Promise<boolean> {
    // Sent without an actor: this is the call that tells whether the remembered profile is still valid.
    const result = await api.invoke('staff.list', {});
    if (!result.ok) {
      loadError.value = result.error;
      return false;
    }
    loadError.value = null;
    staff.value = result.value;
    if (currentId.value === null) await recallFromCore();
    loaded.value = true;
    if (currentId.value !== null && !current.value) forget();
    return true;
  }

  /** The first load, shared by everyone who needs it (the router's guard); retried after a failure. */
  function ensureLoaded(): Promise<void> {
    firstLoad ??= load().then((ok) => {
      if (!ok) firstLoad = null;
    });
    return firstLoad;
  }

  /** Nobody remembered in this browser: the person the core says sat at this console last, if still active. */
  async function recallFromCore(): Promise<void> {
    const last = await api.invoke('console.lastStaff', {});
    if (!last.ok || last.value.staffId === null || currentId.value !== null) return;
    const id = last.value.staffId;
    if (staff.value.some((member) => member.id === id && member.active)) {
      currentId.value = id;
      writeStored(CURRENT_STAFF_KEY, id);
    }
  }

  function choose(id: number): boolean {
    if (!activeStaff.value.some((member) => member.id === id)) return false;
    currentId.value = id;
    writeStored(CURRENT_STAFF_KEY, id);
    rememberInCore(id);
    return true;
  }

  function forget(): void {
    currentId.value = null;
    forgetStored(CURRENT_STAFF_KEY);
    rememberInCore(null);
  }

  /** Best effort: if the core cannot keep it, the person is only asked again after a restart. */
  function rememberInCore(id: number | null): void {
    void api.invoke('console.rememberStaff', { staffId: id }).then(
      () => undefined,
      () => undefined,
    );
  }

  /** Creates a profile and makes it the one at the console. */
  async function createProfile(profile: { name: string; role: StaffRole }): Promise<StaffMember | null> {
    if (creating.value) return null;
    creating.value = true;
    createError.value = null;
    const result = await call('staff.create', { name: profile.name, role: profile.role });
    creating.value = false;
    if (!result.ok) {
      createError.value = result.error;
      return null;
    }
    staff.value = [...staff.value.filter((member) => member.id !== result.value.id), result.value].sort(byName);
    choose(result.value.id);
    return result.value;
  }

  /** Keeps the profile list current while a screen shows it (another console may add one). */
  function followStaff(): () => void {
    return api.on('staff.changed', () => void load());
  }

  return {
    staff,
    activeStaff,
    currentId,
    current,
    loaded,
    loadError,
    creating,
    createError,
    call,
    load,
    ensureLoaded,
    choose,
    forget,
    createProfile,
    followStaff,
  };
});

function byName(a: StaffMember, b: StaffMember): number {
  return a.name.localeCompare(b.name) || a.id - b.id;
}
