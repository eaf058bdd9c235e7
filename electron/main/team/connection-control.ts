import type { ConnectionState } from '../../../shared/api';
import { fail, type Result } from '../../../shared/result';
import type { Logger } from '../../core/log/logger';
import { ServerUrlError } from '../../remote/server-url';
import { saveServerUrl, SERVER_URL_ENV, type ConnectionSetting } from './team-settings';

export interface ConnectionControlOptions {
  /** The setting the app started with. */
  setting: ConnectionSetting;
  userDataDir: string;
  /** Starts the app again (app.relaunch, then an orderly quit that closes the database first). */
  restart: () => void;
  log: Logger;
  /** Time for the answer to reach the page before the app quits. */
  restartDelayMs?: number;
}

/**
 * `window.deskwatch.connection`: which core the desktop app works with. A change is kept in
 * team.json and takes effect by restarting the app: every part of it (IPC, alerts, the log,
 * whether a database is open at all) is set up once at start for one mode, and a restart is the
 * one way to be sure nothing of the old mode lingers.
 */
export class ConnectionControl {
  constructor(private readonly options: ConnectionControlOptions) {}

  get(): Result<ConnectionState> {
    const { mode, serverUrl, managed } = this.options.setting;
    return { ok: true, value: { mode, serverUrl, managed } };
  }

  setServer(url: unknown): Result<ConnectionState> {
    const { setting, log } = this.options;
    if (setting.managed) {
      return fail('forbidden', `This computer's Deskwatch server is set by its administrator (${SERVER_URL_ENV}) and cannot be changed here.`);
    }
    if (url !== null && typeof url !== 'string') return fail('invalid_input', 'Give the server address as text, or null for this computer’s database.', 'url');
    let serverUrl: string | null;
    try {
      serverUrl = saveServerUrl(this.options.userDataDir, url === null || url.trim() === '' ? null : url);
    } catch (error) {
      if (error instanceof ServerUrlError) return fail('invalid_input', error.message, 'url');
      log.error('deskwatch: the server setting could not be saved', error);
      return fail('unavailable', `The server setting could not be saved in the data folder (${error instanceof Error ? error.message : String(error)}); nothing was changed.`);
    }
    const next: ConnectionState = serverUrl === null ? { mode: 'standalone', serverUrl: null, managed: false } : { mode: 'server', serverUrl, managed: false };
    if (next.serverUrl === setting.serverUrl) return { ok: true, value: next };
    log.info(`deskwatch: restarting to work with ${serverUrl === null ? 'this computer’s database' : `the server ${serverUrl}`}`);
    setTimeout(() => this.options.restart(), this.options.restartDelayMs ?? 300);
    return { ok: true, value: next };
  }
}
