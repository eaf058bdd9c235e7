import type { StaffMember } from '../../../shared/domain';
import { fail, type Result } from '../../../shared/result';
import type { SessionState } from '../../../shared/session';
import type { Logger } from '../../core/log/logger';
import type { RemoteCore, SignedIn } from '../../remote';
import type { ConsoleSession } from './console-session';
import { signInThroughBrowser, type LoopbackSignInOptions } from './loopback-sign-in';
import type { TokenStore } from './token-store';

export interface TeamSessionOptions {
  remote: RemoteCore;
  tokens: Pick<TokenStore, 'save' | 'clear'>;
  /** Opens the district sign-in in the system browser (main's one `shell.openExternal`); answers whether it could. */
  openExternal: (url: string) => boolean | Promise<boolean>;
  log: Logger;
  /** The browser sign-in (tests shorten its timeout). */
  signInThroughBrowser?: <T>(options: LoopbackSignInOptions<T>) => Promise<Result<T>>;
  /** Told when someone signs in, out, or the server ends the session (the tray follows the person). */
  onChange?: (staff: StaffMember | null) => void;
}

/** Longest email and password the console sends on (the server's own limits are its business; this only keeps IPC small). */
const MAX_EMAIL = 320;
const MAX_PASSWORD = 1_024;

/**
 * The console in team mode: the district server signs people in, and every call carries that
 * session's token. Main keeps the token (encrypted on disk where the system can, see TokenStore)
 * and answers the page the session without it: a page never holds a credential it could leak.
 */
export class TeamSession implements ConsoleSession {
  readonly mode = 'server' as const;
  private staff: StaffMember | null = null;
  private pendingSso: AbortController | null = null;

  constructor(private readonly options: TeamSessionOptions) {
    options.remote.onSignedOut(() => {
      options.tokens.clear();
      this.setStaff(null);
    });
  }

  actorId(): number | null {
    return this.staff?.id ?? null;
  }

  async current(): Promise<Result<SessionState>> {
    const answer = await this.options.remote.session.current();
    if (answer.ok) this.setStaff(answer.value.staff);
    return answer;
  }

  async choose(): Promise<Result<SessionState>> {
    return fail('forbidden', 'This console works with a Deskwatch server: sign in instead of choosing a profile.');
  }

  async signInWithPassword(email: unknown, password: unknown): Promise<Result<SessionState>> {
    if (typeof email !== 'string' || !email.trim() || email.length > MAX_EMAIL) return fail('invalid_input', 'Give your email address.', 'email');
    if (typeof password !== 'string' || !password || password.length > MAX_PASSWORD) return fail('invalid_input', 'Give your password.', 'password');
    return this.adopt(await this.options.remote.session.signInWithPassword(email.trim(), password));
  }

  /**
   * District single sign-on in the system browser. A second request while one is waiting (the
   * person closed the tab and clicked again) replaces it: the first answers "cancelled".
   */
  async signInWithSso(): Promise<Result<SessionState>> {
    this.pendingSso?.abort();
    const pending = new AbortController();
    this.pendingSso = pending;
    const { remote, log } = this.options;
    const run = this.options.signInThroughBrowser ?? signInThroughBrowser;
    try {
      return this.adopt(
        await run<SignedIn>({
          serverUrl: remote.serverUrl,
          openExternal: this.options.openExternal,
          exchange: (code, verifier) => remote.session.exchangeDesktopCode(code, verifier),
          log,
          signal: pending.signal,
        }),
      );
    } catch (error) {
      log.error('deskwatch: the district sign-in could not start', error);
      return fail('unavailable', `The district sign-in could not start on this computer: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (this.pendingSso === pending) this.pendingSso = null;
    }
  }

  async signOut(): Promise<Result<SessionState>> {
    this.pendingSso?.abort();
    const answer = await this.options.remote.session.signOut();
    this.options.tokens.clear();
    this.setStaff(null);
    return answer;
  }

  /** Stops a sign-in that is waiting for the browser (the app quits). */
  cancel(): void {
    this.pendingSso?.abort();
  }

  /** A signed-in answer: the token is kept here, the page gets the session without it. */
  private adopt(answer: Result<SignedIn>): Result<SessionState> {
    if (!answer.ok) return answer;
    const { token, ...state } = answer.value;
    this.options.tokens.save(this.options.remote.serverUrl, token);
    this.setStaff(state.staff);
    return { ok: true, value: state };
  }

  private setStaff(staff: StaffMember | null): void {
    const changed = (staff?.id ?? null) !== (this.staff?.id ?? null);
    this.staff = staff;
    if (changed) this.options.onChange?.(staff);
  }
}
