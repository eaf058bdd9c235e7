/**
 * The agreement's priority table and its default calendar, with concrete 2026 dates in
 * America/Chicago: one case per priority, and the holiday list date-holidays gives us.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR_SPEC } from '../../../electron/core/sla/calendar-spec';
import { formatIsoDate } from '../../../electron/core/sla/civil-date';
import { publicHolidays } from '../../../electron/core/sla/holiday-closures';
import { DEFAULT_POLICY } from '../../../electron/core/sla/sla-policy';
import { at, DEFAULT_CAL, deadlinesOf } from './sla-fixtures';

describe('default policy 2026.1 (the agreement table)', () => {
  it('is data with a version', () => {
    expect(DEFAULT_POLICY.version).toBe('2026.1');
    expect(DEFAULT_POLICY.targets[1]).toEqual({ response: { amount: 1, unit: 'clock-hours' }, resolution: { amount: 4, unit: 'clock-hours' } });
    expect(DEFAULT_POLICY.targets[5].resolution).toBeNull();
    expect(DEFAULT_POLICY.intakeCutoffPriorities).toEqual([2, 3, 4, 5]);
    expect(DEFAULT_POLICY.warnings).toEqual({ fractionsUsed: [0.75], minutesBeforeDue: [30] });
    expect(Object.isFrozen(DEFAULT_POLICY.targets[2])).toBe(true);
  });

  it('priority 1: acknowledged within 1 hour, resolved within 4 hours, day or night', () => {
    const d = deadlinesOf(1, '2026-03-04T19:10:00-06:00');
    expect([d.clockStart, d.responseDue, d.resolutionDue]).toEqual(['2026-03-04T19:10:00-06:00', '2026-03-04T20:10:00-06:00', '2026-03-04T23:10:00-06:00']);
  });

  it('priority 2: 4 working hours and 2 working days', () => {
    const d = deadlinesOf(2, '2026-03-04T14:00:00-06:00');
    expect([d.clockStart, d.responseDue, d.resolutionDue]).toEqual(['2026-03-04T14:00:00-06:00', '2026-03-05T08:00:00-06:00', '2026-03-06T14:00:00-06:00']);
  });

  it('priority 3: 24 clock hours and 3 working days', () => {
    const d = deadlinesOf(3, '2026-03-05T11:00:00-06:00');
    // Response falls on Friday 11:00; resolution runs over the weekend and the DST change.
    expect([d.responseDue, d.resolutionDue]).toEqual(['2026-03-06T11:00:00-06:00', '2026-03-10T11:00:00-05:00']);
  });

  it('priority 4: 1 working day and 5 working days, skipping Martin Luther King Jr. Day', () => {
    const d = deadlinesOf(4, '2026-01-16T09:00:00-06:00');
    expect([d.responseDue, d.resolutionDue]).toEqual(['2026-01-20T09:00:00-06:00', '2026-01-26T09:00:00-06:00']);
  });

  it('priority 5: 2 working days to respond, no resolution target; Independence Day observed on Friday 3 July', () => {
    const d = deadlinesOf(5, '2026-07-02T08:00:00-05:00');
    expect([d.responseDue, d.resolutionDue]).toEqual(['2026-07-07T08:00:00-05:00', null]);
  });

  it('"All requests entered after 4 PM will be considered as submitted the following business day"', () => {
    const d = deadlinesOf(2, '2026-03-03T16:30:00-06:00');
    expect([d.clockStart, d.responseDue]).toEqual(['2026-03-04T07:00:00-06:00', '2026-03-04T11:00:00-06:00']);
  });

  it('"Help Desk should be called immediately if an issue arises after 4 PM": priority 1 ignores the cutoff', () => {
    expect(deadlinesOf(1, '2026-03-03T16:30:00-06:00').responseDue).toBe('2026-03-03T17:30:00-06:00');
  });
});

describe('default calendar', () => {
  it('is the agreement desk: Chicago, Mon–Fri 07:00–17:00, cutoff 16:00, US + Missouri holidays', () => {
    expect(DEFAULT_CALENDAR_SPEC.zone).toBe('America/Chicago');
    expect(DEFAULT_CALENDAR_SPEC.weeklyHours.mon).toEqual([{ open: '07:00', close: '17:00' }]);
    expect(DEFAULT_CALENDAR_SPEC.weeklyHours.sat).toEqual([]);
    expect(DEFAULT_CALENDAR_SPEC.intakeCutoff).toBe('16:00');
    expect(DEFAULT_CALENDAR_SPEC.holidays).toEqual({ country: 'US', state: 'MO' });
  });

  it('closes on public holidays only (federal and Missouri), not on observances or optional days', () => {
    const dates = publicHolidays({ country: 'US', state: 'MO' }, 2026).map((h) => `${formatIsoDate(h.day)} ${h.name}`);
    expect(dates).toContain("2026-01-01 New Year's Day");
    expect(dates).toContain('2026-05-08 Truman Day');
    expect(dates).toContain('2026-07-03 Independence Day (substitute day)');
    expect(dates).toContain('2026-11-26 Thanksgiving Day');
    expect(dates.some((d) => d.startsWith('2026-11-27'))).toBe(false);
    expect(dates.some((d) => d.startsWith('2026-12-24'))).toBe(false);
    expect(dates.some((d) => d.startsWith('2026-02-14'))).toBe(false);
  });

  it('names the holiday that closes a day', () => {
    const day = DEFAULT_CAL.daySchedule(DEFAULT_CAL.localDayOf(at('2026-11-26T12:00:00-06:00')));
    expect(day).toMatchObject({ status: 'holiday', closureName: 'Thanksgiving Day', intervals: [] });
    expect(DEFAULT_CAL.isBusinessDay(DEFAULT_CAL.localDayOf(at('2026-11-27T12:00:00-06:00')))).toBe(true);
  });
});
