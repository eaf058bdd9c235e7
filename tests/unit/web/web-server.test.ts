import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../../electron/web/web-server';
import { coreFixture, newCaseInput, type CoreFixture } from '../../support/core-fixture';

/** Raw HTTP, so the Host header and paths are sent exactly as written. */
function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('browser-mode host', () => {
  let f: CoreFixture;
  let server: WebServer;
  let rendererDir: string;
  const invoke = (channel: string, body: unknown, token: string | null = server.token) =>
    request(`${server.origin}/api/invoke/${channel}`, {
      method: 'POST',
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  /** A console where `staffId` is chosen, as a page gets one: its token makes every call theirs. */
  const chooseConsole = async (staffId: number, token = server.token): Promise<string> => {
    const res = await request(`${server.origin}/api/session/choose`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ staffId }),
    });
    const body = JSON.parse(res.body) as { ok: boolean; value: { token: string } };
    if (!body.ok) throw new Error(`choose failed: ${res.body}`);
    return body.value.token;
  };

  beforeEach(async () => {
    f = await coreFixture('sqlite');
    rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-renderer-'));
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Deskwatch</title>');
    fs.writeFileSync(path.join(os.tmpdir(), 'deskwatch-secret.txt'), 'secret');
    server = await startWebServer({ core: f.core, rendererDir });
  });
  afterEach(async () => {
    await server.close();
    await f.dispose();
    fs.rmSync(rendererDir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only and prints a URL carrying a random token', async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/?token=${encodeURIComponent(server.token)}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
    const other = await startWebServer({ core: f.core, rendererDir });
    expect(other.token).not.toBe(server.token);
    await other.close();
  });

  it('answers 401 to every contract request without the right token', async () => {
    for (const token of [null, 'wrong', `${server.token}x`]) {
      const res = await invoke('app.info', { input: {} }, token);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
    expect((await request(`${server.origin}/api/events`)).status).toBe(401);
    expect((await invoke('app.info', { input: {} })).status).toBe(200);
  });

  it('carries contract calls and their typed errors', async () => {
    const created = JSON.parse((await invoke('staff.create', { input: { name: 'Ann', role: 'agent' } })).body);
    expect(created).toMatchObject({ ok: true, value: { name: 'Ann', role: 'agent' } });
    const bad = await invoke('staff.create', { input: { name: 'Bo', role: 'janitor' } });
    expect(bad.status).toBe(200);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'role' } });
    const notJson = await request(`${server.origin}/api/invoke/app.info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}` },
      body: '{oops',
    });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Request body is not valid JSON' } });
  });

  it('refuses foreign Host headers (DNS rebinding)', async () => {
    const res = await request(`${server.origin}/`, { headers: { host: 'evil.example:80' } });
    expect(res.status).toBe(421);
  });

  it('serves the renderer with a strict CSP and never a file outside it', async () => {
    const page = await request(`${server.origin}/queue`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Deskwatch</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const escape = await request(`${server.origin}/..%2f..%2f..%2fdeskwatch-secret.txt`);
    expect(escape.body).not.toContain('secret');
  });

  it('says the Tech Support Center belongs to the district server, instead of serving the console at /support', async () => {
    for (const path of ['/support', '/support/', '/support/#/new']) {
      const page = await request(`${server.origin}${path}`);
      expect(page.status, path).toBe(404);
      expect(page.body, path).toContain('The Tech Support Center is part of the district server');
      expect(page.body, path).not.toContain('<title>Deskwatch</title>');
    }
  });

  it('streams core events to subscribers', async () => {
    const agent = await f.core.services.staff.create({ name: 'Ann', role: 'agent' });
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get(`${server.origin}/api/events?token=${encodeURIComponent(server.token)}`, (res) => {
        let buffer = '';
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8');
          const frame = /data: (.+)\n\n/.exec(buffer);
          if (frame?.[1]) {
            resolve(frame[1]);
            req.destroy();
          } else if (buffer.includes(': connected')) {
            void chooseConsole(agent.id).then((token) => invoke('cases.create', { input: newCaseInput({ callerName: 'Cy', summary: 'Mouse dead' }) }, token));
          }
        });
      });
      req.on('error', reject);
    });
    expect(JSON.parse(await received)).toMatchObject({ name: 'cases.changed', payload: { change: 'created', version: 1 } });
  });

  it('makes every call as the person chosen at the console, never as the one a body names', async () => {
    const agent = await f.staff('agent');
    const boss = await f.staff('supervisor');
    const asAgent = await chooseConsole(agent.id);
    const session = JSON.parse((await request(`${server.origin}/api/session`, { headers: { authorization: `Bearer ${asAgent}` } })).body);
    expect(session).toMatchObject({ ok: true, value: { mode: 'standalone', staff: { id: agent.id, role: 'agent' } } });

    const forged = await invoke('calendar.addClosure', { input: { date: '2026-12-24', name: 'Break' }, meta: { actorId: boss.id } }, asAgent);
    expect(forged.status).toBe(400);
    expect(JSON.parse(forged.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'meta' } });
    const asThemselves = JSON.parse((await invoke('calendar.addClosure', { input: { date: '2026-12-24', name: 'Break' } }, asAgent)).body);
    expect(asThemselves).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await f.core.services.calendar.list()).closures).toEqual([]);

    // The run token alone is nobody: staff-only channels need a profile chosen first.
    expect(JSON.parse((await invoke('queue.rows', { input: {} })).body)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const asBoss = await chooseConsole(boss.id);
    expect(JSON.parse((await invoke('calendar.addClosure', { input: { date: '2026-12-24', name: 'Break' } }, asBoss)).body)).toMatchObject({ ok: true });
  });

  it('forgets a console on sign-out and refuses an unknown or inactive profile', async () => {
    const agent = await f.staff('agent');
    const token = await chooseConsole(agent.id);
    const out = await request(`${server.origin}/api/session/signout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(JSON.parse(out.body)).toMatchObject({ ok: true, value: { staff: null } });
    expect((await invoke('app.info', { input: {} }, token)).status).toBe(401);
    await expect(chooseConsole(9999)).rejects.toThrow(/No staff member has id 9999/);
    const noSignIn = await request(`${server.origin}/api/session/password`, { method: 'POST', headers: { authorization: `Bearer ${server.token}` }, body: '{}' });
    expect(noSignIn.status).toBe(404);
  });
});
