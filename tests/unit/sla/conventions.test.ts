/**
 * The seven conventions of the SLA engine, each pinned with concrete dates in America/Chicago
 * (2026: DST starts Sunday 8 March, ends Sunday 1 November; Thanksgiving is Thursday 26 November).
 */
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../../electron/core/sla/business-calendar';
import { parseInstant } from '../../../electron/core/sla/instant-text';
import { at, calendar, CHICAGO, DEFAULT_CAL, deadlinesOf, HALF_FRIDAY_CAL, LUNCH_CAL, LUNCH_HOURS, policyWith, show } from './sla-fixtures';

describe('convention 1: clock start and the 4 PM intake cutoff', () => {
  it('starts priority 1 at the instant received, even on a Saturday night', () => {
    const d = deadlinesOf(1, '2026-03-07T23:00:00-06:00');
    expect(d.rule).toBe('immediate');
    expect(d.clockStart).toBe('2026-03-07T23:00:00-06:00');
  });

  it('starts priority 2 when received during business hours before the cutoff', () => {
    const d = deadlinesOf(2, '2026-03-04T10:15:00-06:00');
    expect([d.rule, d.clockStart]).toEqual(['within-hours', '2026-03-04T10:15:00-06:00']);
  });

  it('treats 16:00:00 itself as not after 4 PM', () => {
    const d = deadlinesOf(2, '2026-03-04T16:00:00-06:00');
    expect([d.rule, d.clockStart]).toEqual(['within-hours', '2026-03-04T16:00:00-06:00']);
  });

  it('moves a request one second after 16:00 to the next business day opening', () => {
    const d = deadlinesOf(2, '2026-03-04T16:00:01-06:00');
    expect([d.rule, d.clockStart]).toEqual(['after-cutoff', '2026-03-05T07:00:00-06:00']);
  });

  it("starts a request received before opening at that day's opening", () => {
    const d = deadlinesOf(3, '2026-03-04T06:30:00-06:00');
    expect([d.rule, d.clockStart]).toEqual(['before-opening', '2026-03-04T07:00:00-06:00']);
  });

  it('starts a request received on a weekend at the next business day opening (across DST)', () => {
    const d = deadlinesOf(4, '2026-03-07T10:00:00-06:00');
    expect([d.rule, d.clockStart]).toEqual(['closed-day', '2026-03-09T07:00:00-05:00']);
  });

  it('skips a holiday: Wednesday 4:30 PM before Thanksgiving starts Friday 7:00 AM', () => {
    const d = deadlinesOf(2, '2026-11-25T16:30:00-06:00');
    expect([d.rule, d.clockStart]).toEqual(['after-cutoff', '2026-11-27T07:00:00-06:00']);
  });

  it('starts a request received on a holiday at the next business day opening', () => {
    const d = deadlinesOf(2, '2026-01-19T09:00:00-06:00');
    expect([d.rule, d.clockStart]).toEqual(['closed-day', '2026-01-20T07:00:00-06:00']);
  });

  it('starts a request received in the lunch gap, before the cutoff, at the next opening that day', () => {
    const d = deadlinesOf(2, '2026-03-04T12:15:00-06:00', {}, LUNCH_CAL);
    expect([d.rule, d.clockStart]).toEqual(['between-intervals', '2026-03-04T13:00:00-06:00']);
  });

  it('applies the cutoff before the lunch gap rule when the cutoff falls inside lunch', () => {
    const cal = calendar({ weeklyHours: LUNCH_HOURS, intakeCutoff: '12:30' });
    const d = deadlinesOf(2, '2026-03-04T12:45:00-06:00', {}, cal);
    expect([d.rule, d.clockStart]).toEqual(['after-cutoff', '2026-03-05T07:00:00-06:00']);
  });

  it('moves a request after a half day closes, though before 4 PM, to the next business day', () => {
    const d = deadlinesOf(2, '2026-03-06T13:00:00-06:00', {}, HALF_FRIDAY_CAL);
    expect([d.rule, d.clockStart]).toEqual(['after-closing', '2026-03-09T07:00:00-05:00']);
  });

  it('keeps the clock start recorded when the case was opened, even if a closure is added later', () => {
    const recorded = at('2026-03-05T07:00:00-06:00');
    const laterCalendar = calendar({ closures: [{ date: '2026-03-05', name: 'Snow day' }] });
    const d = deadlinesOf(2, '2026-03-04T16:30:00-06:00', { clockStartAt: recorded }, laterCalendar);
    expect([d.rule, d.clockStart]).toEqual(['recorded', '2026-03-05T07:00:00-06:00']);
    // Business time still only counts while open: the snow day does not count.
    expect(d.responseDue).toBe('2026-03-06T11:00:00-06:00');
    expect(deadlinesOf(2, '2026-03-04T16:30:00-06:00', { clockStartAt: recorded }).rule).toBe('after-cutoff');
  });

  it('lets a calendar without a cutoff start any time the desk is open', () => {
    const d = deadlinesOf(2, '2026-03-04T16:30:00-06:00', {}, calendar({ intakeCutoff: null }));
    expect([d.rule, d.clockStart]).toEqual(['within-hours', '2026-03-04T16:30:00-06:00']);
  });
});

