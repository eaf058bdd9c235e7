import { ANNOUNCEMENT_KIND_LABELS, formatAnnouncementNumber, type Announcement } from '../../../../shared/announcements';

/** "Sat, Dec 5, 8:00 AM – 10:00 AM" (or the end's date too when it is another day), in the desk's zone. */
export function announcementSpan(a: Announcement, timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric' });
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' });
  const start = Date.parse(a.startAt);
  const end = Date.parse(a.expectedEndAt);
  const sameDay = day.format(start) === day.format(end);
  return `${day.format(start)}, ${time.format(start)} – ${sameDay ? '' : `${day.format(end)}, `}${time.format(end)}`;
}

export function announcementPlaces(a: Announcement): string {
  return a.buildings.length ? a.buildings.map((b) => b.name).join(', ') : 'District-wide';
}

export function announcementName(a: Announcement): string {
  return `${ANNOUNCEMENT_KIND_LABELS[a.kind]} ${formatAnnouncementNumber(a.id)}: ${a.title}`;
}
