import { describe, expect, it } from 'vitest';
import { describeDeadlines, describeDue, describeWeekdayTime } from '../../../renderer/src/lib/due-words';

const ZONE = 'America/Chicago';
// Monday 30 November 2026, 4:30 PM in Chicago.
const NOW = '2026-11-30T22:30:00Z';

describe('deadlines in words, in the desk’s zone', () => {
  it('says today, tomorrow, a weekday within the week, or the date', () => {
    expect(describeDue('2026-11-30T23:15:00Z', NOW, ZONE)).toBe('today 5:15 PM');
    // 1 December 01:00 UTC is still 30 November in Chicago.
    expect(describeDue('2026-12-01T01:00:00Z', NOW, ZONE)).toBe('today 7:00 PM');
    expect(describeDue('2026-12-01T13:00:00Z', NOW, ZONE)).toBe('tomorrow 7:00 AM');
    expect(describeDue('2026-12-03T16:00:00Z', NOW, ZONE)).toBe('Thursday 10:00 AM');
    expect(describeDue('2026-12-08T14:00:00Z', NOW, ZONE)).toBe('Tue, Dec 8 8:00 AM');
    expect(describeDue('2026-11-29T18:00:00Z', NOW, ZONE)).toBe('yesterday 12:00 PM');
  });

  it('puts both targets in one line, and a missing target in words', () => {
    expect(describeDeadlines({ responseDueAt: '2026-12-01T13:00:00Z', resolutionDueAt: null }, NOW, ZONE)).toBe(
      'response due tomorrow 7:00 AM; resolution date set per project',
    );
  });

  it('names the weekday and time a case counts from', () => {
    expect(describeWeekdayTime('2026-12-01T13:00:00Z', ZONE)).toBe('Tuesday 7:00 AM');
    expect(describeWeekdayTime('not a date', ZONE)).toBe('—');
  });
});

describe('deadlines for a console in another zone', () => {
  it('stay in the desk zone and name it when asked', () => {
    expect(describeDue('2026-11-30T23:15:00Z', NOW, ZONE, { nameZone: true })).toBe('today 5:15 PM CST');
    expect(describeDeadlines({ responseDueAt: '2026-12-01T13:00:00Z', resolutionDueAt: '2026-07-01T14:00:00Z' }, NOW, ZONE, { nameZone: true })).toBe(
      'response due tomorrow 7:00 AM CST; resolution due Wed, Jul 1 9:00 AM CDT',
    );
  });
});
