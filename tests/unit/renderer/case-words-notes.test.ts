import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../../renderer/src/lib/case-words';
import type { CaseEvent } from '../../../shared/domain';

const note = (detail: Record<string, unknown>): CaseEvent => ({ id: 1, caseId: 1, actorId: null, actorName: null, kind: 'note', at: '2026-11-30T15:00:00.000Z', detail, reason: null });
const noNames = () => null;

describe('notes in the case timeline', () => {
  it('says which notes the caller sees at the Tech Support Center, and which are their answers', () => {
    expect(describeEvent(note({ note: 'Driver reinstalled' }), noNames)).toEqual(['Driver reinstalled']);
    expect(describeEvent(note({ note: 'We are on our way', public: true }), noNames)).toEqual(['We are on our way', 'Visible to the caller at the Tech Support Center']);
    expect(describeEvent(note({ note: 'The one by the door', public: true, answer: true, via: 'tech_support_center' }), noNames)).toEqual([
      'The one by the door',
      'The caller answered at the Tech Support Center',
    ]);
  });
});
