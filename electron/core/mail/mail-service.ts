import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxEntry, OutboxPage } from '../../../shared/mail';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import { MailLoop, type MailLoopOptions } from './mail-loop';
import type { MailMessage } from './mail-message';
import { MailOutbox, type OutboxQuery } from './mail-outbox';
import { MailSender, type MailSenderOptions } from './mail-sender';
import { MAIL_NOT_CONFIGURED, type MailSettings } from './mail-settings';
import { checkOrigin } from './public-links';

/** How the core sends mail: the server's SMTP settings (null: not configured) and, for tests, shorter waits. */
export interface MailOptions {
  settings: MailSettings | null;
  /** Run the sending loop in this process (the district server does; the CLI and most tests do not). */
  send?: boolean;
  sender?: MailSenderOptions;
  loop?: MailLoopOptions;
  /**
   * Where employees reach this server (https://desk.district.example): links in emails point
   * there. Unknown on a standalone console (emails then name the Tech Support Center without a
   * link); the district server gives it, or sets it once it listens (`usePublicOrigin`).
   */
  publicOrigin?: string;
}

/**
 * The desk's email: what other services call to queue a message (`enqueue`), what the contract
 * shows supervisors (`page`, `retry`), and the sending loop a server process runs.
 */
export class MailService {
  readonly outbox: MailOutbox;
  private loop: MailLoop | null = null;
  private sender: MailSender | null = null;
  private origin: string | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly options: MailOptions = { settings: null },
  ) {
    this.outbox = new MailOutbox(db, clock);
    if (options.publicOrigin !== undefined) this.usePublicOrigin(options.publicOrigin);
  }

  /** The server's public origin for links in emails, or null (standalone: no links). */
  get publicOrigin(): string | null {
    return this.origin;
  }

  /** Sets where links in emails point (the district server, once it knows its public address). */
  usePublicOrigin(origin: string): void {
    this.origin = checkOrigin(origin);
  }

  get configured(): boolean {
    return this.options.settings !== null;
  }

  /**
   * Queues one message; answers its outbox id. Pass the caller's transaction (`m`) so the message
   * commits, or rolls back, with the change it tells about.
   */
  async enqueue(message: MailMessage, m?: EntityManager): Promise<number> {
    const id = await this.outbox.enqueue(message, m);
    this.loop?.wake();
    return id;
  }

  async page(query: OutboxQuery): Promise<OutboxPage> {
    const { total, entries } = await this.outbox.list(query);
    return { configured: this.configured, notice: this.configured ? null : MAIL_NOT_CONFIGURED, total, entries };
  }

  async retry(id: number): Promise<OutboxEntry> {
    const entry = await this.outbox.retry(id);
    this.loop?.wake();
    return entry;
  }

  /** Starts sending in this process; without SMTP settings it says so once and messages wait. */
  startSending(logger: Logger): void {
    if (this.loop) return;
    if (!this.options.settings) {
      logger.warn(MAIL_NOT_CONFIGURED);
      return;
    }
    this.sender = new MailSender(this.db, this.clock, this.options.settings, this.options.sender);
    this.loop = new MailLoop(this.sender, logger, this.options.loop);
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
    this.sender?.close();
    this.loop = null;
    this.sender = null;
  }
}
