import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESSION_COOKIE } from '../../electron/server/session-cookie';
import { expect, freePort, test } from './support/district-server';

/**
 * The session cookie is `__Host-…; Secure; HttpOnly`. Chromium keeps a Secure cookie from plain
 * http only where it deems the origin potentially trustworthy: loopback (127.0.0.1, localhost).
 */

/** What the page's own script can do with fetch: read the session answer, or post a call with or without the CSRF header. */
interface PageCall {
  status: number;
  body: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

test('the session cookie is HttpOnly and Secure, the page cannot read it, and its calls carry the CSRF token the server checks', async ({
  page,
  context,
  district,
  signInPage,
  staffPage,
  districtHeader,
}) => {
  const dana = await district.staff('Dana Whitaker', 'supervisor');
  await page.goto(district.origin);
  await signInPage.signInWith(dana.email, dana.password);
  await expect(districtHeader.signedInAs('Dana Whitaker', 'Supervisor')).toBeVisible();

  // Chromium kept the cookie from http://127.0.0.1 (loopback counts as secure), as the server set it.
  const cookies = await context.cookies(district.origin);
  const session = cookies.find((cookie) => cookie.name === SESSION_COOKIE);
  expect(session, `cookies kept: ${cookies.map((c) => c.name).join(', ')}`).toMatchObject({
    domain: '127.0.0.1',
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
  });
  expect(session?.value.length).toBeGreaterThan(20);

  // The page's script sees no session cookie at all.
  const visible = await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie);
  expect(visible).not.toContain('deskwatch-session');
  expect(visible).not.toContain(session?.value ?? '(no cookie)');

  // The console's own calls: Origin and x-csrf-token, the one GET /api/session hands the page.
  const csrf = await page.evaluate(async () => {
    const answer = await fetch('/api/session');
    return ((await answer.json()) as { value: { csrf?: string } }).value.csrf ?? null;
  });
  expect(csrf).toBeTruthy();
  await districtHeader.staff.click();
  await expect(staffPage.heading).toBeVisible();
  const sent = page.waitForRequest((request) => request.url().endsWith('/api/invoke/staff.create'));
  await staffPage.addMember('Sam Okafor', 'Technician', 'sam.okafor@lakeside.example');
  const headers = await (await sent).allHeaders();
  expect(headers['x-csrf-token']).toBe(csrf);
  expect(headers.origin).toBe(district.origin);
  expect(headers.cookie).toContain(`${SESSION_COOKIE}=`);
  await expect(staffPage.notice).toHaveText('Sam Okafor is added.');

  // The same call without the token is refused, though the browser sends the cookie.
  const post = (withToken: boolean) =>
    page.evaluate(
      async ({ token, withToken }) => {
        const answer = await fetch('/api/invoke/staff.create', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(withToken && token ? { 'x-csrf-token': token } : {}) },
          body: JSON.stringify({ input: { name: 'Pat Quinn', role: 'agent' } }),
        });
        return { status: answer.status, body: (await answer.json()) as PageCall['body'] };
      },
      { token: csrf, withToken },
    );
  const refused = await post(false);
  expect(refused.status).toBe(403);
  expect(refused.body).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect(refused.body.error?.message).toContain('CSRF');
  expect((await post(true)).status).toBe(200);
  const names = (await district.server.core.services.staff.list()).map((member) => member.name);
  expect(names.filter((name) => name === 'Pat Quinn')).toHaveLength(1);
});

test("another site's page cannot use the cookie: its post is refused and changes nothing", async ({ page, district, signInPage, districtHeader }) => {
  const dana = await district.staff('Dana Whitaker', 'supervisor');
  await page.goto(district.origin);
  await signInPage.signInWith(dana.email, dana.password);
  await expect(districtHeader.signedInAs('Dana Whitaker', 'Supervisor')).toBeVisible();

  // Another port on the same machine is another origin but the same site, so SameSite=Lax lets
  // the cookie ride along with its form: only the Origin and CSRF checks stand in the way.
  const form = (target: string) => `<!doctype html><title>Win a prize</title>
<form method="post" enctype="text/plain" action="${target}/api/invoke/staff.create">
  <input type="hidden" name='{"input":{"name":"Mallory Intruder","role":"supervisor"},"x":"' value='"}'>
  <button>Claim your prize</button>
</form>`;
  const elsewhere = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(form(district.origin)));
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', () => resolve()));
  try {
    await page.goto(`http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`);
    const answered = page.waitForResponse((response) => response.url() === `${district.origin}/api/invoke/staff.create`);
    await page.getByRole('button', { name: 'Claim your prize' }).click();
    const response = await answered;
    expect((await response.request().allHeaders()).cookie).toContain(`${SESSION_COOKIE}=`);
    expect(response.status()).toBe(403);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('did not come from a Deskwatch page') } });
  } finally {
    elsewhere.closeAllConnections();
    await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
  }
  const names = (await district.server.core.services.staff.list()).map((member) => member.name);
  expect(names).not.toContain('Mallory Intruder');
});

test.describe('at http://localhost', () => {
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from its first parameter.
  test.use({ districtPort: async ({}, use) => use(await freePort()) });
  test.use({ districtEnv: async ({ districtPort }, use) => use({ DESKWATCH_PUBLIC_URL: `http://localhost:${districtPort}` }) });

  test('Chromium keeps the Secure cookie there too, and the console works', async ({ page, context, district, signInPage, districtHeader, queuePage }) => {
    expect(district.origin).toMatch(/^http:\/\/localhost:\d+$/);
    const dana = await district.staff('Dana Whitaker', 'supervisor');
    await page.goto(district.origin);
    await signInPage.signInWith(dana.email, dana.password);
    await expect(districtHeader.signedInAs('Dana Whitaker', 'Supervisor')).toBeVisible();
    await expect(queuePage.heading).toBeVisible();
    const session = (await context.cookies(district.origin)).find((cookie) => cookie.name === SESSION_COOKIE);
    expect(session).toMatchObject({ domain: 'localhost', httpOnly: true, secure: true });
    await page.reload();
    await expect(districtHeader.signedInAs('Dana Whitaker', 'Supervisor')).toBeVisible();
  });
});
