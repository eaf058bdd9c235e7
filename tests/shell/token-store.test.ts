import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../electron/core/log/logger';
import { TOKEN_FILE, TokenStore } from '../../electron/main/team/token-store';
import { FakeSafeStorage } from './fake-electron';

const SERVER = 'https://deskwatch.district.example';
const TOKEN = 'dw_s3ss10n-t0ken-that-must-never-be-plain';

let dir: string;
let keystore: FakeSafeStorage;
let log: { info: ReturnType<typeof vi.fn<Logger['info']>>; warn: ReturnType<typeof vi.fn<Logger['warn']>>; error: ReturnType<typeof vi.fn<Logger['error']>> };
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-tokens-'));
  keystore = new FakeSafeStorage();
  log = { info: vi.fn<Logger['info']>(), warn: vi.fn<Logger['warn']>(), error: vi.fn<Logger['error']>() };
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = () => path.join(dir, TOKEN_FILE);
const store = (platform: NodeJS.Platform = 'linux') => new TokenStore(dir, keystore, log, platform);

describe('the saved server session', () => {
  it('is encrypted by the system keystore: the file never holds the token in plain text', () => {
    store().save(SERVER, TOKEN);
    expect(keystore.encryptString).toHaveBeenCalledTimes(1);
    const bytes = fs.readFileSync(file());
    expect(bytes.toString('utf8')).not.toContain(TOKEN);
    expect(bytes.toString('latin1')).not.toContain(TOKEN);
    expect(store().load(SERVER)).toBe(TOKEN);
    expect(keystore.decryptString).toHaveBeenCalled();
  });

  it('is kept readable by this user only', () => {
    store().save(SERVER, TOKEN);
    if (process.platform !== 'win32') expect(fs.statSync(file()).mode & 0o077).toBe(0);
  });

  it('is given back only to the server that issued it (and another server’s is removed)', () => {
    store().save(SERVER, TOKEN);
    expect(store().load('https://other.district.example')).toBeNull();
    expect(fs.existsSync(file())).toBe(false);
  });

  it('is never written when the system offers no encryption, and the log says why', () => {
    keystore.available = false;
    store().save(SERVER, TOKEN);
    expect(fs.existsSync(file())).toBe(false);
    expect(keystore.encryptString).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/not kept on this computer \(the operating system offers no encryption.*\): people sign in at each start/));
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('is never written on Linux when Chromium would fall back to its built-in key (no keyring)', () => {
    keystore.backend = 'basic_text';
    store('linux').save(SERVER, TOKEN);
    expect(fs.existsSync(file())).toBe(false);
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/no keyring/));
    // Elsewhere that answer does not exist; encryption is what isEncryptionAvailable says.
    store('darwin').save(SERVER, TOKEN);
    expect(fs.existsSync(file())).toBe(true);
  });

  it('written earlier is removed, not left behind, once encryption is gone', () => {
    store().save(SERVER, TOKEN);
    keystore.available = false;
    expect(store().load(SERVER)).toBeNull();
    store().save(SERVER, 'newer');
    expect(fs.existsSync(file())).toBe(false);
  });

  it('that cannot be decrypted (another user’s, a reset keyring) is removed: people sign in again', () => {
    fs.writeFileSync(file(), 'garbage that no keystore made');
    expect(store().load(SERVER)).toBeNull();
    expect(fs.existsSync(file())).toBe(false);
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/could not be decrypted/), expect.any(Error));
  });

  it('is removed by clear(), and a missing one is simply none', () => {
    expect(store().load(SERVER)).toBeNull();
    store().save(SERVER, TOKEN);
    store().clear();
    expect(fs.existsSync(file())).toBe(false);
    expect(log.warn).not.toHaveBeenCalled();
  });
});
