/**
 * Reading instants typed by people and programs: ISO 8601 with an offset is exact; without one
 * it is a wall-clock time in the calendar's zone (convention 5). Strict on purpose: an impossible
 * date such as 2026-02-30 is an error, never silently rolled over.
 */
import { daysInMonth, MAX_YEAR, MIN_YEAR } from './civil-date';
import { instantOfLocal, localMsOf } from './zone-time';

export type ParsedInstant = { ok: true; value: number; hadOffset: boolean } | { ok: false; reason: string };

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

const ZERO = 48;

/** Two ASCII digits at i as a number, or -1. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - ZERO;
  const b = text.charCodeAt(i + 1) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The common shape, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS with no offset, read without the
 * regular expression (a batch reads hundreds of thousands); anything else returns null and takes
 * the general path, which gives the same answer for these shapes.
 */
function parseWallTime(text: string, zone: string): ParsedInstant | null {
  if ((text.length !== 16 && text.length !== 19) || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58) return null;
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = text.length === 19 ? (text.charCodeAt(16) === 58 ? twoDigits(text, 17) : -1) : 0;
  if (century < 0 || yy < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return null;
  const year = century * 100 + yy;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  return { ok: true, value: instantOfLocal(zone, localMsOf(year, month, day, hour * 3600 + minute * 60 + second)), hadOffset: false };
}

export function parseInstant(text: string, zone: string): ParsedInstant {
  if (typeof text !== 'string') return { ok: false, reason: 'expected an ISO 8601 date-time string' };
  const fast = parseWallTime(text, zone);
  if (fast !== null) return fast;
  const m = ISO_INSTANT.exec(text.trim());
  if (!m) return { ok: false, reason: 'malformed date-time (expected YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM])' };
  const [, y, mo, d, h, mi, s, frac, offset] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const millisecond = frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3));
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, reason: `year out of range ${MIN_YEAR}–${MAX_YEAR}` };
  if (month < 1 || month > 12) return { ok: false, reason: 'impossible date: no such month' };
  if (day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: 'impossible date: no such day in that month' };
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: 'impossible time of day' };
  const localMs = localMsOf(year, month, day, hour * 3600 + minute * 60 + second, millisecond);
  if (offset === undefined) return { ok: true, value: instantOfLocal(zone, localMs), hadOffset: false };
  if (offset === 'Z' || offset === 'z') return { ok: true, value: localMs, hadOffset: true };
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const offHours = Number(digits.slice(0, 2));
  const offMinutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (offHours > 23 || offMinutes > 59) return { ok: false, reason: 'impossible UTC offset' };
  return { ok: true, value: localMs - sign * (offHours * 3_600_000 + offMinutes * 60_000), hadOffset: true };
}
