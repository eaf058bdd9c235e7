/**
 * A newcomer's first command, on a checkout that has never been built: the last commit's files
 * unpacked in a temp folder (no out/, nothing left over from this tree's builds), the
 * installed node_modules linked in, then the README's first-look command exactly as written,
 * `npm run web -- --db … --demo`, with `--port 0` so it never collides. The console it prints
 * must load in the browser and answer the contract.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { WelcomePage } from './pages/welcome-page';
import { REPO_ROOT } from './support/global-setup';

const START_TIMEOUT_MS = 240_000;

/** What a fresh clone holds: the files of the last commit (`git archive HEAD`), without any build output. */
function copyCheckout(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-fresh-clone-'));
  const archive = path.join(dir, 'head.tar');
  execFileSync('git', ['archive', '--format=tar', '-o', archive, 'HEAD'], { cwd: REPO_ROOT });
  execFileSync('tar', ['-xf', archive, '-C', dir]);
  fs.rmSync(archive);
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function waitForOpenLine(child: ChildProcess, log: { text: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run web printed no "open:" line in ${START_TIMEOUT_MS} ms\n${log.text}`)), START_TIMEOUT_MS);
    const read = (chunk: Buffer) => {
      log.text += chunk.toString();
      const match = /open: (http:\/\/\S+)/.exec(log.text);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm run web exited with ${code} before it was ready\n${log.text}`));
    });
  });
}

test("a fresh checkout's `npm run web` serves the console and the contract", async ({ page, request }) => {
  test.setTimeout(START_TIMEOUT_MS + 60_000);
  const checkout = copyCheckout();
  expect(fs.existsSync(path.join(checkout, 'out')), 'a fresh checkout has no build output').toBe(false);
  const db = path.join(checkout, 'demo.sqlite');
  const log = { text: '' };
  // Its own process group, so the kill below ends npm, the build's children and the server alike.
  const child = spawn('npm', ['run', 'web', '--', '--db', db, '--demo', '--port', '0'], {
    cwd: checkout,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  try {
    const url = await waitForOpenLine(child, log);
    expect(log.text).toContain('demo: 2000 callers');

    const html = await request.get(url);
    expect(html.status(), log.text).toBe(200);
    expect(await html.text()).toContain('<div id="app"');

    const origin = new URL(url).origin;
    const token = new URL(url).searchParams.get('token') ?? '';
    const staff = await request.post(`${origin}/api/invoke/staff.list`, { headers: { authorization: `Bearer ${token}` }, data: { input: {} } });
    expect(staff.status()).toBe(200);
    const result = (await staff.json()) as { ok: boolean; value?: unknown[] };
    expect(result.ok).toBe(true);
    expect(result.value?.length).toBeGreaterThan(0);

    await page.goto(url);
    await expect(new WelcomePage(page).heading).toBeVisible();
  } finally {
    if (child.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    fs.rmSync(checkout, { recursive: true, force: true });
  }
});