describe('convention 2: clock hours are elapsed time', () => {
  it('counts 4 clock hours across the spring-forward change as 4 × 3600 s', () => {
    const d = deadlinesOf(1, '2026-03-07T23:00:00-06:00');
    expect(d.responseDue).toBe('2026-03-08T00:00:00-06:00');
    // 23:00 CST + 4 h = 04:00 CDT: the wall clock shows 5 hours later, 4 hours have passed.
    expect(d.resolutionDue).toBe('2026-03-08T04:00:00-05:00');
    expect(d.raw.resolution.dueAt! - d.raw.clockStart.at).toBe(4 * 3_600_000);
  });

  it('counts 1 clock hour across the fall-back change as 3600 s', () => {
    const d = deadlinesOf(1, '2026-11-01T01:30:00-05:00');
    expect(d.responseDue).toBe('2026-11-01T01:30:00-06:00');
  });

  it('gives 24 clock hours over a DST night a wall time one hour later', () => {
    const policy = policyWith(1, { response: { amount: 24, unit: 'clock-hours' }, resolution: null });
    const d = deadlinesOf(1, '2026-03-07T12:00:00-06:00', {}, DEFAULT_CAL, policy);
    expect(d.responseDue).toBe('2026-03-08T13:00:00-05:00');
  });
});

describe('convention 3: business hours and business days', () => {
  it('accrues business hours only while open: 4 business hours from Wednesday 3 PM is Thursday 9 AM', () => {
    expect(deadlinesOf(2, '2026-03-04T15:00:00-06:00').responseDue).toBe('2026-03-05T09:00:00-06:00');
  });

  it('skips the lunch break', () => {
    expect(deadlinesOf(2, '2026-03-04T10:00:00-06:00', {}, LUNCH_CAL).responseDue).toBe('2026-03-04T15:00:00-06:00');
  });

  it('makes a business day 10 business hours by default: 1 business day from Wednesday 10:15 is Thursday 10:15', () => {
    expect(DEFAULT_CAL.standardDayMs).toBe(10 * 3_600_000);
    expect(deadlinesOf(4, '2026-03-04T10:15:00-06:00').responseDue).toBe('2026-03-05T10:15:00-06:00');
  });

  it('derives the standard day from the most common weekday length, so a half Friday keeps it at 10 hours', () => {
    expect(HALF_FRIDAY_CAL.standardDayMs).toBe(10 * 3_600_000);
    // Thursday 10:00–17:00 gives 7 h, Friday 07:00–10:00 the other 3.
    expect(deadlinesOf(4, '2026-03-05T10:00:00-06:00', {}, HALF_FRIDAY_CAL).responseDue).toBe('2026-03-06T10:00:00-06:00');
  });

  it('takes an explicit business day length when the calendar sets one', () => {
    const cal = calendar({ businessDayHours: 8 });
    expect(cal.standardDayMs).toBe(8 * 3_600_000);
    expect(deadlinesOf(4, '2026-03-05T10:00:00-06:00', {}, cal).responseDue).toBe('2026-03-06T08:00:00-06:00');
  });

  it('counts the lunch calendar as 9-hour days', () => {
    expect(LUNCH_CAL.standardDayMs).toBe(9 * 3_600_000);
  });
});

