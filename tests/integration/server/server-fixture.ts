/**
 * A district server on a fresh PostgreSQL database, reached over real HTTP, and a browser-like
 * client for it: `ConsoleBrowser` keeps its cookie and CSRF token and sends what the console's page
 * sends (Origin, x-csrf-token), so a test changes one thing at a time to see it refused.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../../electron/core/clock';
import type { StaffMember, StaffRole } from '../../../shared/domain';
import { startDistrictServer, type DistrictServer } from '../../../electron/server/district-server';
import { parseServerConfig } from '../../../electron/server/server-config';
import { SESSION_COOKIE } from '../../../electron/server/session-cookie';
import { freshDatabase, type FreshDatabase } from '../../support/databases';
import { createParser } from 'eventsource-parser';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json<T = { ok: boolean; value?: Record<string, unknown> & { token?: string; csrf?: string }; error?: { code: string; message: string; field?: string } }>(): T;
}

export interface RequestInit {
  method?: string;
  headers?: Record<string, string | undefined>;
  body?: string;
  /** The CA to trust for an HTTPS server (a test's self-signed certificate). */
  ca?: Buffer;
}

/** Raw HTTP(S), so Host, Origin and cookies are sent exactly as written. */
export function request(url: string, init: RequestInit = {}): Promise<HttpAnswer> {
  const target = new URL(url);
  const headers = Object.fromEntries(Object.entries(init.headers ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return new Promise((resolve, reject) => {
    const done = (res: http.IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
      });
    };
    const req =
      target.protocol === 'https:'
        ? https.request(target, { method: init.method ?? 'GET', headers, ...(init.ca ? { ca: init.ca } : {}) }, done)
        : http.request(target, { method: init.method ?? 'GET', headers }, done);
    req.on('error', reject);
    req.end(init.body);
  });
}

/** The session cookie's value in a Set-Cookie answer, or null. */
export function sessionCookieOf(answer: HttpAnswer): string | null {
  for (const line of answer.headers['set-cookie'] ?? []) {
    const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(line);
    if (match) return match[1] ? decodeURIComponent(match[1]) : null;
  }
  return null;
}

export interface TestServer {
  server: DistrictServer;
  clock: ManualClock;
  db: FreshDatabase;
  /** A staff member with a sign-in email and, unless `password: null`, a local password. */
  staff(role: StaffRole, options?: { email?: string; password?: string | null; name?: string }): Promise<StaffMember & { email: string; password: string }>;
  browser(): ConsoleBrowser;
  close(): Promise<void>;
}

export const PASSWORD = 'correct horse battery';

let counter = 0;

export interface TestServerOptions {
  env?: Record<string, string>;
  /** Share a database (two servers); the first server's owner disposes of it. */
  db?: FreshDatabase;
  clock?: ManualClock;
  streamCheckMs?: number;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const db = options.db ?? (await freshDatabase('postgres'));
  if (db.config.kind !== 'postgres') throw new Error('the district server runs on PostgreSQL');
  const clock = options.clock ?? new ManualClock(Date.now());
  const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-server-renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Deskwatch</title>');
  const config = parseServerConfig({ env: { DESKWATCH_DATABASE_URL: db.config.url, DESKWATCH_LISTEN: '127.0.0.1:0', ...options.env } });
  const server = await startDistrictServer(config, {
    clock,
    rendererDir,
    log: { info: () => undefined, warn: () => undefined, error: (message, error) => console.error(message, error) },
    ...(options.streamCheckMs ? { streamCheckMs: options.streamCheckMs } : {}),
  });
  const fixture: TestServer = {
    server,
    clock,
    db,
    async staff(role, staffOptions = {}) {
      counter += 1;
      const email = staffOptions.email ?? `${role}${counter}.${process.pid}@district.example`;
      const password = staffOptions.password === undefined ? PASSWORD : staffOptions.password;
      const member = await server.core.services.staff.create({
        name: staffOptions.name ?? `${role} ${counter}`,
        role,
        email,
        ...(password === null ? {} : { password }),
      });
      return { ...member, email, password: password ?? '' };
    },
    browser: () => new ConsoleBrowser(server.origin),
    async close() {
      await server.close();
      fs.rmSync(rendererDir, { recursive: true, force: true });
      if (!options.db) await db.dispose();
    },
  };
  return fixture;
}

