/**
 * An employee's request from start to end, as people do it on a district server: a real OpenID
 * provider, a real SMTP server reading what arrives, PostgreSQL. Submitted at 4:30 PM and at
 * 11 PM on a Wednesday (the 4 PM rule counts both from Thursday 7:00 AM), the desk's question
 * emailed and answered at the Tech Support Center (the clock resumes, the desk sees the reply),
 * the resolution emailed, confirmed and rated. An open console hears each request as it comes.
 */
import type { ParsedMail } from 'mailparser';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../shared/contract';
import type { QueueCase } from '../../../shared/domain';
import type { RequestView, SubmittedRequest } from '../../../shared/support';
import { ManualClock } from '../../../electron/core/clock';
import { freePort } from '../../support/free-port';
import { startOidcProvider, type RunningOidcProvider } from '../../support/oidc-provider';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { openEventStream, startTestServer, valueOf, type ConsoleBrowser, type TestServer } from './server-fixture';
import { signedInAtSupport, type SupportBrowser } from './support-browser';

const ZONE = 'America/Chicago';
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis();
const local = (iso: string | null) => (iso === null ? null : DateTime.fromISO(iso).setZone(ZONE).toFormat("ccc yyyy-LL-dd HH:mm"));
const ANSWERS = { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'slowed' } as const;

