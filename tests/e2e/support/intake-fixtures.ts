/**
 * The intake screens' fixtures, on top of the shared ones: their page objects, and a way to put
 * callers and cases in the directory through the HTTP contract when a test is not about that UI.
 */
import type { Page } from '@playwright/test';
import type { ChannelInput } from '../../../shared/contract';
import type { Caller, CaseSummary, StaffMember } from '../../../shared/domain';
import { CallerImportPage } from '../pages/caller-import-page';
import { IntakePage } from '../pages/intake-page';
import type { ContractClient } from './contract-client';
import { expect, test as base } from './fixtures';

/** Seeds the directory as a given staff member, through the contract. */
export class DirectorySeed {
  constructor(
    private readonly client: ContractClient,
    readonly actor: StaffMember,
  ) {}

  private get meta() {
    return { actorId: this.actor.id };
  }

  async buildingId(name: string): Promise<number> {
    const lists = await this.client.value('directory.lists', {}, this.meta);
    const found = lists.buildings.find((b) => b.name === name);
    if (!found) throw new Error(`no building "${name}"`);
    return found.id;
  }

  async categoryId(name: string): Promise<number> {
    const lists = await this.client.value('directory.lists', {}, this.meta);
    const found = lists.categories.find((c) => c.name === name);
    if (!found) throw new Error(`no category "${name}"`);
    return found.id;
  }

  async caller(input: Omit<ChannelInput<'callers.create'>, 'buildingId'> & { building?: string }): Promise<Caller> {
    const { building, ...fields } = input;
    return this.client.value('callers.create', { ...fields, ...(building ? { buildingId: await this.buildingId(building) } : {}) }, this.meta);
  }

  /** An open priority 4 case (one person, a workaround exists). */
  async openCase(input: {
    callerId?: number;
    callerName?: string;
    summary: string;
    building?: string;
    category?: string;
  }): Promise<CaseSummary> {
    return this.client.value(
      'cases.create',
      {
        ...(input.callerId !== undefined ? { callerId: input.callerId } : { callerName: input.callerName ?? 'Someone Else' }),
        summary: input.summary,
        ...(input.building ? { buildingId: await this.buildingId(input.building) } : {}),
        ...(input.category ? { categoryId: await this.categoryId(input.category) } : {}),
        wizard: { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'slowed' },
      },
      this.meta,
    );
  }
}

interface IntakeFixtures {
  intakePage: IntakePage;
  callerImportPage: CallerImportPage;
  /** An agent profile, created through the contract (staff id 1 on a fresh database). */
  agent: StaffMember;
  seed: DirectorySeed;
}

export const test = base.extend<IntakeFixtures>({
  intakePage: async ({ page }, use) => {
    await use(new IntakePage(page));
  },
  callerImportPage: async ({ page }, use) => {
    await use(new CallerImportPage(page));
  },
  agent: async ({ otherClient }, use) => {
    await use(await otherClient.value('staff.create', { name: 'Ana Lima', role: 'agent' }));
  },
  seed: async ({ otherClient, agent }, use) => {
    await use(new DirectorySeed(otherClient, agent));
  },
});

/** Puts `staff` at the console before the page loads, as if they had chosen their profile earlier. */
export async function rememberAtTheConsole(page: Page, staff: StaffMember): Promise<void> {
  // Runs in the page; `localStorage` is the page's (this file is type-checked without the DOM library).
  await page.addInitScript((id) => {
    const storage = (globalThis as unknown as { localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void } }).localStorage;
    if (storage.getItem('deskwatch.currentStaffId') === null) storage.setItem('deskwatch.currentStaffId', JSON.stringify(id));
  }, staff.id);
}

export { expect };
