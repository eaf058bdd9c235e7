/**
 * Who is at the console, as the transport's session says (`api.session`): every call is made as
 * that person by the transport itself, never by naming them in a call.
 *
 * A standalone console (one person, one machine) is whoever chose a profile at it. So that a
 * reload, a restarted browser mode (a new port: an empty browser storage) or a restarted desktop
 * app need not ask again, the choice is remembered in this browser and by the core
 * (`console.rememberStaff`); with nobody chosen, the first load chooses the remembered person.
 * A district server's console is whoever signed in (single sign-on or a local account); when
 * that session ends by itself (expired, idle), the transport says so and `signedOutNotice` tells
 * the person why they are asked to sign in again.
 *
 * What the person may do is `can(channel)`: the contract's one access rule (shared/access.ts).
 */
import { defineStore } from 'pinia';
import { computed, ref, toRaw } from 'vue';
import { mayCall } from '../../../shared/access';
import type { ChannelName } from '../../../shared/channel-names';
import type { ChannelInput, ChannelResult } from '../../../shared/contract';
import type { StaffMember, StaffRole } from '../../../shared/domain';
import type { ContractError, Result } from '../../../shared/result';
import { STANDALONE_SIGN_IN, type ConsoleMode, type SessionState, type SignInOptions } from '../../../shared/session';
import { useConsoleApi } from '../api/console-api';
import { forgetStored, readStored, writeStored } from '../lib/local-storage';

export const CURRENT_STAFF_KEY = 'deskwatch.currentStaffId';

const asStaffId = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;

