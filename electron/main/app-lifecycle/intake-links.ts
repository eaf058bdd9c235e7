import path from 'node:path';
import type { App } from 'electron';
import { INTAKE_LINK_SCHEME, intakeLinkInArgv, parseIntakeLink } from '../../../shared/intake-link';

/**
 * Phone integration: a softphone pops the intake screen with `deskwatch://intake?phone=…`.
 * The operating system hands the address to the app in one of three ways: on macOS as the
 * 'open-url' event (possibly before the app is ready), on Windows and Linux in the command line
 * of a new process, which the single-instance lock turns into the first copy's
 * 'second-instance' event, or in the first copy's own command line when no Deskwatch was
 * running. All three land in one inbox; a phone number the window cannot take yet is held
 * (the newest wins: it is the call ringing now) until the window is there.
 */
export class IntakeLinkInbox {
  private pending: string | null = null;
  private deliver: ((phone: string) => void) | null = null;

  constructor(private readonly log: (message: string) => void) {}

  /** An address from outside: checked strictly (shared/intake-link.ts); anything else is logged and dropped. */
  receive(url: unknown, source: 'command line' | 'open-url' | 'second instance'): void {
    const parsed = parseIntakeLink(typeof url === 'string' ? url : '');
    if (!parsed.ok) {
      // The reason only: the address itself comes from another program and may be anything.
      this.log(`deskwatch: ignored an intake address from the ${source}: ${parsed.reason}`);
      return;
    }
    if (this.deliver) this.deliver(parsed.phone);
    else this.pending = parsed.phone;
  }

  /** The first copy's own command line (Windows, Linux: the app was started by the link). */
  receiveArgv(argv: readonly string[], source: 'command line' | 'second instance'): void {
    const url = intakeLinkInArgv(argv);
    if (url !== null) this.receive(url, source);
  }

  /** The phone number held for the first window, taken (the window opens on the intake for it). */
  takePending(): string | null {
    const phone = this.pending;
    this.pending = null;
    return phone;
  }

  /** From now on numbers go straight to `deliver`; one held meanwhile goes at once. */
  attach(deliver: (phone: string) => void): void {
    this.deliver = deliver;
    const held = this.takePending();
    if (held !== null) deliver(held);
  }
}

export interface ProtocolClientSetup {
  /** `process.defaultApp`: started as `electron path/to/app` (development), not as the packaged app. */
  defaultApp: boolean;
  argv: readonly string[];
  execPath: string;
}

/**
 * Makes this app the handler of deskwatch:// addresses. Installers register it too (the
 * `protocols` of build/electron-builder.yml); this keeps it pointing at the copy last started.
 * In development the OS must start Electron with the app's folder, as `electron .` does.
 */
export function registerIntakeProtocol(app: Pick<App, 'setAsDefaultProtocolClient'>, setup: ProtocolClientSetup, log: (message: string) => void): boolean {
  const appPath = setup.argv[1];
  const registered =
    setup.defaultApp && appPath !== undefined
      ? app.setAsDefaultProtocolClient(INTAKE_LINK_SCHEME, setup.execPath, [path.resolve(appPath)])
      : app.setAsDefaultProtocolClient(INTAKE_LINK_SCHEME);
  if (!registered) log(`deskwatch: could not register as the handler of ${INTAKE_LINK_SCHEME}:// addresses; a softphone cannot open the intake screen`);
  return registered;
}

/** The console's address for a new intake for this number: the route `/intake?phone=…` of the hash router. */
export function intakeHash(phone: string): string {
  return `/intake?phone=${encodeURIComponent(phone)}`;
}
