import { expect, test } from './support/fixtures';

test('the API refuses a request without the token', async ({ request, deskwatch }) => {
  const withoutToken = await request.post(`${deskwatch.origin}/api/invoke/staff.list`, { data: { input: {} } });
  expect(withoutToken.status()).toBe(401);
  expect(await withoutToken.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

  const wrongToken = await request.post(`${deskwatch.origin}/api/invoke/staff.list`, {
    headers: { authorization: 'Bearer not-the-token' },
    data: { input: {} },
  });
  expect(wrongToken.status()).toBe(401);

  const events = await request.get(`${deskwatch.origin}/api/events`);
  expect(events.status()).toBe(401);
});

test('a page opened without its access link says what to do instead of staying blank', async ({ page, deskwatch }) => {
  await page.goto(`${deskwatch.origin}/`);

  await expect(page.getByRole('heading', { level: 1, name: 'Open Deskwatch from its access link' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('?token=');
});

test('a page with an outdated access link explains the refusal', async ({ page, deskwatch, welcomePage }) => {
  await page.goto(`${deskwatch.origin}/?token=from-an-earlier-run`);

  await expect(welcomePage.heading).toBeVisible();
  await expect(welcomePage.error).toContainText('refused this page’s access link');
  await expect(welcomePage.error.getByRole('button', { name: 'Try again' })).toBeVisible();
});
