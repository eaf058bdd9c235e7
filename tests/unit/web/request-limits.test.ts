import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../../electron/web/web-server';
import { createHttpApi, type FetchLike } from '../../../renderer/src/api/http-api';
import { DEFAULT_REQUEST_LIMIT, requestLimitOf } from '../../../shared/contract';
import { coreFixture, type CoreFixture } from '../../support/core-fixture';

/** Sends the body in 64 KB chunks without a Content-Length, as a streaming client would. */
function postChunked(url: string, token: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'transfer-encoding': 'chunked' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    const data = Buffer.from(body);
    for (let at = 0; at < data.length; at += 65_536) req.write(data.subarray(at, at + 65_536));
    req.end();
  });
}

function callerCsv(rows: number): string {
  const lines = ['Name,Email,Ext,Room'];
  for (let i = 0; i < rows; i++) lines.push(`"Teacher ${i}, Pat",pat.teacher${i}@district.example,${20_000 + (i % 9_000)},${100 + (i % 300)}`);
  return `${lines.join('\n')}\n`;
}

describe('browser-mode request limits come from the contract', () => {
  let f: CoreFixture;
  let server: WebServer;
  let rendererDir: string;
  let supervisorId: number;
  // The same fetch a browser has (undici): a dropped connection makes it reject, as Chromium's does.
  const fetchJson: FetchLike = (url, init) => fetch(`${server.origin}${url}`, init);

  /** The console's own HTTP client, with the supervisor chosen at it (as the welcome screen does). */
  const supervisorConsole = async () => {
    const api = createHttpApi({ auth: { mode: 'standalone', runToken: server.token }, fetch: fetchJson, openEventStream: () => ({ close: () => undefined }) });
    const chosen = await api.session.choose(supervisorId);
    if (!chosen.ok) throw new Error(chosen.error.message);
    return api;
  };

  beforeEach(async () => {
    f = await coreFixture('sqlite');
    supervisorId = (await f.staff('supervisor')).id;
    rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-renderer-'));
    server = await startWebServer({ core: f.core, rendererDir });
  });
  afterEach(async () => {
    await server.close();
    await f.dispose();
    fs.rmSync(rendererDir, { recursive: true, force: true });
  });

  it('answers an oversized call with 413 and the contract error, not a dropped connection', async () => {
    const note = 'x'.repeat(DEFAULT_REQUEST_LIMIT.bytes + 10);
    const res = await fetch(`${server.origin}/api/invoke/cases.addNote`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}` },
      body: JSON.stringify({ input: { id: 1, note } }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ ok: false, error: { code: 'invalid_input', field: 'input', message: DEFAULT_REQUEST_LIMIT.message } });

    // Without a Content-Length the server only learns the size while reading: still a 413.
    const chunked = await postChunked(`${server.origin}/api/invoke/cases.addNote`, server.token, JSON.stringify({ input: { id: 1, note } }));
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'input' } });
    // The connection is still usable afterwards.
    expect((await fetch(`${server.origin}/api/invoke/app.info`, { method: 'POST', headers: { authorization: `Bearer ${server.token}` }, body: '{}' })).status).toBe(200);
  });

  it('carries a caller CSV over 1 MB, and refuses one over 20 MB in words naming the file', async () => {
    const api = await supervisorConsole();
    const csv = callerCsv(20_000);
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1.2 * DEFAULT_REQUEST_LIMIT.bytes);
    const dryRun = await api.invoke('callers.import', { csv, dryRun: true });
    expect(dryRun).toMatchObject({ ok: true, value: { rejected: true, created: 20_000, problems: [] } });

    const tooBig = 'Name\n' + 'A'.repeat(requestLimitOf('callers.import').bytes);
    const refused = await api.invoke('callers.import', { csv: tooBig });
    expect(refused).toEqual({ ok: false, error: { code: 'invalid_input', field: 'csv', message: requestLimitOf('callers.import').message } });
    expect(requestLimitOf('callers.import').message).toContain('at most 20 MB');
  });

  it('gives the .ics import its own 5 MB limit and every other channel the default', async () => {
    expect(requestLimitOf('calendar.importIcs')).toMatchObject({ field: 'ics' });
    expect(requestLimitOf('calendar.importIcs').message).toContain('at most 5 MB');
    expect(requestLimitOf('cases.create')).toBe(DEFAULT_REQUEST_LIMIT);
    expect(requestLimitOf('toString')).toBe(DEFAULT_REQUEST_LIMIT);
    const api = await supervisorConsole();
    const ics = 'BEGIN:VCALENDAR\r\nX-PAD:'.padEnd(requestLimitOf('calendar.importIcs').bytes + 1, 'p');
    const refused = await api.invoke('calendar.importIcs', { ics });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'ics' } });
  });
});
