/**
 * A wall-clock time in a named zone ("2026-12-05T08:00" in America/Chicago) and the instant it
 * is. A datetime-local field gives a time without a zone; announcements are planned in the desk's
 * zone (the maintenance window is Saturday 8 a.m. there), whatever zone the console runs in.
 */

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The zone's offset from UTC at an instant, in milliseconds (Chicago in winter: -6 hours). */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The ISO instant of a wall time in `timeZone`; null when the text is not `YYYY-MM-DDTHH:mm`.
 * A time skipped by a daylight-saving change lands an hour later, as clocks do.
 */
export function wallTimeToIso(wall: string, timeZone: string): string | null {
  const match = WALL_TIME.exec(wall);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(naive)) return null;
  // The offset at the guess, then at the corrected instant: right on both sides of a change. In a
  // skipped hour neither reads back as the wall time; the first lands after the gap.
  const first = naive - offsetAt(naive, timeZone);
  const second = naive - offsetAt(first, timeZone);
  const instant = second + offsetAt(second, timeZone) === naive ? second : first;
  return new Date(instant).toISOString();
}

/** The wall time (`YYYY-MM-DDTHH:mm`) an instant is in `timeZone`, for a datetime-local field. */
export function isoToWallTime(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  const local = new Date(instant + offsetAt(instant, timeZone));
  return local.toISOString().slice(0, 16);
}
