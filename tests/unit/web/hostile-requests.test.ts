import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../../electron/web/web-server';
import { CHANNEL_NAMES } from '../../../shared/channel-names';
import { coreFixture, type CoreFixture } from '../../support/core-fixture';

function post(url: string, token: string, body: Buffer | string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Bodies no console sends, as a broken client or a curious person at the same machine might. */
const HOSTILE_BODIES: (string | Buffer)[] = [
  '',
  'null',
  '[]',
  '"input"',
  '42',
  '{"input": null, "meta": null}',
  '{"input": [], "meta": []}',
  '{"input": "x", "meta": "y"}',
  '{"input": {"id": 1e400}, "meta": {"actorId": 1e400}}',
  '{"input": {"id": 2147483648}}',
  '{"input": {"__proto__": {"admin": true}}, "meta": {"constructor": {"prototype": {}}}}',
  '{"input": {}, "meta": {"actorId": 1, "extra": true}}',
  `{"input": ${'['.repeat(100_000)}`,
  `{"input": ${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
  Buffer.from([0x7b, 0x22, 0x69, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
  '{"input": {"query": "\\u0000"}}',
  '{oops',
];

describe('browser mode under hostile requests', () => {
  let f: CoreFixture;
  let server: WebServer;
  let rendererDir: string;
  let supervisorId: number;
  /** A console where the supervisor is chosen, so the staff-only channels get past the actor check too. */
  let consoleToken: string;

  beforeAll(async () => {
    f = await coreFixture('sqlite');
    supervisorId = (await f.staff('supervisor')).id;
    rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-renderer-'));
    server = await startWebServer({ core: f.core, rendererDir });
    const chosen = await post(`${server.origin}/api/session/choose`, server.token, JSON.stringify({ staffId: supervisorId }));
    consoleToken = (JSON.parse(chosen.body) as { value: { token: string } }).value.token;
  });
  afterAll(async () => {
    await server.close();
    await f.dispose();
    fs.rmSync(rendererDir, { recursive: true, force: true });
  });

  it('answers every channel with a contract error for every malformed body, never a 500 or internal', async () => {
    const seen = new Set<number>();
    for (const channel of [...CHANNEL_NAMES, 'nope', '__proto__', 'constructor']) {
      for (const body of HOSTILE_BODIES) {
        const res = await post(`${server.origin}/api/invoke/${channel}`, consoleToken, body, { 'content-type': 'application/json' });
        seen.add(res.status);
        const what = `${channel} with ${String(body).slice(0, 40)}`;
        expect([200, 400], what).toContain(res.status);
        const answer = JSON.parse(res.body) as { ok: boolean; error?: { code: string } };
        expect(answer.error?.code, what).not.toBe('internal');
      }
      // The same channel still answers a good call after all that.
      const good = await post(`${server.origin}/api/invoke/app.info`, consoleToken, JSON.stringify({ input: {} }));
      expect(JSON.parse(good.body)).toMatchObject({ ok: true });
    }
    expect([...seen].sort()).toEqual([200, 400]);
  });
});
