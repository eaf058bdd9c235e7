/** How the Announcements screen says an announcement's state, duration and deadlines. */
import type { AnnouncementState } from '../../../../shared/announcements';

export const STATE_LABELS: Readonly<Record<AnnouncementState, string>> = {
  draft: 'Draft',
  published: 'Published',
  closed: 'Closed',
};

/** "2 hours", "90 minutes", "1 day 4 hours". */
export function durationWords(minutes: number): string {
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const rest = minutes % 60;
  if (days === 0 && rest !== 0) return hours === 0 ? plural(rest, 'minute') : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`;
  return [days ? plural(days, 'day') : '', hours ? plural(hours, 'hour') : '', rest ? plural(rest, 'minute') : ''].filter(Boolean).join(' ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "Wed, Dec 2, 7:00 AM", in the desk's zone. */
export function instantWords(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(Date.parse(iso));
}

/** The text of the services field ("Email, Webmail") as the list the core takes. */
export function servicesFromText(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
