/**
 * The agreement gives planned work "advance notice" (the desk's setting, three business days by
 * default). When a planned announcement is still a draft once its notice deadline has passed,
 * its author is emailed, once: the console's reminder banner reaches them only when they open the
 * Announcements screen. Authors without an address (or a desk without email) have the banner.
 *
 * Every district server process looks every few minutes; `reminded_at` is set in the transaction
 * that queues the email, only where it is still empty, so two processes never send it twice.
 */
import { IsNull, type DataSource } from 'typeorm';
import { formatAnnouncementNumber } from '../../../shared/announcements';
import type { Clock } from '../clock';
import { AnnouncementEntity } from '../db/announcement-entities';
import { StaffEntity } from '../db/entities';
import { writeTransaction } from '../db/write-transaction';
import type { Logger } from '../log/logger';
import { link, paragraph } from '../mail/mail-body';
import { checkAddress } from '../mail/mail-message';
import type { MailService } from '../mail/mail-service';
import { whenWords } from '../sla/zone-words';
import { processTimers, type Timers } from '../timers';
import type { AnnouncementService } from './announcement-service';

/** How often drafts are looked at: a deadline is the opening of a business day, minutes late is fine. */
export const DRAFT_CHECK_MS = 5 * 60_000;

export class DraftReminders {
  private timer: unknown = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly announcements: AnnouncementService,
    private readonly mail: MailService,
    private readonly timers: Timers = processTimers,
  ) {}

  /** Emails the authors of drafts past their notice deadline not reminded yet; answers how many were queued. */
  async remindAuthors(): Promise<number> {
    let queued = 0;
    for (const due of await this.announcements.dueReminders(this.clock.now())) {
      if (due.authorId === null) continue;
      const sent = await writeTransaction(this.db, async (m) => {
        const claimed = await m.getRepository(AnnouncementEntity).update({ id: due.announcementId, state: 'draft', remindedAt: IsNull() }, { remindedAt: this.clock.now() });
        if ((claimed.affected ?? 0) !== 1) return false;
        const author = await m.getRepository(StaffEntity).findOneBy({ id: due.authorId as number });
        let to: string;
        try {
          to = checkAddress(author?.active ? author.email : null, 'to');
        } catch {
          return false; // no address to write to: the console's banner is the reminder
        }
        const number = formatAnnouncementNumber(due.announcementId);
        const deadline = whenWords(Date.parse(due.noticeDeadline), this.timeZone);
        const start = whenWords(Date.parse(due.startAt), this.timeZone);
        const origin = this.mail.publicOrigin;
        await this.mail.enqueue(
          {
            kind: 'announcement_reminder',
            to,
            subject: `${number} is still a draft: publish it to give notice`,
            body: [
              paragraph(`Your planned maintenance "${due.title}" starts ${start}, and it is still a draft.`),
              paragraph(`Employees were to have notice by ${deadline}. Publish it now (it will be marked as late notice), move it, or close the draft.`),
              ...(origin ? [link('Open it in Deskwatch', `${origin}/#/announcements/${due.announcementId}`)] : []),
            ],
          },
          m,
        );
        return true;
      });
      if (sent) queued += 1;
    }
    return queued;
  }

  start(logger: Logger): void {
    if (this.timer !== null) return;
    const round = () => {
      this.running = this.remindAuthors()
        .then(() => undefined)
        .catch((error: unknown) => logger.warn('deskwatch announcements: could not look at drafts past their notice deadline; trying again later', error))
        .finally(() => {
          this.running = null;
          if (this.timer !== null) this.timer = this.timers.setTimeout(round, DRAFT_CHECK_MS);
        });
    };
    this.timer = this.timers.setTimeout(round, 0);
  }

  async stop(): Promise<void> {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
