import { describe, expect, it } from 'vitest';
import { SlaDesk } from '../../../electron/core/sla-desk';

/** Chicago wall time on a 2026 date, as an instant. */
const chicago = (date: string, time: string, offset = '-06:00') => Date.parse(`${date}T${time}:00${offset}`);

describe('how a due instant is put in words (alerts, intake)', () => {
  const desk = new SlaDesk();
  const now = chicago('2026-11-30', '09:00'); // a Monday

  it('names the day relative to today in the desk time zone, and the time on a 12-hour clock', () => {
    expect(desk.describeDue(chicago('2026-11-30', '13:00'), now)).toBe('today 1:00 PM');
    expect(desk.describeDue(chicago('2026-11-30', '00:05'), now)).toBe('today 12:05 AM');
    expect(desk.describeDue(chicago('2026-12-01', '12:00'), now)).toBe('tomorrow 12:00 PM');
    expect(desk.describeDue(chicago('2026-11-29', '23:59'), now)).toBe('yesterday 11:59 PM');
    expect(desk.describeDue(chicago('2026-12-03', '07:30'), now)).toBe('Thursday 7:30 AM');
    expect(desk.describeDue(chicago('2026-12-09', '16:00'), now)).toBe('Wed, Dec 9 4:00 PM');
  });

  it('counts calendar days across a daylight-saving change', () => {
    // Sunday 2026-03-08 02:00 the clocks go forward: Saturday evening to Monday morning is 2 days.
    const saturday = chicago('2026-03-07', '20:00');
    expect(desk.describeDue(chicago('2026-03-09', '08:00', '-05:00'), saturday)).toBe('Monday 8:00 AM');
    expect(desk.describeDue(chicago('2026-03-08', '03:30', '-05:00'), saturday)).toBe('tomorrow 3:30 AM');
  });
});
