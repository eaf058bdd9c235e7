import { Notification, type NotificationConstructorOptions } from 'electron';
import type { NotificationPlan } from './notification-plan';

/** Electron's options for one plan: the plan's words, the person's sound preference, and urgency for breaches. */
export function notificationOptions(plan: NotificationPlan): NotificationConstructorOptions {
  return {
    title: plan.title,
    body: plan.body,
    silent: plan.silent,
    // Linux: critical notifications stay until dismissed. Windows: 'never' keeps the toast on screen.
    urgency: plan.urgent ? 'critical' : 'normal',
    timeoutType: plan.urgent ? 'never' : 'default',
  };
}

/** At most this many notifications are kept referenced (older ones have long left the screen). */
const KEPT = 100;

/**
 * Shows OS notifications. Each one is kept referenced until it is clicked or closed: Electron
 * drops the click handler of a Notification object that was garbage collected, and a click that
 * does nothing is the one failure a person would notice.
 */
export class AlertNotifier {
  private readonly live = new Set<Notification>();

  constructor(private readonly log: (message: string) => void) {}

  get supported(): boolean {
    try {
      return Notification.isSupported();
    } catch {
      return false;
    }
  }

  show(plan: NotificationPlan, onClick: () => void): boolean {
    if (!this.supported) return false;
    let notification: Notification;
    try {
      notification = new Notification(notificationOptions(plan));
    } catch (error) {
      this.log(`deskwatch: could not show a notification: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    const release = () => this.live.delete(notification);
    notification.on('click', () => {
      release();
      onClick();
    });
    notification.on('close', release);
    notification.on('failed', (_event, error) => {
      release();
      this.log(`deskwatch: the system refused a notification: ${error}`);
    });
    this.live.add(notification);
    if (this.live.size > KEPT) {
      const oldest = this.live.values().next().value;
      if (oldest) this.live.delete(oldest);
    }
    notification.show();
    return true;
  }
}
