/**
 * The browser mode's Web Notifications. The desktop app shows OS notifications from its main
 * process instead, so inside Electron the page never shows its own (it would show each alert
 * twice). Permission is asked only when the person presses the button for it, never on load.
 */
import type { AlertPresentation } from './alert-presentation';

export type NotificationPermissionState = 'default' | 'granted' | 'denied' | 'unsupported';

/** The parts of the browser's Notification this module uses, so tests can pass their own. */
export interface NotificationApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: NotificationOptions): { onclick: ((this: unknown, event: Event) => unknown) | null; close(): void };
}

/** Whether this page runs inside the desktop app: its preload puts `window.deskwatch` there (see api/connect.ts). */
export function runsInDesktopShell(win: { deskwatch?: unknown }): boolean {
  return typeof win.deskwatch === 'object' && win.deskwatch !== null;
}

export function notificationApiOf(win: object): NotificationApi | null {
  const api = (win as { Notification?: NotificationApi }).Notification;
  return typeof api === 'function' ? api : null;
}

export function permissionState(api: NotificationApi | null, inDesktopShell: boolean): NotificationPermissionState {
  if (inDesktopShell || !api) return 'unsupported';
  return api.permission;
}

/** Whether an alert also becomes a Web Notification: the browser mode, and the person said yes. */
export function wantsWebNotification(state: NotificationPermissionState): boolean {
  return state === 'granted';
}

/** Shows one Web Notification; a click brings the tab forward and opens the alert's case (or the queue). */
export function showWebNotification(api: NotificationApi, item: AlertPresentation, open: (item: AlertPresentation) => void, focus: () => void): void {
  try {
    const notification = new api(item.title, {
      body: item.body,
      // The same tag in every tab of the console: the system shows the alert once, not once per tab.
      tag: `deskwatch-${item.key}`,
      silent: true,
      requireInteraction: item.tone === 'urgent',
    });
    notification.onclick = () => {
      focus();
      open(item);
      notification.close();
    };
  } catch {
    // Some browsers allow notifications only from a service worker; the in-page alert still shows.
  }
}