describe('convention 4: a deadline landing on a close is that close', () => {
  it('4 business hours from Thursday 13:00 is Thursday 17:00, not Friday 07:00', () => {
    expect(deadlinesOf(2, '2026-03-05T13:00:00-06:00').responseDue).toBe('2026-03-05T17:00:00-06:00');
  });

  it('2 business days from Wednesday opening is Thursday 17:00', () => {
    expect(deadlinesOf(2, '2026-03-04T06:45:00-06:00').resolutionDue).toBe('2026-03-05T17:00:00-06:00');
  });

  it('treats 17:00 as closed and 07:00 as open', () => {
    expect(DEFAULT_CAL.isOpen(at('2026-03-05T17:00:00-06:00'))).toBe(false);
    expect(DEFAULT_CAL.isOpen(at('2026-03-05T16:59:59.999-06:00'))).toBe(true);
    expect(DEFAULT_CAL.isOpen(at('2026-03-05T07:00:00-06:00'))).toBe(true);
  });

  it('lands on the lunch close at noon, not on the 13:00 reopening', () => {
    expect(show(LUNCH_CAL.addBusinessMs(at('2026-03-04T10:00:00-06:00'), 2 * 3_600_000))).toBe('2026-03-04T12:00:00-06:00');
  });
});

describe('convention 5: local times without an offset', () => {
  it('reads them in the calendar zone', () => {
    expect(parseInstant('2026-03-04T16:30', CHICAGO)).toEqual({ ok: true, value: at('2026-03-04T16:30:00-06:00'), hadOffset: false });
  });

  it('moves a time that does not exist (spring forward) forward by the gap', () => {
    const parsed = parseInstant('2026-03-08T02:30:00', CHICAGO);
    expect(parsed.ok && show(parsed.value)).toBe('2026-03-08T03:30:00-05:00');
  });

  it('takes the earlier instant of an ambiguous time (fall back)', () => {
    const parsed = parseInstant('2026-11-01T01:30:00', CHICAGO);
    expect(parsed.ok && show(parsed.value)).toBe('2026-11-01T01:30:00-05:00');
  });

  it('does the same in the southern hemisphere (Australia/Sydney)', () => {
    const gap = parseInstant('2026-10-04T02:30', 'Australia/Sydney');
    const twice = parseInstant('2026-04-05T02:30', 'Australia/Sydney');
    expect(gap.ok && show(gap.value, 'Australia/Sydney')).toBe('2026-10-04T03:30:00+11:00');
    expect(twice.ok && show(twice.value, 'Australia/Sydney')).toBe('2026-04-05T02:30:00+11:00');
  });

  it('handles a midnight that does not exist (America/Santiago) when laying out the day', () => {
    const cal = new BusinessCalendar({
      zone: 'America/Santiago',
      weeklyHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [{ open: '00:00', close: '03:00' }] },
      intakeCutoff: null,
      holidays: null,
      closures: [],
    });
    // Sunday 6 September 2026: clocks jump from 00:00 to 01:00, so the day opens at 01:00 -03:00.
    const sunday = cal.daySchedule(cal.localDayOf(at('2026-09-06T12:00:00-03:00')));
    expect(sunday.intervals.map(([s, e]) => [show(s, 'America/Santiago'), show(e, 'America/Santiago')])).toEqual([
      ['2026-09-06T01:00:00-03:00', '2026-09-06T03:00:00-03:00'],
    ]);
  });

  it('opens a window whose opening time is skipped at the end of the gap (it moves forward by the gap)', () => {
    const cal = calendar({
      weeklyHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [{ open: '02:30', close: '05:00' }] },
      intakeCutoff: null,
      holidays: null,
    });
    const sunday = cal.daySchedule(cal.localDayOf(at('2026-03-08T12:00:00-05:00')));
    expect(sunday.intervals.map(([s, e]) => [show(s), show(e)])).toEqual([['2026-03-08T03:30:00-05:00', '2026-03-08T05:00:00-05:00']]);
  });
});

