/**
 * Who is signed in to the Tech Support Center, shared by every page of it. One client for the
 * page's life; a 401 from any call turns the page back to the sign-in screen, wherever the
 * employee was, and signing in brings them back to the same place.
 */
import { computed, reactive, readonly } from 'vue';
import type { ContractError } from '../../../shared/result';
import type { DeskContact, EmployeeProfile } from '../../../shared/support';
import { createSupportClient, type SupportClient } from './api';
import { clearDraft } from './request-draft';

interface SessionState {
  phase: 'loading' | 'ready' | 'failed';
  employee: EmployeeProfile | null;
  /** The sign-in button's words ("Sign in with Lakeside ISD"); null when the server has no single sign-on set up. */
  ssoLabel: string | null;
  /** How to call the desk, as the server says; null until the session was read. */
  desk: DeskContact | null;
  /** Why the session could not be read (phase 'failed'). */
  problem: ContractError | null;
  /** Said on the sign-in screen: the session ended, or the employee signed out. */
  notice: string | null;
}

const state = reactive<SessionState>({ phase: 'loading', employee: null, ssoLabel: null, desk: null, problem: null, notice: null });

let client: SupportClient | null = null;

function signedOut(notice: string): void {
  if (state.employee) state.notice = notice;
  state.employee = null;
}

export function supportClient(): SupportClient {
  client ??= createSupportClient({
    fetch: (url, init) => window.fetch(url, init),
    onSignedOut: () => signedOut('Your session ended. Sign in again to continue; a request you were writing is kept.'),
  });
  return client;
}

export async function loadSession(): Promise<void> {
  state.phase = 'loading';
  const result = await supportClient().session();
  if (!result.ok) {
    state.problem = result.error;
    state.phase = 'failed';
    return;
  }
  state.employee = result.value.employee;
  state.ssoLabel = result.value.signIn.sso?.label ?? null;
  state.desk = result.value.desk;
  state.problem = null;
  state.phase = 'ready';
}

export async function signOut(): Promise<ContractError | null> {
  const result = await supportClient().signOut();
  if (!result.ok && result.error.code !== 'unauthenticated') return result.error;
  clearDraft();
  signedOut('You are signed out.');
  return null;
}

/** Where the sign-in link goes: the district's sign-in, then back to this very page and route. */
export function signInHref(): string {
  return supportClient().signInUrl(`${window.location.pathname}${window.location.hash}`);
}

export function useSupportSession() {
  return {
    state: readonly(state),
    signedIn: computed(() => state.employee !== null),
  };
}
