import { afterEach, describe, expect, it } from 'vitest';
import { SIGN_IN_THROTTLE } from '../../../electron/core/auth';
import { PASSWORD, request, startTestServer, type HttpAnswer, type TestServer } from './server-fixture';

/** Password guessing is slowed per account and per network address, counted in the database. */
describe('district server sign-in throttle', () => {
  let t: TestServer;
  afterEach(async () => {
    await t.close();
  });

  /** A sign-in form posted from the console's page, as a given client address through the proxy when one is trusted. */
  const signIn = (email: string, password: string, forwardedFor?: string): Promise<HttpAnswer> =>
    request(`${t.server.listening}/api/session/password`, {
      method: 'POST',
      headers: { origin: t.server.origin, host: new URL(t.server.origin).host, 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ email, password }),
    });

  it('refuses the 6th wrong password for one account with 429 and Retry-After, and even the right one until the window passes', async () => {
    t = await startTestServer();
    const agent = await t.staff('agent');
    for (let i = 0; i < SIGN_IN_THROTTLE.maxFailuresPerAccount; i += 1) expect((await signIn(agent.email, `wrong ${i}`)).status).toBe(401);
    const sixth = await signIn(agent.email, 'wrong again');
    expect(sixth.status).toBe(429);
    expect(sixth.json().error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/try again in 15 minutes/) });
    expect(Number(sixth.headers['retry-after'])).toBe(SIGN_IN_THROTTLE.windowMs / 1000);

    const right = await signIn(agent.email.toUpperCase(), PASSWORD);
    expect(right.status).toBe(429);
    t.clock.advance(SIGN_IN_THROTTLE.windowMs - 60_000);
    expect((await signIn(agent.email, PASSWORD)).status).toBe(429);
    expect(Number((await signIn(agent.email, PASSWORD)).headers['retry-after'])).toBe(60);
    t.clock.advance(60_001);
    expect((await signIn(agent.email, PASSWORD)).status).toBe(200);
  });

  it('refuses many accounts tried from one address, even an account that has not failed', async () => {
    t = await startTestServer();
    const agent = await t.staff('agent');
    for (let i = 0; i < SIGN_IN_THROTTLE.maxFailuresPerAddress; i += 1) {
      expect((await signIn(`guess${i}@district.example`, 'password123456')).status).toBe(401);
    }
    const next = await signIn(agent.email, PASSWORD);
    expect(next.status).toBe(429);
    expect(next.json().error?.code).toBe('rate_limited');
    expect(Number(next.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts the client address a trusted proxy forwards, and believes no forwarded address otherwise', async () => {
    t = await startTestServer({ env: { DESKWATCH_TRUST_PROXY: 'loopback', DESKWATCH_PUBLIC_URL: 'https://desk.example.org' } });
    const agent = await t.staff('agent');
    for (let i = 0; i < SIGN_IN_THROTTLE.maxFailuresPerAddress; i += 1) {
      expect((await signIn(`guess${i}@district.example`, 'password123456', `203.0.113.5, 198.51.100.7`)).status).toBe(401);
    }
    expect((await signIn(agent.email, PASSWORD, '198.51.100.7')).status).toBe(429);
    // Another person behind the same proxy is another address.
    expect((await signIn(agent.email, PASSWORD, '198.51.100.8')).status).toBe(200);
  });

  it('does not let an untrusted client pick its own address with X-Forwarded-For', async () => {
    t = await startTestServer({ env: { DESKWATCH_TRUST_PROXY: '10.0.0.2', DESKWATCH_PUBLIC_URL: 'https://desk.example.org' } });
    const agent = await t.staff('agent');
    for (let i = 0; i < SIGN_IN_THROTTLE.maxFailuresPerAddress; i += 1) {
      expect((await signIn(`guess${i}@district.example`, 'password123456', `198.51.100.${i}`)).status).toBe(401);
    }
    expect((await signIn(agent.email, PASSWORD, '198.51.100.200')).status).toBe(429);
  });
});
