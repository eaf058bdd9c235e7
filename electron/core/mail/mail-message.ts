import { MAIL_KINDS, type MailKind } from '../../../shared/mail';
import { DomainError } from '../errors';
import type { MailBlock } from './mail-body';
import { checkLink, renderMail } from './render-mail';

/** An email the core wants sent: one recipient, a subject, and its content as blocks. */
export interface MailMessage {
  kind: MailKind;
  /** One address (name@example.org); a message never goes to several people at once, so nobody sees another's address. */
  to: string;
  subject: string;
  body: readonly MailBlock[];
  /** The case it is about, if any (the desk finds a case's emails by it). */
  caseId?: number | null;
  /**
   * Where the recipient stops this kind of email with one click (https). Given only for mail a
   * person may decline (announcements, not a reply about their own case): the message then
   * carries List-Unsubscribe and List-Unsubscribe-Post (RFC 8058).
   */
  unsubscribeUrl?: string;
  /**
   * Text only, no HTML part: for email-to-SMS gateways, which turn the message into a text and
   * would send the markup along (or drop the message).
   */
  plainText?: boolean;
}

/** A message checked and rendered: what the outbox stores. */
export interface PreparedMail {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  /** Empty for a plain-text message. */
  html: string;
  headers: Record<string, string>;
  caseId: number | null;
}

export const MAX_SUBJECT = 300;
const MAX_ADDRESS = 254;
/** One mailbox, no display name, no list: the address part of RFC 5321 as desks meet it. */
const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** Checks a message and renders its parts; every refusal is a DomainError naming the field. */
export function prepareMail(message: MailMessage): PreparedMail {
  if (!(MAIL_KINDS as readonly string[]).includes(message.kind)) {
    throw new DomainError('invalid_input', `Kind must be one of ${MAIL_KINDS.join(', ')}, got "${String(message.kind)}"`, 'kind');
  }
  const to = checkAddress(message.to, 'to');
  const subject = typeof message.subject === 'string' ? message.subject.trim() : '';
  if (subject === '') throw new DomainError('invalid_input', 'Subject is required', 'subject');
  if (/[\r\n]/.test(subject) || subject.includes('\u0000')) throw new DomainError('invalid_input', 'Subject must be one line (no line breaks or NUL characters)', 'subject');
  if (subject.length > MAX_SUBJECT) throw new DomainError('invalid_input', `Subject must be at most ${MAX_SUBJECT} characters`, 'subject');
  const caseId = message.caseId ?? null;
  if (caseId !== null && !(Number.isInteger(caseId) && caseId > 0)) throw new DomainError('invalid_input', 'Case id must be a positive whole number', 'caseId');
  const rendered = renderMail(message.body);
  if ((rendered.text + rendered.html).includes('\u0000')) throw new DomainError('invalid_input', 'The message contains a NUL character (U+0000), which cannot be stored', 'body');
  const headers: Record<string, string> = {};
  if (message.unsubscribeUrl !== undefined) {
    checkLink(message.unsubscribeUrl, 'unsubscribeUrl');
    if (!message.unsubscribeUrl.startsWith('https://')) throw new DomainError('invalid_input', 'The unsubscribe link must be https:// (RFC 8058)', 'unsubscribeUrl');
    headers['List-Unsubscribe'] = `<${message.unsubscribeUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return { kind: message.kind, to, subject, text: rendered.text, html: message.plainText === true ? '' : rendered.html, headers, caseId };
}

/** One address, trimmed; refused with the field's name when it is not one. */
export function checkAddress(value: unknown, field: string): string {
  const address = typeof value === 'string' ? value.trim() : '';
  if (address === '') throw new DomainError('invalid_input', 'An email address is required', field);
  if (address.length > MAX_ADDRESS) throw new DomainError('invalid_input', `An email address must be at most ${MAX_ADDRESS} characters`, field);
  if (!ADDRESS.test(address)) throw new DomainError('invalid_input', `"${address}" is not one email address like name@example.org`, field);
  return address;
}
