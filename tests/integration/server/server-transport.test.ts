import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresBehindProxy } from '../../support/tcp-proxy';
import { selfSignedCertificate, hasOpenssl, type CertificateFiles } from './self-signed';
import { PASSWORD, request, startTestServer, valueOf, type TestServer } from './server-fixture';

describe('district server transport', () => {
  let t: TestServer | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  describe.runIf(hasOpenssl())('over HTTPS', () => {
    let tls: CertificateFiles;
    beforeAll(() => {
      tls = selfSignedCertificate();
    });
    afterAll(() => tls.dispose());

    it('serves HTTPS from the certificate and key, with HSTS on every answer', async () => {
      t = await startTestServer({ env: { DESKWATCH_TLS_CERT: tls.cert, DESKWATCH_TLS_KEY: tls.key } });
      expect(t.server.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = fs.readFileSync(tls.cert);
      const page = await request(`${t.server.origin}/`, { ca });
      expect(page.status).toBe(200);
      expect(page.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const refused = await request(`${t.server.origin}/api/invoke/app.info`, { method: 'POST', ca, body: '{}' });
      expect(refused.status).toBe(401);
      expect(refused.headers['strict-transport-security']).toMatch(/max-age=/);

      const agent = await t.staff('agent');
      const signIn = await request(`${t.server.origin}/api/session/password`, {
        method: 'POST',
        ca,
        headers: { origin: t.server.origin },
        body: JSON.stringify({ email: agent.email, password: PASSWORD, client: 'desktop' }),
      });
      expect(signIn.status).toBe(200);
      const token = (signIn.json().value as { token: string }).token;
      const info = await request(`${t.server.origin}/api/invoke/app.info`, { method: 'POST', ca, headers: { authorization: `Bearer ${token}` }, body: '{"input":{}}' });
      expect(valueOf<{ databaseKind: string }>(info).databaseKind).toBe('postgres');
      // A client that does not trust the certificate does not get through.
      await expect(request(`${t.server.origin}/`)).rejects.toThrow(/self.signed|certificate/i);
    });
  });

  it('behind a trusted proxy: believes X-Forwarded-Proto for HSTS, checks Origin against the public URL, accepts its Host', async () => {
    t = await startTestServer({ env: { DESKWATCH_TRUST_PROXY: 'loopback', DESKWATCH_PUBLIC_URL: 'https://desk.example.org' } });
    expect(t.server.origin).toBe('https://desk.example.org');
    const base = t.server.listening;
    const viaProxy = { host: 'desk.example.org', 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.7' };
    const page = await request(`${base}/`, { headers: viaProxy });
    expect(page.status).toBe(200);
    expect(page.headers['strict-transport-security']).toMatch(/max-age=/);
    expect((await request(`${base}/`, { headers: { host: 'desk.example.org' } })).headers['strict-transport-security']).toBeUndefined();
    expect((await request(`${base}/`, { headers: { host: 'other.example.org', 'x-forwarded-proto': 'https' } })).status).toBe(421);

    const agent = await t.staff('agent');
    const signIn = await request(`${base}/api/session/password`, {
      method: 'POST',
      headers: { ...viaProxy, origin: 'https://desk.example.org' },
      body: JSON.stringify({ email: agent.email, password: PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const fromListenAddress = await request(`${base}/api/session/password`, {
      method: 'POST',
      headers: { ...viaProxy, origin: base },
      body: JSON.stringify({ email: agent.email, password: PASSWORD }),
    });
    expect(fromListenAddress.status).toBe(403);
  });

  it('does not believe X-Forwarded-Proto from a peer that is not a trusted proxy', async () => {
    t = await startTestServer({ env: { DESKWATCH_TRUST_PROXY: '10.0.0.2', DESKWATCH_PUBLIC_URL: 'https://desk.example.org' } });
    const page = await request(`${t.server.listening}/`, { headers: { host: 'desk.example.org', 'x-forwarded-proto': 'https' } });
    expect(page.status).toBe(200);
    expect(page.headers['strict-transport-security']).toBeUndefined();
  });

  it('answers health 503 while the database is away, and 200 when it is back', async () => {
    const behind = await postgresBehindProxy();
    t = await startTestServer({ db: { config: { kind: 'postgres', url: behind.url }, dispose: behind.dispose } });
    try {
      expect((await request(`${t.server.origin}/api/health`)).status).toBe(200);
      behind.proxy.cut();
      const away = await request(`${t.server.origin}/api/health`);
      expect(away.status).toBe(503);
      expect(away.json()).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(away.headers['x-content-type-options']).toBe('nosniff');
      behind.proxy.restore();
      await expect.poll(async () => (await request(`${t?.server.origin}/api/health`)).status, { timeout: 15_000 }).toBe(200);
    } finally {
      await t.close();
      t = null;
      await behind.dispose();
    }
  });
});
