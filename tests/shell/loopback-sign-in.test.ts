/**
 * The desktop's district sign-in (RFC 8252 loopback): a real listener on 127.0.0.1 and real HTTP
 * requests playing the system browser coming back from the district's sign-in page.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../electron/core/log/logger';
import { ok } from '../../shared/result';
import { LoopbackRedirectError, loopbackRedirectUri, signInThroughBrowser, type LoopbackSignInOptions } from '../../electron/main/team/loopback-sign-in';

const SERVER = 'https://deskwatch.district.example';

/** GET as a browser would, with the Host header given (a browser always sends the one in the address). */
function browserGet(url: string, host?: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = http.request({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, headers: { host: host ?? target.host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Starts a sign-in and answers once the system browser was asked to open the district's page. */
async function startSignIn(over: Partial<LoopbackSignInOptions<string>> = {}) {
  let opened: (url: URL) => void = () => undefined;
  const browser = new Promise<URL>((resolve) => (opened = resolve));
  const exchange = vi.fn(async (code: string, _verifier: string) => ok(`session for ${code}`));
  const outcome = signInThroughBrowser<string>({
    serverUrl: SERVER,
    openExternal: (url) => {
      opened(new URL(url));
      return true;
    },
    exchange,
    log: silentLogger,
    ...over,
  });
  const signInPage = await Promise.race([browser, outcome.then((result) => Promise.reject(new Error(`settled early: ${JSON.stringify(result)}`)))]);
  const redirectUri = new URL(signInPage.searchParams.get('redirect_uri')!);
  const callback = (query: Record<string, string>, host?: string) => browserGet(`${redirectUri.href}?${new URLSearchParams(query).toString()}`, host);
  return { outcome, exchange, signInPage, redirectUri, state: signInPage.searchParams.get('state')!, callback };
}

describe('the district sign-in through the system browser', () => {
  it('opens the server’s desktop sign-in with a loopback redirect, a state and an S256 challenge, and exchanges the code with the verifier', async () => {
    const { outcome, exchange, signInPage, redirectUri, state, callback } = await startSignIn();
    expect(`${signInPage.origin}${signInPage.pathname}`).toBe(`${SERVER}/api/session/sso`);
    expect(redirectUri.protocol).toBe('http:');
    expect(redirectUri.hostname).toBe('127.0.0.1');
    expect(redirectUri.pathname).toBe('/callback');
    expect(state.length).toBeGreaterThanOrEqual(32);

    const page = await callback({ code: 'one-time-code', state });
    expect(page.status).toBe(200);
    expect(page.body).toContain('You can close this tab and return to Deskwatch');
    expect(page.headers['referrer-policy']).toBe('no-referrer');

    await expect(outcome).resolves.toEqual(ok('session for one-time-code'));
    const verifier = exchange.mock.calls[0]![1];
    expect(exchange.mock.calls[0]![0]).toBe('one-time-code');
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(signInPage.searchParams.get('code_challenge'));
    // The listener is gone once the answer came.
    await expect(browserGet(`${redirectUri.href}?code=again&state=${state}`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses an answer with another state, and goes on waiting for the right one', async () => {
    const { outcome, exchange, state, callback } = await startSignIn();
    const forged = await callback({ code: 'attacker-code', state: 'not-the-state' });
    expect(forged.status).toBe(400);
    expect(forged.body).toMatch(/does not belong to the sign-in Deskwatch is waiting for/);
    const missing = await callback({ code: 'attacker-code' });
    expect(missing.status).toBe(400);
    expect(exchange).not.toHaveBeenCalled();

    await callback({ code: 'real-code', state });
    await expect(outcome).resolves.toEqual(ok('session for real-code'));
    expect(exchange).toHaveBeenCalledTimes(1);
  });

  it('gives up after its time, in words, and stops listening', async () => {
    const { outcome, exchange, redirectUri, state } = await startSignIn({ timeoutMs: 150 });
    await expect(outcome).resolves.toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringMatching(/not completed within .*nobody was signed in/) } });
    expect(exchange).not.toHaveBeenCalled();
    await expect(browserGet(`${redirectUri.href}?code=late&state=${state}`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('waits five minutes by default', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { outcome } = await startSignIn();
      let settled = false;
      void outcome.then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(4 * 60_000 + 59_000);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(2_000);
      await expect(outcome).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/within 5 minutes/) } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses to listen anywhere but this computer', async () => {
    const openExternal = vi.fn(() => true);
    for (const host of ['0.0.0.0', '192.168.1.20', 'localhost', 'deskwatch.district.example']) {
      await expect(signInThroughBrowser({ serverUrl: SERVER, openExternal, exchange: async () => ok('x'), log: silentLogger, host })).rejects.toThrow(LoopbackRedirectError);
    }
    expect(openExternal).not.toHaveBeenCalled();
    expect(() => loopbackRedirectUri('10.0.0.5', 4000)).toThrow(/must come back to this computer/);
    expect(loopbackRedirectUri('::1', 4000)).toBe('http://[::1]:4000/callback');
  });

  it('answers requests under another host name (DNS rebinding) or on other paths with nothing', async () => {
    const { outcome, exchange, redirectUri, state, callback } = await startSignIn();
    expect((await callback({ code: 'c', state }, `evil.example:${redirectUri.port}`)).status).toBe(421);
    expect((await browserGet(`${redirectUri.origin}/favicon.ico`)).status).toBe(404);
    expect(exchange).not.toHaveBeenCalled();
    await callback({ code: 'c', state });
    await expect(outcome).resolves.toMatchObject({ ok: true });
  });

  it('passes on a refusal from the district (with the right state), and escapes its words', async () => {
    const { outcome, exchange, state, callback } = await startSignIn();
    const page = await callback({ error: 'access_denied', error_description: '<script>alert(1)</script> denied', state });
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('&lt;script&gt;');
    await expect(outcome).resolves.toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringMatching(/not completed: .*denied/) } });
    expect(exchange).not.toHaveBeenCalled();
  });

  it('ends at once when the browser cannot be opened, or the sign-in is cancelled', async () => {
    await expect(
      signInThroughBrowser({ serverUrl: SERVER, openExternal: () => false, exchange: async () => ok('x'), log: silentLogger }),
    ).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/system browser could not be opened/) } });

    const cancel = new AbortController();
    const { outcome } = await startSignIn({ signal: cancel.signal });
    cancel.abort();
    await expect(outcome).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/cancelled/) } });
  });
});
