import type { Locator, Page } from '@playwright/test';
import { ALERT_KIND_LABELS, type AlertKind } from '../../../shared/alerts';

/** "Alert settings": which alerts reach the person, sound, and muting. */
export class AlertSettingsPage {
  readonly heading: Locator;
  readonly kinds: Locator;
  readonly sound: Locator;
  readonly mute: Locator;
  readonly saveButton: Locator;
  readonly saved: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Alert settings' });
    this.kinds = page.getByRole('group', { name: 'Alerts to show' });
    this.sound = page.getByRole('checkbox', { name: 'Play a sound with alerts' });
    this.mute = page.getByRole('group', { name: 'Mute alerts' });
    this.saveButton = page.getByRole('button', { name: 'Save alert settings' });
    this.saved = page.getByRole('status').filter({ hasText: 'Alert settings saved.' });
  }

  async goto(origin: string): Promise<void> {
    await this.page.goto(`${origin}/#/settings/alerts`);
  }

  kind(kind: AlertKind): Locator {
    return this.kinds.getByRole('checkbox', { name: ALERT_KIND_LABELS[kind] });
  }

  muteOption(name: string | RegExp): Locator {
    return this.mute.getByRole('radio', { name });
  }
}
