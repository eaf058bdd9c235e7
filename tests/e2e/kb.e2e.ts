import type { Page } from '@playwright/test';
import { KbPage } from './pages/kb-page';
import { atTheConsole, expect, test as base } from './support/work-fixtures';

const test = base.extend<{ kb: KbPage }>({
  kb: async ({ page }, use) => {
    await use(new KbPage(page));
  },
});

/** A 1×1 PNG. */
const PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** Markdown that tries to run script three ways: a script tag, an image's onerror, a javascript: link. */
const SCRIPTED_PROBLEM = [
  'Every laptop in the room says the printer is **Offline**.',
  '',
  '<script>window.__xss = "script"; alert("script")</script>',
  '',
  '<img src=x onerror="window.__xss = \'img\'; alert(\'img\')">',
  '',
  "[Open the printer page](javascript:window.__xss='link';alert('link'))",
].join('\n');
const SOLUTION = '1. Open **Settings → Printers**.\n2. Remove the printer and add it again.\n3. Print a test page.';

/**
 * Watches for script an article might run: any JavaScript dialog, a flag the payloads set, and any
 * Content-Security-Policy violation (the policy would block an inline handler the sanitizer let
 * through, and report it).
 */
async function watchForScript(page: Page): Promise<{ dialogs: string[]; ran: () => Promise<{ flag: unknown; violations: string[] }> }> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    // Runs in the page; typed without the DOM library, which the tests' tsconfig does not load.
    const w = globalThis as unknown as {
      __violations: string[];
      document: { addEventListener(type: string, listener: (event: { violatedDirective: string; blockedURI: string }) => void): void };
    };
    w.__violations = [];
    w.document.addEventListener('securitypolicyviolation', (event) => w.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  // zod probes once whether eval is allowed (a caught `new Function`), which the policy reports as
  // "script-src eval"; an article's script would be reported as "inline".
  const ran = () =>
    page.evaluate(() => {
      const w = globalThis as unknown as { __xss?: unknown; __violations?: string[] };
      return { flag: w.__xss, violations: (w.__violations ?? []).filter((v) => v !== 'script-src eval') };
    });
  return { dialogs, ran };
}