// The mail loop looks at the outbox every 5 s when a wake came before the change committed: a message may take that long.
describe('an employee request from the Tech Support Center to its rating', { timeout: 45_000 }, () => {
  const clock = new ManualClock(at('2026-12-02T16:30'));
  let provider: RunningOidcProvider;
  let smtp: SmtpSink;
  let t: TestServer;
  let erin: SupportBrowser;
  let technician: ConsoleBrowser;
  let technicianEmail: string;
  async function signInBoth(): Promise<void> {
    erin = await signedInAtSupport(t.server.origin, 'erin-sub');
    technician = await t.browser().signedIn(technicianEmail);
  }
  /** Hours pass: the idle sessions end, so both people sign in again, as they would. */
  async function moveClockTo(localTime: string): Promise<void> {
    clock.set(at(localTime));
    await signInBoth();
  }
  const mailTo = (address: string) => smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value.some((v) => v.address === address));
  /** The next messages to this address (waits until they are there). */
  async function nextMailTo(address: string, seen: number): Promise<ParsedMail> {
    for (let waited = 0; waited < 15_000; waited += 100) {
      const found = mailTo(address);
      if (found.length > seen) return found[seen]!;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const outbox = await t.server.core.dataSource.query('SELECT id, to_address, state, attempts, last_error, next_attempt_at FROM mail_outbox ORDER BY id');
    throw new Error(`no message number ${seen + 1} to ${address} arrived; received: ${smtp.received.map((m) => m.subject).join(' | ')}; outbox: ${JSON.stringify(outbox)}`);
  }

  beforeAll(async () => {
    const port = await freePort();
    smtp = await startSmtpSink();
    provider = await startOidcProvider({
      redirectUris: [`http://127.0.0.1:${port}/api/session/sso/callback`],
      accounts: [{ subject: 'erin-sub', email: 'erin.teacher@district.example', emailVerified: true, name: 'Erin Teacher' }],
    });
    t = await startTestServer({
      clock,
      env: {
        DESKWATCH_LISTEN: `127.0.0.1:${port}`,
        DESKWATCH_OIDC_ISSUER: provider.issuer,
        DESKWATCH_OIDC_CLIENT_ID: provider.clientId,
        DESKWATCH_OIDC_CLIENT_SECRET: provider.clientSecret,
        DESKWATCH_SMTP_URL: smtp.url,
        DESKWATCH_MAIL_FROM: 'Help Desk <helpdesk@district.example>',
      },
    });
    technicianEmail = (await t.staff('technician')).email;
    await signInBoth();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await provider?.close();
    await smtp?.close();
  });

  it('counts a request sent at 4:30 PM and one sent at 11 PM from the next business morning, says so, and confirms each by email', async () => {
    // The technician's console is open, its event stream too: the request reaches its queue live.
    const stream = await openEventStream(t.server.origin, technician.headers());
    const first = valueOf<SubmittedRequest>(await erin.invoke('support.submit', { problem: 'Projector shows no picture', room: '114', callbackNumber: 'x25888', answers: ANSWERS }));
    try {
      await stream.next((e) => e.name === 'cases.changed' && (e.payload as { caseId: number; change: string }).caseId === first.caseId && (e.payload as { change: string }).change === 'created');
      const queued = await stream.next((e) => e.name === 'queue.changed' && JSON.stringify(e.payload).includes('Projector shows no picture'));
      expect(queued).toBeTruthy();
    } finally {
      stream.close();
    }
    await moveClockTo('2026-12-02T23:00');
    const second = valueOf<SubmittedRequest>(await erin.invoke('support.submit', { problem: 'Printer jams on every page', answers: ANSWERS }));

    for (const [submitted, receivedAt] of [[first, 'Wed 2026-12-02 16:30'], [second, 'Wed 2026-12-02 23:00']] as const) {
      expect(local(submitted.receivedAt)).toBe(receivedAt);
      const desk = valueOf<CaseDetail>(await technician.invoke('cases.get', { id: submitted.caseId }));
      expect(desk.case).toMatchObject({ channel: 'web', callerName: 'Erin Teacher', status: 'new' });
      expect(local(desk.case.receivedAt)).toBe(receivedAt);
      // The 4 PM rule: counted as submitted Thursday 7:00 AM.
      expect(local(desk.case.clockStartAt)).toBe('Thu 2026-12-03 07:00');
      expect(submitted.respondBy).toBe(desk.case.responseDueAt);
      expect(submitted.resolveBy).toBe(desk.case.resolutionDueAt);
      expect(submitted.inWords.join(' ')).toMatch(/outside the desk's hours/);
      expect(submitted.callDeskNow).toBeNull();
    }

    const confirmations = [await nextMailTo('erin.teacher@district.example', 0), await nextMailTo('erin.teacher@district.example', 1)];
    expect(confirmations.map((m) => m.subject).sort()).toEqual([`${first.caseNumber}: the Help Desk has your request`, `${second.caseNumber}: the Help Desk has your request`].sort());
    for (const mail of confirmations) {
      expect(mail.text).toMatch(/Thursday/);
      expect(mail.html).toBeTruthy();
      expect(mail.headers.has('list-unsubscribe')).toBe(false);
    }
  });

  it("emails the desk's question, takes the answer at the Tech Support Center, resumes the clock and shows the desk the reply", async () => {
    const seen = mailTo('erin.teacher@district.example').length;
    await moveClockTo('2026-12-03T08:00');
    const submitted = valueOf<SubmittedRequest>(await erin.invoke('support.submit', { problem: 'Laptop will not charge', answers: ANSWERS }));
    let desk = valueOf<CaseDetail>(await technician.invoke('cases.get', { id: submitted.caseId }));
    const row = valueOf<QueueCase>(await technician.invoke('cases.transition', { id: submitted.caseId, version: desk.case.version, action: 'acknowledge' }));
    const resolveByBefore = row.resolutionDueAt;
    expect(resolveByBefore).not.toBeNull();
    await moveClockTo('2026-12-03T09:00');
    valueOf<QueueCase>(await technician.invoke('cases.transition', { id: row.id, version: row.version, action: 'pend', note: 'Which charger are you using: the grey one or the black one?' }));

    const question = await nextMailTo('erin.teacher@district.example', seen + 1);
    expect(question.subject).toBe(`${submitted.caseNumber}: the Help Desk has a question about your request`);
    expect(question.text).toContain('Which charger are you using: the grey one or the black one?');
    expect(question.text).toContain(`${t.server.origin}/support/#/requests/${submitted.caseId}`);

    let view = valueOf<RequestView>(await erin.invoke('support.get', { caseId: submitted.caseId }));
    expect(view.stage).toBe('needs_you');
    expect(view.question?.text).toBe('Which charger are you using: the grey one or the black one?');

    // Two business hours pass before the answer: the resolution target moves by them.
    await moveClockTo('2026-12-03T11:00');
    view = valueOf<RequestView>(await erin.invoke('support.answer', { caseId: submitted.caseId, version: view.version, answer: 'The black one, from the cart in room 114.' }));
    expect(view.stage).toBe('in_progress');
    expect(view.question).toBeNull();
    expect(view.notes.map((n) => [n.kind, n.text])).toContainEqual(['answer', 'The black one, from the cart in room 114.']);

    desk = valueOf<CaseDetail>(await technician.invoke('cases.get', { id: submitted.caseId }));
    expect(desk.case.status).toBe('in_progress');
    expect(desk.case.sla.paused).toBe(false);
    expect(Date.parse(desk.case.resolutionDueAt!) - Date.parse(resolveByBefore!)).toBe(2 * 3_600_000);
    const reply = desk.events.find((e) => e.kind === 'note' && JSON.stringify(e.detail).includes('The black one'));
    expect(reply).toMatchObject({ actorId: null });
    expect(reply?.detail).toMatchObject({ via: 'tech_support_center' });

    // A stale answer (the version before) is refused, and nothing is written twice.
    const stale = await erin.invoke('support.answer', { caseId: submitted.caseId, version: view.version - 1, answer: 'Again' });
    expect(stale.json().ok).toBe(false);
  });

  it('emails the resolution with the link back, and the employee confirms and rates it', async () => {
    await moveClockTo('2026-12-03T13:00');
    const seen = mailTo('erin.teacher@district.example').length;
    const submitted = valueOf<SubmittedRequest>(await erin.invoke('support.submit', { problem: 'Mouse does not work', answers: ANSWERS }));
    const desk = valueOf<CaseDetail>(await technician.invoke('cases.get', { id: submitted.caseId }));
    valueOf<QueueCase>(await technician.invoke('cases.transition', { id: submitted.caseId, version: desk.case.version, action: 'resolve', notes: 'Replaced the USB receiver (internal: stock bin 4).' }));

    const resolved = await nextMailTo('erin.teacher@district.example', seen + 1);
    expect(resolved.subject).toBe(`${submitted.caseNumber}: your request is resolved`);
    expect(resolved.text).toContain(`${t.server.origin}/support/#/requests/${submitted.caseId}`);
    expect(resolved.text).not.toContain('stock bin 4');

    let view = valueOf<RequestView>(await erin.invoke('support.get', { caseId: submitted.caseId }));
    expect(view).toMatchObject({ stage: 'resolved', canConfirm: true, canRate: true });
    view = valueOf<RequestView>(await erin.invoke('support.confirm', { caseId: submitted.caseId, version: view.version }));
    expect(view.stage).toBe('closed');
    view = valueOf<RequestView>(await erin.invoke('support.rate', { caseId: submitted.caseId, stars: 5, comment: 'Fixed within the hour.' }));
    expect(view.rating).toMatchObject({ stars: 5, comment: 'Fixed within the hour.' });
    const seenByDesk = valueOf<CaseDetail>(await technician.invoke('cases.get', { id: submitted.caseId }));
    expect(seenByDesk.case.status).toBe('closed');
    expect(seenByDesk.rating).toMatchObject({ stars: 5, comment: 'Fixed within the hour.' });
  });
});
