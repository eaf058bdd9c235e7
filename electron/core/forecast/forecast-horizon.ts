/**
 * How far the breach forecast looks: the rest of today and the next business day, in the desk's
 * calendar. On a weekend or a closure "today" has no desk time left and the next business day is
 * the next day the desk opens (Monday, or the day after a snow day).
 */
import type { BusinessCalendar } from '../sla';

export interface ForecastHorizon {
  now: number;
  /** The desk's close today, or `now` when the desk does not open (again) today. */
  endOfToday: number;
  /** The close of the next business day after today: the end of what the forecast judges. */
  end: number;
}

export function forecastHorizon(desk: BusinessCalendar, now: number): ForecastHorizon {
  if (!Number.isFinite(now)) throw new RangeError(`now must be epoch milliseconds (got ${now})`);
  const today = desk.localDayOf(now);
  const closing = desk.closingOn(today);
  const endOfToday = closing !== null && closing > now ? closing : now;
  const next = desk.nextBusinessDayAfter(today);
  // closingOn is non-null on a business day by definition.
  const end = desk.closingOn(next) as number;
  return { now, endOfToday, end };
}
