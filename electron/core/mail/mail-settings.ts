/**
 * How the core reaches the district's mail server: an SMTP URL (smtp:// upgrades with STARTTLS
 * when the server offers it; smtps:// is TLS from the first byte) and the From address. Read
 * and checked by the district server's settings (electron/server/server-config.ts).
 */
export interface MailSettings {
  /** smtp://user:password@host:port or smtps://…; query options are nodemailer's (e.g. ?requireTLS=true). */
  smtpUrl: string;
  from: { name: string | null; address: string };
}

/** What the desk is told while no mail server is set: messages wait, nothing is dropped. */
export const MAIL_NOT_CONFIGURED =
  'Mail is not configured on this server (DESKWATCH_SMTP_URL, DESKWATCH_MAIL_FROM): messages stay queued and are sent once it is.';

/** The SMTP URL (or whatever was given for it) with any password replaced, for messages and logs. */
export function redactSmtpUrl(url: string): string {
  // `user:password@` after the scheme, or at the start when the scheme is missing.
  return url.replace(/^((?:[A-Za-z][A-Za-z0-9+.-]*:\/\/)?[^:@/\s]*:)[^@/\s]*@/, '$1****@');
}
