import fs from 'node:fs';
import type { ChannelName } from '../../shared/channel-names';
import type { ChannelInput, ChannelResult } from '../../shared/contract';
import { DistrictProviderPage } from './pages/district-provider-page';
import { SupportCenterPage } from './pages/support-center-page';
import { SupportRequestForm } from './pages/support-request-form';
import { SupportRequestsPage } from './pages/support-requests-page';
import { seriousViolations } from './support/axe-audit';
import { withDistrictProvider } from './support/district-provider';
import { expect } from './support/district-server';

const LABEL = 'Sign in with Lakeside ISD';
/** The smallest PNG there is (1×1): the core checks a screenshot's bytes, not its name. */
const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const EMPLOYEE = { subject: 'pjones', email: 'pat.jones@lakeside.example', emailVerified: true, name: 'Pat Jones' };

/**
 * The Tech Support Center on a district server, with the district's identity provider run
 * locally: the employee signs in at /support through the server's one callback
 * (`/api/session/sso/callback`), so the server's port is picked before the provider starts.
 */
const test = withDistrictProvider([EMPLOYEE], LABEL).extend<{ center: SupportCenterPage; form: SupportRequestForm; requests: SupportRequestsPage }>({
  center: async ({ page }, use) => {
    await use(new SupportCenterPage(page));
  },
  form: async ({ page }, use) => {
    await use(new SupportRequestForm(page));
  },
  requests: async ({ page }, use) => {
    await use(new SupportRequestsPage(page));
  },
});

/** Signs the employee in from the center's sign-in screen, at the district's provider. */
async function signIn(center: SupportCenterPage): Promise<void> {
  await center.signInWith(LABEL).click();
  const idp = new DistrictProviderPage(center.page);
  await expect(idp.signInHeading).toBeVisible();
  await idp.signInAndAllow(EMPLOYEE.subject);
}

