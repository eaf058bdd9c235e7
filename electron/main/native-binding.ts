import path from 'node:path';

/**
 * Which better-sqlite3 binary the desktop app loads. `node_modules/better-sqlite3` holds the
 * build for Node's ABI (tests, CLI, browser mode), which Electron cannot load. In development
 * the app loads its own Electron build from `.native/`, made by `scripts/electron-native.mjs`
 * (which `npm start` and `npm run dev` run first); a packaged app loads the copy in its
 * node_modules, which electron-builder rebuilt for Electron (`npmRebuild`).
 */

export const NATIVE_DIR = '.native';
export const SQLITE_BINARY = 'better_sqlite3.node';

/** Folder name for one Electron version and target; `scripts/electron-native.mjs` builds the same name. */
export function nativeBuildFolder(electronVersion: string, platform: string, arch: string): string {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

export interface NativeBindingInput {
  isPackaged: boolean;
  /** `process.versions.electron`. */
  electronVersion: string;
  platform: string;
  arch: string;
  /** `app.getAppPath()`: the project folder in development. */
  appPath: string;
  exists(file: string): boolean;
}

export type NativeBindingChoice =
  /** Use the better-sqlite3 in node_modules as it is. */
  | { kind: 'bundled' }
  | { kind: 'electron-build'; path: string }
  /** Development without the Electron build: SQLite cannot open; say how to make it. */
  | { kind: 'missing'; path: string; hint: string };

export function resolveNativeBinding(input: NativeBindingInput): NativeBindingChoice {
  if (input.isPackaged) return { kind: 'bundled' };
  const file = path.join(input.appPath, NATIVE_DIR, nativeBuildFolder(input.electronVersion, input.platform, input.arch), SQLITE_BINARY);
  if (input.exists(file)) return { kind: 'electron-build', path: file };
  return {
    kind: 'missing',
    path: file,
    hint: 'Run "npm start" or "npm run dev" (they run scripts/electron-native.mjs first), or "node scripts/electron-native.mjs" on its own.',
  };
}