describe('convention 6: pauses push the deadline in the target unit', () => {
  it('pushes a business target by the paused business time', () => {
    expect(deadlinesOf(2, '2026-03-04T09:00:00-06:00').responseDue).toBe('2026-03-04T13:00:00-06:00');
    const paused = deadlinesOf(2, '2026-03-04T09:00:00-06:00', { pauses: [{ start: at('2026-03-04T10:00:00-06:00'), end: at('2026-03-04T11:30:00-06:00') }] });
    expect(paused.responseDue).toBe('2026-03-04T14:30:00-06:00');
  });

  it('counts only the business part of an overnight pause', () => {
    // 20 business hours from Wed 09:00 is Fri 09:00; paused Wed 16:00 – Thu 08:00 holds 2 business hours.
    const d = deadlinesOf(2, '2026-03-04T09:00:00-06:00', { pauses: [{ start: at('2026-03-04T16:00:00-06:00'), end: at('2026-03-05T08:00:00-06:00') }] });
    expect(d.resolutionDue).toBe('2026-03-06T11:00:00-06:00');
  });

  it('pushes a clock target by the paused elapsed time', () => {
    const d = deadlinesOf(1, '2026-03-04T22:00:00-06:00', { pauses: [{ start: at('2026-03-04T23:00:00-06:00'), end: at('2026-03-04T23:30:00-06:00') }] });
    expect(d.resolutionDue).toBe('2026-03-05T02:30:00-06:00');
  });

  it('holds the clock while a pause is still open: no due instant yet', () => {
    const d = deadlinesOf(2, '2026-03-04T09:00:00-06:00', { pauses: [{ start: at('2026-03-04T10:00:00-06:00'), end: null }] });
    expect(d.responseDue).toBeNull();
    expect(d.raw.response.suspended).toBe(true);
  });

  it('ignores a pause that starts after the deadline has passed, and time paused before the clock start', () => {
    const d = deadlinesOf(2, '2026-03-04T09:00:00-06:00', {
      pauses: [
        { start: at('2026-03-04T06:00:00-06:00'), end: at('2026-03-04T09:00:00-06:00') },
        { start: at('2026-03-04T13:00:00-06:00'), end: null },
      ],
    });
    expect(d.responseDue).toBe('2026-03-04T13:00:00-06:00');
  });
});

describe('convention 7: awaiting parts, arrived', () => {
  const received = '2026-03-02T09:00:00-06:00';

  it('makes the resolution target the close of the next business day after arrival', () => {
    const d = deadlinesOf(2, received, { partsArrivedAt: at('2026-03-10T10:00:00-05:00') });
    expect(d.resolutionDue).toBe('2026-03-11T17:00:00-05:00');
    expect(d.raw.resolution.rule).toBe('parts-arrived');
  });

  it('arrival on Friday evening or Saturday gives Monday 17:00', () => {
    expect(deadlinesOf(2, received, { partsArrivedAt: at('2026-03-13T18:00:00-05:00') }).resolutionDue).toBe('2026-03-16T17:00:00-05:00');
    expect(deadlinesOf(2, received, { partsArrivedAt: at('2026-03-14T11:00:00-05:00') }).resolutionDue).toBe('2026-03-16T17:00:00-05:00');
  });

  it('skips holidays: arrival the day before Thanksgiving gives Friday 17:00', () => {
    expect(deadlinesOf(3, '2026-11-20T09:00:00-06:00', { partsArrivedAt: at('2026-11-25T10:00:00-06:00') }).resolutionDue).toBe('2026-11-27T17:00:00-06:00');
  });

  it('gives priority 5, which has no resolution target, one once the parts arrive', () => {
    expect(deadlinesOf(5, received).resolutionDue).toBeNull();
    expect(deadlinesOf(5, received, { partsArrivedAt: at('2026-03-10T10:00:00-05:00') }).resolutionDue).toBe('2026-03-11T17:00:00-05:00');
  });

  it('leaves the response target alone', () => {
    expect(deadlinesOf(2, received, { partsArrivedAt: at('2026-03-10T10:00:00-05:00') }).responseDue).toBe('2026-03-02T13:00:00-06:00');
  });
});
