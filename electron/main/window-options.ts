import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { MIN_WINDOW_SIZE, type InitialWindowPlacement } from './window-state';

/**
 * The renderer's web preferences, following Electron's security checklist. Most of these are
 * already Electron's defaults; they are spelled out so that a default changing, or someone
 * "just trying" a flag, shows up as a diff and fails the shell tests.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    // The renderer and the preload run in a sandboxed process without Node; the preload
    // reaches main only through ipcRenderer (see app-lifecycle: app.enableSandbox()).
    sandbox: true,
    // The page's JavaScript cannot reach the preload's globals or prototypes, only `window.deskwatch`.
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    // Same-origin policy stays on: the renderer may not read other origins or local files.
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // Dropping a file or link on the window must not navigate away from the app.
    navigateOnDragDrop: false,
    // A page that loops on alert() can be stopped by the user.
    safeDialogs: true,
    spellcheck: true,
  };
}

export interface MainWindowOptionsInput {
  preloadPath: string;
  placement: InitialWindowPlacement;
  /** Window icon for Linux in development; packaged apps get theirs from the installer. */
  iconPath?: string;
}

export function mainWindowOptions(input: MainWindowOptionsInput): BrowserWindowConstructorOptions {
  const { bounds } = input.placement;
  return {
    title: 'Deskwatch',
    width: bounds.width,
    height: bounds.height,
    // No x/y lets the window manager place (centre) the window.
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : { center: true }),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    // Shown on 'ready-to-show', so the user never sees a blank white frame while the renderer loads.
    show: false,
    backgroundColor: '#f4f6f8',
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: secureWebPreferences(input.preloadPath),
  };
}
