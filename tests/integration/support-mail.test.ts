/**
 * The desk's emails to employees on both databases, sent through a real SMTP server started here
 * (tests/support/smtp-sink.ts) and read back as they arrived (mailparser): the desk's question
 * when a case goes to pending user response, the daily contact a technician sends from the case,
 * the resolution notice, announcements to the buildings they concern (or the distribution list),
 * the signed one-click unsubscribe over real HTTP, and one notice per caller when an outage
 * resolves their cases. Case emails carry no unsubscribe; announcements do.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ParsedMail } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MailSender } from '../../electron/core/mail/mail-sender';
import { unsubscribeOneClick, unsubscribePage } from '../../electron/server/unsubscribe-routes';
import { securityHeaders } from '../../electron/web/http-kit';
import type { Announcement, AnnouncementSettings, OutageResolution } from '../../shared/announcements';
import type { CaseDetail } from '../../shared/contract';
import { formatCaseNumber, type Caller, type QueueCase, type StaffMember } from '../../shared/domain';
import { callAs, coreFixture, ONE_PERSON_SLOWED, refusalOf, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

const ORIGIN = 'https://desk.lakeside.example.org';
const FROM = { name: 'Lakeside Help Desk', address: 'helpdesk@lakeside.example.org' };
const QUESTION = 'Which printer does it say is offline? Please send the exact error message.';
const STAFF_ONLY = 'STAFF ONLY: the principal asked us to hurry this one';

/** A header line as it arrived, unfolded. */
const header = (mail: ParsedMail, name: string) => mail.headerLines.find((h) => h.key === name.toLowerCase())?.line.replace(/\r?\n[ \t]+/g, ' ');
const toOf = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? '';
const everything = (mail: ParsedMail) => `${mail.subject ?? ''}\n${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`;

