/**
 * The desk's email end to end on both databases: messages queued in the outbox are sent through
 * a real SMTP server started here (smtp-server on 127.0.0.1) and read back as they arrived
 * (mailparser). Refusals, an absent server, a rolled-back transaction, a lapsed claim and two
 * senders sharing one PostgreSQL database all end with every message delivered exactly once,
 * or failed where the desk can see it and retry it.
 */
import type { ParsedMail } from 'mailparser';
import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../electron/core/clock';
import { openDatabase } from '../../electron/core/db/data-source';
import { writeTransaction } from '../../electron/core/db/write-transaction';
import { facts, link, paragraph } from '../../electron/core/mail/mail-body';
import type { MailMessage } from '../../electron/core/mail/mail-message';
import { MailSender, type MailSenderOptions } from '../../electron/core/mail/mail-sender';
import { MailService } from '../../electron/core/mail/mail-service';
import type { MailSettings } from '../../electron/core/mail/mail-settings';
import { claimDueMail } from '../../electron/core/mail/outbox-claims';
import type { CaseSummary, StaffMember } from '../../shared/domain';
import type { OutboxEntry, OutboxPage } from '../../shared/mail';
import type { ContractError } from '../../shared/result';
import { callAs, coreFixture, newCaseInput, refusalOf, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

const FROM = { name: 'Lakeside Help Desk', address: 'helpdesk@lakeside.example.org' };
const settingsFor = (url: string): MailSettings => ({ smtpUrl: url, from: FROM });
/** Short waits, so a retry is a clock step (ManualClock) or a few milliseconds (the loop), never a long sleep. */
const QUICK: MailSenderOptions = { firstRetryMs: 1_000, maxRetryMs: 8_000, maxAttempts: 4, smtpTimeoutMs: 5_000 };
const HOSTILE = '<script>alert("pwned")</script> & <b>bold</b>';

function confirmation(over: Partial<MailMessage> = {}): MailMessage {
  return {
    kind: 'case_confirmation',
    to: 'pat.teacher@lakeside.example.org',
    subject: 'We received your request',
    body: [
      paragraph('Hello Pat,\nwe have your request and are on it.'),
      facts([
        { label: 'Case number', value: '1042' },
        { label: 'Summary', value: HOSTILE },
      ]),
      link('See your case', 'https://desk.lakeside.example.org/support/cases/1042?x=1&y=2'),
    ],
    ...over,
  };
}

/** The HTML part read as text, the way the renderer lays the text part out: what both parts say must be the same. */
function htmlAsText(html: string): string {
  return html
    .replace(/<a href="([^"]*)">(.*?)<\/a>/g, '$2: $1')
    .replace(/<br>/g, '\n')
    .replace(/<\/th><td[^>]*>/g, ': ')
    .replace(/<\/tr>/g, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A header line as it arrived, unfolded (a long header may be folded onto several lines). */
function header(mail: ParsedMail, name: string): string | undefined {
  return mail.headerLines.find((h) => h.key === name.toLowerCase())?.line.replace(/\r?\n[ \t]+/g, ' ');
}

describe.each(DATABASE_KINDS)('mail outbox on %s', (kind) => {
  let f: CoreFixture;
  let sink: SmtpSink;
  let supervisor: StaffMember;
  const closers: (() => unknown)[] = [];

  const mail = () => f.core.services.mail;
  const sender = (url = sink.url, options: MailSenderOptions = {}, db: DataSource = f.core.dataSource) => {
    const s = new MailSender(db, f.clock, settingsFor(url), { ...QUICK, ...options });
    closers.push(() => s.close());
    return s;
  };
  const call = <T>(who: StaffMember, channel: string, input: unknown): Promise<T> => callAs<T>(f.core, who, channel, input);
  const refusal = (who: StaffMember, channel: string, input: unknown): Promise<ContractError> => refusalOf(f.core, who, channel, input);
  const entry = async (id: number): Promise<OutboxEntry> => {
    const found = await mail().outbox.get(id);
    if (!found) throw new Error(`no message ${id}`);
    return found;
  };

  beforeEach(async () => {
    f = await coreFixture(kind);
    sink = await startSmtpSink();
    supervisor = await f.staff('supervisor');
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await sink.close();
    await f.dispose();
  });

  it('sends a text and an HTML part saying the same, with what the caller typed as text, and unsubscribe headers only when given', async () => {
    const agent = await f.staff('agent');
    const created = await call<CaseSummary>(agent, 'cases.create', newCaseInput({ summary: HOSTILE }));
    const caseMail = await mail().enqueue(confirmation({ caseId: created.id, subject: `Case ${created.id}: ${HOSTILE}` }));
    const announcement = await mail().enqueue({
      kind: 'announcement',
      to: 'all.staff@lakeside.example.org',
      subject: 'Email outage tonight',
      body: [paragraph('Email will be down from 10 PM to midnight.')],
      unsubscribeUrl: 'https://desk.lakeside.example.org/unsubscribe?token=abc123',
    });

    expect(await sender().sendDue()).toMatchObject({ claimed: 2, sent: 2, retrying: 0, failed: 0, lost: 0 });
    const [first, second] = await sink.waitForMessages(2);
    expect(sink.received).toHaveLength(2);

    expect(first!.subject).toBe(`Case ${created.id}: ${HOSTILE}`);
    expect(first!.to).toMatchObject({ value: [{ address: 'pat.teacher@lakeside.example.org' }] });
    expect(first!.from).toMatchObject({ value: [{ address: FROM.address, name: FROM.name }] });
    const text = first!.text ?? '';
    const html = typeof first!.html === 'string' ? first!.html : '';
    expect(text).toContain(`Summary: ${HOSTILE}`);
    expect(text).toContain('See your case: https://desk.lakeside.example.org/support/cases/1042?x=1&y=2');
    // No markup from the summary survives into the HTML part: it is escaped text.
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>bold');
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('<a href="https://desk.lakeside.example.org/support/cases/1042?x=1&amp;y=2">See your case</a>');
    expect(words(htmlAsText(html))).toBe(words(text));
    expect(header(first!, 'List-Unsubscribe')).toBeUndefined();
    expect(header(first!, 'Auto-Submitted')).toBe('Auto-Submitted: auto-generated');

    expect(header(second!, 'List-Unsubscribe')).toBe('List-Unsubscribe: <https://desk.lakeside.example.org/unsubscribe?token=abc123>');
    expect(header(second!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(words(htmlAsText(typeof second!.html === 'string' ? second!.html : ''))).toBe(words(second!.text ?? ''));

    const page = await call<OutboxPage>(supervisor, 'mail.outbox', {});
    expect(page.total).toBe(2);
    expect(page.entries.map((e) => e.id)).toEqual([announcement, caseMail]);
    const sentCase = page.entries[1]!;
    expect(sentCase).toMatchObject({ state: 'sent', kind: 'case_confirmation', caseId: created.id, attempts: 1, lastError: null, nextAttemptAt: null });
    expect(sentCase.sentAt).toBe(new Date(f.clock.now()).toISOString());
    expect(sentCase.messageId).toBe(first!.messageId);
  });

  it('retries a message the server deferred (451) after its wait, and delivers it once', async () => {
    sink.refuseNext({ code: 451, step: 'data', message: 'Greylisted, try again later' });
    const id = await mail().enqueue(confirmation());
    const s = sender();

    expect(await s.sendDue()).toMatchObject({ claimed: 1, retrying: 1 });
    const deferred = await entry(id);
    expect(deferred).toMatchObject({ state: 'queued', attempts: 1, nextAttemptAt: new Date(f.clock.now() + 1_000).toISOString() });
    expect(deferred.lastError).toMatch(/451.*Greylisted/);

    // Not due yet: nothing is claimed before its wait is over.
    expect(await s.sendDue()).toMatchObject({ claimed: 0 });
    f.clock.advance(1_000);
    expect(await s.sendDue()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await s.sendDue()).toMatchObject({ claimed: 0 });
    expect(sink.offered).toBe(2);
    expect(sink.received).toHaveLength(1);
    expect(await entry(id)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('fails a message the server refuses for good (550), shows why to supervisors, and sends it again when one retries it', async () => {
    sink.refuseNext({ code: 550, step: 'rcpt', message: 'No such user here' });
    const id = await mail().enqueue(confirmation({ to: 'nobody@lakeside.example.org' }));
    const s = sender();
    expect(await s.sendDue()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await s.sendDue()).toMatchObject({ claimed: 0 });

    const failed = await call<OutboxPage>(supervisor, 'mail.outbox', { state: 'failed' });
    expect(failed.total).toBe(1);
    expect(failed.entries[0]).toMatchObject({ id, state: 'failed', attempts: 1, nextAttemptAt: null });
    expect(failed.entries[0]!.lastError).toMatch(/550.*No such user/);
    expect((await call<OutboxPage>(supervisor, 'mail.outbox', { state: 'queued' })).total).toBe(0);

    // Only supervisors see the outbox; bad input is refused by field.
    const agent = await f.staff('agent');
    expect((await refusal(agent, 'mail.outbox', {})).code).toBe('forbidden');
    expect((await refusal(agent, 'mail.retry', { id })).code).toBe('forbidden');
    expect(await refusal(supervisor, 'mail.outbox', { state: 'lost' })).toMatchObject({ code: 'invalid_input', field: 'state' });
    expect(await refusal(supervisor, 'mail.outbox', { limit: 1_000 })).toMatchObject({ code: 'invalid_input', field: 'limit' });
    expect(await refusal(supervisor, 'mail.retry', { id: 'one' })).toMatchObject({ code: 'invalid_input', field: 'id' });
    expect(await refusal(supervisor, 'mail.retry', { id: id + 100 })).toMatchObject({ code: 'not_found', field: 'id' });

    const retried = await call<OutboxEntry>(supervisor, 'mail.retry', { id });
    expect(retried).toMatchObject({ id, state: 'queued', attempts: 0 });
    expect(await refusal(supervisor, 'mail.retry', { id })).toMatchObject({ code: 'conflict', field: 'id' });
    expect(await s.sendDue()).toMatchObject({ claimed: 1, sent: 1 });
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]!.to).toMatchObject({ value: [{ address: 'nobody@lakeside.example.org' }] });
    expect(await entry(id)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(await refusal(supervisor, 'mail.retry', { id })).toMatchObject({ code: 'conflict', field: 'id' });
  });

  it('gives a message up as failed after too many deferred attempts, with the last reply kept', async () => {
    sink.refuseNext({ code: 421, step: 'data' }, { code: 452, step: 'data', message: 'Mailbox full for now' });
    const id = await mail().enqueue(confirmation());
    const s = sender(sink.url, { maxAttempts: 2 });
    expect(await s.sendDue()).toMatchObject({ retrying: 1 });
    f.clock.advance(1_000);
    expect(await s.sendDue()).toMatchObject({ failed: 1 });
    const given = await entry(id);
    expect(given).toMatchObject({ state: 'failed', attempts: 2 });
    expect(given.lastError).toMatch(/^Gave up after 2 attempts: .*452.*Mailbox full/);
    expect(sink.received).toHaveLength(0);
  });

  it('keeps messages queued while the SMTP server is down, and the sending loop delivers them once it is up', async () => {
    const port = sink.port;
    await sink.close();
    // A service of its own with the real clock and its loop running, as a server process has.
    const service = new MailService(f.core.dataSource, systemClock, {
      settings: settingsFor(`smtp://127.0.0.1:${port}`),
      send: true,
      sender: { ...QUICK, firstRetryMs: 50, maxRetryMs: 200, maxAttempts: 1_000 },
      loop: { intervalMs: 25 },
    });
    closers.push(() => service.stop());
    const warnings: string[] = [];
    service.startSending({ info: () => undefined, warn: (m) => void warnings.push(m), error: (m) => void warnings.push(m) });
    const id = await service.enqueue(confirmation());

    await vi.waitFor(
      async () => {
        const waiting = await service.outbox.get(id);
        expect(waiting).toMatchObject({ state: 'queued' });
        expect(waiting!.attempts).toBeGreaterThanOrEqual(2);
        expect(waiting!.lastError).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
      },
      { timeout: 10_000, interval: 25 },
    );
    sink = await startSmtpSink({ port });
    await sink.waitForMessages(1);
    await vi.waitFor(async () => expect(await service.outbox.get(id)).toMatchObject({ state: 'sent' }), { timeout: 5_000, interval: 25 });
    await service.stop();
    expect(sink.received).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it('never sends a message whose transaction rolled back, and sends one that committed with its change', async () => {
    await expect(
      writeTransaction(f.core.dataSource, async (m) => {
        await mail().enqueue(confirmation({ subject: 'Rolled back' }), m);
        throw new Error('the case change failed');
      }),
    ).rejects.toThrow('the case change failed');
    const committed = await writeTransaction(f.core.dataSource, (m) => mail().enqueue(confirmation({ subject: 'Committed' }), m));

    expect(await sender().sendDue()).toMatchObject({ claimed: 1, sent: 1 });
    expect(sink.received.map((m) => m.subject)).toEqual(['Committed']);
    const page = await mail().page({});
    expect(page.entries.map((e) => e.id)).toEqual([committed]);
  });

  it('takes a message again when the claim of a sender that died mid-send ran out', async () => {
    const id = await mail().enqueue(confirmation());
    // A process claims it and dies before recording anything.
    const [claim] = await claimDueMail(f.core.dataSource, f.clock.now(), 5, 60_000);
    expect(claim?.row.id).toBe(id);
    expect(await entry(id)).toMatchObject({ state: 'sending', attempts: 1 });

    const s = sender(sink.url, { leaseMs: 60_000 });
    expect(await s.sendDue()).toMatchObject({ claimed: 0 });
    f.clock.advance(60_000);
    expect(await s.sendDue()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await entry(id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(sink.received).toHaveLength(1);
  });

  it('tells the desk that mail is not configured, and keeps what is queued', async () => {
    const id = await mail().enqueue(confirmation());
    const page = await call<OutboxPage>(supervisor, 'mail.outbox', {});
    expect(page).toMatchObject({ configured: false, total: 1, entries: [{ id, state: 'queued', attempts: 0 }] });
    expect(page.notice).toMatch(/Mail is not configured.*DESKWATCH_SMTP_URL.*stay queued/);
  });

  it.runIf(kind === 'postgres')('two senders on one PostgreSQL database deliver every message exactly once', async () => {
    sink = await (async () => {
      await sink.close();
      return startSmtpSink({ delayMs: 5 });
    })();
    const count = 40;
    for (let i = 1; i <= count; i++) await mail().enqueue(confirmation({ subject: `Message ${i}` }));
    const other = await openDatabase(f.db.config);
    closers.push(() => other.destroy());
    const senders = [sender(sink.url, { batchSize: 1_000 }), sender(sink.url, { batchSize: 1_000 }, other)];
    const rounds = await Promise.all(senders.map((s) => s.sendDue()));

    expect(rounds.reduce((n, r) => n + r.sent, 0)).toBe(count);
    expect(rounds.every((r) => r.sent > 0)).toBe(true);
    expect(rounds.every((r) => r.lost === 0 && r.retrying === 0 && r.failed === 0)).toBe(true);
    const subjects = sink.received.map((m) => m.subject).sort();
    expect(subjects).toEqual(Array.from({ length: count }, (_, i) => `Message ${i + 1}`).sort());
    expect((await mail().page({ state: 'sent', limit: 200 })).total).toBe(count);
  });
});
