import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import type { Logger } from '../../core/log/logger';

/** Where the session token is kept between starts, encrypted, in the user data folder. */
export const TOKEN_FILE = 'session.bin';

/** What the store needs from Electron's `safeStorage` (tests pass a stand-in with the same behaviour). */
export type SecretCipher = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

interface StoredSession {
  /** The token is only ever presented to the server that issued it. */
  serverUrl: string;
  token: string;
}

/**
 * The session token of team mode, kept so people need not sign in at every start. It is a
 * bearer secret (whoever has it acts as that person until it expires), so it is written only
 * encrypted by the operating system's keystore (`safeStorage`: Keychain, DPAPI, the Secret
 * Service or KWallet). Where there is none, it stays in memory: people sign in at each start,
 * and the log says why. It is bound to the server that issued it, so switching servers never
 * sends one server's token to another.
 */
export class TokenStore {
  private readonly file: string;
  private explained = false;

  constructor(
    userDataDir: string,
    private readonly cipher: SecretCipher,
    private readonly log: Logger,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.file = path.join(userDataDir, TOKEN_FILE);
  }

  /** Why tokens are not kept on this computer; null when they are. Call after the app is ready. */
  whyNotKept(): string | null {
    if (!this.cipher.isEncryptionAvailable()) return 'the operating system offers no encryption for app secrets here';
    // On Linux without a keyring, Chromium "encrypts" with a fixed, public key: as good as plain text.
    if (this.platform === 'linux' && this.cipher.getSelectedStorageBackend?.() === 'basic_text') {
      return 'no keyring (Secret Service or KWallet) is running on this desktop';
    }
    return null;
  }

  /** The token kept for `serverUrl`, or null (none, another server's, or unreadable: then it is removed). */
  load(serverUrl: string): string | null {
    let sealed: Buffer;
    try {
      sealed = fs.readFileSync(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn(`deskwatch: the saved session ${this.file} cannot be read; sign in again`, error);
      return null;
    }
    if (this.whyNotKept() !== null) {
      this.explain();
      return null;
    }
    let stored: StoredSession;
    try {
      stored = JSON.parse(this.cipher.decryptString(sealed)) as StoredSession;
    } catch (error) {
      // Another user's or another machine's file, or a keystore that was reset: useless, and not worth keeping.
      this.log.warn('deskwatch: the saved session could not be decrypted; it was removed and people sign in again', error);
      this.clear();
      return null;
    }
    if (stored?.serverUrl !== serverUrl || typeof stored.token !== 'string' || !stored.token) {
      this.clear();
      return null;
    }
    return stored.token;
  }

  /** Keeps the token for `serverUrl` if it can be encrypted; otherwise makes sure none is on disk. */
  save(serverUrl: string, token: string): void {
    if (this.whyNotKept() !== null) {
      this.explain();
      this.clear();
      return;
    }
    let sealed: Buffer;
    try {
      sealed = this.cipher.encryptString(JSON.stringify({ serverUrl, token } satisfies StoredSession));
    } catch (error) {
      this.log.warn('deskwatch: the session could not be encrypted, so it is not kept: sign in again at the next start', error);
      this.clear();
      return;
    }
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(temporary, sealed, { mode: 0o600 });
      fs.renameSync(temporary, this.file);
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      this.log.warn(`deskwatch: the session could not be saved in ${this.file}; sign in again at the next start`, error);
    }
  }

  clear(): void {
    try {
      fs.rmSync(this.file, { force: true });
    } catch (error) {
      this.log.warn(`deskwatch: the saved session ${this.file} could not be removed`, error);
    }
  }

  private explain(): void {
    if (this.explained) return;
    this.explained = true;
    this.log.warn(`deskwatch: the server session is not kept on this computer (${this.whyNotKept() ?? 'unknown reason'}): people sign in at each start`);
  }
}
