import type { Locator, Page } from '@playwright/test';

export type RoleLabel = 'Agent' | 'Technician' | 'Supervisor';

/** "Who are you?": choose a staff profile or create one. */
export class WelcomePage {
  readonly heading: Locator;
  readonly profiles: Locator;
  readonly nameInput: Locator;
  readonly createButton: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Who are you?' });
    this.profiles = page.getByRole('region', { name: 'Choose your profile' });
    this.nameInput = page.getByLabel('Your name');
    this.createButton = page.getByRole('button', { name: 'Create profile' });
    this.error = page.getByRole('alert');
  }

  roleOption(role: RoleLabel): Locator {
    return this.page.getByRole('group', { name: 'Role' }).getByRole('radio', { name: role });
  }

  async createProfile(name: string, role: RoleLabel): Promise<void> {
    await this.nameInput.fill(name);
    await this.roleOption(role).check();
    await this.createButton.click();
  }

  profile(name: string): Locator {
    return this.profiles.getByRole('button', { name });
  }

  /** Chooses a profile and waits until the console has left the welcome screen (where it goes next is the console's choice). */
  async choose(name: string): Promise<void> {
    await this.profile(name).click();
    // The console moves on once the choice is confirmed; an address set before then would be overtaken.
    await this.page.waitForURL((url) => !url.hash.startsWith('#/welcome'));
  }
}
