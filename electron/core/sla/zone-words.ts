/**
 * Instants written in a zone's local time, in the explanation's fixed English forms. The fields
 * come from zone-time.ts's arithmetic (offsets cached per zone), not from a luxon DateTime per
 * instant: a case's ledger writes hundreds of instants and days, and building a zoned DateTime
 * and formatting it cost ~40 µs each, most of a `cases.get` answer on the district server.
 * tests/unit/sla/zone-words.test.ts holds these to luxon's own formatting.
 */
import { localDateTimeOf, type LocalDateTime } from './zone-time';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Zone abbreviations ("CST", "CDT") by zone and offset: Intl knows them, but is slow to ask. */
const abbreviations = new Map<string, string>();

function abbreviation(zone: string, t: number, offsetMs: number): string {
  const key = `${zone}|${offsetMs}`;
  let name = abbreviations.get(key);
  if (name === undefined) {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(t);
    name = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
    abbreviations.set(key, name);
  }
  return name;
}

function clock(local: Pick<LocalDateTime, 'hour' | 'minute'>): string {
  return `${local.hour % 12 || 12}:${String(local.minute).padStart(2, '0')} ${local.hour < 12 ? 'AM' : 'PM'}`;
}

function date(local: LocalDateTime): string {
  // 1970-01-01 (civil day 0) was a Thursday.
  const weekday = WEEKDAYS[(((local.civilDay + 4) % 7) + 7) % 7] as string;
  return `${weekday}, ${MONTHS[local.month - 1] as string} ${local.day}, ${local.year}`;
}

/** "Mon, Nov 30, 2026, 9:00 AM CST" (luxon's `ccc, LLL d, yyyy, h:mm a ZZZZ` in en-US). */
export function whenWords(t: number, zone: string): string {
  const local = localDateTimeOf(zone, t);
  return `${date(local)}, ${clock(local)} ${abbreviation(zone, t, local.offsetMs)}`;
}

/** "9:00 AM" (`h:mm a`). */
export function clockWords(t: number, zone: string): string {
  return clock(localDateTimeOf(zone, t));
}

/** "Mon, Nov 30, 2026" (`ccc, LLL d, yyyy`) of the local day holding `t`. */
export function dayWords(t: number, zone: string): string {
  return date(localDateTimeOf(zone, t));
}
