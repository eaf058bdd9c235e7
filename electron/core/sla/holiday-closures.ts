/**
 * Default closure dates from date-holidays, a maintained library, so nobody retypes federal and
 * state holidays every year. Only type "public" counts: the library also lists "observance"
 * (Valentine's Day, Halloween, the day after Thanksgiving), "optional" (Christmas Eve), "bank" and
 * "school" days, on which state offices and the desk stay open. Observed substitutes (Independence
 * Day observed on Friday 3 July 2026) are "public" too, so they close the desk as well.
 */
import Holidays from 'date-holidays';
import { parseIsoDate, type CivilDay } from './civil-date';
import type { HolidayRegion } from './calendar-spec';
import { SlaInputError } from './sla-errors';

export interface NamedClosure {
  day: CivilDay;
  name: string;
}

const libraries = new Map<string, Holidays>();
const byYear = new Map<string, readonly NamedClosure[]>();

function libraryFor(region: HolidayRegion): Holidays {
  const key = regionKey(region);
  let library = libraries.get(key);
  if (library === undefined) {
    library = region.state === undefined ? new Holidays(region.country) : new Holidays(region.country, region.state);
    const known = library.getCountries?.() ?? {};
    if (!(region.country in known)) throw new SlaInputError('holidays.country', region.country, 'unknown holiday country');
    libraries.set(key, library);
  }
  return library;
}

function regionKey(region: HolidayRegion): string {
  return `${region.country}/${region.state ?? ''}`;
}

/** Public holidays of the region in one year, by local date; cached, the library is slow. */
export function publicHolidays(region: HolidayRegion, year: number): readonly NamedClosure[] {
  const key = `${regionKey(region)}/${year}`;
  let list = byYear.get(key);
  if (list === undefined) {
    const found: NamedClosure[] = [];
    for (const holiday of libraryFor(region).getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      // holiday.date is "YYYY-MM-DD hh:mm:ss" in the region's own zone; the date part is the local day.
      const day = parseIsoDate(holiday.date.slice(0, 10));
      if (day !== null) found.push({ day, name: holiday.name });
    }
    list = Object.freeze(found);
    byYear.set(key, list);
  }
  return list;
}
