/**
 * The desk's email outbox as supervisors see it (`mail.outbox`, `mail.retry`). Mail is a district
 * server feature: a standalone console sends none and asks for nothing, and the screen says so.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { MailState, OutboxPage } from '../../../shared/mail';
import type { ContractError } from '../../../shared/result';
import { useSessionStore } from './session-store';

export const OUTBOX_PAGE_SIZE = 50;

export const useMailOutboxStore = defineStore('mail-outbox', () => {
  const session = useSessionStore();

  const page = ref<OutboxPage | null>(null);
  const state = ref<MailState | ''>('');
  const offset = ref(0);
  const loadError = ref<ContractError | null>(null);
  const retrying = ref<number | null>(null);
  const retryError = ref<ContractError | null>(null);

  /** Only a district server sends email (docs/mail.md); on a standalone console nothing is queued to send. */
  const sendsHere = computed(() => session.mode === 'server');

  async function load(): Promise<void> {
    if (!sendsHere.value) return;
    const result = await session.call('mail.outbox', { ...(state.value ? { state: state.value } : {}), limit: OUTBOX_PAGE_SIZE, offset: offset.value });
    if (result.ok) {
      page.value = result.value;
      loadError.value = null;
    } else {
      loadError.value = result.error;
    }
  }

  async function filter(next: MailState | ''): Promise<void> {
    state.value = next;
    offset.value = 0;
    await load();
  }

  async function turn(next: number): Promise<void> {
    offset.value = Math.max(0, next);
    await load();
  }

  /** Queues a failed message again; the list is read again to show it queued. */
  async function retry(id: number): Promise<boolean> {
    if (retrying.value !== null) return false;
    retrying.value = id;
    retryError.value = null;
    const result = await session.call('mail.retry', { id });
    retrying.value = null;
    if (!result.ok) {
      retryError.value = result.error;
      return false;
    }
    await load();
    return true;
  }

  return { page, state, offset, loadError, retrying, retryError, sendsHere, load, filter, turn, retry };
});
