import type { Locator, Page } from '@playwright/test';
import { AppHeader } from './app-header';

/** The header on a district server's console: who is signed in, the screens they may open, and signing out. */
export class DistrictHeader extends AppHeader {
  readonly nav: Locator;
  readonly signOut: Locator;
  readonly workloadBoard: Locator;
  readonly staff: Locator;
  readonly calendar: Locator;
  /** The desk's phone hours ("Phones open…"), read once someone is signed in. */
  readonly deskHours: Locator;

  constructor(page: Page) {
    super(page);
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.signOut = this.banner.getByRole('button', { name: 'Sign out' });
    this.workloadBoard = this.nav.getByRole('link', { name: 'Workload board' });
    this.staff = this.nav.getByRole('link', { name: 'Staff' });
    this.calendar = this.nav.getByRole('link', { name: 'Desk calendar' });
    this.deskHours = this.banner.getByRole('region', { name: 'Help desk' });
  }

  /** "Signed in: Dana Whitaker Supervisor", as the header reads it out (name and role badge). */
  signedInAs(name: string, role: 'Agent' | 'Technician' | 'Supervisor'): Locator {
    return this.banner.getByRole('paragraph').filter({ hasText: new RegExp(`^Signed in:\\s*${name}\\s*${role}$`) });
  }
}
