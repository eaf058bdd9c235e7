import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEventStream, PASSWORD, request, startTestServer, valueOf, type EventStream, type TestServer } from './server-fixture';

describe('district server event stream', () => {
  let t: TestServer;
  const streams: EventStream[] = [];
  beforeEach(async () => {
    t = await startTestServer({ streamCheckMs: 100 });
  });
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    await t.close();
  });

  it('opens with the session cookie or a bearer token, and refuses anything else', async () => {
    const agent = await t.staff('agent');
    const browser = await t.browser().signedIn(agent.email);
    const byCookie = await openEventStream(t.server.origin, browser.headers());
    streams.push(byCookie);
    expect(byCookie.status).toBe(200);
    const desktop = await request(`${t.server.origin}/api/session/password`, { method: 'POST', body: JSON.stringify({ email: agent.email, password: PASSWORD, client: 'desktop' }) });
    const byBearer = await openEventStream(t.server.origin, { authorization: `Bearer ${(desktop.json().value as { token: string }).token}` });
    streams.push(byBearer);
    expect(byBearer.status).toBe(200);
    const forged = await openEventStream(t.server.origin, { authorization: 'Bearer ' + 'A'.repeat(43) });
    streams.push(forged);
    expect(forged.status).toBe(401);
    // The standalone browser mode's `?token=` is not a way in here, even with a live session's token.
    const standaloneStyle = await openEventStream(t.server.origin, {}, `?token=${encodeURIComponent(browser.cookie ?? '')}`);
    streams.push(standaloneStyle);
    expect(standaloneStyle.status).toBe(401);
  });

  it('delivers the desk\'s events, and ends the stream when its session is signed out', async () => {
    const supervisor = await t.staff('supervisor');
    const boss = await t.browser().signedIn(supervisor.email);
    const stream = await openEventStream(t.server.origin, boss.headers());
    streams.push(stream);
    valueOf(await boss.invoke('calendar.addClosure', { date: '2026-12-24', name: 'Winter break' }));
    await stream.next((e) => e.name === 'calendar.changed');
    await boss.signOut();
    await stream.ended;
  });

  it('ends a stream whose session went idle, without the stream keeping it alive', async () => {
    const agent = await t.staff('agent');
    const browser = await t.browser().signedIn(agent.email);
    const stream = await openEventStream(t.server.origin, browser.headers());
    streams.push(stream);
    t.clock.advance(61 * 60_000);
    await stream.ended;
    expect((await browser.invoke('app.info', {})).status).toBe(401);
  });

  it('ends a stream when its staff member is made inactive (on any replica: the check reads the database)', async () => {
    const supervisor = await t.staff('supervisor');
    const agent = await t.staff('agent');
    const boss = await t.browser().signedIn(supervisor.email);
    const agentBrowser = await t.browser().signedIn(agent.email);
    const stream = await openEventStream(t.server.origin, agentBrowser.headers());
    streams.push(stream);
    valueOf(await boss.invoke('staff.update', { id: agent.id, active: false }));
    await stream.ended;
  });
});
