import fs from 'node:fs';
import path from 'node:path';
import type { ConnectionState } from '../../../shared/api';
import { parseServerUrl, ServerUrlError } from '../../remote/server-url';

/** Where the desktop app keeps its district server, in the user data folder. */
export const TEAM_SETTINGS_FILE = 'team.json';
/** Set by an administrator for a managed install; wins over the file, and the console cannot change it. */
export const SERVER_URL_ENV = 'DESKWATCH_SERVER_URL';

/** The connection setting as the app starts with it: standalone, or team mode with its server. */
export type ConnectionSetting = ConnectionState & ({ mode: 'standalone'; serverUrl: null } | { mode: 'server'; serverUrl: string });

/** A setting the app cannot start with; the message names where it came from and how to fix it. */
export class TeamSettingError extends Error {
  override readonly name = 'TeamSettingError';
}

interface SettingsFile {
  serverUrl: string | null;
}

/**
 * Which core the app works with. `DESKWATCH_SERVER_URL` (a managed install) wins; otherwise
 * `<userData>/team.json`; neither means standalone. A setting that is there but unusable is an
 * error, never a silent fall back to this computer's database: people would go on working on the
 * wrong cases without noticing.
 */
export function readConnectionSetting(userDataDir: string, env: NodeJS.ProcessEnv): ConnectionSetting {
  const fromEnv = env[SERVER_URL_ENV]?.trim();
  if (fromEnv) {
    try {
      return { mode: 'server', serverUrl: parseServerUrl(fromEnv), managed: true };
    } catch (error) {
      throw new TeamSettingError(`${SERVER_URL_ENV} is not usable: ${messageOf(error)}`);
    }
  }
  const file = path.join(userDataDir, TEAM_SETTINGS_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { mode: 'standalone', serverUrl: null, managed: false };
    throw new TeamSettingError(`The team setting ${file} cannot be read: ${messageOf(error)}`);
  }
  const fix = `Correct the server address in ${file}, or delete the file to use this computer's own database.`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TeamSettingError(`The team setting ${file} is not valid JSON. ${fix}`);
  }
  const serverUrl = (parsed as Partial<SettingsFile> | null)?.serverUrl;
  if (serverUrl === null || serverUrl === undefined) {
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return { mode: 'standalone', serverUrl: null, managed: false };
    throw new TeamSettingError(`The team setting ${file} must be an object like {"serverUrl": "https://…"}. ${fix}`);
  }
  if (typeof serverUrl !== 'string') throw new TeamSettingError(`The team setting ${file} must name its server as text. ${fix}`);
  try {
    return { mode: 'server', serverUrl: parseServerUrl(serverUrl), managed: false };
  } catch (error) {
    throw new TeamSettingError(`The team setting ${file} is not usable: ${messageOf(error)} ${fix}`);
  }
}

/**
 * Keeps the server the app works with from its next start (null: standalone). Checked first
 * (ServerUrlError in words), then written whole or not at all (a temporary file renamed over).
 * Answers the canonical address.
 */
export function saveServerUrl(userDataDir: string, url: string | null): string | null {
  const serverUrl = url === null ? null : parseServerUrl(url);
  const file = path.join(userDataDir, TEAM_SETTINGS_FILE);
  fs.mkdirSync(userDataDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify({ serverUrl } satisfies SettingsFile, null, 2)}\n`);
  fs.renameSync(temporary, file);
  return serverUrl;
}

export { ServerUrlError };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
