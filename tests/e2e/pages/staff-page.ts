import type { Locator, Page } from '@playwright/test';

export type RoleLabel = 'Agent' | 'Technician' | 'Supervisor';

/** "Staff": who works the desk, adding and changing staff members, and the history of those changes. */
export class StaffPage {
  readonly heading: Locator;
  readonly members: Locator;
  readonly notice: Locator;
  readonly addForm: Locator;
  readonly newName: Locator;
  readonly newRole: Locator;
  readonly newEmail: Locator;
  readonly add: Locator;
  readonly history: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Staff' });
    this.members = page.getByRole('table', { name: 'Staff members' });
    this.notice = page.getByRole('status').filter({ hasText: /is (added|saved)\./ });
    this.addForm = page.getByRole('region', { name: 'Add a staff member' });
    this.newName = this.addForm.getByLabel('Name');
    this.newRole = this.addForm.getByLabel('Role');
    this.newEmail = this.addForm.getByLabel('Email');
    this.add = this.addForm.getByRole('button', { name: 'Add staff member' });
    this.history = page.getByRole('region', { name: 'Change history' }).getByRole('table');
  }

  async goto(origin: string): Promise<void> {
    await this.page.goto(`${origin}/#/staff`);
  }

  member(name: string): Locator {
    return this.members.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  async addMember(name: string, role: RoleLabel, email: string): Promise<void> {
    await this.newName.fill(name);
    await this.newRole.selectOption({ label: role });
    await this.newEmail.fill(email);
    await this.add.click();
  }

  /** The form that changes one staff member ("Change Ana Lima"), opened by their row's Edit button. */
  editor(name: string): Locator {
    return this.page.getByRole('region', { name: `Change ${name}` });
  }

  async changeRole(name: string, role: RoleLabel): Promise<void> {
    await this.members.getByRole('button', { name: `Edit ${name}` }).click();
    const editor = this.editor(name);
    await editor.getByLabel('Role').selectOption({ label: role });
    await editor.getByRole('button', { name: 'Save changes' }).click();
  }

  /** History rows about one staff member, newest first. */
  historyOf(name: string): Locator {
    return this.history.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }
}
