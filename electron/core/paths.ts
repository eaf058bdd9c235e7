import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Deskwatch';

/**
 * The per-user data folder, the same one Electron's `app.getPath('userData')` gives for an app
 * named Deskwatch, so the browser mode and the CLI open the desktop app's database by default.
 * `DESKWATCH_DATA_DIR` overrides it.
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.DESKWATCH_DATA_DIR) return env.DESKWATCH_DATA_DIR;
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

export const DATABASE_FILE_NAME = 'deskwatch.sqlite';
