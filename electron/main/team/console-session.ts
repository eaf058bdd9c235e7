import { MAX_ID } from '../../../shared/contract';
import type { StaffMember } from '../../../shared/domain';
import { fail, type Result } from '../../../shared/result';
import { STANDALONE_SIGN_IN, type ConsoleMode, type SessionState } from '../../../shared/session';
import type { Core } from '../../core/core';
import { DomainError } from '../../core/errors';
import type { Logger } from '../../core/log/logger';

/**
 * Who sits at this console, as main knows it: what `window.deskwatch.session` answers, and the
 * actor main gives every call (the page never names one). Arguments come from the page as they
 * are, unchecked: each implementation checks them.
 */
export interface ConsoleSession {
  readonly mode: ConsoleMode;
  current(): Promise<Result<SessionState>>;
  choose(staffId: unknown): Promise<Result<SessionState>>;
  signInWithPassword(email: unknown, password: unknown): Promise<Result<SessionState>>;
  signInWithSso(): Promise<Result<SessionState>>;
  signOut(): Promise<Result<SessionState>>;
  /** The staff member calls are made as now; null before anyone chose a profile or signed in. */
  actorId(): number | null;
}

const NO_SIGN_IN = 'This console works on this computer’s database and has no sign-in: choose who you are instead.';

/**
 * A standalone console: one person, one machine. Whoever chooses a profile is who every call is
 * made as, until another is chosen or they sign out; an app restart asks again (the page offers
 * the last one, `console.lastStaff`).
 */
export class StandaloneSession implements ConsoleSession {
  readonly mode = 'standalone' as const;
  private chosen: number | null = null;

  constructor(
    private readonly core: Pick<Core, 'services'>,
    private readonly log: Logger,
  ) {}

  actorId(): number | null {
    return this.chosen;
  }

  async current(): Promise<Result<SessionState>> {
    if (this.chosen === null) return { ok: true, value: standaloneState(null) };
    const staff = await this.active(this.chosen);
    if (staff.ok) return { ok: true, value: standaloneState(staff.value) };
    if (staff.error.code === 'unavailable') return staff;
    // Made inactive (or removed) since it was chosen: nobody is at the console any more.
    this.chosen = null;
    return { ok: true, value: standaloneState(null) };
  }

  async choose(staffId: unknown): Promise<Result<SessionState>> {
    if (typeof staffId !== 'number' || !Number.isInteger(staffId) || staffId < 1 || staffId > MAX_ID) {
      return fail('invalid_input', 'Choose a staff profile (staffId must be a staff id)', 'staffId');
    }
    const staff = await this.active(staffId);
    if (!staff.ok) return staff;
    this.chosen = staff.value.id;
    return { ok: true, value: standaloneState(staff.value) };
  }

  async signInWithPassword(): Promise<Result<SessionState>> {
    return fail('forbidden', NO_SIGN_IN);
  }

  async signInWithSso(): Promise<Result<SessionState>> {
    return fail('forbidden', NO_SIGN_IN);
  }

  async signOut(): Promise<Result<SessionState>> {
    this.chosen = null;
    return { ok: true, value: standaloneState(null) };
  }

  /** The staff member if they exist and are active, else the core's refusal in its words. */
  private async active(staffId: number): Promise<Result<StaffMember>> {
    try {
      return { ok: true, value: await this.core.services.staff.requireActive(staffId) };
    } catch (error) {
      if (error instanceof DomainError) return fail(error.code, error.message, 'staffId');
      this.log.error('deskwatch: could not read the chosen staff profile', error);
      return fail('unavailable', 'The Deskwatch database cannot be reached right now; nothing was changed. Try again in a moment.');
    }
  }
}

export function standaloneState(staff: StaffMember | null): SessionState {
  return { mode: 'standalone', staff, signIn: STANDALONE_SIGN_IN, expiresAt: null, idleTimeoutMinutes: null };
}
