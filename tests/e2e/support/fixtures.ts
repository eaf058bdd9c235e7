import { test as base, expect } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppHeader } from '../pages/app-header';
import { CasePage } from '../pages/case-page';
import { QueuePage } from '../pages/queue-page';
import { WelcomePage } from '../pages/welcome-page';
import { ContractClient } from './contract-client';
import { DeskwatchServer } from './deskwatch-server';

interface DeskwatchFixtures {
  /** More flags for this test's server (`test.use({ deskwatchArgs: ['--now', ISO] })`). */
  deskwatchArgs: string[];
  /** A browser-mode server of this test's own, on a fresh SQLite file. */
  deskwatch: DeskwatchServer;
  /** Another client of the same server, through its HTTP API. */
  otherClient: ContractClient;
  header: AppHeader;
  welcomePage: WelcomePage;
  queuePage: QueuePage;
  casePage: CasePage;
}

export const test = base.extend<DeskwatchFixtures>({
  // Any uncaught error or unhandled rejection in the page fails the test: transport failures must
  // reach the person as messages, never as exceptions.
  page: async ({ page }, use) => {
    const uncaught: string[] = [];
    page.on('pageerror', (error) => uncaught.push(error.stack ?? error.message));
    await use(page);
    expect(uncaught, 'uncaught errors in the page').toEqual([]);
  },
  deskwatchArgs: [[], { option: true }],
  deskwatch: async ({ deskwatchArgs }, use, testInfo) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'deskwatch-e2e-'));
    const server = new DeskwatchServer(path.join(dir, 'deskwatch.sqlite'), deskwatchArgs);
    try {
      await server.start();
      await use(server);
    } finally {
      await server.stop();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('deskwatch-server.log', { body: server.log, contentType: 'text/plain' });
      }
      await rm(dir, { recursive: true, force: true });
    }
  },
  otherClient: async ({ request, deskwatch }, use) => {
    await use(new ContractClient(request, deskwatch));
  },
  header: async ({ page }, use) => {
    await use(new AppHeader(page));
  },
  welcomePage: async ({ page }, use) => {
    await use(new WelcomePage(page));
  },
  queuePage: async ({ page }, use) => {
    await use(new QueuePage(page));
  },
  casePage: async ({ page }, use) => {
    await use(new CasePage(page));
  },
});

export { expect };
