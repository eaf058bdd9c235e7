import type { App, BrowserWindow } from 'electron';

type FocusableWindow = Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'isVisible' | 'show' | 'focus'>;

/**
 * One Deskwatch per user session: a second copy would open the same SQLite file and run a
 * second alert scheduler. The second copy quits at once (the caller does that when this
 * answers false); the first brings its window to the front.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'on'>,
  currentWindow: () => FocusableWindow | undefined,
  /** The second copy's command line (Windows, Linux: a deskwatch:// address it was started with). */
  onSecondInstance?: (argv: readonly string[]) => void,
): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv) => {
    const window = currentWindow();
    // Still starting up: the window shows itself when it is ready.
    if (window) bringToFront(window);
    onSecondInstance?.(Array.isArray(argv) ? argv : []);
  });
  return true;
}

export function bringToFront(window: FocusableWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
