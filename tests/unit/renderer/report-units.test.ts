import { describe, expect, it } from 'vitest';
import { caseCount, figure, percentWords, ratioWords, sideStateHours, timeWords, unitWords } from '../../../renderer/src/lib/report-units';
import { QUICK_PERIODS, periodSpan, quickPeriod, quickPeriodOf, todayIn } from '../../../renderer/src/lib/report-period';

describe('report figures in words', () => {
  it('gives a time with its unit, singular only for exactly one', () => {
    expect(timeWords(2.5, 'business-hours')).toBe('2.5 business hours');
    expect(timeWords(1.24, 'business-days')).toBe('1.2 business days');
    expect(timeWords(18, 'clock-hours')).toBe('18 clock hours');
    expect(timeWords(1, 'business-days')).toBe('1 business day');
    expect(timeWords(1.04, 'clock-hours')).toBe('1 clock hour');
    expect(timeWords(0, 'business-hours')).toBe('0 business hours');
  });

  it('says a dash for a missing figure, and the bare figure when the unit is unknown', () => {
    expect(timeWords(null, 'business-hours')).toBe('—');
    expect(timeWords(Number.NaN, 'business-hours')).toBe('—');
    expect(timeWords(3.25, null)).toBe('3.3');
    expect(percentWords(null)).toBe('—');
  });

  it('rounds to one decimal and drops a trailing zero', () => {
    expect(figure(92.0)).toBe('92');
    expect(figure(92.46)).toBe('92.5');
    expect(percentWords(87.5)).toBe('87.5%');
    expect(ratioWords(3.44)).toBe('3.4×');
    expect(unitWords('business-days')).toBe('business days');
    expect(caseCount(1)).toBe('1 case');
    expect(caseCount(0)).toBe('0 cases');
  });

  it('says long side-state times in days', () => {
    expect(sideStateHours(5)).toBe('5 clock hours');
    expect(sideStateHours(84)).toBe('3.5 days');
  });
});

describe('report periods', () => {
  it('gives the quick choices from today, the school year starting July 1', () => {
    expect(quickPeriod('this-month', '2026-03-15')).toEqual({ from: '2026-03-01', to: '2026-03-15' });
    expect(quickPeriod('last-month', '2026-03-15')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(quickPeriod('last-month', '2026-01-05')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(quickPeriod('school-year', '2026-03-15')).toEqual({ from: '2025-07-01', to: '2026-03-15' });
    expect(quickPeriod('school-year', '2026-07-01')).toEqual({ from: '2026-07-01', to: '2026-07-01' });
    expect(quickPeriod('school-year', '2026-06-30')).toEqual({ from: '2025-07-01', to: '2026-06-30' });
    expect(quickPeriod('last-12-months', '2026-03-15')).toEqual({ from: '2025-03-16', to: '2026-03-15' });
    expect(quickPeriod('last-12-months', '2024-02-29')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
  });

  it('recognises a quick choice, and refuses a date that is no date', () => {
    for (const which of QUICK_PERIODS) expect(quickPeriodOf(quickPeriod(which, '2026-03-15'), '2026-03-15')).toBe(which);
    expect(quickPeriodOf({ from: '2026-03-02', to: '2026-03-15' }, '2026-03-15')).toBeNull();
    expect(() => quickPeriod('this-month', '15/03/2026')).toThrow('Not a date (YYYY-MM-DD): 15/03/2026');
  });

  it("takes today's date in the desk's zone, not the console's", () => {
    // 03:30 UTC on 1 March is still 28 February in Chicago.
    expect(todayIn('America/Chicago', new Date('2026-03-01T03:30:00Z'))).toBe('2026-02-28');
    expect(todayIn('Europe/Berlin', new Date('2026-03-01T03:30:00Z'))).toBe('2026-03-01');
  });

  it('turns a month or ISO week key into its dates, clipped to the report', () => {
    const year = { from: '2026-01-01', to: '2026-12-31' };
    expect(periodSpan('2026-02', year)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodSpan('2026-03', { from: '2026-03-10', to: '2026-06-30' })).toEqual({ from: '2026-03-10', to: '2026-03-31' });
    // ISO week 1 of 2026 runs Monday 29 December 2025 to Sunday 4 January 2026.
    expect(periodSpan('2026-W01', { from: '2025-12-01', to: '2026-12-31' })).toEqual({ from: '2025-12-29', to: '2026-01-04' });
    expect(periodSpan('2026-W10', year)).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(periodSpan('2026-W01', year)).toEqual({ from: '2026-01-01', to: '2026-01-04' });
    expect(periodSpan('March', year)).toBeNull();
  });
});
