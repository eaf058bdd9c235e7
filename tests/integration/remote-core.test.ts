/**
 * The desktop app's client for a Deskwatch server, against a real server: the standalone
 * browser-mode host (same invoke and event shapes as the district server) over a real core on a
 * SQLite file. The transport does not depend on the database, so one kind is enough here.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../shared/channel-names';
import type { LiveStatus } from '../../shared/contract';
import type { CaseSummary, StaffMember } from '../../shared/domain';
import { silentLogger } from '../../electron/core/log/logger';
import { createRemoteCore, type RemoteCore, type RemoteCoreOptions } from '../../electron/remote';
import { startWebServer, type WebServer } from '../../electron/web/web-server';
import { coreFixture, newCaseInput, type CoreFixture } from '../support/core-fixture';

let f: CoreFixture;
let server: WebServer;
let rendererDir: string;
const remotes: RemoteCore[] = [];
const extraServers: http.Server[] = [];

beforeEach(async () => {
  f = await coreFixture('sqlite');
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Deskwatch</title>');
  server = await startWebServer({ core: f.core, rendererDir });
});
afterEach(async () => {
  await Promise.all(remotes.splice(0).map((remote) => remote.close()));
  for (const extra of extraServers.splice(0)) {
    extra.closeAllConnections();
    extra.close();
  }
  await server.close();
  await f.dispose();
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

function connect(options: Partial<RemoteCoreOptions> = {}): RemoteCore {
  const remote = createRemoteCore({ serverUrl: server.origin, token: server.token, log: silentLogger, retryMs: 50, maxRetryMs: 200, ...options });
  remotes.push(remote);
  return remote;
}

/** A console where `staffId` is chosen: the standalone host's way of naming who calls (the district server signs people in instead). */
async function consoleTokenFor(staffId: number): Promise<string> {
  const response = await fetch(`${server.origin}/api/session/choose`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ staffId }),
  });
  const body = (await response.json()) as { ok: boolean; value: { token: string } };
  if (!body.ok) throw new Error(`choose failed: ${JSON.stringify(body)}`);
  return body.value.token;
}

/** Every event the remote core delivers, in order. */
function record(remote: RemoteCore): Array<{ name: EventName; payload: unknown }> {
  const heard: Array<{ name: EventName; payload: unknown }> = [];
  remote.events.subscribe((name, payload) => heard.push({ name, payload }));
  return heard;
}

