/**
 * The district server sends the desk's email with the SMTP settings of its environment: a queued
 * message reaches a local SMTP server without anyone asking, and supervisors see it sent over
 * HTTP. Without the settings, the outbox says mail is not configured.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { paragraph } from '../../../electron/core/mail/mail-body';
import type { OutboxPage } from '../../../shared/mail';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { startTestServer, type TestServer } from './server-fixture';

describe('the district server and its mail', () => {
  let server: TestServer | null = null;
  let sink: SmtpSink | null = null;
  afterEach(async () => {
    await server?.close();
    await sink?.close();
    server = null;
    sink = null;
  });

  const outbox = async (s: TestServer): Promise<OutboxPage> => {
    const supervisor = await s.staff('supervisor');
    const browser = await s.browser().signedIn(supervisor.email);
    const answer = await browser.invoke('mail.outbox', {});
    expect(answer.status).toBe(200);
    return answer.json<{ ok: true; value: OutboxPage }>().value;
  };

  it('sends what is queued through DESKWATCH_SMTP_URL, from DESKWATCH_MAIL_FROM', async () => {
    sink = await startSmtpSink();
    server = await startTestServer({ env: { DESKWATCH_SMTP_URL: sink.url, DESKWATCH_MAIL_FROM: 'Lakeside Help Desk <helpdesk@lakeside.example.org>' } });
    const id = await server.server.core.services.mail.enqueue({ kind: 'test', to: 'pat@lakeside.example.org', subject: 'Mail works', body: [paragraph('A test from the desk.')] });

    const [arrived] = await sink.waitForMessages(1);
    expect(arrived).toMatchObject({ subject: 'Mail works', from: { value: [{ name: 'Lakeside Help Desk', address: 'helpdesk@lakeside.example.org' }] } });
    const page = await outbox(server);
    expect(page).toMatchObject({ configured: true, notice: null, total: 1, entries: [{ id, state: 'sent' }] });
  });

  it('keeps messages queued and says so when no mail server is set', async () => {
    server = await startTestServer();
    await server.server.core.services.mail.enqueue({ kind: 'test', to: 'pat@lakeside.example.org', subject: 'Waiting', body: [paragraph('Later.')] });
    const page = await outbox(server);
    expect(page).toMatchObject({ configured: false, total: 1, entries: [{ state: 'queued' }] });
    expect(page.notice).toMatch(/not configured/);
  });
});
