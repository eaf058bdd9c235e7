import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionControl } from '../../electron/main/team/connection-control';
import { readConnectionSetting, saveServerUrl, TEAM_SETTINGS_FILE, TeamSettingError } from '../../electron/main/team/team-settings';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-team-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const settingsFile = () => path.join(dir, TEAM_SETTINGS_FILE);
const quiet = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

describe('which core the desktop app works with', () => {
  it('is this computer’s database until a server is set', () => {
    expect(readConnectionSetting(dir, {})).toEqual({ mode: 'standalone', serverUrl: null, managed: false });
  });

  it('is the server in team.json, in canonical form', () => {
    saveServerUrl(dir, ' https://Deskwatch.District.Example/ ');
    expect(JSON.parse(fs.readFileSync(settingsFile(), 'utf8'))).toEqual({ serverUrl: 'https://deskwatch.district.example' });
    expect(readConnectionSetting(dir, {})).toEqual({ mode: 'server', serverUrl: 'https://deskwatch.district.example', managed: false });
    saveServerUrl(dir, null);
    expect(readConnectionSetting(dir, {})).toMatchObject({ mode: 'standalone' });
  });

  it('is DESKWATCH_SERVER_URL when an administrator set it, over team.json', () => {
    saveServerUrl(dir, 'https://old.district.example');
    expect(readConnectionSetting(dir, { DESKWATCH_SERVER_URL: 'https://managed.district.example' })).toEqual({
      mode: 'server',
      serverUrl: 'https://managed.district.example',
      managed: true,
    });
    expect(readConnectionSetting(dir, { DESKWATCH_SERVER_URL: '  ' })).toMatchObject({ serverUrl: 'https://old.district.example' });
  });

  it('that is unusable is an error naming where it came from, never a silent switch to this computer’s database', () => {
    expect(() => readConnectionSetting(dir, { DESKWATCH_SERVER_URL: 'http://deskwatch.district.example' })).toThrow(/DESKWATCH_SERVER_URL is not usable: .*https:\/\//);
    fs.writeFileSync(settingsFile(), '{ "serverUrl": ');
    expect(() => readConnectionSetting(dir, {})).toThrow(TeamSettingError);
    expect(() => readConnectionSetting(dir, {})).toThrow(/team\.json is not valid JSON.*delete the file/);
    fs.writeFileSync(settingsFile(), JSON.stringify({ serverUrl: 'ftp://x' }));
    expect(() => readConnectionSetting(dir, {})).toThrow(/not usable: .*not an https:\/\/ address/);
    fs.writeFileSync(settingsFile(), JSON.stringify({ serverUrl: 42 }));
    expect(() => readConnectionSetting(dir, {})).toThrow(/as text/);
  });
});

describe('window.deskwatch.connection', () => {
  it('keeps a new server and restarts the app on it', async () => {
    const restart = vi.fn();
    const control = new ConnectionControl({ setting: readConnectionSetting(dir, {}), userDataDir: dir, restart, log: quiet, restartDelayMs: 5 });
    expect(control.get()).toEqual({ ok: true, value: { mode: 'standalone', serverUrl: null, managed: false } });
    expect(control.setServer('https://desk.district.example/')).toEqual({ ok: true, value: { mode: 'server', serverUrl: 'https://desk.district.example', managed: false } });
    expect(readConnectionSetting(dir, {})).toMatchObject({ serverUrl: 'https://desk.district.example' });
    await vi.waitFor(() => expect(restart).toHaveBeenCalledTimes(1));
  });

  it('refuses an address that is not https:// in words, and keeps what was there', async () => {
    const restart = vi.fn();
    const control = new ConnectionControl({ setting: readConnectionSetting(dir, {}), userDataDir: dir, restart, log: quiet, restartDelayMs: 5 });
    expect(control.setServer('http://desk.district.example')).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'url', message: expect.stringMatching(/must start with https:\/\//) } });
    expect(control.setServer(42)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'url' } });
    expect(fs.existsSync(settingsFile())).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(restart).not.toHaveBeenCalled();
  });

  it('does not restart for the setting it already has; null goes back to this computer', async () => {
    saveServerUrl(dir, 'https://desk.district.example');
    const restart = vi.fn();
    const control = new ConnectionControl({ setting: readConnectionSetting(dir, {}), userDataDir: dir, restart, log: quiet, restartDelayMs: 5 });
    expect(control.setServer('https://desk.district.example')).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(restart).not.toHaveBeenCalled();
    expect(control.setServer(null)).toEqual({ ok: true, value: { mode: 'standalone', serverUrl: null, managed: false } });
    expect(readConnectionSetting(dir, {})).toMatchObject({ mode: 'standalone' });
    await vi.waitFor(() => expect(restart).toHaveBeenCalledTimes(1));
  });

  it('cannot change a server the administrator set', () => {
    const control = new ConnectionControl({
      setting: readConnectionSetting(dir, { DESKWATCH_SERVER_URL: 'https://managed.district.example' }),
      userDataDir: dir,
      restart: vi.fn(),
      log: quiet,
    });
    expect(control.get()).toMatchObject({ ok: true, value: { managed: true } });
    expect(control.setServer(null)).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/DESKWATCH_SERVER_URL/) } });
    expect(fs.existsSync(settingsFile())).toBe(false);
  });
});