test('a technician drafts an article with an image and script in its Markdown: nothing runs, the image shows; a supervisor publishes; an agent reads it without edit or publish buttons', async ({
  page,
  deskwatch,
  work,
  header,
  welcomePage,
  kb,
}) => {
  const tech = await work.staff('Theo Tran', 'technician');
  await work.staff('Dana Whitaker', 'supervisor');
  await work.staff('Ana Lima', 'agent');
  const watch = await watchForScript(page);
  await atTheConsole(page, tech);
  await page.goto(deskwatch.url);
  await kb.navLink.click();
  await expect(kb.heading).toBeVisible();
  await expect(page).toHaveTitle('Knowledge base · Deskwatch');
  await kb.newArticle.click();
  await expect(page.getByRole('heading', { level: 1, name: 'New article' })).toBeVisible();

  await kb.title.fill('Classroom printer shows Offline');
  await kb.problemInput.fill(SCRIPTED_PROBLEM);
  await kb.solutionInput.fill(SOLUTION);
  // The preview follows the form: Markdown rendered, the HTML shown as text, the javascript: link only its words.
  await expect(kb.preview.getByText('Classroom printer shows Offline')).toBeVisible();
  await expect(kb.preview.locator('strong', { hasText: 'Offline' })).toBeVisible();
  await expect(kb.preview.getByRole('listitem')).toHaveCount(3);
  await expect(kb.preview.getByText('<script>window.__xss = "script"; alert("script")</script>')).toBeVisible();
  await expect(kb.preview.getByText(`<img src=x onerror="window.__xss = 'img'; alert('img')">`)).toBeVisible();
  await expect(kb.preview.getByText('Open the printer page')).toBeVisible();
  await expect(kb.preview.getByRole('link')).toHaveCount(0);
  await expect(page.locator('.article-body :is(script, img[onerror], img[src="x"], a[href^="javascript"])')).toHaveCount(0);

  await kb.saveDraft.click();
  await expect(page).toHaveURL(/#\/kb\/\d+\/edit$/);
  const id = Number(/#\/kb\/(\d+)\/edit$/.exec(page.url())?.[1]);
  await expect(kb.notice).toHaveText(`KB-${id} is saved as a draft. You can add images now.`);
  await expect(page.getByRole('heading', { level: 1, name: `Edit KB-${id}` })).toBeVisible();

  // A file that is not an image is refused before it is sent.
  await kb.chooseImage('notes.txt', 'text/plain', Buffer.from('Bring the projector cart back.'));
  await expect(page.getByRole('alert').filter({ hasText: 'The image was not added.' })).toContainText('notes.txt is not a PNG, JPEG, GIF or WebP image (it is text/plain).');

  // The PNG goes with the article and into the solution where the cursor was (its end), and the preview shows it.
  await kb.solutionInput.click();
  await kb.solutionInput.press('ControlOrMeta+End');
  await kb.chooseImage('pixel.png', 'image/png', PIXEL_PNG);
  await expect(kb.imageStatus).toHaveText('pixel.png is added and placed in the text.');
  await expect(kb.solutionInput).toHaveValue(/3\. Print a test page\.\n\n!\[pixel\.png\]\(attachment:\d+\)$/);
  const previewImage = kb.preview.getByRole('img', { name: 'pixel.png' });
  await expect(previewImage).toHaveAttribute('src', /^data:image\/png;base64,/);
  await expect.poll(() => previewImage.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);

  await kb.saveChanges.click();
  await expect(page).toHaveURL(new RegExp(`#/kb/${id}$`));
  await expect(kb.notice).toHaveText('Saved as version 2.');
  await expect(kb.articleHeading('Classroom printer shows Offline')).toBeVisible();
  await expect(page.locator('.kb-article-meta')).toContainText('Draft');
  await expect(kb.problem).toContainText('<script>window.__xss = "script"; alert("script")</script>');
  await expect(kb.problem.getByRole('link')).toHaveCount(0);
  const articleImage = kb.solution.getByRole('img', { name: 'pixel.png' });
  await expect.poll(() => articleImage.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);
  // A technician may edit but neither publish nor delete.
  await expect(kb.edit).toBeVisible();
  await expect(kb.publish).toHaveCount(0);
  await expect(kb.actions.getByRole('button', { name: 'Delete draft' })).toHaveCount(0);

  // The draft waits in the work list.
  await kb.navLink.click();
  await expect(kb.worklist('Drafts waiting').getByRole('row', { name: /Classroom printer shows Offline/ })).toBeVisible();

  // A supervisor publishes it.
  await header.switchPerson.click();
  await welcomePage.choose('Dana Whitaker');
  await kb.goto(deskwatch.origin, `/${id}`);
  await expect(kb.articleHeading('Classroom printer shows Offline')).toBeVisible();
  await kb.publish.click();
  await expect(kb.notice).toHaveText(`KB-${id} is published.`);
  await expect(page.locator('.kb-article-meta')).toContainText('Published');
  await expect(kb.publish).toHaveCount(0);
  await expect(kb.retire).toBeVisible();
  await expect(kb.facts).not.toContainText('Not yet');

  // An agent finds it, reads it with its image, and is offered no way to change it.
  await header.switchPerson.click();
  await welcomePage.choose('Ana Lima');
  await kb.navLink.click();
  await expect(kb.newArticle).toHaveCount(0);
  await expect(kb.worklists).toHaveCount(0);
  await kb.searchFor('printer offline');
  await expect(kb.result('Classroom printer shows Offline')).toBeVisible();
  await kb.result('Classroom printer shows Offline').getByRole('link').click();
  await expect(kb.articleHeading('Classroom printer shows Offline')).toBeVisible();
  await expect(kb.actions.getByRole('button')).toHaveCount(0);
  await expect(kb.actions.getByRole('link')).toHaveText(['History']);
  await expect.poll(() => kb.solution.getByRole('img', { name: 'pixel.png' }).evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);

  expect(watch.dialogs).toEqual([]);
  expect(await watch.ran()).toEqual({ flag: undefined, violations: [] });
});

test('an edit makes a version; the history shows it and restoring brings the old title back; retiring takes it out of search', async ({
  page,
  deskwatch,
  work,
  otherClient,
  kb,
}) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  const draft = await otherClient.value('kb.create', { title: 'Projector shows no signal', problem: 'The screen says **No signal**.', solution: '1. Press **Source**.' }, { actorId: boss.id });
  await otherClient.value('kb.publish', { id: draft.id, version: draft.version }, { actorId: boss.id });
  await atTheConsole(page, boss);
  await kb.goto(deskwatch.url, `/${draft.id}`);

  await kb.edit.click();
  await expect(kb.title).toHaveValue('Projector shows no signal');
  await kb.title.fill('Ceiling projector shows no signal');
  await kb.saveChanges.click();
  await expect(kb.notice).toHaveText('Saved as version 3.');
  await expect(kb.articleHeading('Ceiling projector shows no signal')).toBeVisible();

  await kb.history.click();
  await expect(page.getByRole('heading', { level: 1, name: `History of KB-${draft.id}` })).toBeVisible();
  await expect(kb.versions.getByRole('row')).toHaveCount(4);
  await expect(kb.versions.getByRole('row').nth(1)).toContainText('Edited');
  await expect(kb.versions.getByRole('row').nth(1)).toContainText('Ceiling projector shows no signal');
  await expect(kb.versions.getByRole('row').nth(3)).toContainText('Created');

  await kb.viewVersion(1).click();
  const version1 = page.getByRole('region', { name: 'Version 1' });
  await expect(version1.getByRole('heading', { name: 'Version 1' })).toBeFocused();
  await expect(version1).toContainText('Projector shows no signal');
  await expect(version1.locator('strong', { hasText: 'No signal' })).toBeVisible();
  await kb.restoreVersion(1).click();
  await expect(kb.notice).toHaveText('Version 1 is restored as version 4.');
  await expect(kb.versions.getByRole('row')).toHaveCount(5);
  await expect(kb.versions.getByRole('row').nth(1)).toContainText('Restored');

  await page.getByRole('link', { name: '← Back to the article' }).click();
  await expect(kb.articleHeading('Projector shows no signal')).toBeVisible();
  await expect(page.locator('.kb-article-meta')).toContainText('Published');

  // Search finds it until it is retired.
  await kb.navLink.click();
  await kb.searchFor('projector signal');
  await expect(kb.result('Projector shows no signal')).toBeVisible();
  await kb.result('Projector shows no signal').getByRole('link').click();

  await kb.retire.click();
  await expect(kb.retireReason).toBeFocused();
  await kb.retireReason.fill('Replaced by the new projector guide');
  await kb.retireConfirm.click();
  await expect(kb.notice).toHaveText(`KB-${draft.id} is retired: searches no longer find it.`);
  await expect(page.locator('.kb-article-meta')).toContainText('Retired');
  await expect(kb.actions.getByRole('button', { name: 'Publish again' })).toBeVisible();

  await kb.navLink.click();
  await kb.searchFor('projector signal');
  await expect(kb.count).toHaveText('No articles for “projector signal”.');
  await expect(kb.result('Projector shows no signal')).toHaveCount(0);
  // Asked for, a retired article is still there.
  await page.getByLabel('State').selectOption({ label: 'Retired' });
  await expect(kb.result('Projector shows no signal')).toBeVisible();
});

test('saving over someone else’s change is refused as a conflict; after reloading, the person’s own change is saved on top', async ({
  page,
  deskwatch,
  work,
  otherClient,
  kb,
}) => {
  const tech = await work.staff('Theo Tran', 'technician');
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  const draft = await otherClient.value('kb.create', { title: 'Chromebook will not charge', problem: 'The light stays off.', solution: '1. Try another charger.' }, { actorId: tech.id });
  await atTheConsole(page, tech);
  await kb.goto(deskwatch.url, `/${draft.id}/edit`);
  await expect(kb.solutionInput).toHaveValue('1. Try another charger.');
  await kb.solutionInput.fill('1. Try another charger.\n2. Hold the power key for 10 seconds.');

  // Meanwhile a supervisor renames it at another console.
  await otherClient.value('kb.update', { id: draft.id, version: draft.version, title: 'Chromebook does not charge' }, { actorId: boss.id });
  await expect(page.getByText('This article changed since you started editing.')).toBeVisible();
  await kb.saveChanges.click();
  await expect(kb.editorAlert).toContainText('Not saved: someone else changed this article.');

  await kb.editorAlert.getByRole('button', { name: 'Reload the article' }).click();
  await expect(kb.editorAlert).toHaveCount(0);
  await expect(kb.title).toHaveValue('Chromebook does not charge');
  await expect(kb.solutionInput).toHaveValue('1. Try another charger.\n2. Hold the power key for 10 seconds.');
  await kb.saveChanges.click();
  await expect(kb.notice).toHaveText('Saved as version 3.');
  await expect(kb.articleHeading('Chromebook does not charge')).toBeVisible();
  await expect(kb.solution).toContainText('Hold the power key for 10 seconds.');
});

test('a supervisor removes an image (its place in the text goes too), is asked before leaving unsaved changes, marks an article reviewed and deletes a draft after confirming', async ({
  page,
  deskwatch,
  work,
  otherClient,
  kb,
}) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  const as = { actorId: boss.id };
  const guide = await otherClient.value('kb.create', { title: 'Document camera shows a blue screen', problem: 'Blue screen.', solution: '1. Check the USB cable.' }, as);
  const image = await otherClient.value('kb.attach', { articleId: guide.id, fileName: 'pixel.png', mediaType: 'image/png', dataBase64: PIXEL_PNG.toString('base64') }, as);
  const withImage = await otherClient.value('kb.update', { id: guide.id, version: guide.version, problem: `Blue screen:\n\n![pixel.png](attachment:${image.id})\n\nOn every camera.` }, as);
  await otherClient.value('kb.publish', { id: guide.id, version: withImage.version }, as);
  const stray = await otherClient.value('kb.create', { title: 'Stray draft about nothing' }, as);
  await atTheConsole(page, boss);

  await kb.goto(deskwatch.url, `/${guide.id}`);
  await expect.poll(() => kb.problem.getByRole('img', { name: 'pixel.png' }).evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);

  // Removing the image asks first, then takes it out of the article and out of the text.
  await kb.edit.click();
  await page.getByRole('button', { name: 'Remove pixel.png' }).click();
  const removeDialog = page.getByRole('dialog', { name: 'Remove this image?' });
  await expect(removeDialog).toBeVisible();
  await removeDialog.getByRole('button', { name: 'Remove image' }).click();
  await expect(kb.imageStatus).toHaveText('pixel.png is removed, and taken out of the text.');
  await expect(kb.problemInput).not.toHaveValue(/attachment:/);
  await expect(kb.preview.getByRole('img')).toHaveCount(0);

  // Leaving with that change unsaved asks first.
  await kb.navLink.click();
  const leaveDialog = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(leaveDialog).toBeVisible();
  await leaveDialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(page).toHaveURL(new RegExp(`#/kb/${guide.id}/edit$`));
  await kb.saveChanges.click();
  await expect(kb.notice).toHaveText('Saved as version 4.');
  await expect(kb.problem.getByRole('img')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Images' })).toHaveCount(0);

  // Reviewed, with the next review date the supervisor chose.
  await page.getByRole('button', { name: 'Mark reviewed…' }).click();
  await expect(page.getByLabel('Next review date')).toBeFocused();
  await page.getByLabel('Next review date').fill('2030-01-15');
  await page.getByRole('button', { name: 'Mark reviewed', exact: true }).click();
  await expect(kb.notice).toHaveText(`KB-${guide.id} is reviewed.`);
  await expect(kb.facts).toContainText('Jan 15, 2030');
  await expect(kb.facts.getByRole('definition').nth(8)).not.toHaveText('Never');

  // A draft is deleted only after the supervisor confirms.
  await kb.goto(deskwatch.origin, `/${stray.id}`);
  await expect(kb.articleHeading('Stray draft about nothing')).toBeVisible();
  await kb.actions.getByRole('button', { name: 'Delete draft' }).click();
  const deleteDialog = page.getByRole('dialog', { name: 'Delete this draft?' });
  await deleteDialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(deleteDialog).toBeHidden();
  await kb.actions.getByRole('button', { name: 'Delete draft' }).click();
  await deleteDialog.getByRole('button', { name: 'Delete draft' }).click();
  await expect(kb.heading).toBeVisible();
  await expect(kb.notice).toHaveText(`KB-${stray.id} “Stray draft about nothing” is deleted.`);
  await expect(kb.worklist('Drafts waiting')).toContainText('No drafts waiting.');
});
