import { IntakePage } from './pages/intake-page';
import { atTheConsole, expect, test } from './support/work-fixtures';

// A clicked desktop notification or a bookmark opens the console straight at one screen: it must
// land there, not on the queue, whether or not someone is remembered at this console yet.

test('a remembered person opening the console at a case lands on that case', async ({ page, deskwatch, work, casePage, queuePage }) => {
  const tech = await work.staff('Sam Okafor', 'technician');
  const filed = await work.caseBy(tech, { summary: 'Laptop cart will not charge' });
  await atTheConsole(page, tech);

  await page.goto(`${deskwatch.url}#/cases/${filed.id}`);

  await expect(casePage.heading).toHaveText(`${filed.number} · Laptop cart will not charge`);
  expect(new URL(page.url()).hash).toBe(`#/cases/${filed.id}`);
  await expect(queuePage.heading).toHaveCount(0);
});

test('a remembered person opening the console at the intake screen lands on it', async ({ page, deskwatch, work, queuePage }) => {
  const agent = await work.staff('Ana Lima', 'agent');
  await atTheConsole(page, agent);
  const intakePage = new IntakePage(page);

  await page.goto(`${deskwatch.url}#/intake`);

  await expect(intakePage.heading).toBeVisible();
  await expect(intakePage.callerSearch).toBeFocused();
  expect(new URL(page.url()).hash).toBe('#/intake');
  await expect(queuePage.heading).toHaveCount(0);
});

test('a deep link still lands on its screen while the staff list is slow to arrive', async ({ page, deskwatch, work, casePage, queuePage }) => {
  const tech = await work.staff('Sam Okafor', 'technician');
  const filed = await work.caseBy(tech, { summary: 'Door badge reader offline' });
  await atTheConsole(page, tech);
  // The first screen waits for the staff list (who is at the console?): hold it back for a while.
  await page.route('**/api/invoke/staff.list', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });

  await page.goto(`${deskwatch.url}#/cases/${filed.id}`);

  await expect(casePage.heading).toHaveText(`${filed.number} · Door badge reader offline`);
  expect(new URL(page.url()).hash).toBe(`#/cases/${filed.id}`);
  await expect(queuePage.heading).toHaveCount(0);
});

test('when nobody is remembered, the welcome screen comes first and then the deep-linked case', async ({
  page,
  deskwatch,
  work,
  welcomePage,
  casePage,
  header,
}) => {
  const tech = await work.staff('Sam Okafor', 'technician');
  const filed = await work.caseBy(tech, { summary: 'Classroom speaker crackles' });

  await page.goto(`${deskwatch.url}#/cases/${filed.id}`);

  await expect(welcomePage.heading).toBeVisible();
  await welcomePage.choose('Sam Okafor');

  await expect(casePage.heading).toHaveText(`${filed.number} · Classroom speaker crackles`);
  await expect(header.banner).toContainText('Sam Okafor');
  expect(new URL(page.url()).hash).toBe(`#/cases/${filed.id}`);
});

test('when nobody is remembered, a new profile continues to the deep-linked intake screen', async ({ page, deskwatch, welcomePage }) => {
  const intakePage = new IntakePage(page);

  await page.goto(`${deskwatch.url}#/intake`);

  await expect(welcomePage.heading).toBeVisible();
  await welcomePage.createProfile('Ana Lima', 'Agent');

  await expect(intakePage.heading).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/intake');
});

test('a bookmarked case opened later in the same tab, without the access link, lands on the case', async ({
  page,
  deskwatch,
  work,
  casePage,
  queuePage,
}) => {
  const tech = await work.staff('Sam Okafor', 'technician');
  const filed = await work.caseBy(tech, { summary: 'Gym scoreboard dark' });
  await atTheConsole(page, tech);
  await page.goto(deskwatch.url);
  await expect(queuePage.heading).toBeVisible();

  // The bookmark holds the address without the token (this tab keeps it); the page starts afresh.
  await page.goto(`${deskwatch.origin}/#/cases/${filed.id}`);
  await page.reload();

  await expect(casePage.heading).toHaveText(`${filed.number} · Gym scoreboard dark`);
  expect(new URL(page.url()).hash).toBe(`#/cases/${filed.id}`);
});
