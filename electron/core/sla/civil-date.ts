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

export function yearMonthDayOf(civilDay: CivilDay): YearMonthDay {
  const d = new Date(civilDay * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday: Monday = 1 … Sunday = 7. 1970-01-01 was a Thursday. */
export function isoWeekdayOf(civilDay: CivilDay): number {
  return ((((civilDay + 3) % 7) + 7) % 7) + 1;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
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
