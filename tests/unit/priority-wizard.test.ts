import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AFFECTED_COUNTS, decidePriority, WORK_EFFECTS, type WizardAnswers } from '../../shared/priority-wizard';

const answers = (over: Partial<WizardAnswers>): WizardAnswers => ({
  securityOrSafety: false,
  missionCritical: false,
  affected: 'one',
  workEffect: 'minimal',
  ...over,
});

describe('priority wizard (the agreement\'s Request Priorities)', () => {
  it.each<[Partial<WizardAnswers>, number, string]>([
    [{ securityOrSafety: true, workEffect: 'none' }, 1, 'p1-security-safety'],
    [{ missionCritical: true, workEffect: 'minimal' }, 1, 'p1-mission-critical'],
    [{ affected: 'more_than_five', workEffect: 'stopped' }, 1, 'p1-more-than-five-stopped'],
    [{ affected: 'one', workEffect: 'stopped' }, 2, 'p2-up-to-five-stopped'],
    [{ affected: 'two_to_five', workEffect: 'stopped' }, 2, 'p2-up-to-five-stopped'],
    [{ affected: 'two_to_five', workEffect: 'slowed' }, 3, 'p3-several-slowed'],
    [{ affected: 'more_than_five', workEffect: 'slowed' }, 3, 'p3-several-slowed'],
    [{ affected: 'one', workEffect: 'slowed' }, 4, 'p4-one-slowed'],
    [{ affected: 'more_than_five', workEffect: 'minimal' }, 4, 'p4-minimal'],
    [{ affected: 'more_than_five', workEffect: 'none' }, 5, 'p5-none-or-planned'],
  ])('%j → priority %i (%s)', (over, priority, ruleId) => {
    expect(decidePriority(answers(over))).toMatchObject({ priority, ruleId });
  });

  it('decides every combination of answers, and a concern always makes it priority 1', () => {
    fc.assert(
      fc.property(
        fc.record({
          securityOrSafety: fc.boolean(),
          missionCritical: fc.boolean(),
          affected: fc.constantFrom(...AFFECTED_COUNTS),
          workEffect: fc.constantFrom(...WORK_EFFECTS),
        }),
        (a) => {
          const d = decidePriority(a);
          expect(d.criterion.length).toBeGreaterThan(0);
          if (a.securityOrSafety || a.missionCritical) expect(d.priority).toBe(1);
          else if (a.workEffect === 'none') expect(d.priority).toBe(5);
        },
      ),
    );
  });
});
