import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../electron/core/errors';
import { facts, link, paragraph, type MailBlock } from '../../../electron/core/mail/mail-body';
import { prepareMail, type MailMessage } from '../../../electron/core/mail/mail-message';
import { escapeHtml, renderMail } from '../../../electron/core/mail/render-mail';
import { classifySmtpFailure } from '../../../electron/core/mail/smtp-failure';
import { retryDelay } from '../../../electron/core/mail/mail-sender';
import { redactSmtpUrl } from '../../../electron/core/mail/mail-settings';

const refusedField = (work: () => unknown): string | undefined => {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).field;
  }
  throw new Error('expected a refusal');
};

const message = (over: Partial<MailMessage> = {}): MailMessage => ({
  kind: 'test',
  to: 'pat@lakeside.example.org',
  subject: 'A test',
  body: [paragraph('Hello')],
  ...over,
});

describe('rendering a message', () => {
  it('writes the same content as plain text and as HTML, in order', () => {
    const { text, html } = renderMail([
      paragraph('Hello Pat,\nyour case is open.'),
      facts([
        { label: 'Case number', value: '1042' },
        { label: 'Response by', value: 'Monday 10:00 AM' },
      ]),
      link('Reopen or rate', 'https://desk.example.org/r?c=1042&t=x'),
    ]);
    expect(text).toBe('Hello Pat,\nyour case is open.\n\nCase number: 1042\nResponse by: Monday 10:00 AM\n\nReopen or rate: https://desk.example.org/r?c=1042&t=x\n');
    expect(html).toContain('<p style="margin:0 0 16px">Hello Pat,<br>your case is open.</p>');
    expect(html).toContain('>Case number</th><td style="padding:0 0 4px">1042</td>');
    expect(html).toContain('<a href="https://desk.example.org/r?c=1042&amp;t=x">Reopen or rate</a>');
    expect(html.indexOf('Hello Pat')).toBeLessThan(html.indexOf('Case number'));
    expect(html.indexOf('Case number')).toBeLessThan(html.indexOf('Reopen or rate'));
  });

  it('escapes everything typed, so no text becomes markup or leaves an attribute', () => {
    const typed = `<img src=x onerror="alert('x')"> & </p>`;
    const { text, html } = renderMail([paragraph(typed), facts([{ label: typed, value: typed }]), link(typed, 'https://desk.example.org/"><script>')]);
    expect(text).toContain(typed);
    expect(html).not.toMatch(/<img|<script|<\/p> &/);
    expect(html).toContain(escapeHtml(typed));
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  it('keeps labels and facts on one line each', () => {
    const { text } = renderMail([facts([{ label: 'Summary', value: 'line one\r\nCase number: 9999' }])]);
    expect(text).toBe('Summary: line one Case number: 9999\n');
  });

  it('refuses links that are not web addresses, and an empty body, naming the field', () => {
    expect(refusedField(() => renderMail([paragraph('x'), link('Click', 'javascript:alert(1)')]))).toBe('body.1.url');
    expect(refusedField(() => renderMail([link('Click', 'not a url')]))).toBe('body.0.url');
    expect(refusedField(() => renderMail([]))).toBe('body');
    expect(refusedField(() => renderMail([{ kind: 'image' } as unknown as MailBlock]))).toBe('body.0.kind');
  });
});

describe('preparing a message', () => {
  it('adds one-click unsubscribe headers (RFC 8058) only when an https unsubscribe link is given', () => {
    expect(prepareMail(message()).headers).toEqual({});
    expect(prepareMail(message({ unsubscribeUrl: 'https://desk.example.org/u?t=1' })).headers).toEqual({
      'List-Unsubscribe': '<https://desk.example.org/u?t=1>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(refusedField(() => prepareMail(message({ unsubscribeUrl: 'http://desk.example.org/u' })))).toBe('unsubscribeUrl');
    expect(refusedField(() => prepareMail(message({ unsubscribeUrl: 'mailto:x@example.org' })))).toBe('unsubscribeUrl');
  });

  it('takes one recipient only, and a one-line subject', () => {
    expect(prepareMail(message({ to: '  pat@lakeside.example.org ' })).to).toBe('pat@lakeside.example.org');
    for (const to of ['', 'pat', 'pat@localhost', 'a@x.org, b@x.org', 'Pat <pat@x.org>', 'pat@x.org\r\nBcc: all@x.org', `${'a'.repeat(250)}@x.org`]) {
      expect(refusedField(() => prepareMail(message({ to })))).toBe('to');
    }
    for (const subject of ['', '   ', 'one\r\nBcc: all@x.org', 'x'.repeat(301)]) {
      expect(refusedField(() => prepareMail(message({ subject })))).toBe('subject');
    }
    expect(refusedField(() => prepareMail(message({ kind: 'spam' as never })))).toBe('kind');
    expect(refusedField(() => prepareMail(message({ caseId: 0 })))).toBe('caseId');
    expect(refusedField(() => prepareMail(message({ body: [paragraph('nul \u0000 here')] })))).toBe('body');
  });
});

describe('after a failed send', () => {
  it('ends a message only on a 5xx refusal of the message or its recipient', () => {
    expect(classifySmtpFailure(Object.assign(new Error('x'), { code: 'EENVELOPE', responseCode: 550, response: '550 No such user' }))).toEqual({ permanent: true, message: 'EENVELOPE: 550 No such user' });
    expect(classifySmtpFailure(Object.assign(new Error('x'), { code: 'EMESSAGE', responseCode: 554, response: '554 Spam' })).permanent).toBe(true);
    expect(classifySmtpFailure(Object.assign(new Error('x'), { code: 'EMESSAGE', responseCode: 451, response: '451 Later' })).permanent).toBe(false);
    // A refused login or a closed server fails every message alike: retried, not ended.
    expect(classifySmtpFailure(Object.assign(new Error('Invalid login'), { code: 'EAUTH', responseCode: 535 })).permanent).toBe(false);
    expect(classifySmtpFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' }))).toEqual({ permanent: false, message: 'ESOCKET: connect ECONNREFUSED 127.0.0.1:25' });
    expect(classifySmtpFailure(new Error('x'.repeat(5_000))).message).toHaveLength(1_000);
  });

  it('waits twice as long after each attempt, up to the longest wait', () => {
    expect([1, 2, 3, 4, 5, 6, 40].map((n) => retryDelay(n, 60_000, 3_600_000))).toEqual([60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000]);
  });

  it('never shows the mail account password', () => {
    expect(redactSmtpUrl('smtps://desk:s3cr%40t@mail.example.org:465')).toBe('smtps://desk:****@mail.example.org:465');
    expect(redactSmtpUrl('smtp://mail.example.org')).toBe('smtp://mail.example.org');
    expect(redactSmtpUrl('smtp://mail.example.org:587')).toBe('smtp://mail.example.org:587');
    expect(redactSmtpUrl('https://desk:pw@mail.example.org')).toBe('https://desk:****@mail.example.org');
    expect(redactSmtpUrl('desk:pw@mail.example.org:25')).toBe('desk:****@mail.example.org:25');
  });
});