describe.each(DATABASE_KINDS)('the desk emails employees on %s', (kind) => {
  let f: CoreFixture;
  let sink: SmtpSink;
  let sender: MailSender;
  let technician: StaffMember;
  let supervisor: StaffMember;
  let buildings: number[];

  const as =
    (who: StaffMember) =>
    <T>(channel: string, input: unknown): Promise<T> =>
      callAs<T>(f.core, who, channel, input);
  /** Sends everything queued through the sink; answers the messages that arrived by this call. */
  const deliver = async (): Promise<ParsedMail[]> => {
    const before = sink.received.length;
    for (;;) {
      const round = await sender.sendDue();
      if (!round.more) break;
    }
    return sink.received.slice(before);
  };
  const queued = async () => Number((await f.core.dataSource.query("SELECT count(*) AS n FROM mail_outbox WHERE state = 'queued'"))[0].n);
  const caller = (name: string, email: string | null, buildingId: number | null = null) =>
    as(supervisor)<Caller>('callers.create', { name, ...(email ? { email } : {}), ...(buildingId ? { buildingId } : {}) });
  const openCase = (who: Caller, summary = 'Printer offline in room 101') => as(technician)<QueueCase>('cases.create', { callerId: who.id, summary, wizard: ONE_PERSON_SLOWED });
  const acknowledged = async (who: Caller, summary?: string) => {
    const c = await openCase(who, summary);
    return as(technician)<QueueCase>('cases.transition', { id: c.id, version: c.version, action: 'acknowledge' });
  };
  const pend = (c: QueueCase, note = QUESTION) => as(technician)<QueueCase>('cases.transition', { id: c.id, version: c.version, action: 'pend', note });
  const resolve = (c: QueueCase) => as(technician)<QueueCase>('cases.transition', { id: c.id, version: c.version, action: 'resolve', notes: 'Replaced the fuser; INTERNAL: vendor ticket 77' });
  const outage = async (buildingIds: number[], title = 'Wi-Fi down') => {
    const saved = await as(supervisor)<Announcement>('announcements.save', {
      kind: 'unplanned_outage',
      title,
      description: 'Wireless access points are not answering.',
      affectedServices: ['Wi-Fi'],
      buildingIds,
      startAt: new Date(f.clock.now()).toISOString(),
      expectedMinutes: 90,
    });
    return as(supervisor)<Announcement>('announcements.publish', { id: saved.id, version: saved.version });
  };

  beforeEach(async () => {
    f = await coreFixture(kind);
    sink = await startSmtpSink();
    sender = new MailSender(f.core.dataSource, f.clock, { smtpUrl: sink.url, from: FROM }, { smtpTimeoutMs: 5_000 });
    f.core.services.mail.usePublicOrigin(ORIGIN);
    technician = await f.staff('technician', 'Tia Tech');
    supervisor = await f.staff('supervisor', 'Sam Supervisor');
    buildings = ((await f.core.dataSource.query('SELECT id FROM building ORDER BY id')) as { id: number | string }[]).map((r) => Number(r.id));
  }, 60_000);
  afterEach(async () => {
    sender?.close();
    await sink?.close();
    await f?.dispose();
  });

  it("emails the desk's question with a link to answer it, and nothing staff-only", async () => {
    const robin = await caller('Robin Teacher', 'robin.teacher@lakeside.example.org');
    let c = await acknowledged(robin, 'Printer <b>offline</b> in room 101');
    await deliver();
    await as(technician)('cases.addNote', { id: c.id, note: STAFF_ONLY });
    c = await as(technician)<QueueCase>('cases.changePriority', { id: c.id, version: (await as(technician)<CaseDetail>('cases.get', { id: c.id })).case.version, priority: 2, priorityReason: 'INTERNAL REASON: board member' });
    c = await pend(c);
    const [mail, ...more] = await deliver();
    expect(more).toEqual([]);
    expect(toOf(mail!)).toBe('robin.teacher@lakeside.example.org');
    expect(mail!.subject).toBe(`${formatCaseNumber(c.id)}: the Help Desk has a question about your request`);
    const link = `${ORIGIN}/support/#/requests/${c.id}`;
    expect(mail!.text).toContain(QUESTION);
    expect(mail!.text).toContain(`Answer it at the Tech Support Center: ${link}`);
    expect(mail!.html).toContain(`<a href="${link}">`);
    expect(mail!.html).toContain('Printer &lt;b&gt;offline&lt;/b&gt; in room 101');
    expect(everything(mail!)).not.toContain('STAFF ONLY');
    expect(everything(mail!)).not.toContain('INTERNAL REASON');
    expect(header(mail!, 'List-Unsubscribe')).toBeUndefined();
    expect(header(mail!, 'Auto-Submitted')).toBe('Auto-Submitted: auto-generated');
  });

  it('sends the daily contact from the case and logs it as a contact by email, in one change', async () => {
    const robin = await caller('Robin Teacher', 'robin.teacher@lakeside.example.org');
    const c = await pend(await acknowledged(robin));
    await deliver();
    const after = await as(technician)<QueueCase>('cases.emailCaller', { id: c.id, version: c.version, message: 'I will stop by at 2 PM if that suits you.' });
    expect(after.version).toBe(c.version + 1);
    const detail = await as(technician)<CaseDetail>('cases.get', { id: c.id });
    expect(detail.contacts).toEqual([expect.objectContaining({ method: 'email', outcome: 'emailed', note: 'I will stop by at 2 PM if that suits you.', actorName: 'Tia Tech' })]);
    const [mail, ...more] = await deliver();
    expect(more).toEqual([]);
    expect(mail!.subject).toBe(`${formatCaseNumber(c.id)}: the Help Desk is still waiting for your answer`);
    expect(mail!.text).toContain(QUESTION);
    expect(mail!.text).toContain('I will stop by at 2 PM if that suits you.');
    expect(mail!.text).toContain(`${ORIGIN}/support/#/requests/${c.id}`);
    expect(header(mail!, 'List-Unsubscribe')).toBeUndefined();

    // A stale version is refused like any change: no email, no contact.
    const stale = await refusalOf(f.core, technician, 'cases.emailCaller', { id: c.id, version: c.version });
    expect(stale.code).toBe('conflict');
    // Not pending any more: nothing to ask again.
    const resumed = await as(technician)<QueueCase>('cases.transition', { id: c.id, version: after.version, action: 'resume' });
    const notPending = await refusalOf(f.core, technician, 'cases.emailCaller', { id: c.id, version: resumed.version });
    expect(notPending).toMatchObject({ code: 'invalid_input', field: 'id' });
    expect(await queued()).toBe(0);
    expect((await as(technician)<CaseDetail>('cases.get', { id: c.id })).contacts).toHaveLength(1);
  });

  it('sends nothing to a caller without an email address, and refuses the daily email', async () => {
    const pat = await caller('Pat Noemail', null);
    let c = await pend(await acknowledged(pat));
    expect(c.status).toBe('pending_user_response');
    const refused = await refusalOf(f.core, technician, 'cases.emailCaller', { id: c.id, version: c.version });
    expect(refused.code).toBe('invalid_input');
    expect(refused.message).toMatch(/has no usable email address: call them instead/);
    c = await as(technician)<QueueCase>('cases.transition', { id: c.id, version: c.version, action: 'resume' });
    c = await resolve(c);
    expect(c.status).toBe('resolved');
    expect(await f.core.dataSource.query('SELECT id FROM mail_outbox')).toEqual([]);
    expect((await as(technician)<CaseDetail>('cases.get', { id: c.id })).contacts).toEqual([]);
  });

  it('sends the resolution notice with the link to confirm, reopen or rate, and no resolution notes', async () => {
    const robin = await caller('Robin Teacher', 'robin.teacher@lakeside.example.org');
    const c = await resolve(await openCase(robin));
    const [mail, ...more] = await deliver();
    expect(more).toEqual([]);
    expect(mail!.subject).toBe(`${formatCaseNumber(c.id)}: your request is resolved`);
    expect(mail!.text).toContain(`Confirm, reopen or rate your request: ${ORIGIN}/support/#/requests/${c.id}`);
    expect(mail!.text).toMatch(/reopen the request by .* \(14 days\)/);
    expect(everything(mail!)).not.toContain('INTERNAL');
    expect(header(mail!, 'List-Unsubscribe')).toBeUndefined();
  });

  it('says where to go in words when the server has no public address (standalone)', async () => {
    // A core started without a public origin, as a standalone console is.
    sender.close();
    await f.restart();
    sender = new MailSender(f.core.dataSource, f.clock, { smtpUrl: sink.url, from: FROM }, { smtpTimeoutMs: 5_000 });
    expect(f.core.services.mail.publicOrigin).toBeNull();
    const robin = await caller('Robin Teacher', 'robin.teacher@lakeside.example.org');
    await pend(await acknowledged(robin));
    const [mail] = await deliver();
    expect(mail!.text).toContain('Answer it with your request at the Tech Support Center.');
    expect(mail!.text).not.toContain('http');
  });

  it("emails an announcement to its building's employees only, skips opted-out addresses, and carries one-click unsubscribe", async () => {
    const [north, south] = buildings as [number, number];
    await caller('Ana North', 'ana@lakeside.example.org', north);
    await caller('Ben South', 'ben@lakeside.example.org', south);
    await caller('Cy North', 'cy@lakeside.example.org', north);
    await caller('Dee North (no email)', null, north);
    await f.core.services.mailOptOuts.record('Cy@Lakeside.example.org', 'announcements');

    const published = await outage([north]);
    const mails = await deliver();
    expect(mails.map(toOf)).toEqual(['ana@lakeside.example.org']);
    const [mail] = mails as [ParsedMail];
    expect(mail.subject).toBe('Outage: Wi-Fi down');
    expect(mail.text).toContain('Wireless access points are not answering.');
    expect(mail.text).toMatch(/Expected duration: 1 hour 30 minutes/);
    const unsubscribe = /^List-Unsubscribe: <(https:\/\/desk\.lakeside\.example\.org\/api\/mail\/unsubscribe\?token=[^>]+)>$/.exec(header(mail, 'List-Unsubscribe') ?? '');
    expect(unsubscribe).not.toBeNull();
    expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail.text).toContain(`Stop announcement emails: ${unsubscribe![1]}`);

    // An update posted while it lasts reaches the same people, with its words.
    const updated = await as(supervisor)('announcements.addUpdate', { id: published.id, text: 'The controller is being replaced; back by 3 PM.' });
    const update = await deliver();
    expect(update.map((m) => [toOf(m), m.subject])).toEqual([['ana@lakeside.example.org', 'Update: Wi-Fi down']]);
    expect(update[0]?.text).toContain('The controller is being replaced; back by 3 PM.');

    // Closing it: "service restored", to the same people.
    await as(supervisor)('announcements.close', { id: published.id, version: (updated as { version: number }).version });
    const closed = await deliver();
    expect(closed.map((m) => [toOf(m), m.subject])).toEqual([['ana@lakeside.example.org', 'Service restored: Wi-Fi down']]);

    // District-wide: everyone with an address but the one who opted out.
    await outage([], 'Email down everywhere');
    expect((await deliver()).map(toOf).sort()).toEqual(['ana@lakeside.example.org', 'ben@lakeside.example.org']);
  });

  it('sends one message to the distribution list instead, when the supervisors set one', async () => {
    const [north] = buildings as [number];
    await caller('Ana North', 'ana@lakeside.example.org', north);
    const settings = await as(supervisor)<AnnouncementSettings>('announcements.saveSettings', { noticeBusinessDays: 3, distributionList: 'all-staff@lakeside.example.org' });
    expect(settings).toEqual({ noticeBusinessDays: 3, distributionList: 'all-staff@lakeside.example.org' });
    const bad = await refusalOf(f.core, supervisor, 'announcements.saveSettings', { noticeBusinessDays: 3, distributionList: 'all staff' });
    expect(bad.field).toBe('distributionList');
    expect(await as(technician)<AnnouncementSettings>('announcements.settings', {})).toEqual(settings);

    await outage([north]);
    const mails = await deliver();
    expect(mails.map(toOf)).toEqual(['all-staff@lakeside.example.org']);
    expect(header(mails[0]!, 'List-Unsubscribe')).toBeUndefined();

    // Left out, it stays; null goes back to each employee.
    await as(supervisor)('announcements.saveSettings', { noticeBusinessDays: 4 });
    expect((await as(technician)<AnnouncementSettings>('announcements.settings', {})).distributionList).toBe('all-staff@lakeside.example.org');
    await as(supervisor)('announcements.saveSettings', { noticeBusinessDays: 4, distributionList: null });
    await outage([north], 'Printers down');
    expect((await deliver()).map(toOf)).toEqual(['ana@lakeside.example.org']);
  });

  it('unsubscribes with the signed link over HTTP: GET asks, POST (one-click) records; a forged token is refused', async () => {
    const [north] = buildings as [number];
    await caller('Ana North', 'ana@lakeside.example.org', north);
    await outage([north]);
    const [mail] = await deliver();
    const link = /<([^>]+)>/.exec(header(mail!, 'List-Unsubscribe') ?? '')![1]!;
    const token = new URL(link).searchParams.get('token')!;

    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', ORIGIN);
      const ex = { req, res, url, client: { address: '127.0.0.1', https: false }, headers: securityHeaders() };
      const route = req.method === 'GET' ? unsubscribePage : unsubscribeOneClick;
      void route({ core: f.core }, ex).catch((error: unknown) => res.writeHead(500).end(String(error)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/mail/unsubscribe`;
    const optedOut = () => f.core.services.mailOptOuts.has('ana@lakeside.example.org', 'announcements');
    try {
      // A forged token: another address with Ana's signature, and plain garbage.
      const [, signature] = token.split('.');
      const forged = `${Buffer.from(JSON.stringify({ a: 'ben@lakeside.example.org', t: 'announcements' })).toString('base64url')}.${signature}`;
      for (const bad of [forged, 'garbage', `${token}x`, '']) {
        const answer = await fetch(`${base}?token=${encodeURIComponent(bad)}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
        expect(answer.status).toBe(400);
        expect(await answer.text()).toContain('This unsubscribe link is not valid');
      }
      expect(await f.core.dataSource.query('SELECT address FROM mail_opt_out')).toEqual([]);

      // GET only asks (a link scanner opening it unsubscribes nobody).
      const page = await fetch(`${base}?token=${encodeURIComponent(token)}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
      const html = await page.text();
      expect(html).toContain('<form method="post"');
      expect(html).toContain('ana@lakeside.example.org');
      expect(await optedOut()).toBe(false);

      // The mail client's one-click POST records it.
      const click = await fetch(`${base}?token=${encodeURIComponent(token)}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      expect(click.status).toBe(200);
      expect(await click.text()).toContain('You are unsubscribed');
      expect(await optedOut()).toBe(true);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await outage([north], 'Printers down');
    expect(await deliver()).toEqual([]);
  });

  it('resolving an outage sends one notice per caller, naming all their cases', async () => {
    const [north, south] = buildings as [number, number];
    // The callers are in another building than the outage, so only the resolution notices reach them.
    const ana = await caller('Ana', 'ana@lakeside.example.org', south);
    const ben = await caller('Ben', 'ben@lakeside.example.org', south);
    const noEmail = await caller('Cy', null, south);
    const published = await outage([north]);
    const a1 = await openCase(ana, 'No Wi-Fi in room 4');
    const a2 = await openCase(ana, 'Laptop cart cannot connect');
    const b1 = await openCase(ben, 'Wi-Fi drops in the library');
    const c1 = await openCase(noEmail, 'No internet');
    let current = published;
    for (const c of [a1, b1, a2, c1]) current = await as(technician)<Announcement>('announcements.linkCase', { id: published.id, caseId: c.id });
    await deliver();

    const result = await as(supervisor)<OutageResolution>('announcements.resolveOutage', { id: current.id, version: current.version, note: 'Controller restarted' });
    expect([...result.resolvedCaseIds].sort((x, y) => x - y)).toEqual([a1.id, a2.id, b1.id, c1.id]);
    const mails = await deliver();
    const notices = mails.filter((m) => m.subject?.includes('resolved'));
    expect(notices.map(toOf).sort()).toEqual(['ana@lakeside.example.org', 'ben@lakeside.example.org']);
    const toAna = notices.find((m) => toOf(m) === 'ana@lakeside.example.org')!;
    expect(toAna.subject).toBe('Your 2 requests are resolved: Wi-Fi down');
    for (const c of [a1, a2]) {
      expect(toAna.text).toContain(`${formatCaseNumber(c.id)}: `);
      expect(toAna.text).toContain(`${ORIGIN}/support/#/requests/${c.id}`);
    }
    expect(toAna.text).not.toContain(formatCaseNumber(b1.id));
    const toBen = notices.find((m) => toOf(m) === 'ben@lakeside.example.org')!;
    expect(toBen.subject).toBe(`${formatCaseNumber(b1.id)}: your request is resolved: Wi-Fi down`);
    // The callers got nothing else (the outage's own "restored" email goes to its building).
    expect(mails.filter((m) => !m.subject?.includes('resolved')).map(toOf)).toEqual([]);
  });

  it("still tells a caller once when their last linked case was resolved before the outage", async () => {
    const [north, south] = buildings as [number, number];
    const ana = await caller('Ana', 'ana@lakeside.example.org', south);
    const published = await outage([north]);
    const a1 = await openCase(ana, 'No Wi-Fi in room 4');
    const a2 = await openCase(ana, 'Laptop cart cannot connect');
    let current = published;
    for (const c of [a1, a2]) current = await as(technician)<Announcement>('announcements.linkCase', { id: published.id, caseId: c.id });
    await resolve(a2);
    await deliver();

    const result = await as(supervisor)<OutageResolution>('announcements.resolveOutage', { id: current.id, version: current.version, note: 'Controller restarted' });
    expect(result.resolvedCaseIds).toEqual([a1.id]);
    expect(result.skipped).toEqual([{ caseId: a2.id, reason: 'already resolved or closed' }]);
    const notices = (await deliver()).filter((m) => toOf(m) === 'ana@lakeside.example.org');
    expect(notices.map((m) => m.subject)).toEqual([`${formatCaseNumber(a1.id)}: your request is resolved: Wi-Fi down`]);
    expect(notices[0]!.text).not.toContain(formatCaseNumber(a2.id));
  });
});
