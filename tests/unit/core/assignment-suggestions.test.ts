/** The suggestions' ranking and the away marks, as pure functions: each factor moves a candidate the way the weights say. */
import { describe, expect, it } from 'vitest';
import { rankCandidates, type CandidateFacts } from '../../../electron/core/availability/assignment-suggestions';
import { awayMarksFrom } from '../../../electron/core/availability/away-marks';
import { SUGGESTION_WEIGHTS } from '../../../electron/core/availability/suggestion-weights';
import type { Priority } from '../../../shared/domain';

const HOUR = 3_600_000;
const person = (name: string, over: Partial<CandidateFacts> = {}): CandidateFacts => ({
  staffId: name.length,
  name,
  presence: 'in',
  away: null,
  msLeftToday: 4 * HOUR,
  onCall: false,
  openByPriority: new Map<Priority, number>(),
  matches: [{ subject: 'Network & Wi-Fi', level: 3, system: false }],
  ...over,
});
const words = (iso: string) => iso;
const order = (people: CandidateFacts[], priority: Priority = 3, difficulty: 1 | 2 | 3 | null = 2) =>
  rankCandidates({ priority, difficulty, categoryName: 'Network & Wi-Fi' }, people, words).map((s) => s.name);

describe('assignment suggestions', () => {
  it('puts someone away below everyone present, whatever their skill', () => {
    expect(order([person('Away Ann', { presence: 'out', away: { kind: 'sick', until: 'Friday' } }), person('Unskilled Bo', { matches: [] })])).toEqual(['Unskilled Bo', 'Away Ann']);
  });

  it('ranks a skill below the case’s difficulty under one that fits, and says why', () => {
    const [first, second] = rankCandidates(
      { priority: 3, difficulty: 3, categoryName: 'Network & Wi-Fi' },
      [person('Junior Jo', { matches: [{ subject: 'Network & Wi-Fi', level: 1, system: false }] }), person('Senior Sam')],
      words,
    );
    expect(first!.name).toBe('Senior Sam');
    expect(second!.reasons).toContain('This case is specialist, above their level in Network & Wi-Fi (routine)');
  });

  it('weighs load by priority, and on call only for urgent cases', () => {
    const busy = person('Busy Bea', { openByPriority: new Map<Priority, number>([[1, 1]]) });
    const idle = person('Idle Ike');
    expect(order([busy, idle])).toEqual(['Idle Ike', 'Busy Bea']);
    const onCall = person('On-call Oz', { onCall: true, openByPriority: new Map<Priority, number>([[4, 1]]) });
    const free = person('Free Fay');
    expect(order([onCall, free], 4)).toEqual(['Free Fay', 'On-call Oz']);
    // Being on call (15) outweighs one priority 4 case (3) when the case is a priority 1.
    expect(SUGGESTION_WEIGHTS.onCallUrgent + SUGGESTION_WEIGHTS.loadByPriority[4]).toBeGreaterThan(0);
    expect(order([onCall, free], 1)).toEqual(['On-call Oz', 'Free Fay']);
  });

  it('prefers more working time left today, up to the cap', () => {
    expect(order([person('Leaving Lu', { msLeftToday: 0.5 * HOUR }), person('All-day Al', { msLeftToday: 7 * HOUR })])).toEqual(['All-day Al', 'Leaving Lu']);
  });
});

describe('away marks', () => {
  const at = Date.parse('2026-11-30T15:00:00Z');
  it('joins back-to-back absences and holds until the next absence starts or ends', () => {
    const marks = awayMarksFrom(
      [
        { staffId: 1, kind: 'sick', startsAt: at - HOUR, endsAt: at + HOUR },
        { staffId: 1, kind: 'vacation', startsAt: at + HOUR, endsAt: at + 48 * HOUR },
        { staffId: 2, kind: 'training', startsAt: at + 2 * HOUR, endsAt: at + 3 * HOUR },
      ],
      at,
    );
    expect(marks.marks.get(1)).toEqual({ kind: 'sick', until: new Date(at + 48 * HOUR).toISOString() });
    expect(marks.marks.has(2)).toBe(false);
    expect(marks.validUntil).toBe(at + HOUR);
  });
});
