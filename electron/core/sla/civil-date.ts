/**
 * Calendar dates as whole day numbers (days since 1970-01-01, proleptic Gregorian), so the
 * engine can walk and index days with integer arithmetic, free of time zones and Date objects.
 */

export type CivilDay = number;

export interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

const MS_PER_DAY = 86_400_000;

/** Years the engine accepts; keeps Date.UTC away from its two-digit-year quirk. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

export function civilDayOf(year: number, month: number, day: number): CivilDay {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/**
 * Integer arithmetic (Howard Hinnant's days-to-civil algorithm) rather than a Date: it runs for
 * every instant the engine formats, and a Date per call was a tenth of `sla batch`'s time.
 */
export function yearMonthDayOf(civilDay: CivilDay): YearMonthDay {
  const z = civilDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday: Monday = 1 … Sunday = 7. 1970-01-01 was a Thursday. */
export function isoWeekdayOf(civilDay: CivilDay): number {
  return ((((civilDay + 3) % 7) + 7) % 7) + 1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  // Date.UTC reads years 0–99 as 1900–1999: keep its answer there (the engine accepts 1900–9999 only).
  if (year >= 0 && year < 100) return new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return DAYS_IN_MONTH[month - 1] ?? new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Strict YYYY-MM-DD that names a real date, or null. */
export function parseIsoDate(text: string): CivilDay | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return civilDayOf(year, month, day);
}

export function formatIsoDate(civilDay: CivilDay): string {
  const { year, month, day } = yearMonthDayOf(civilDay);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
