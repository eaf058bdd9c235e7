import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { freshDatabase, type FreshDatabase } from '../../support/databases';
import { openEventStream, startTestServer, valueOf, type EventStream, type TestServer } from './server-fixture';

/** Two server processes' worth of cores and HTTP servers on one PostgreSQL database. */
describe('two district servers on one database', () => {
  let db: FreshDatabase;
  let a: TestServer;
  let b: TestServer;
  let stream: EventStream | null = null;

  afterEach(async () => {
    stream?.close();
    stream = null;
    await a?.close();
    await b?.close();
    await db?.dispose();
  });

  async function startBoth(): Promise<void> {
    db = await freshDatabase('postgres');
    const clock = new ManualClock(Date.now());
    a = await startTestServer({ db, clock });
    b = await startTestServer({ db, clock });
  }

  it('takes a session issued on A on B, and a sign-out on A ends it on B', async () => {
    await startBoth();
    const agent = await a.staff('agent');
    const onA = await a.browser().signedIn(agent.email);
    const onB = b.browser();
    onB.cookie = onA.cookie;
    onB.csrf = onA.csrf;
    // B's own origin: the CSRF token is the session's, whichever replica checks it.
    expect((await onB.session()).json().value).toMatchObject({ staff: { id: agent.id }, csrf: onA.csrf });
    expect(valueOf<{ name: string }>(await onB.invoke('app.info', {})).name).toBe('Deskwatch');
    expect((await onA.signOut()).status).toBe(200);
    expect((await onB.invoke('app.info', {})).status).toBe(401);
  });

  it('carries a change made through A to the event stream of a console on B', async () => {
    await startBoth();
    const supervisor = await a.staff('supervisor');
    const onA = await a.browser().signedIn(supervisor.email);
    const onB = await b.browser().signedIn(supervisor.email);
    stream = await openEventStream(b.server.origin, onB.headers());
    expect(stream.status).toBe(200);
    valueOf(await onA.invoke('calendar.addClosure', { date: '2026-12-24', name: 'Winter break' }));
    const event = await stream.next((e) => e.name === 'calendar.changed');
    expect(event.payload).toMatchObject({ closures: 1 });
  });
});
