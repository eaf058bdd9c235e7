import { BrowserWindow, screen } from 'electron';
import type { RendererLocation } from './renderer-location';
import { mainWindowOptions } from './window-options';
import { initialPlacement, loadWindowState, trackWindowState } from './window-state';

export interface MainWindowSetup {
  renderer: RendererLocation;
  preloadPath: string;
  /** The window-state JSON file in the user's data folder. */
  stateFile: string;
  iconPath?: string;
  /** A route to open first (`/intake?phone=…`: the app was started by a softphone's link). */
  initialRoute?: string;
}

/**
 * Creates the console window where the user left it, hidden until its first paint, and starts
 * loading the renderer. `loaded` settles when the page has loaded or failed to, so startup can
 * report a missing build instead of showing an empty window.
 */
export function createMainWindow(setup: MainWindowSetup): { window: BrowserWindow; loaded: Promise<void> } {
  const placement = initialPlacement(
    loadWindowState(setup.stateFile),
    screen.getAllDisplays().map((display) => display.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const window = new BrowserWindow(
    mainWindowOptions({
      preloadPath: setup.preloadPath,
      placement,
      ...(setup.iconPath ? { iconPath: setup.iconPath } : {}),
    }),
  );
  trackWindowState(window, setup.stateFile);
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });
  // The router reads the hash: the page starts on that screen, with no message to wait for.
  const loaded = window.loadURL(setup.initialRoute ? `${setup.renderer.url.split('#')[0]}#${setup.initialRoute}` : setup.renderer.url);
  return { window, loaded };
}