/** Waits until the remote hears the server's events (its stream is open), by announcing something harmless until it arrives. */
async function untilListening(heard: Array<{ name: EventName; payload: unknown }>): Promise<void> {
  await vi.waitFor(() => {
    f.core.events.publish('directory.changed', { list: 'buildings' } as never);
    expect(heard.some((event) => event.name === 'directory.changed')).toBe(true);
  }, { timeout: 5_000, interval: 50 });
}

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('calls', () => {
  it('answer as the server’s core answers, made as the session’s staff member', async () => {
    const agent = await f.staff('agent', 'Ana Agent');
    const remote = connect({ token: await consoleTokenFor(agent.id) });

    await expect(remote.dispatch('app.info', {})).resolves.toMatchObject({ ok: true, value: { name: 'Deskwatch', databaseKind: 'sqlite' } });

    const created = await remote.dispatch('cases.create', newCaseInput({ summary: 'Projector in room 12 shows no picture' }));
    expect(created.ok).toBe(true);
    const summary = (created as { value: CaseSummary }).value;
    // Made as the chosen person, although the call named nobody: identity is the token's session.
    const stored = await f.core.dispatch('cases.get', { id: summary.id }, { actorId: agent.id });
    expect(stored).toMatchObject({ ok: true, value: { case: { summary: 'Projector in room 12 shows no picture' } } });
    expect(JSON.stringify((stored as { value: unknown }).value)).toContain('Ana Agent');
  });

  it('ignore an actor named by the caller: the session decides', async () => {
    const agent = await f.staff('agent');
    const supervisor = await f.staff('supervisor');
    const remote = connect({ token: await consoleTokenFor(agent.id) });
    const answer = await remote.dispatch('staff.update', { id: agent.id, role: 'supervisor' }, { actorId: supervisor.id });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('carry the core’s refusals unchanged, and refuse unknown channels without a request', async () => {
    const agent = await f.staff('agent');
    const remote = connect({ token: await consoleTokenFor(agent.id) });
    await expect(remote.dispatch('cases.create', { summary: '' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await expect(remote.dispatch('shell.openExternal', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('to a server that cannot be reached answer unavailable, in words that name it', async () => {
    const port = await closedPort();
    const remote = connect({ serverUrl: `http://127.0.0.1:${port}` });
    const read = await remote.dispatch('app.info', {});
    expect(read).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const message = (read as { error: { message: string } }).error.message;
    expect(message).toContain(`The Deskwatch server http://127.0.0.1:${port} cannot be reached`);
    expect(message).toMatch(/connection refused/);
    expect(message).toMatch(/nothing was changed/);
    // Refused before any byte was sent: a write was not made either.
    const write = await remote.dispatch('cases.create', newCaseInput());
    expect(write).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/nothing was changed/) } });
  });

  it('that lose the connection after sending a change do not claim nothing was changed', async () => {
    const cutter = http.createServer((req) => req.socket.destroy());
    extraServers.push(cutter);
    await new Promise<void>((resolve) => cutter.listen(0, '127.0.0.1', resolve));
    const remote = connect({ serverUrl: `http://127.0.0.1:${(cutter.address() as net.AddressInfo).port}`, token: 'any' });
    const answer = await remote.dispatch('cases.addNote', { id: 1, note: 'Called back' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/may or may not have been saved/) } });
  });

  it('that the server refuses as signed out answer unauthenticated and say the session ended', async () => {
    const remote = connect({ token: 'not-a-session-of-this-server' });
    const ended = vi.fn();
    remote.onSignedOut(ended);
    await expect(remote.dispatch('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await vi.waitFor(() => expect(ended).toHaveBeenCalledTimes(1));
    expect(ended.mock.calls[0]?.[0]).toMatch(/sign in again/);
    expect(remote.signedIn()).toBe(false);
  });

  it('answer a proxy’s error page as unavailable, not as a crash', async () => {
    const proxy = http.createServer((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>'));
    extraServers.push(proxy);
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const remote = connect({ serverUrl: `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`, token: null });
    await expect(remote.dispatch('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/answered 502/) } });
  });
});

describe('events', () => {
  it('arrive from the server’s event stream', async () => {
    const remote = connect();
    const heard = record(remote);
    await untilListening(heard);
    const created = (await remote.dispatch('staff.create', { name: 'Sam New', role: 'agent' })) as { ok: true; value: StaffMember };
    expect(created.ok).toBe(true);
    await vi.waitFor(() => expect(heard).toContainEqual({ name: 'staff.changed', payload: { staffId: created.value.id } }));
  });

  it('come back after the server stops and starts again: reconnecting, then live, then events flow', async () => {
    const remote = connect();
    const heard = record(remote);
    await untilListening(heard);
    const port = Number(new URL(server.origin).port);

    await server.close();
    await vi.waitFor(() => expect(heard.some((event) => event.name === 'live.status' && (event.payload as LiveStatus).state === 'reconnecting')).toBe(true));
    expect(remote.liveStatus().state).toBe('reconnecting');
    // Calls meanwhile say so in words.
    await expect(remote.dispatch('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });

    server = await startWebServer({ core: f.core, rendererDir, port, token: server.token });
    await vi.waitFor(() => expect(heard.at(-1)).toEqual({ name: 'live.status', payload: { state: 'live' } }), { timeout: 5_000 });
    expect(remote.liveStatus()).toEqual({ state: 'live' });

    const created = (await remote.dispatch('staff.create', { name: 'After Restart', role: 'agent' })) as { ok: true; value: StaffMember };
    await vi.waitFor(() => expect(heard).toContainEqual({ name: 'staff.changed', payload: { staffId: created.value.id } }));
  });

  it('take a stream that goes silent for dead, and reconnect', async () => {
    let opened = 0;
    const silent = http.createServer((_req, res) => {
      opened += 1;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': connected\n\n');
      // …and then nothing, as when the network drops packets without resetting the connection.
    });
    extraServers.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const remote = connect({ serverUrl: `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`, token: 'any', stallMs: 200 });
    const heard = record(remote);
    await vi.waitFor(() => expect(opened).toBeGreaterThanOrEqual(2));
    expect(heard.some((event) => event.name === 'live.status' && (event.payload as LiveStatus).state === 'reconnecting')).toBe(true);
  });

  it('never pass on a navigation a server sends (only the desktop shell steers its windows)', async () => {
    const pushy = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ name: 'shell.navigate', payload: { to: 'queue' } })}\n\n`);
      res.write(`data: ${JSON.stringify({ name: 'not.an.event', payload: {} })}\n\n`);
      res.write('data: {not json\n\n');
      res.write(`data: ${JSON.stringify({ name: 'staff.changed', payload: { staffId: 5 } })}\n\n`);
    });
    extraServers.push(pushy);
    await new Promise<void>((resolve) => pushy.listen(0, '127.0.0.1', resolve));
    const remote = connect({ serverUrl: `http://127.0.0.1:${(pushy.address() as net.AddressInfo).port}`, token: 'any' });
    const heard = record(remote);
    await vi.waitFor(() => expect(heard).toEqual([{ name: 'staff.changed', payload: { staffId: 5 } }]));
  });

  it('stop when the server refuses the session, and the session is reported ended', async () => {
    const remote = connect({ token: 'expired' });
    const ended = vi.fn();
    remote.onSignedOut(ended);
    await vi.waitFor(() => expect(ended).toHaveBeenCalled());
    expect(remote.signedIn()).toBe(false);
  });
});

describe('session', () => {
  it('current() is the server’s session, with the server named', async () => {
    const agent = await f.staff('agent', 'Ana Agent');
    const remote = connect({ token: await consoleTokenFor(agent.id) });
    await expect(remote.session.current()).resolves.toEqual({
      ok: true,
      value: expect.objectContaining({ staff: expect.objectContaining({ id: agent.id, name: 'Ana Agent' }), server: server.origin }),
    });
  });

  it('a sign-in the server refuses is answered in its own words, and signs nobody in', async () => {
    // The standalone host has no sign-in at all: it refuses a request without its run token.
    const remote = connect({ token: null });
    const answer = await remote.session.signInWithPassword('ana@district.example', 'correct horse');
    expect(answer).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: 'Missing or wrong browser-mode token' } });
    expect(remote.signedIn()).toBe(false);
  });

  it('signOut() ends the session on the server and forgets the token here', async () => {
    const agent = await f.staff('agent');
    const token = await consoleTokenFor(agent.id);
    const remote = connect({ token });
    const answer = await remote.session.signOut();
    expect(answer).toMatchObject({ ok: true, value: { staff: null, server: server.origin } });
    expect(remote.signedIn()).toBe(false);
    // The server forgot that console token too.
    const again = await fetch(`${server.origin}/api/session`, { headers: { authorization: `Bearer ${token}` } });
    expect(again.status).toBe(401);
  });

  it('signOut() with the server away still forgets the session here', async () => {
    const port = await closedPort();
    const remote = connect({ serverUrl: `http://127.0.0.1:${port}`, token: 'a-token' });
    await expect(remote.session.signOut()).resolves.toMatchObject({ ok: true, value: { staff: null } });
    expect(remote.signedIn()).toBe(false);
  });
});

describe('server address', () => {
  it('must be https, except http on this computer', () => {
    expect(() => createRemoteCore({ serverUrl: 'http://deskwatch.district.example', token: null })).toThrow(/must start with https:\/\//);
    expect(() => createRemoteCore({ serverUrl: 'ftp://deskwatch.district.example', token: null })).toThrow(/not an https:\/\/ address/);
    const local = createRemoteCore({ serverUrl: 'http://localhost:8080/', token: null });
    expect(local.serverUrl).toBe('http://localhost:8080');
    const remote = createRemoteCore({ serverUrl: ' https://desk.district.example/deskwatch/ ', token: null });
    expect(remote.serverUrl).toBe('https://desk.district.example/deskwatch');
  });
});