test('an employee signs in at /support, sends a request, sees its case number and finds it in My requests', async ({
  page,
  district,
  center,
  form,
  requests,
}) => {
  await center.open(district.origin, '/new');
  await expect(center.signedOutHeading).toBeVisible();
  await expect(center.deskPhone).toBeVisible();
  await signIn(center);

  // Back where they were heading, signed in as themselves.
  await expect(form.heading).toBeVisible();
  expect(new URL(page.url()).origin).toBe(district.origin);
  expect(new URL(page.url()).hash).toBe('#/new');
  await expect(center.signedInAs(EMPLOYEE.name)).toBeVisible();

  await form.problem.fill('The projector in room 114 shows no picture');
  await form.details.fill('It says "No signal" although the laptop is plugged in.');
  await form.room.fill('114');
  await form.callbackNumber.fill('573-214-3333');
  await form.answer({ securityOrSafety: 'No', missionCritical: 'No', affected: 'More than five', workEffect: 'Slowed, a workaround is available' });
  // A file that is no picture is refused at once, in words; a real PNG is sent along.
  await form.screenshots.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
  await expect(form.screenshots).toHaveAccessibleDescription(/notes\.txt is not a PNG, JPEG, GIF or WebP picture/);
  await form.screenshots.setInputFiles({ name: 'no-signal.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
  await form.send.click();

  await expect(form.sentHeading).toBeVisible();
  await expect(form.sentHeading).toBeFocused();
  const caseNumber = (await form.caseNumber.textContent())?.trim() ?? '';
  expect(caseNumber).not.toBe('');

  await center.myRequests.click();
  await expect(requests.heading).toBeVisible();
  await expect(requests.request(caseNumber)).toContainText('The projector in room 114 shows no picture');
  await requests.request(caseNumber).click();
  await expect(requests.requestHeading(caseNumber)).toBeVisible();
  await expect(page.getByRole('main')).toContainText('It says "No signal" although the laptop is plugged in.');
  await expect(page.getByRole('main').getByRole('listitem').filter({ hasText: 'no-signal.png' })).toBeVisible();
  // The screenshot comes back as a file to save, byte for byte, not as a page.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'no-signal.png' }).click()]);
  expect(download.suggestedFilename()).toBe('no-signal.png');
  expect(fs.readFileSync(await download.path()).equals(ONE_PIXEL_PNG)).toBe(true);

  // Signing out ends the session at the server: a reload finds nobody signed in.
  await center.signOut.click();
  await expect(center.signedOutHeading).toBeVisible();
  await expect(center.signedOutHeading).toBeFocused();
  await page.reload();
  await expect(center.signedOutHeading).toBeVisible();
  await expect(center.navigation).toHaveCount(0);
});

test('a priority 1 request tells the employee, as an alert, to call the Help Desk now', async ({ district, center, form }) => {
  await center.open(district.origin, '/new');
  await signIn(center);
  await form.problem.fill('Smoke coming from the server closet');
  await form.answer({ securityOrSafety: 'Yes', missionCritical: 'No', affected: 'More than five', workEffect: 'Stopped, no workaround' });
  await form.send.click();

  await expect(form.sentHeading).toBeVisible();
  await expect(form.callDeskNow).toBeVisible();
  await expect(form.callDeskNow).toContainText('Call the Help Desk now');
});

test('the desk asks a question and the employee answers it on the request; once resolved, they confirm it is fixed, rate it, and find it among all (not open) requests', async ({
  page,
  district,
  center,
  form,
  requests,
}) => {
  const tech = await district.staff('Terry Tech', 'technician');
  /** The desk's side, as the technician's console would call it. */
  const desk = async <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>> => {
    const result = await district.server.core.dispatch(channel, input, { actorId: tech.id });
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
    return result.value as ChannelResult<C>;
  };

  await center.open(district.origin, '/new');
  await signIn(center);
  await form.problem.fill('Printer in the library prints blank pages');
  await form.answer({ securityOrSafety: 'No', missionCritical: 'No', affected: 'Two to five', workEffect: 'Slowed, a workaround is available' });
  await form.send.click();
  await expect(form.sentHeading).toBeVisible();
  const caseNumber = (await form.caseNumber.textContent())?.trim() ?? '';
  const caseId = Number(/\/requests\/(\d+)$/.exec((await form.seeRequest.getAttribute('href')) ?? '')?.[1]);
  expect(caseId).toBeGreaterThan(0);

  // The desk picks it up and asks the employee something.
  let version = (await desk('cases.get', { id: caseId })).case.version;
  version = (await desk('cases.transition', { id: caseId, version, action: 'acknowledge' })).version;
  version = (await desk('cases.transition', { id: caseId, version, action: 'start' })).version;
  await desk('cases.transition', { id: caseId, version, action: 'pend', note: 'Which printer: the one by the door or the colour one?' });

  await form.seeRequest.click();
  await expect(requests.requestHeading(caseNumber)).toBeVisible();
  await expect(page.getByText('Waiting for your answer', { exact: true })).toBeVisible();
  const question = page.getByRole('region', { name: 'The desk asked you' });
  await expect(question).toContainText('Which printer: the one by the door or the colour one?');
  await question.getByLabel('Your answer').fill('The colour one by the windows.');
  await question.getByRole('button', { name: 'Send answer' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Your answer was sent to the desk.' })).toHaveCount(1);
  await expect(question).toHaveCount(0);
  await expect(page.getByText('Being worked on', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'History' })).toContainText('The colour one by the windows.');

  // The desk resolves it; the employee confirms and rates it.
  version = (await desk('cases.get', { id: caseId })).case.version;
  await desk('cases.transition', { id: caseId, version, action: 'resolve', notes: 'Replaced the toner cartridge.' });
  await page.reload();
  const fixed = page.getByRole('region', { name: 'Is it fixed?' });
  await fixed.getByRole('button', { name: 'Yes, it is fixed' }).click();
  await expect(page.getByText('Closed', { exact: true })).toBeVisible();

  const rating = page.getByRole('region', { name: 'How did we do?' });
  await rating.getByRole('radio', { name: /^5/ }).check();
  await rating.getByLabel('Comment (optional)').fill('Quick and friendly.');
  await rating.getByRole('button', { name: 'Send rating' }).click();
  await expect(rating).toContainText('You rated this 5 out of 5');

  // Closed: no longer among the open requests, still among all of them.
  await center.myRequests.click();
  await expect(requests.heading).toBeVisible();
  await expect(requests.openOnly).toBeChecked();
  await expect(page.getByRole('main')).toContainText('You have no open requests.');
  await requests.all.check();
  await expect(requests.request(caseNumber)).toBeVisible();
});

test('as the employee types, a public help article is suggested; it opens sanitised, and the request typed so far is kept', async ({
  page,
  district,
  center,
  form,
}) => {
  const lead = await district.staff('Sam Lead', 'supervisor');
  const call = async <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>> => {
    const result = await district.server.core.dispatch(channel, input, { actorId: lead.id });
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
    return result.value as ChannelResult<C>;
  };
  const draft = await call('kb.create', {
    title: 'Projector shows no picture',
    problem: 'The projector is on but the screen says No signal.',
    solution: 'Press **Source** on the remote until the laptop appears.\n\n<img src="x" onerror="window.__tscInjected = true"><script>window.__tscInjected = true</script>',
    audience: 'public',
  });
  await call('kb.publish', { id: draft.id, version: draft.version });

  await center.open(district.origin, '/new');
  await signIn(center);
  await form.problem.fill('The projector shows no picture');
  await expect(form.suggestions).toBeVisible();
  await form.suggestions.getByRole('link', { name: 'Projector shows no picture' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Projector shows no picture' })).toBeVisible();
  const body = page.locator('.tsc-article-body');
  await expect(body.locator('strong')).toHaveText('Source');
  await expect(body.locator('script')).toHaveCount(0);
  await expect(body.locator('[onerror]')).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as { __tscInjected?: boolean }).__tscInjected)).toBeUndefined();

  await page.getByRole('link', { name: 'Make a request' }).click();
  await expect(form.heading).toBeVisible();
  await expect(form.problem).toHaveValue('The projector shows no picture');
});

for (const width of [360, 1280]) {
  test(`every page of the center passes the accessibility audit at ${width} px wide`, async ({ page, district, center, form, requests }) => {
    await page.setViewportSize({ width, height: 800 });
    const audit = async (what: string) => expect(await seriousViolations(page), `${what} at ${width} px`).toEqual([]);

    await center.open(district.origin);
    await expect(center.signedOutHeading).toBeVisible();
    await audit('the sign-in screen');

    await signIn(center);
    await expect(form.heading).toBeVisible();
    await expect(form.problem).toBeVisible();
    await audit('the request form');

    // A failed submit: the first error gets the focus, and the form with its errors still passes.
    await form.send.click();
    await expect(form.problem).toBeFocused();
    await expect(form.problem).toHaveAccessibleDescription(/Say in a few words what is wrong/);
    await audit('the request form showing errors');

    await form.problem.fill('My laptop battery warning keeps coming back');
    await form.answer({ securityOrSafety: 'No', missionCritical: 'No', affected: 'One person', workEffect: 'Minimal effect' });
    await form.send.click();
    await expect(form.sentHeading).toBeVisible();
    const caseNumber = (await form.caseNumber.textContent())?.trim() ?? '';
    await audit('the confirmation');

    await center.myRequests.click();
    await expect(requests.heading).toBeVisible();
    await expect(requests.list).toBeVisible();
    await audit('my requests');

    await requests.request(caseNumber).click();
    await expect(requests.requestHeading(caseNumber)).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'History' })).toBeVisible();
    await audit('a request');

    await center.systemStatus.click();
    await expect(center.statusHeading).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Now and coming up' })).toBeVisible();
    await audit('the status page');

    await center.helpArticles.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Help articles' })).toBeVisible();
    await audit('the help page');
  });
}
