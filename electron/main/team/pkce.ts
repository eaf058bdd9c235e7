import { createHash, randomBytes } from 'node:crypto';

/**
 * Proof Key for Code Exchange (RFC 7636, S256): the desktop app keeps `verifier` and sends only
 * its hash. Whoever catches the one-time code on its way back (another program on this computer
 * listening for it) cannot exchange it without the verifier.
 */
export interface Pkce {
  verifier: string;
  challenge: string;
}

export function newPkce(): Pkce {
  // 32 random bytes: a 43-character verifier, the minimum length RFC 7636 allows and plenty of entropy.
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The `state` that ties the answer to this sign-in (an answer with another state was not started here). */
export function newState(): string {
  return randomBytes(24).toString('base64url');
}
