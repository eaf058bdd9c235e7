/**
 * Fixtures for working the queue (queue, case screen, workload board): staff and cases are put in
 * place through the HTTP contract, as another console would, so each test drives only the UI it is
 * about.
 */
import type { Page } from '@playwright/test';
import type { ChannelInput } from '../../../shared/contract';
import type { Priority, QueueCase, StaffMember, StaffRole } from '../../../shared/domain';
import type { WizardAnswers } from '../../../shared/priority-wizard';
import { BoardPage } from '../pages/board-page';
import type { ContractClient } from './contract-client';
import { expect, test as base } from './fixtures';

/** Wizard answers that the agreement turns into each priority (1 needs the on-call confirmation). */
export const ANSWERS_FOR: Record<Exclude<Priority, 1>, WizardAnswers> = {
  2: { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'stopped' },
  3: { securityOrSafety: false, missionCritical: false, affected: 'two_to_five', workEffect: 'slowed' },
  4: { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'slowed' },
  5: { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'none' },
};

export interface SeedCase {
  summary: string;
  callerName?: string;
  priority?: Exclude<Priority, 1>;
  building?: string;
  category?: string;
}

/** Omit over each member of a union (a transition input is a union discriminated by `action`). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Staff and cases through the contract, with the right person as the actor of each call. */
export class WorkSeed {
  constructor(private readonly client: ContractClient) {}

  staff(name: string, role: StaffRole): Promise<StaffMember> {
    return this.client.value('staff.create', { name, role });
  }

  async caseBy(actor: StaffMember, input: SeedCase): Promise<QueueCase> {
    const created = await this.client.value(
      'cases.create',
      {
        callerName: input.callerName ?? 'Jo Park',
        summary: input.summary,
        wizard: ANSWERS_FOR[input.priority ?? 4],
        ...(input.building ? { buildingId: await this.listId('buildings', input.building, actor) } : {}),
        ...(input.category ? { categoryId: await this.listId('categories', input.category, actor) } : {}),
      },
      { actorId: actor.id },
    );
    return this.get(actor, created.id);
  }

  /** The case as the queue shows it now (with its current version). */
  async get(actor: StaffMember, id: number): Promise<QueueCase> {
    return (await this.client.value('cases.get', { id }, { actorId: actor.id })).case;
  }

  async assign(actor: StaffMember, cases: readonly QueueCase[], assignee: StaffMember | null, reason?: string): Promise<QueueCase[]> {
    const current = await Promise.all(cases.map((c) => this.get(actor, c.id)));
    return this.client.value(
      'cases.assign',
      { cases: current.map((c) => ({ id: c.id, version: c.version })), assigneeId: assignee?.id ?? null, ...(reason ? { reason } : {}) },
      { actorId: actor.id },
    );
  }

  /** A lifecycle action on the case's current version. */
  async transition(actor: StaffMember, item: QueueCase, action: OmitEach<ChannelInput<'cases.transition'>, 'id' | 'version'>): Promise<QueueCase> {
    const { version } = await this.get(actor, item.id);
    return this.client.value('cases.transition', { ...action, id: item.id, version } as ChannelInput<'cases.transition'>, { actorId: actor.id });
  }

  private async listId(list: 'buildings' | 'categories', name: string, actor: StaffMember): Promise<number> {
    const lists = await this.client.value('directory.lists', {}, { actorId: actor.id });
    const found = lists[list].find((item) => item.name === name);
    if (!found) throw new Error(`no ${list} entry "${name}"`);
    return found.id;
  }
}

/** Puts `staff` at the console before the page loads, as if they had chosen their profile earlier. */
export async function atTheConsole(page: Page, staff: StaffMember): Promise<void> {
  await page.addInitScript((id) => {
    // Runs in the page; typed without the DOM library, which the tests' tsconfig does not load.
    const storage = (globalThis as unknown as { localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void } }).localStorage;
    if (storage.getItem('deskwatch.currentStaffId') === null) storage.setItem('deskwatch.currentStaffId', JSON.stringify(id));
  }, staff.id);
}

interface WorkFixtures {
  work: WorkSeed;
  boardPage: BoardPage;
}

export const test = base.extend<WorkFixtures>({
  work: async ({ otherClient }, use) => {
    await use(new WorkSeed(otherClient));
  },
  boardPage: async ({ page }, use) => {
    await use(new BoardPage(page));
  },
});

export { expect };
