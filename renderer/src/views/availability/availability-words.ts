/** Presence and times in words for the availability screen, the board and the case view (the desk's zone). */
import { ABSENCE_KIND_LABELS, type AwayMark, type PresenceRow } from '../../../../shared/availability';
import { shownZone } from '../../lib/desk-zone';

/** "Mon, Dec 7, 7:00 AM" in the desk's zone. */
export function whenWords(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  return new Intl.DateTimeFormat('en-US', { timeZone: shownZone(), weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(t);
}

/** "Sick until Fri, Dec 4, 5:00 PM". */
export function awayWords(mark: AwayMark): string {
  return `${ABSENCE_KIND_LABELS[mark.kind]} until ${whenWords(mark.until)}`;
}

/** "In", "Out: Sick until …", "Off until Tue, Dec 1, 7:00 AM". */
export function presenceWords(p: PresenceRow): string {
  if (p.state === 'out' && p.away) return `Out: ${awayWords(p.away)}`;
  if (p.state === 'off') return p.backAt ? `Off until ${whenWords(p.backAt)}` : 'Off';
  return 'In';
}

export function onCallWords(p: PresenceRow): string | null {
  return p.onCall ? `On call${p.onCallUntil ? ` until ${whenWords(p.onCallUntil)}` : ''}` : null;
}
