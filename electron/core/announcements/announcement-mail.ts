/**
 * Announcements emailed to the employees they concern, queued in the transaction that publishes
 * the announcement, posts an update to it or closes it (the agreement: interruptions are "announced via email … specifying
 * the expected duration … and a general description"). Who gets one:
 *
 * - the supervisors' distribution list, once, when one is set (announcements.distributionList);
 * - otherwise every caller with an email address whose building is among the announcement's
 *   (none: district-wide, everyone), one message each, addresses that unsubscribed left out.
 *
 * Each message to a person carries a signed one-click unsubscribe link (RFC 8058 headers when the
 * server's origin is https). The list's message carries none: one member's click would stop the
 * announcements for everyone on it; the list's owner decides who is on it.
 */
import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { ANNOUNCEMENT_KIND_LABELS, formatAnnouncementNumber } from '../../../shared/announcements';
import type { Clock } from '../clock';
import type { AnnouncementRow } from '../db/announcement-entities';
import { AnnouncementBuildingEntity, AnnouncementUpdateEntity } from '../db/announcement-entities';
import { BuildingEntity, CallerEntity } from '../db/entities';
import { facts, link, paragraph, type MailBlock } from '../mail/mail-body';
import { checkAddress, type MailMessage } from '../mail/mail-message';
import { foldAddress, type MailOptOuts } from '../mail/mail-opt-outs';
import type { MailService } from '../mail/mail-service';
import { SUPPORT_CENTER, unsubscribeLink } from '../mail/public-links';
import type { UnsubscribeTokens } from '../mail/unsubscribe-tokens';
import { whenWords } from '../sla/zone-words';
import { readDistributionList } from './notice-setting';

export type AnnouncementMoment = 'published' | 'updated' | 'closed';

/** What one announcement email says, whoever receives it. */
interface Content {
  subject: string;
  body: MailBlock[];
}

export class AnnouncementMailer {
  constructor(
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly mail: MailService,
    private readonly tokens: UnsubscribeTokens,
    private readonly optOuts: MailOptOuts,
  ) {}

  /** Queues the emails of a publish, an update or a close, in its transaction `m`; answers how many were queued. */
  async queue(m: EntityManager, row: AnnouncementRow, moment: AnnouncementMoment): Promise<number> {
    const buildingIds = (await m.getRepository(AnnouncementBuildingEntity).findBy({ announcementId: row.id })).map((b) => b.buildingId);
    const content = await this.content(m, row, buildingIds, moment);
    const list = await readDistributionList(m);
    if (list) {
      if ((await this.optOuts.among(m, [list], 'announcements')).size > 0) return 0;
      await this.mail.enqueue(
        { kind: 'announcement', to: list, subject: content.subject, body: [...content.body, paragraph('You receive this through a district distribution list; its owner decides who is on it.')] },
        m,
      );
      return 1;
    }
    const recipients = await this.recipients(m, buildingIds);
    const declined = await this.optOuts.among(m, recipients, 'announcements');
    let queued = 0;
    for (const to of recipients) {
      if (declined.has(foldAddress(to))) continue;
      await this.mail.enqueue(await this.personal(m, to, content, buildingIds.length === 0), m);
      queued += 1;
    }
    return queued;
  }

  /** One address per mailbox (two caller records with the same address get one message), only addresses mail can go to. */
  private async recipients(m: EntityManager, buildingIds: readonly number[]): Promise<string[]> {
    const where = buildingIds.length ? { email: Not(IsNull()), buildingId: In([...buildingIds]) } : { email: Not(IsNull()) };
    const callers = await m.getRepository(CallerEntity).find({ where, select: { id: true, email: true }, order: { id: 'ASC' } });
    const byMailbox = new Map<string, string>();
    for (const caller of callers) {
      try {
        const address = checkAddress(caller.email, 'to');
        if (!byMailbox.has(foldAddress(address))) byMailbox.set(foldAddress(address), address);
      } catch {
        // An address mail cannot go to (typed wrong at intake): nothing to send to.
      }
    }
    return [...byMailbox.values()];
  }

  private async personal(m: EntityManager, to: string, content: Content, districtWide: boolean): Promise<MailMessage> {
    const origin = this.mail.publicOrigin;
    const why = districtWide ? 'You receive this because the announcement concerns the whole district.' : 'You receive this because the announcement concerns your building.';
    if (!origin) return { kind: 'announcement', to, subject: content.subject, body: [...content.body, paragraph(`${why} To stop announcement emails, ask the Help Desk.`)] };
    const url = unsubscribeLink(origin, await this.tokens.sign(to, 'announcements', m));
    return {
      kind: 'announcement',
      to,
      subject: content.subject,
      body: [...content.body, paragraph(why), link('Stop announcement emails', url)],
      // RFC 8058 wants the one-click address to be https; over plain http the link in the body is all.
      ...(url.startsWith('https://') ? { unsubscribeUrl: url } : {}),
    };
  }

  private async content(m: EntityManager, row: AnnouncementRow, buildingIds: readonly number[], moment: AnnouncementMoment): Promise<Content> {
    const kind = ANNOUNCEMENT_KIND_LABELS[row.kind];
    const number = formatAnnouncementNumber(row.id);
    const buildings = buildingIds.length
      ? (await m.getRepository(BuildingEntity).findBy({ id: In([...buildingIds]) })).map((b) => b.name).sort((a, b) => a.localeCompare(b)).join(', ')
      : 'All buildings (district-wide)';
    const services = (JSON.parse(row.affectedServices) as string[]).join(', ');
    const where = this.mail.publicOrigin
      ? link(`Current announcements at ${SUPPORT_CENTER}`, `${this.mail.publicOrigin}/support/#/status`)
      : paragraph(`Current announcements are at ${SUPPORT_CENTER}.`);
    const about = facts([
      { label: 'Announcement', value: number },
      { label: 'Starts', value: whenWords(row.startAt, this.timeZone) },
      { label: 'Expected duration', value: durationWords(row.expectedMinutes) },
      { label: 'Buildings', value: buildings },
      ...(services ? [{ label: 'Affected services', value: services }] : []),
    ]);
    if (moment === 'published') {
      return {
        subject: `${kind}: ${row.title}`,
        body: [paragraph(row.title), ...(row.description.trim() ? [paragraph(row.description)] : []), about, where],
      };
    }
    const last = await m.getRepository(AnnouncementUpdateEntity).findOne({ where: { announcementId: row.id }, order: { at: 'DESC', id: 'DESC' } });
    if (moment === 'updated') {
      return {
        subject: `Update: ${row.title}`,
        body: [paragraph(`Update on ${row.title} (${whenWords(last?.at ?? this.clock.now(), this.timeZone)}):`), ...(last ? [paragraph(last.text)] : []), about, where],
      };
    }
    const done = row.kind === 'unplanned_outage' ? 'Service restored' : 'Work complete';
    return {
      subject: `${done}: ${row.title}`,
      body: [
        paragraph(`${done}: ${row.title}. ${row.kind === 'unplanned_outage' ? 'The outage is over.' : 'The work is finished.'} (${whenWords(this.clock.now(), this.timeZone)})`),
        ...(last ? [paragraph(last.text)] : []),
        about,
        where,
      ],
    };
  }
}

/** "45 minutes", "2 hours", "1 hour 30 minutes", "3 days". */
export function durationWords(minutes: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes % (24 * 60) === 0) return plural(minutes / (24 * 60), 'day');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return plural(rest, 'minute');
  return rest === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`;
}
