import { describe, expect, it } from 'vitest';
import { checkVisit } from '../../../electron/core/caller-availability/visit-check';
import { describeWindows, type AvailabilityWindow } from '../../../shared/caller-availability';

const CHICAGO = 'America/Chicago';
const weekdays = (days: number[], start: string, end: string) => days.map((weekday) => ({ weekday, start, end }) as AvailabilityWindow);

describe('a visit against the caller windows', () => {
  const mornings = weekdays([1, 2, 3, 4, 5], '08:00', '10:00');

  it('is never flagged without windows', () => {
    expect(checkVisit(Date.parse('2026-12-01T21:00:00Z'), [], CHICAGO)).toEqual({ outside: false, warning: null });
  });

  it('reads the visit in the desk zone, start included and end excluded', () => {
    // 08:00 and 09:59 Chicago on a Tuesday (UTC−6): inside; 10:00 and 07:59: outside.
    expect(checkVisit(Date.parse('2026-12-01T14:00:00Z'), mornings, CHICAGO).outside).toBe(false);
    expect(checkVisit(Date.parse('2026-12-01T15:59:00Z'), mornings, CHICAGO).outside).toBe(false);
    expect(checkVisit(Date.parse('2026-12-01T16:00:00Z'), mornings, CHICAGO).outside).toBe(true);
    expect(checkVisit(Date.parse('2026-12-01T13:59:00Z'), mornings, CHICAGO).outside).toBe(true);
    // The same instant is 10:00 in New York: outside, when New York is the desk's zone.
    expect(checkVisit(Date.parse('2026-12-01T15:00:00Z'), mornings, 'America/New_York').outside).toBe(true);
  });

  it('says why, in the desk zone', () => {
    expect(checkVisit(Date.parse('2026-12-01T21:00:00Z'), mornings, CHICAGO)).toEqual({
      outside: true,
      warning: "Visit Tue, Dec 1 3:00 PM is outside the caller's windows: Mon–Fri 8:00–10:00",
    });
  });

  it('uses the weekday of the desk zone, not of UTC', () => {
    // Saturday 2026-12-05 20:00 Chicago is already Sunday in UTC.
    const saturdayEvening = Date.parse('2026-12-06T02:00:00Z');
    expect(checkVisit(saturdayEvening, weekdays([6], '18:00', '21:00'), CHICAGO).outside).toBe(false);
    expect(checkVisit(saturdayEvening, weekdays([7], '18:00', '21:00'), CHICAGO).outside).toBe(true);
  });

  it('keeps wall-clock windows across a DST change', () => {
    // Sunday 2026-03-08: clocks spring forward at 2:00. 8:30 CDT is 13:30Z (the day before, 8:30 CST was 14:30Z).
    const sundayWindow = weekdays([7], '08:00', '09:00');
    expect(checkVisit(Date.parse('2026-03-08T13:30:00Z'), sundayWindow, CHICAGO).outside).toBe(false);
    expect(checkVisit(Date.parse('2026-03-08T14:30:00Z'), sundayWindow, CHICAGO).outside).toBe(true);
    // The Sunday before (CST): 8:30 is 14:30Z.
    expect(checkVisit(Date.parse('2026-03-01T14:30:00Z'), sundayWindow, CHICAGO).outside).toBe(false);
    // Fall back, Sunday 2026-11-01: 1:30 happens twice; both are within a 1:00–2:00 window.
    const night = weekdays([7], '01:00', '02:00');
    expect(checkVisit(Date.parse('2026-11-01T06:30:00Z'), night, CHICAGO).outside).toBe(false);
    expect(checkVisit(Date.parse('2026-11-01T07:30:00Z'), night, CHICAGO).outside).toBe(false);
  });

  it('matches a dated window on its day only', () => {
    const once: AvailabilityWindow[] = [{ date: '2026-12-09', start: '13:00', end: '15:00' }];
    expect(checkVisit(Date.parse('2026-12-09T20:00:00Z'), once, CHICAGO).outside).toBe(false);
    expect(checkVisit(Date.parse('2026-12-16T20:00:00Z'), once, CHICAGO).outside).toBe(true);
  });
});

describe('windows in words', () => {
  it('groups consecutive days with the same hours, then dates', () => {
    expect(describeWindows([])).toBeNull();
    expect(describeWindows(weekdays([1, 2, 3, 4, 5], '08:00', '10:00'))).toBe('Mon–Fri 8:00–10:00');
    expect(describeWindows(weekdays([1, 2, 4, 5], '08:00', '10:00'))).toBe('Mon, Tue, Thu, Fri 8:00–10:00');
    expect(describeWindows([...weekdays([3], '13:00', '15:30'), ...weekdays([1], '08:00', '10:00'), { date: '2026-12-04', start: '07:00', end: '08:00' }])).toBe(
      'Mon 8:00–10:00; Wed 13:00–15:30; Dec 4, 2026 7:00–8:00',
    );
  });
});
