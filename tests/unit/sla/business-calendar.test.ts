/**
 * The compiled calendar itself: far-future targets (lazy extension), measuring business time,
 * day schedules, caching, and the validation of calendar specs.
 */
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../../electron/core/sla/business-calendar';
import { compiledCalendar, defaultBusinessCalendar } from '../../../electron/core/sla/calendar-cache';
import { calendarSpecSchema, DEFAULT_CALENDAR_SPEC, normalizeCalendarSpec } from '../../../electron/core/sla/calendar-spec';
import { formatIsoDate } from '../../../electron/core/sla/civil-date';
import { publicHolidays } from '../../../electron/core/sla/holiday-closures';
import { SlaInputError } from '../../../electron/core/sla/sla-errors';
import { RefCalendar } from './reference-sla';
import { at, calendar, show } from './sla-fixtures';

const HOUR = 3_600_000;

describe('BusinessCalendar', () => {
  it('reaches 10,000 business hours out (about four years) and agrees with the reference, holidays included', () => {
    const cal = calendar();
    const start = at('2026-03-02T07:00:00-06:00');
    const due = cal.addBusinessMs(start, 10_000 * HOUR);
    const holidayDates = [];
    for (let year = 2025; year <= 2032; year++) holidayDates.push(...publicHolidays({ country: 'US', state: 'MO' }, year).map((h) => formatIsoDate(h.day)));
    const ref = new RefCalendar({ ...DEFAULT_CALENDAR_SPEC, holidays: null }, holidayDates);
    expect(show(due)).toBe(show(ref.addBusiness(start, 10_000 * HOUR)));
    expect(cal.businessMsBetween(start, due)).toBe(10_000 * HOUR);
    expect(cal.compiledYears[1]).toBeGreaterThanOrEqual(2030);
  });

  it('compiles lazily around the first instant asked about and extends backwards too', () => {
    const cal = calendar({ holidays: null });
    expect(cal.isOpen(at('2026-06-03T10:00:00-05:00'))).toBe(true);
    expect(cal.compiledYears).toEqual([2025, 2027]);
    expect(cal.isOpen(at('2019-06-05T10:00:00-05:00'))).toBe(true);
    expect(cal.compiledYears[0]).toBeLessThanOrEqual(2019);
    expect(cal.businessMsBetween(at('2019-06-05T10:00:00-05:00'), at('2019-06-05T12:00:00-05:00'))).toBe(2 * HOUR);
  });

  it('measures business time in either direction and across closed time', () => {
    const cal = calendar();
    const fri = at('2026-03-06T15:00:00-06:00');
    const mon = at('2026-03-09T09:00:00-05:00');
    expect(cal.businessMsBetween(fri, mon)).toBe(4 * HOUR);
    expect(cal.businessMsBetween(mon, fri)).toBe(-4 * HOUR);
  });

  it('finds the next opening and the next business day', () => {
    const cal = calendar();
    expect(show(cal.nextOpenAt(at('2026-12-24T18:00:00-06:00')))).toBe('2026-12-28T07:00:00-06:00');
    const wed = cal.localDayOf(at('2026-11-25T12:00:00-06:00'));
    expect(formatIsoDate(cal.nextBusinessDayAfter(wed))).toBe('2026-11-27');
  });

  it('tells which days are closed and why', () => {
    const cal = calendar({ closures: [{ date: '2026-02-02', name: 'Snow day' }] });
    const status = (iso: string) => {
      const s = cal.daySchedule(cal.localDayOf(at(iso)));
      return [s.status, s.closureName];
    };
    expect(status('2026-02-02T12:00:00-06:00')).toEqual(['closure', 'Snow day']);
    expect(status('2026-02-07T12:00:00-06:00')).toEqual(['no-hours', null]);
    expect(status('2026-02-16T12:00:00-06:00')).toEqual(['holiday', "Washington's Birthday"]);
    expect(status('2026-02-03T12:00:00-06:00')).toEqual(['open', null]);
  });

  it('refuses to add negative business time', () => {
    expect(() => calendar().addBusinessMs(0, -1)).toThrow(RangeError);
  });
});

describe('calendar cache', () => {
  it('gives the same compiled calendar for equal specs, whatever the order of closures', () => {
    const a = compiledCalendar({ ...DEFAULT_CALENDAR_SPEC, closures: [{ date: '2026-02-02' }, { date: '2026-02-03' }] });
    const b = compiledCalendar({ ...DEFAULT_CALENDAR_SPEC, closures: [{ date: '2026-02-03' }, { date: '2026-02-02' }] });
    expect(a).toBe(b);
    expect(compiledCalendar(DEFAULT_CALENDAR_SPEC)).toBe(defaultBusinessCalendar());
    expect(compiledCalendar({ ...DEFAULT_CALENDAR_SPEC, zone: 'America/Denver' })).not.toBe(defaultBusinessCalendar());
  });
});

describe('calendar spec validation', () => {
  const messageOf = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (error) {
      return error instanceof SlaInputError ? error.message : String(error);
    }
    return undefined;
  };

  it('names the field and value that is wrong', () => {
    expect(messageOf(() => normalizeCalendarSpec({ ...DEFAULT_CALENDAR_SPEC, zone: 'Mars/Olympus' }))).toBe('zone: unknown IANA time zone (got "Mars/Olympus")');
    expect(messageOf(() => normalizeCalendarSpec({ ...DEFAULT_CALENDAR_SPEC, closures: [{ date: '2026-02-30' }] }))).toMatch(/^closures\[0\]\.date: /);
    expect(messageOf(() => normalizeCalendarSpec({ ...DEFAULT_CALENDAR_SPEC, intakeCutoff: '4 PM' }))).toMatch(/^intakeCutoff: /);
    expect(
      messageOf(() => normalizeCalendarSpec({ ...DEFAULT_CALENDAR_SPEC, weeklyHours: { ...DEFAULT_CALENDAR_SPEC.weeklyHours, mon: [{ open: '17:00', close: '07:00' }] } })),
    ).toMatch(/^weeklyHours\.mon\[0\]: close must be later than open/);
    const closedWeek = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    expect(messageOf(() => normalizeCalendarSpec({ ...DEFAULT_CALENDAR_SPEC, weeklyHours: closedWeek }))).toMatch(/^weeklyHours: .*at least one weekday/);
    expect(messageOf(() => new BusinessCalendar({ ...DEFAULT_CALENDAR_SPEC, holidays: { country: 'XX' } }).isOpen(0))).toMatch(/^holidays\.country: /);
  });

  it('accepts the default spec as JSON data and rejects unknown fields', () => {
    expect(calendarSpecSchema.parse(JSON.parse(JSON.stringify(DEFAULT_CALENDAR_SPEC)))).toEqual(DEFAULT_CALENDAR_SPEC);
    expect(calendarSpecSchema.safeParse({ ...DEFAULT_CALENDAR_SPEC, weekend: true }).success).toBe(false);
  });

  it('merges touching and overlapping intervals of a day', () => {
    const spec = normalizeCalendarSpec({
      ...DEFAULT_CALENDAR_SPEC,
      weeklyHours: {
        ...DEFAULT_CALENDAR_SPEC.weeklyHours,
        mon: [
          { open: '12:00', close: '17:00' },
          { open: '07:00', close: '12:00' },
          { open: '16:00', close: '18:00' },
        ],
      },
    });
    expect(spec.week[1]).toEqual([[7 * 3600, 18 * 3600]]);
  });
});
