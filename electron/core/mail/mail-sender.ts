import nodemailer, { type Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import type { Clock } from '../clock';
import type { MailOutboxRow } from '../db/mail-entities';
import type { MailSettings } from './mail-settings';
import { claimDueMail, settleMail, type ClaimedMail, type MailOutcome } from './outbox-claims';
import { classifySmtpFailure } from './smtp-failure';

export interface MailSenderOptions {
  /** Most messages one round sends before it lets the loop breathe (default 20). */
  batchSize?: number;
  /**
   * How long a claim holds (default 5 minutes): after it, another process may send the message.
   * Longer than one attempt can take (the SMTP timeouts below, three of them at worst).
   */
  leaseMs?: number;
  /** First wait after a failed attempt (default 1 minute); doubles with each attempt. */
  firstRetryMs?: number;
  /** Longest wait between attempts (default 1 hour). */
  maxRetryMs?: number;
  /** Attempts before a message is given up as failed (default 10: with the defaults, about 8 hours). */
  maxAttempts?: number;
  /** Connection, greeting and socket timeout of each SMTP conversation (default 60 s). */
  smtpTimeoutMs?: number;
}

export interface SendRound {
  /** Messages this round claimed (a full batch means there may be more due now). */
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
  /** Attempts whose claim ran out before they were recorded (another process has the message). */
  lost: number;
  /** The round stopped at its batch size: there may be more due now. */
  more: boolean;
}

const DEFAULTS = { batchSize: 20, leaseMs: 5 * 60_000, firstRetryMs: 60_000, maxRetryMs: 60 * 60_000, maxAttempts: 10, smtpTimeoutMs: 60_000 };

/** The wait after the `attempts`-th failed attempt: doubling from `firstMs`, at most `maxMs` (as Backoff does for the loops). */
export function retryDelay(attempts: number, firstMs: number, maxMs: number): number {
  return Math.min(maxMs, firstMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30));
}

/**
 * Sends what is due in the outbox through one SMTP server. Any number of senders (one per server
 * process) may share a database: each message is claimed by one of them at a time
 * (outbox-claims.ts). An accepted message is marked sent with its Message-ID; a failure is
 * recorded and tried again later, or ends the message as failed (kept for the desk to retry).
 */
export class MailSender {
  private readonly options: Required<MailSenderOptions>;
  private readonly transport: Transporter;
  private readonly fromDomain: string;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly settings: MailSettings,
    options: MailSenderOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.fromDomain = settings.from.address.split('@')[1] ?? 'localhost';
    const timeout = this.options.smtpTimeoutMs;
    this.transport = nodemailer.createTransport({ url: settings.smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  }

  /** Sends due messages one claim at a time, up to a batch; answers what became of them. */
  async sendDue(): Promise<SendRound> {
    const round: SendRound = { claimed: 0, sent: 0, retrying: 0, failed: 0, lost: 0, more: false };
    while (round.claimed < this.options.batchSize) {
      // One message a claim: a claim's lease then only has to outlast one SMTP conversation.
      const [claim] = await claimDueMail(this.db, this.clock.now(), 1, this.options.leaseMs);
      if (!claim) break;
      round.claimed += 1;
      const outcome = await this.attempt(claim);
      if (!(await settleMail(this.db, claim, outcome))) round.lost += 1;
      else if (outcome.state === 'sent') round.sent += 1;
      else if (outcome.state === 'queued') round.retrying += 1;
      else round.failed += 1;
    }
    round.more = round.claimed >= this.options.batchSize;
    return round;
  }

  close(): void {
    this.transport.close();
  }

  private async attempt({ row }: ClaimedMail): Promise<MailOutcome> {
    const messageId = this.messageIdOf(row);
    try {
      await this.transport.sendMail({
        from: this.settings.from.name ? { name: this.settings.from.name, address: this.settings.from.address } : this.settings.from.address,
        to: row.toAddress,
        subject: row.subject,
        text: row.textBody,
        // A plain-text message (a page to an email-to-SMS gateway) has no HTML part at all.
        ...(row.htmlBody === '' ? {} : { html: row.htmlBody }),
        // Automatic mail (RFC 3834): out-of-office replies are not sent back to the desk.
        headers: { ...(JSON.parse(row.headers) as Record<string, string>), 'Auto-Submitted': 'auto-generated' },
        messageId,
      });
      return { state: 'sent', at: this.clock.now(), messageId };
    } catch (error) {
      const failure = classifySmtpFailure(error);
      if (failure.permanent) return { state: 'failed', error: failure.message };
      if (row.attempts >= this.options.maxAttempts) return { state: 'failed', error: `Gave up after ${row.attempts} attempts: ${failure.message}` };
      return { state: 'queued', nextAttemptAt: this.clock.now() + retryDelay(row.attempts, this.options.firstRetryMs, this.options.maxRetryMs), error: failure.message };
    }
  }

  /**
   * The same Message-ID on every attempt of a message: if a mail server accepted it but the
   * answer was lost and it goes again, the recipient's client can tell the two are one.
   */
  private messageIdOf(row: MailOutboxRow): string {
    return `<deskwatch.${row.id}.${row.createdAt}@${this.fromDomain}>`;
  }
}
