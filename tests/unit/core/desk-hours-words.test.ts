import { describe, expect, it } from 'vitest';
import { deskHoursWords } from '../../../electron/core/support/desk-hours-words';
import { DEFAULT_CALENDAR_SPEC } from '../../../electron/core/sla/calendar-spec';

const none = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

describe('the desk hours in words', () => {
  it("says the agreement's hours: Monday to Friday, 7:00 AM to 5:00 PM", () => {
    expect(deskHoursWords(DEFAULT_CALENDAR_SPEC)).toBe('Monday to Friday, 7:00 AM to 5:00 PM');
  });

  it('groups only neighbouring days with the same hours, and says split days and noon', () => {
    const weeklyHours = {
      ...none,
      mon: [{ open: '07:30', close: '16:00' }],
      tue: [{ open: '07:30', close: '16:00' }],
      wed: [{ open: '08:00', close: '12:00' }, { open: '13:00', close: '17:00' }],
      fri: [{ open: '07:30', close: '16:00' }],
      sat: [{ open: '08:00', close: '12:00' }],
    };
    expect(deskHoursWords({ weeklyHours })).toBe(
      'Monday and Tuesday, 7:30 AM to 4:00 PM; Wednesday, 8:00 AM to noon and 1:00 PM to 5:00 PM; Friday, 7:30 AM to 4:00 PM; Saturday, 8:00 AM to noon',
    );
  });

  it('says when the desk has no phone hours at all', () => {
    expect(deskHoursWords({ weeklyHours: none })).toMatch(/no phone hours/);
  });
});
