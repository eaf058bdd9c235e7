/**
 * A call rings and the phone system opens `#/intake?phone=…` (in the desktop app through
 * `deskwatch://intake?phone=…`): the intake starts afresh for that number and looks the caller up.
 *
 * What the agent expects when another call pops while they are filling in an intake: the ringing
 * call comes first, and nothing typed is lost. So an unfinished intake is set aside (kept on this
 * computer like the draft itself) and offered back with one click; it is never discarded
 * without asking, and never asked about while the phone rings.
 */
import { defineStore } from 'pinia';
import { ref, toRaw } from 'vue';
import type { CallerSearchHit } from '../../../shared/contract';
import { checkIntakePhone } from '../../../shared/intake-link';
import type { ContractError } from '../../../shared/result';
import { readStored, writeStored } from '../lib/local-storage';
import { useCallerStore } from './caller-store';
import { asDraft, useIntakeStore, type IntakeDraft } from './intake-store';
import { useSessionStore } from './session-store';

export const SET_ASIDE_KEY = 'deskwatch.intakesSetAside';
/** Callers listed for one number at most. */
const LOOKUP_LIMIT = 20;

export interface SetAsideIntake {
  id: string;
  at: string;
  draft: IntakeDraft;
}

export type PhonePop =
  | { state: 'searching'; phone: string }
  | { state: 'found'; phone: string; caller: CallerSearchHit }
  | { state: 'several'; phone: string; count: number }
  | { state: 'none'; phone: string }
  | { state: 'invalid'; phone: string; reason: string }
  | { state: 'failed'; phone: string; error: ContractError };

function asSetAside(value: unknown): SetAsideIntake[] | null {
  if (!Array.isArray(value)) return null;
  return value.flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { id, at, draft } = entry as Record<string, unknown>;
    const parsed = asDraft(draft);
    return typeof id === 'string' && typeof at === 'string' && parsed ? [{ id, at, draft: parsed }] : [];
  });
}

/** Who and what an intake set aside was about, for the button that brings it back. */
export function setAsideLabel(item: SetAsideIntake): string {
  const who = item.draft.caller?.name ?? (item.draft.callerName.trim() || item.draft.callerQuery.trim() || 'unknown caller');
  const what = item.draft.summary.trim();
  return what ? `${who}: “${what}”` : who;
}

export const usePhonePopStore = defineStore('phone-pop', () => {
  const session = useSessionStore();
  const intake = useIntakeStore();
  const callers = useCallerStore();

  const current = ref<PhonePop | null>(null);
  const setAside = ref<SetAsideIntake[]>(readStored(SET_ASIDE_KEY, asSetAside) ?? []);
  let asked = 0;

  function save(): void {
    writeStored(SET_ASIDE_KEY, setAside.value);
  }

  function setAsideCurrent(): void {
    if (intake.isEmpty) return;
    const draft = structuredClone(toRaw(intake.draft)) as IntakeDraft;
    setAside.value = [...setAside.value, { id: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, at: new Date().toISOString(), draft }];
    save();
  }

  /** A call from `raw` rang: a fresh intake, the caller looked up by number. */
  async function pop(raw: string): Promise<void> {
    const ticket = ++asked;
    const checked = checkIntakePhone(raw);
    if (!checked.ok) {
      current.value = { state: 'invalid', phone: raw.slice(0, 40), reason: checked.reason };
      return;
    }
    const phone = checked.phone;
    // The same call popped twice (a repeated link, a reload): the intake already under way for it stays.
    const samePop = current.value && 'phone' in current.value && current.value.phone === phone && current.value.state !== 'invalid';
    if (samePop && (intake.draft.callbackNumber === phone || intake.draft.caller !== null || intake.draft.callerQuery === phone)) return;
    setAsideCurrent();
    intake.discard();
    callers.clearSearch();
    intake.draft.callbackNumber = phone;
    current.value = { state: 'searching', phone };
    const result = await session.call('callers.search', { query: phone, limit: LOOKUP_LIMIT });
    if (ticket !== asked) return;
    if (!result.ok) {
      current.value = { state: 'failed', phone, error: result.error };
      return;
    }
    const found = result.value.callers;
    if (found.length === 1 && result.value.total === 1) {
      intake.chooseCaller(found[0] as CallerSearchHit);
      // The number the call came from is the one to call back on, whatever the directory says.
      intake.draft.callbackNumber = phone;
      current.value = { state: 'found', phone, caller: found[0] as CallerSearchHit };
    } else if (found.length > 1) {
      intake.draft.callerQuery = phone;
      callers.setQuery(phone);
      current.value = { state: 'several', phone, count: result.value.total };
    } else {
      current.value = { state: 'none', phone };
    }
    // The intake screen takes the agent to the caller (or the search listing them).
    intake.startNew();
  }

  /** Back to an intake set aside; the one on screen, if anything was typed, is set aside in its place. */
  function resume(id: string): void {
    const item = setAside.value.find((entry) => entry.id === id);
    if (!item) return;
    setAside.value = setAside.value.filter((entry) => entry.id !== id);
    setAsideCurrent();
    intake.discard();
    callers.clearSearch();
    Object.assign(intake.draft, item.draft);
    current.value = null;
    save();
  }

  function forget(id: string): void {
    setAside.value = setAside.value.filter((entry) => entry.id !== id);
    save();
  }

  function dismiss(): void {
    current.value = null;
  }

  return { current, setAside, pop, resume, forget, dismiss };
});
