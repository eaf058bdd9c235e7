/**
 * The browser's notification permission, shared by every screen that shows or asks for it (the
 * recent-alerts panel, the alert settings). Nothing here asks on its own: `request` runs only
 * from the person's click on "Allow desktop notifications".
 */
import { readonly, ref } from 'vue';
import type { AlertPresentation } from './alert-presentation';
import { notificationApiOf, permissionState, runsInDesktopShell, showWebNotification, type NotificationPermissionState } from './web-notifications';

const permission = ref<NotificationPermissionState>('unsupported');
let read = false;

export function useWebNotifications() {
  const inDesktopShell = runsInDesktopShell(window);
  const api = notificationApiOf(window);

  /** Reads the permission again (the person may have changed it in the browser's site settings). */
  function refresh(): void {
    permission.value = permissionState(api, inDesktopShell);
  }
  if (!read) {
    read = true;
    refresh();
  }

  async function request(): Promise<void> {
    if (!api || inDesktopShell) return;
    try {
      await api.requestPermission();
    } catch {
      // Older browsers take a callback instead; the permission is read below either way.
    }
    refresh();
  }

  function show(item: AlertPresentation, open: (item: AlertPresentation) => void): void {
    if (!api || permission.value !== 'granted') return;
    showWebNotification(api, item, open, () => window.focus());
  }

  return { permission: readonly(permission), inDesktopShell, refresh, request, show };
}