export const useSessionStore = defineStore('session', () => {
  const api = useConsoleApi();

  /** The transport's last answer; null until the first one. */
  const session = ref<SessionState | null>(null);
  const staff = ref<StaffMember[]>([]);
  const loaded = ref(false);
  const loadError = ref<ContractError | null>(null);
  const creating = ref(false);
  const createError = ref<ContractError | null>(null);
  const chooseError = ref<ContractError | null>(null);
  const signingIn = ref(false);
  const signInError = ref<ContractError | null>(null);
  const signingOut = ref(false);
  const signOutError = ref<ContractError | null>(null);
  /** Why the person is asked to sign in (or choose) again, when their session ended by itself. */
  const signedOutNotice = ref<string | null>(null);
  let firstLoad: Promise<void> | null = null;
  /**
   * Bumped whenever the session changes here (chosen, signed in or out, ended): a read of the
   * session asked before that answers for the previous person and is dropped.
   */
  let generation = 0;

  /** Null until the transport first answered (a failed first load leaves it unknown). */
  const mode = computed<ConsoleMode | null>(() => session.value?.mode ?? null);
  const current = computed<StaffMember | null>(() => session.value?.staff ?? null);
  const currentId = computed<number | null>(() => current.value?.id ?? null);
  const signIn = computed<SignInOptions>(() => session.value?.signIn ?? STANDALONE_SIGN_IN);
  const activeStaff = computed(() => staff.value.filter((member) => member.active));

  /** Whether the person here may take an action: the contract's rule, read, never restated. Unknown mode counts as a server (the stricter). */
  function can(channel: ChannelName): boolean {
    return mayCall(channel, current.value?.role ?? null, mode.value ?? 'server');
  }

  /** A contract call made by the person at the console (the transport knows who): the input as a plain object. */
  function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelResult<C>>> {
    return api.invoke(channel, toRaw(input));
  }

  api.onSignedOut((why) => {
    generation += 1;
    if (session.value) session.value = { ...session.value, staff: null };
    signedOutNotice.value = why.message;
  });

  /** A session the person just changed (chose, signed in or out): it replaces whatever was being read. */
  function take(state: SessionState): void {
    generation += 1;
    session.value = state;
    if (state.staff) signedOutNotice.value = null;
  }

  /**
   * Reads who the session is and the staff list. `recall`: on a standalone console with nobody
   * chosen, choose the person remembered here or by the core (only at start: after a session
   * ended, the person chooses again).
   */
  async function load(options: { recall?: boolean } = {}): Promise<boolean> {
    const asked = generation;
    const answered = await api.session.current();
    if (!answered.ok) {
      loadError.value = answered.error;
      return false;
    }
    // Someone chose or signed in meanwhile (a profile created just now): their session stands.
    if (asked === generation) {
      session.value = answered.value;
      if (answered.value.staff) signedOutNotice.value = null;
    }
    // A server lists its staff to people signed in only.
    if (answered.value.mode === 'server' && !current.value) {
      staff.value = [];
    } else {
      const listed = await api.invoke('staff.list', {});
      if (!listed.ok) {
        loadError.value = listed.error;
        return false;
      }
      staff.value = listed.value;
    }
    loadError.value = null;
    if (options.recall && answered.value.mode === 'standalone' && !current.value) await recall();
    loaded.value = true;
    return true;
  }

  /** The first load, shared by everyone who needs it (the router's guard); retried after a failure. */
  function ensureLoaded(): Promise<void> {
    firstLoad ??= load({ recall: true }).then((ok) => {
      if (!ok) firstLoad = null;
    });
    return firstLoad;
  }

  /** Nobody chosen yet: the person this browser remembers, else the one the core says sat here last, if still active. */
  async function recall(): Promise<void> {
    const isActive = (id: number | null) => id !== null && activeStaff.value.some((member) => member.id === id);
    const remembered = readStored(CURRENT_STAFF_KEY, asStaffId);
    // A profile removed or made inactive since: this browser forgets it (the core's memory is its own).
    if (remembered !== null && !isActive(remembered)) forgetStored(CURRENT_STAFF_KEY);
    let id = isActive(remembered) ? remembered : null;
    if (id === null) {
      const last = await api.invoke('console.lastStaff', {});
      id = last.ok && isActive(last.value.staffId) ? last.value.staffId : null;
    }
    if (id !== null && !current.value) await choose(id);
  }

  /** Standalone: act as this profile from now on (the transport's session changes; a server refuses it). */
  async function choose(id: number): Promise<boolean> {
    chooseError.value = null;
    if (mode.value === 'server' || !activeStaff.value.some((member) => member.id === id)) return false;
    const result = await api.session.choose(id);
    if (!result.ok) {
      chooseError.value = result.error;
      return false;
    }
    take(result.value);
    writeStored(CURRENT_STAFF_KEY, id);
    rememberInCore(id);
    return true;
  }

  /** Standalone: nobody at this console any more, here and in the core's memory: the next start asks again. */
  async function forget(): Promise<void> {
    forgetStored(CURRENT_STAFF_KEY);
    rememberInCore(null);
    await signOut();
  }

  /** Best effort: if the core cannot keep it, the person is only asked again after a restart. */
  function rememberInCore(id: number | null): void {
    void api.invoke('console.rememberStaff', { staffId: id }).then(
      () => undefined,
      () => undefined,
    );
  }

  /** Creates a profile (standalone: anyone may) and makes it the one at the console. */
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
    await choose(result.value.id);
    return result.value;
  }

  /** After signing in, the person's staff list (it is not read for nobody). */
  async function signedIn(result: Result<SessionState>): Promise<boolean> {
    if (!result.ok) {
      signInError.value = result.error;
      return false;
    }
    take(result.value);
    if (!result.value.staff) {
      signInError.value = { code: 'unauthenticated', message: 'The server did not sign you in. Try again.' };
      return false;
    }
    const listed = await api.invoke('staff.list', {});
    if (listed.ok) staff.value = listed.value;
    loaded.value = true;
    loadError.value = null;
    return true;
  }

  /** A local account on a district server. */
  async function signInWithPassword(email: string, password: string): Promise<boolean> {
    if (signingIn.value) return false;
    signingIn.value = true;
    signInError.value = null;
    try {
      return await signedIn(await api.session.signInWithPassword(email, password));
    } finally {
      signingIn.value = false;
    }
  }

  /** The district's single sign-on: in a browser the page leaves for it (this never settles); the desktop app waits for it. */
  async function signInWithSso(): Promise<boolean> {
    if (signingIn.value) return false;
    signingIn.value = true;
    signInError.value = null;
    try {
      return await signedIn(await api.session.signInWithSso());
    } finally {
      signingIn.value = false;
    }
  }

  async function signOut(): Promise<boolean> {
    if (signingOut.value) return false;
    signingOut.value = true;
    signOutError.value = null;
    const result = await api.session.signOut();
    signingOut.value = false;
    if (!result.ok) {
      signOutError.value = result.error;
      return false;
    }
    take(result.value);
    signedOutNotice.value = null;
    if (result.value.mode === 'server') staff.value = [];
    return true;
  }

  /** Keeps the profile list (and the person's own role) current while a screen shows it. */
  function followStaff(): () => void {
    return api.on('staff.changed', () => void load());
  }

  return {
    session,
    mode,
    signIn,
    staff,
    activeStaff,
    currentId,
    current,
    loaded,
    loadError,
    creating,
    createError,
    chooseError,
    signingIn,
    signInError,
    signingOut,
    signOutError,
    signedOutNotice,
    can,
    call,
    load,
    ensureLoaded,
    choose,
    forget,
    createProfile,
    signInWithPassword,
    signInWithSso,
    signOut,
    followStaff,
  };
});

function byName(a: StaffMember, b: StaffMember): number {
  return a.name.localeCompare(b.name) || a.id - b.id;
}
