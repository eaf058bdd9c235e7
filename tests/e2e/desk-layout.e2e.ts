import type { Locator, Page } from '@playwright/test';
import { atTheConsole, expect, test } from './support/work-fixtures';

/**
 * Layout at the widths a desk's screens have (1280 and 1440 px): controls never overlap, and text
 * people typed (a pasted link, a serial number) wraps inside its card instead of running out of it
 * and scrolling the page sideways.
 */
const WIDTHS = [1280, 1440] as const;
/** A token with no break opportunity, as a pasted link or a log line is. */
const LONG_TOKEN = `https://support.district.example.org/kb/${'0123456789abcdef'.repeat(14)}`;

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not laid out');
  return found;
}

/** Whether the page scrolls sideways (its content is wider than the window). */
function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth');
}

async function expectInside(inner: Locator, outer: Locator): Promise<void> {
  const a = await box(inner);
  const b = await box(outer);
  expect(a.x).toBeGreaterThanOrEqual(b.x - 0.5);
  expect(a.x + a.width).toBeLessThanOrEqual(b.x + b.width + 0.5);
}

for (const width of WIDTHS) {
  test(`at ${width} px the case edit form's fields never overlap`, async ({ page, deskwatch, work, casePage }) => {
    await page.setViewportSize({ width, height: 900 });
    const tech = await work.staff('Sam Okafor', 'technician');
    const filed = await work.caseBy(tech, { summary: 'Projector shows no signal', building: 'Shepard Boulevard Elementary' });
    await atTheConsole(page, tech);
    await page.goto(`${deskwatch.url}#/cases/${filed.id}`);
    await casePage.editDetails.click();
    const form = casePage.editForm;
    const building = form.getByLabel('Building');
    await building.selectOption({ label: 'Russell Boulevard Elementary' });
    const labels = ['Callback number', 'Building', 'Room', 'Category', 'Asset tag'];
    const boxes = await Promise.all(labels.map((label) => box(form.getByLabel(label))));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
        const overlapY = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
        expect(overlapX > 0.5 && overlapY > 0.5, `${labels[i]} overlaps ${labels[j]} by ${Math.round(overlapX)} px`).toBe(false);
      }
    }
    for (const label of labels) await expectInside(form.getByLabel(label), form);
  });

  test(`at ${width} px a long unbroken token wraps in the description, notes, timeline and queue`, async ({ page, deskwatch, work, otherClient, casePage, queuePage }) => {
    await page.setViewportSize({ width, height: 900 });
    const tech = await work.staff('Sam Okafor', 'technician');
    const filed = await work.caseBy(tech, { summary: `Link fails ${LONG_TOKEN.slice(0, 150)}` });
    await otherClient.value('cases.update', { id: filed.id, version: filed.version, description: `See ${LONG_TOKEN} for the error.` }, { actorId: tech.id });
    await otherClient.value('cases.addNote', { id: filed.id, note: `Tried ${LONG_TOKEN} again` }, { actorId: tech.id });
    await atTheConsole(page, tech);

    await page.goto(`${deskwatch.url}#/cases/${filed.id}`);
    const description = casePage.details.getByText(/^See https/);
    await expect(description).toBeVisible();
    await expectInside(description, casePage.details);
    const note = casePage.timeline.getByText(/^Tried https/);
    await expect(note).toBeVisible();
    await expectInside(note, casePage.timeline);
    await expectInside(casePage.heading, page.locator('main'));
    expect(await scrollsSideways(page)).toBe(false);

    await page.goto(`${deskwatch.url}#/queue`);
    await expect(queuePage.grid.getByRole('row').filter({ hasText: 'Link fails' })).toBeVisible();
    expect(await scrollsSideways(page)).toBe(false);
  });
}