/** What the console's page does in a browser: the cookie rides along, Origin is this server, the CSRF token goes in a header. */
export class ConsoleBrowser {
  cookie: string | null = null;
  csrf: string | null = null;

  constructor(readonly origin: string) {}

  headers(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
    return {
      origin: this.origin,
      ...(this.cookie ? { cookie: `${SESSION_COOKIE}=${this.cookie}` } : {}),
      ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
      ...extra,
    };
  }

  async signIn(email: string, password: string, extra: Record<string, string | undefined> = {}): Promise<HttpAnswer> {
    const answer = await request(`${this.origin}/api/session/password`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json', ...extra }),
      body: JSON.stringify({ email, password }),
    });
    this.take(answer);
    return answer;
  }

  /** Signs in and fails loudly when that does not work (the test is about something else). */
  async signedIn(email: string, password = PASSWORD): Promise<this> {
    const answer = await this.signIn(email, password);
    if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status} ${answer.body}`);
    return this;
  }

  /** Keeps what a sign-in answer gives: the new cookie and CSRF token. */
  take(answer: HttpAnswer): void {
    const cookie = sessionCookieOf(answer);
    if (cookie) this.cookie = cookie;
    if (answer.status === 200) {
      const csrf = (answer.json().value as { csrf?: string } | undefined)?.csrf;
      if (csrf) this.csrf = csrf;
    }
  }

  invoke(channel: string, input: unknown, extra: Record<string, string | undefined> = {}, body?: string): Promise<HttpAnswer> {
    return request(`${this.origin}/api/invoke/${channel}`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json', ...extra }),
      body: body ?? JSON.stringify({ input }),
    });
  }

  session(): Promise<HttpAnswer> {
    return request(`${this.origin}/api/session`, { headers: this.headers() });
  }

  signOut(extra: Record<string, string | undefined> = {}): Promise<HttpAnswer> {
    return request(`${this.origin}/api/session/signout`, { method: 'POST', headers: this.headers(extra) });
  }
}

/** The value of a successful contract call, or a thrown error showing the answer. */
export function valueOf<T>(answer: HttpAnswer): T {
  const body = answer.json<{ ok: boolean; value: T }>();
  if (answer.status !== 200 || !body.ok) throw new Error(`call failed: ${answer.status} ${answer.body}`);
  return body.value;
}

export interface EventStream {
  status: number;
  /** The events received so far, oldest first. */
  events: { name: string; payload: unknown }[];
  /** Resolves with the first event (received or to come) that matches. */
  next(match: (event: { name: string; payload: unknown }) => boolean, timeoutMs?: number): Promise<{ name: string; payload: unknown }>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens `GET /api/events` with these headers and reads its server-sent events. */
export function openEventStream(origin: string, headers: Record<string, string | undefined>, query = ''): Promise<EventStream> {
  const sent = Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return new Promise((resolve, reject) => {
    const req = http.get(`${origin}/api/events${query}`, { headers: sent }, (res) => {
      const events: { name: string; payload: unknown }[] = [];
      const waiters: { match: (event: { name: string; payload: unknown }) => boolean; resolve: (event: { name: string; payload: unknown }) => void }[] = [];
      // The stream read as a browser's EventSource reads it (eventsource-parser), not by hand.
      const parser = createParser({
        onEvent: (message) => {
          const event = JSON.parse(message.data) as { name: string; payload: unknown };
          events.push(event);
          for (const waiter of [...waiters]) {
            if (waiter.match(event)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(event);
            }
          }
        },
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => parser.feed(chunk));
      const ended = new Promise<void>((done) => res.on('close', () => done()));
      resolve({
        status: res.statusCode ?? 0,
        events,
        ended,
        next: (match, timeoutMs = 10_000) => {
          const seen = events.find(match);
          if (seen) return Promise.resolve(seen);
          return new Promise((found, fail) => {
            const timer = setTimeout(() => fail(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.name))}`)), timeoutMs);
            waiters.push({ match, resolve: (event) => (clearTimeout(timer), found(event)) });
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}
