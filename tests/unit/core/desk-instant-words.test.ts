import { describe, expect, it } from 'vitest';
import { deskInstantWords } from '../../../electron/core/services/case-writer';
import { SlaDesk } from '../../../electron/core/sla-desk';

describe('instants in conflict messages', () => {
  const desk = new SlaDesk();
  const now = Date.parse('2026-11-30T20:30:00Z'); // Monday 2:30 PM in Chicago

  it('are words in the desk zone, with the zone named, whatever the machine zone', () => {
    const when = deskInstantWords(desk, now);
    expect(when(Date.parse('2026-11-30T20:05:00Z'))).toBe('today 2:05 PM CST');
    expect(when(Date.parse('2026-11-29T22:10:00Z'))).toBe('yesterday 4:10 PM CST');
    expect(when(Date.parse('2026-07-01T14:00:00Z'))).toBe('Wed, Jul 1 9:00 AM CDT');
  });
});
