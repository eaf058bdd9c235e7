/**
 * The status page: maintenance, outages and upgrades as employees see them. Published ones that
 * are current (the announcements' own reading of "now"), and those closed in the last week; only
 * their public fields (no author, no linked cases, no notice bookkeeping).
 */
import { formatAnnouncementNumber, type Announcement } from '../../../shared/announcements';
import type { StatusAnnouncement, StatusPage } from '../../../shared/support';
import type { AnnouncementService } from '../announcements/announcement-service';
import type { Clock } from '../clock';
import { DAY_MS } from '../instants';

const RECENT_DAYS = 7;

export function toStatusAnnouncement(a: Announcement): StatusAnnouncement {
  return {
    id: a.id,
    number: formatAnnouncementNumber(a.id),
    kind: a.kind,
    title: a.title,
    description: a.description,
    affectedServices: a.affectedServices,
    buildings: a.buildings.map((b) => b.name),
    startAt: a.startAt,
    expectedEndAt: a.expectedEndAt,
    state: a.state === 'closed' ? 'closed' : 'published',
    updates: a.updates.map((u) => ({ at: u.at, text: u.text })),
    closedAt: a.closedAt,
  };
}

export class StatusPageReader {
  constructor(
    private readonly announcements: AnnouncementService,
    private readonly clock: Clock,
  ) {}

  async page(): Promise<StatusPage> {
    const now = this.clock.now();
    const [current, closed] = await Promise.all([
      this.announcements.current(now),
      this.announcements.list({ scope: 'all', states: ['closed'] }, null),
    ]);
    const since = now - RECENT_DAYS * DAY_MS;
    return {
      current: current.filter((a) => a.state === 'published').map(toStatusAnnouncement),
      recent: closed.filter((a) => a.state === 'closed' && a.closedAt !== null && Date.parse(a.closedAt) >= since).map(toStatusAnnouncement),
    };
  }
}
