import type { Locator, Page } from '@playwright/test';

/** The alerts in the corner of every screen: new ones as notifications, the Alerts button and its Recent alerts panel. */
export class AlertCenter {
  readonly launcher: Locator;
  readonly panel: Locator;
  readonly recentList: Locator;
  readonly allowNotifications: Locator;
  readonly settingsLink: Locator;

  constructor(readonly page: Page) {
    this.launcher = page.getByRole('button', { name: /^Alerts/ });
    this.panel = page.getByRole('region', { name: 'Recent alerts' });
    this.recentList = this.panel.getByRole('list', { name: 'Recent alerts' });
    this.allowNotifications = page.getByRole('button', { name: 'Allow desktop notifications' });
    this.settingsLink = this.panel.getByRole('link', { name: 'Alert settings' });
  }

  /** An in-app notification (role status, or alert for breaches and priority 1) that mentions `text`. */
  notification(text: string | RegExp): Locator {
    return this.page.getByRole('status').or(this.page.getByRole('alert')).filter({ hasText: text });
  }

  /** A breach or priority 1 notification (announced at once: role alert). */
  urgentNotification(text: string | RegExp): Locator {
    return this.page.getByRole('alert').filter({ hasText: text });
  }

  async openCase(text: string | RegExp): Promise<void> {
    await this.notification(text).getByRole('button', { name: 'Open case' }).click();
  }

  async dismiss(text: string | RegExp): Promise<void> {
    await this.notification(text).getByRole('button', { name: /^Dismiss/ }).click();
  }

  async openRecent(): Promise<void> {
    await this.launcher.click();
  }

  recentItem(text: string | RegExp): Locator {
    return this.recentList.getByRole('listitem').filter({ hasText: text });
  }
}
