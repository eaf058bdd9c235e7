/**
 * Compiled calendars are kept by their canonical key (zone, hours, cutoff, holidays, closures), so
 * a batch of cases, or every case of a desk, compiles its calendar once. Bounded, least recently
 * used first out, because a batch may name many distinct holiday lists.
 */
import { BusinessCalendar } from './business-calendar';
import { DEFAULT_CALENDAR_SPEC, normalizeCalendarSpec, type CalendarSpec, type NormalizedCalendarSpec } from './calendar-spec';

const MAX_CALENDARS = 256;
const calendars = new Map<string, BusinessCalendar>();

export function compiledCalendar(spec: CalendarSpec | NormalizedCalendarSpec): BusinessCalendar {
  const normalized = 'key' in spec ? spec : normalizeCalendarSpec(spec);
  const hit = calendars.get(normalized.key);
  if (hit !== undefined) {
    // Re-insert to mark as recently used.
    calendars.delete(normalized.key);
    calendars.set(normalized.key, hit);
    return hit;
  }
  const calendar = new BusinessCalendar(normalized);
  if (calendars.size >= MAX_CALENDARS) {
    const oldest = calendars.keys().next().value;
    if (oldest !== undefined) calendars.delete(oldest);
  }
  calendars.set(normalized.key, calendar);
  return calendar;
}

let defaultCalendar: BusinessCalendar | undefined;

/** The agreement's calendar: America/Chicago, Mon–Fri 7–5, 4 PM cutoff, US + Missouri public holidays. */
export function defaultBusinessCalendar(): BusinessCalendar {
  defaultCalendar ??= compiledCalendar(DEFAULT_CALENDAR_SPEC);
  return defaultCalendar;
}
