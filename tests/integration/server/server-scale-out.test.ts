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

  it('delivers each alert once: one ledger row, heard once by a console on either server, whichever server woke', async () => {
    await startBoth();
    const supervisor = await a.staff('supervisor');
    const onA = await a.browser().signedIn(supervisor.email);
    const onB = await b.browser().signedIn(supervisor.email);
    const streams = [await openEventStream(a.server.origin, onA.headers()), await openEventStream(b.server.origin, onB.headers())];
    try {
      await a.staff('technician');
      await a.staff('technician');
      // Priority 1 pages every technician at once: alerts due the moment the case is filed.
      valueOf(await onA.invoke('cases.create', { callerName: 'Lee Chan', summary: 'Server room switch down', priority: 1, priorityReason: 'Whole building offline', onCallNotified: true }));
      await Promise.all([a.server.core.services.scheduler.wake(), b.server.core.services.scheduler.wake()]);
      await Promise.all([a.server.core.services.scheduler.wake(), b.server.core.services.scheduler.wake()]);
      const ledger = Number((await a.server.core.dataSource.query('SELECT count(*) AS n FROM alert_delivery'))[0].n);
      expect(ledger).toBeGreaterThan(0);
      for (const stream of streams) {
        await expect.poll(() => heardAlertIds(stream).length, { timeout: 5_000 }).toBeGreaterThanOrEqual(ledger);
      }
      // Room for a late duplicate to arrive, then the counts must still match the ledger exactly.
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const stream of streams) {
        const ids = heardAlertIds(stream);
        expect(ids).toHaveLength(ledger);
        expect(new Set(ids).size).toBe(ledger);
      }
    } finally {
      for (const stream of streams) stream.close();
    }
  });
});

function heardAlertIds(stream: EventStream): number[] {
  return stream.events
    .filter((event) => event.name === 'alerts.raised')
    .flatMap((event) => (event.payload as { alerts: { id: number }[] }).alerts.map((alert) => alert.id));
}
