import { app } from 'electron';
import path from 'node:path';
import type { Clock } from '../../core/clock';
import type { Dispatch } from '../../core/handlers/dispatch';
import type { EventSource } from '../ipc-bridge';
import { AlertNotifier } from './alert-notifier';
import { AlertTray } from './alert-tray';
import { DesktopAlerts, type ConsoleWindow } from './desktop-alerts';
import { describeUntil, trayImageDir } from './tray-state';

export { DesktopAlerts } from './desktop-alerts';

export interface DesktopAlertsSetup {
  /** The local core, or in team mode the district server's calls and event stream. */
  core: { dispatch: Dispatch; events: EventSource; clock: Clock };
  windows: () => ConsoleWindow[];
  openWindow: () => ConsoleWindow | undefined;
  log: (message: string) => void;
}

/**
 * The notifications and the tray, wired to the core and the windows. Call after `ready` (a Tray
 * cannot exist before). Where the desktop has no tray (some Linux desktops), alerts still arrive
 * as notifications and in the console.
 */
export function createDesktopAlerts(setup: DesktopAlertsSetup): DesktopAlerts {
  let alerts: DesktopAlerts | null = null;
  let tray: AlertTray | null = null;
  try {
    tray = new AlertTray({
      imageDir: trayImageDir({
        isPackaged: app.isPackaged,
        // Undefined outside Electron (the shell tests); the app folder's parent is where resources live.
        resourcesPath: process.resourcesPath ?? path.dirname(app.getAppPath()),
        appPath: app.getAppPath(),
      }),
      onAction: (action) => void alerts?.trayAction(action),
      onClick: () => alerts?.bringForward(),
      describeTime: (instant) => describeUntil(instant, setup.core.clock.now()),
      log: setup.log,
    });
  } catch (error) {
    setup.log(`deskwatch: no tray icon on this desktop: ${error instanceof Error ? error.message : String(error)}`);
  }
  alerts = new DesktopAlerts({
    dispatch: setup.core.dispatch,
    events: setup.core.events,
    clock: setup.core.clock,
    windows: setup.windows,
    openWindow: setup.openWindow,
    quit: () => app.quit(),
    notifier: new AlertNotifier(setup.log),
    tray,
    log: setup.log,
  });
  return alerts;
}
