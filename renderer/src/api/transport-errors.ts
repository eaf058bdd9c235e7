import type { ConsoleMode } from '../../../shared/session';
import type { ContractError } from '../../../shared/result';

/**
 * Messages for failures of the transport itself (as opposed to errors the core answered with).
 * They travel as ordinary `{ ok: false }` results so no caller has to catch anything.
 */
export const TRANSPORT_ERRORS = {
  unreachable: {
    code: 'internal',
    message: 'Cannot reach the Deskwatch server. Check that it is still running, then try again.',
  },
  tokenRefused: {
    code: 'unauthenticated',
    message:
      'The Deskwatch server refused this page’s access link (it changes each time the server starts). Open the link the server printed, then try again.',
  },
  unreadable: {
    code: 'internal',
    message: 'The Deskwatch server sent an answer this console cannot read. Try again; if it keeps happening, restart the server.',
  },
  /** A district server's session expired, went idle or was signed out elsewhere. */
  sessionEnded: {
    code: 'unauthenticated',
    message: 'Your session ended; sign in again.',
  },
  /** A standalone server no longer knows the console token (it restarted): the page is back to its access link alone. */
  choiceForgotten: {
    code: 'unauthenticated',
    message: 'The Deskwatch server no longer knows who is at this console (it restarted). Choose who you are again.',
  },
  /** A request sent for the person before: someone else chose or signed in while it travelled. */
  sessionChanged: {
    code: 'unauthenticated',
    message: 'Who is at this console changed while this was being sent, so it was not done. Try again.',
  },
  notSignedIn: {
    code: 'unauthenticated',
    message: 'Sign in first.',
  },
} as const satisfies Record<string, ContractError>;

/** What the console tells the person when their session ended without them signing out. */
export function sessionEndedError(mode: ConsoleMode): ContractError {
  return mode === 'server' ? TRANSPORT_ERRORS.sessionEnded : TRANSPORT_ERRORS.choiceForgotten;
}

export function unexpectedStatus(status: number): ContractError {
  return { code: 'internal', message: `The Deskwatch server answered with HTTP status ${status}. Try again in a moment.` };
}

export function failedCall(error: unknown): ContractError {
  const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
  return { code: 'internal', message: `The call to the Deskwatch core failed${detail}. Try again.` };
}
