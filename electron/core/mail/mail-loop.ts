import { Backoff } from '../backoff';
import type { Logger } from '../log/logger';
import { processTimers, type Timers } from '../timers';
import type { SendRound } from './mail-sender';

export interface MailLoopOptions {
  /** How often the outbox is looked at when nothing woke the loop (default 5 s): other processes' messages are found so. */
  intervalMs?: number;
  /** First and longest wait after the database failed a round (defaults 1 s and 60 s). */
  failureBackoff?: { firstMs: number; maxMs: number };
  timers?: Timers;
}

/**
 * Runs a sender's rounds for as long as the server runs: a full batch goes again at once, a
 * quiet outbox is looked at every `intervalMs`, and a round the database failed is logged and
 * tried again with a growing wait (the messages stay in the outbox: nothing is lost).
 */
export class MailLoop {
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  /** Woken during a round: look again as soon as it ends (what was queued may have come after its claim). */
  private again = false;
  private readonly interval: number;
  private readonly backoff: Backoff;
  private readonly timers: Timers;

  constructor(
    private readonly sender: { sendDue(): Promise<SendRound> },
    private readonly logger: Logger,
    options: MailLoopOptions = {},
  ) {
    this.interval = options.intervalMs ?? 5_000;
    this.backoff = new Backoff(options.failureBackoff?.firstMs ?? 1_000, options.failureBackoff?.maxMs ?? 60_000);
    this.timers = options.timers ?? processTimers;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Look at the outbox now (a message was just queued here), rather than at the next interval. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** Stops the loop and waits for a round in progress to finish recording what it did. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.running = this.round().finally(() => (this.running = null));
    }, ms);
  }

  private async round(): Promise<void> {
    this.again = false;
    let next = this.interval;
    try {
      const round = await this.sender.sendDue();
      if (this.backoff.failing) this.logger.info('deskwatch mail: the outbox is reachable again');
      this.backoff.reset();
      if (round.failed > 0) this.logger.warn(`deskwatch mail: ${round.failed} message(s) failed for good; the outbox shows why`);
      // A full batch, or woken meanwhile: more may be due right now.
      if (round.more || this.again) next = 0;
    } catch (error) {
      next = this.backoff.next();
      this.logger.warn(`deskwatch mail: could not read or update the outbox; trying again in ${next} ms`, error);
    }
    if (!this.stopped) this.schedule(next);
  }
}
