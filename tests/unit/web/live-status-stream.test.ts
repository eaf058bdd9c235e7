import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveStatus } from '../../../shared/contract';
import { startWebServer, type WebServer } from '../../../electron/web/web-server';
import { coreFixture, type CoreFixture } from '../../support/core-fixture';

/** Opens the event stream and collects its data frames until `count` have arrived. */
function frames(server: WebServer, count: number, onConnected: () => void = () => undefined): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const got: unknown[] = [];
    const req = http.get(`${server.origin}/api/events?token=${encodeURIComponent(server.token)}`, (res) => {
      let buffer = '';
      let connected = false;
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        if (!connected && buffer.includes(': connected')) {
          connected = true;
          setImmediate(onConnected);
        }
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith('data: ')) got.push(JSON.parse(frame.slice(6)));
        }
        if (got.length >= count) {
          req.destroy();
          resolve(got);
        }
      });
    });
    req.on('error', reject);
  });
}

describe('browser mode: the live updates state on the event stream', () => {
  let f: CoreFixture;
  let server: WebServer;
  let rendererDir: string;
  beforeEach(async () => {
    f = await coreFixture('sqlite');
    rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-renderer-'));
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Deskwatch</title>');
    server = await startWebServer({ core: f.core, rendererDir });
  });
  afterEach(async () => {
    await server.close();
    await f.dispose();
    fs.rmSync(rendererDir, { recursive: true, force: true });
  });

  it('carries live.status events to the page', async () => {
    const got = frames(server, 2, () => {
      f.core.events.publish('live.status', { state: 'reconnecting', retryInMs: 1000 });
      f.core.events.publish('live.status', { state: 'live' });
    });
    expect(await got).toEqual([
      { name: 'live.status', payload: { state: 'reconnecting', retryInMs: 1000 } },
      { name: 'live.status', payload: { state: 'live' } },
    ]);
  });

  it('tells a page that connects while the console does not hear the others, at once', async () => {
    // The relay's state on PostgreSQL (its reconnection is tested in pg-event-relay.test.ts).
    const reconnecting: LiveStatus = { state: 'reconnecting', retryInMs: 4000 };
    (f.core as { liveStatus(): LiveStatus }).liveStatus = () => reconnecting;
    expect(await frames(server, 1)).toEqual([{ name: 'live.status', payload: reconnecting }]);
  });
});
