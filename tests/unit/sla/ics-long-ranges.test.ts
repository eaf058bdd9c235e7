import { describe, expect, it } from 'vitest';
import { closuresFromIcs, MAX_ICS_OCCURRENCES, MAX_ICS_RANGE_YEARS } from '../../../electron/core/sla/ics-closures';
import { SlaInputError } from '../../../electron/core/sla/sla-errors';

function calendar(...events: { start: string; rrule: string; summary: string }[]): string {
  const body = events
    .map((e, i) => `BEGIN:VEVENT\r\nUID:e${i}\r\nDTSTART;VALUE=DATE:${e.start}\r\nRRULE:${e.rrule}\r\nSUMMARY:${e.summary}\r\nEND:VEVENT\r\n`)
    .join('');
  return `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${body}END:VCALENDAR\r\n`;
}

describe('recurring .ics events over long ranges', () => {
  it('expands a daily event without an end over the whole range, however long ago it started', () => {
    const ics = calendar({ start: '19000101', rrule: 'FREQ=DAILY', summary: 'Every day' });
    const { closures, skipped } = closuresFromIcs(ics, { from: '2026-01-01', to: '2027-12-31' });
    expect(closures).toHaveLength(730);
    expect(closures[0]).toEqual({ date: '2026-01-01', name: 'Every day' });
    expect(closures.at(-1)).toEqual({ date: '2027-12-31', name: 'Every day' });
    expect(skipped).toEqual([]);
  });

  it('expands a daily event over ten years (past the recurrence library’s 10,000-step limit per call)', () => {
    const ics = calendar({ start: '20000101', rrule: 'FREQ=DAILY;UNTIL=20500101', summary: 'Daily' });
    const { closures } = closuresFromIcs(ics, { from: '2020-01-01', to: '2029-12-31' });
    expect(closures).toHaveLength(3653);
  });

  it('refuses a range longer than the limit, naming `to`', () => {
    const ics = calendar({ start: '20000101', rrule: 'FREQ=DAILY', summary: 'Daily' });
    const attempt = () => closuresFromIcs(ics, { from: '2000-01-01', to: '2049-12-31' });
    expect(attempt).toThrow(SlaInputError);
    expect(attempt).toThrow(new RegExp(`at most ${MAX_ICS_RANGE_YEARS} years`));
    try {
      attempt();
    } catch (error) {
      expect((error as SlaInputError).field).toBe('range.to');
    }
  });

  it('stops expanding once the file’s repeating events pass the occurrence budget, and says which were skipped', () => {
    const events = Array.from({ length: 200 }, (_, i) => ({ start: '20260101', rrule: 'FREQ=DAILY', summary: `Daily ${i}` }));
    const { closures, skipped } = closuresFromIcs(calendar(...events), { from: '2026-01-01', to: '2035-12-31' });
    const perEvent = closures.length;
    expect(perEvent).toBe(3652);
    const expanded = Math.floor(MAX_ICS_OCCURRENCES / perEvent);
    expect((closures[0]?.name ?? '').split('; ')).toHaveLength(expanded);
    expect(skipped).toHaveLength(200 - expanded);
    expect(skipped[0]).toEqual({ summary: `Daily ${expanded}`, reason: expect.stringContaining('import a shorter range') });
  });

  it('skips an event that repeats too often to expand, saying why, and keeps the others', () => {
    const ics = calendar(
      { start: '16000101', rrule: 'FREQ=DAILY;COUNT=100000', summary: 'Huge count' },
      { start: '20260101', rrule: 'FREQ=MINUTELY', summary: 'Every minute' },
      { start: '20260103', rrule: 'FREQ=WEEKLY;COUNT=2', summary: 'Two Saturdays' },
    );
    const { closures, skipped } = closuresFromIcs(ics, { from: '2026-01-01', to: '2026-12-31' });
    expect(closures.map((c) => c.date)).toEqual(['2026-01-03', '2026-01-10']);
    expect(skipped).toEqual([
      { summary: 'Huge count', reason: expect.stringContaining('too many occurrences') },
      { summary: 'Every minute', reason: expect.stringContaining('too many occurrences') },
    ]);
  });
});
