import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';

/**
 * The package declares its algorithms as an ambient `const enum`, which isolated modules cannot
 * read (and its runtime object is empty): 2 is Argon2id in `Algorithm`.
 */
const ARGON2ID = 2 as Algorithm;

/**
 * argon2id with OWASP's recommended minimum (Password Storage Cheat Sheet: m=19 MiB, t=2, p=1).
 * They are the package's defaults too, but are written out so a change of its defaults cannot
 * silently weaken new hashes. A hash carries its own parameters (`$argon2id$v=19$m=19456,t=2,p=1$…`),
 * so hashes made with older parameters keep verifying after these change.
 */
export const PASSWORD_HASH_PARAMETERS: Readonly<Options> = Object.freeze({
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
});

/** Local accounts' passwords: stored only as argon2id hashes (PHC strings). */
export class PasswordHasher {
  private dummy: Promise<string> | null = null;

  constructor(private readonly parameters: Readonly<Options> = PASSWORD_HASH_PARAMETERS) {}

  hash(password: string): Promise<string> {
    return hash(password, this.parameters);
  }

  /** Whether the password matches the hash; false (never an exception) when the stored hash is malformed. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /**
   * The work of a real verification for an account that does not exist or has no password, so
   * the time an answer takes does not tell which emails have accounts. Always false.
   */
  async verifyNothing(password: string): Promise<false> {
    this.dummy ??= this.hash(randomBytes(32).toString('base64url'));
    await this.verify(await this.dummy, password);
    return false;
  }
}
