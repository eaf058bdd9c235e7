import { describe, expect, it } from 'vitest';
import { applyFilter, normalizeFilter } from '../../../renderer/src/lib/queue-filter';
import { byNextBreach, caseRiskAt, displayTarget, formatSpan, targetStateAt } from '../../../renderer/src/lib/sla-display';
import type { QueueRow, TargetClock } from '../../../shared/domain';
import { clock, NOW, sla } from './support/fake-work-core';

const MIN = 60_000;
const target = (over: Partial<TargetClock>): TargetClock => ({ dueAt: new Date(NOW + 60 * MIN).toISOString(), warnAt: new Date(NOW + 30 * MIN).toISOString(), metAt: null, state: 'on_track', ...over });

describe('an SLA target at the current instant', () => {
  it('turns at risk at its warning and breached just after its due instant', () => {
    const t = target({});
    expect(targetStateAt(t, NOW)).toBe('on_track');
    expect(targetStateAt(t, NOW + 30 * MIN)).toBe('at_risk');
    expect(targetStateAt(t, NOW + 60 * MIN)).toBe('at_risk');
    expect(targetStateAt(t, NOW + 60 * MIN + 1)).toBe('breached');
  });

  it('keeps paused, met and no target as the core said', () => {
    expect(targetStateAt(target({ state: 'paused' }), NOW + 120 * MIN)).toBe('paused');
    expect(targetStateAt(target({ state: 'met', metAt: new Date(NOW).toISOString() }), NOW + 120 * MIN)).toBe('met');
    expect(targetStateAt(clock(null), NOW)).toBe('none');
  });

  it('says it in words and a countdown, never by colour alone', () => {
    expect(displayTarget(target({}), NOW)).toEqual({ state: 'on_track', label: 'On track', icon: '●', countdown: '1h 00m left' });
    expect(displayTarget(target({}), NOW + 45 * MIN + 5_000)).toMatchObject({ state: 'at_risk', label: 'At risk', countdown: '14m 55s left' });
    expect(displayTarget(target({}), NOW + 3 * 24 * 60 * MIN)).toMatchObject({ state: 'breached', label: 'Breached', countdown: '2d 23h over' });
    expect(displayTarget(target({ state: 'paused' }), NOW)).toMatchObject({ label: 'Paused', countdown: '' });
    expect(formatSpan(59_999)).toBe('0m 59s');
  });

  it('takes the worse of the two targets for the case', () => {
    expect(caseRiskAt(sla(clock(2), clock(10)), NOW)).toBe('ok');
    expect(caseRiskAt(sla(clock(2), clock(10)), NOW + 61 * MIN)).toBe('at_risk');
    expect(caseRiskAt(sla(clock(-1), clock(10)), NOW)).toBe('breached');
  });
});

describe('the queue order and filters', () => {
  const item = (id: number, nextDueInHours: number | null, priority: 1 | 2 | 3 | 4 | 5 = 3): QueueRow =>
    ({ id, priority, sla: { nextDueAt: nextDueInHours === null ? null : new Date(NOW + nextDueInHours * 60 * MIN).toISOString() } }) as QueueRow;

  it('sorts by the next breach, then priority, then id; nothing due goes last', () => {
    const sorted = [item(1, null), item(2, 5), item(3, 1, 4), item(4, 1, 2), item(5, 1, 2)].sort(byNextBreach);
    expect(sorted.map((c) => c.id)).toEqual([4, 5, 3, 2, 1]);
  });

  it('drops the empty parts of a filter', () => {
    expect(normalizeFilter({ mine: false, unassigned: true, priorities: [], statuses: ['new'], text: '  ', risk: undefined })).toEqual({
      unassigned: true,
      statuses: ['new'],
    });
  });

  // Its speed is the queue benchmark's to measure (bench/queue.bench.ts), never a timed unit test's.
  it('filters 10,000 cases by words, priority and risk together', () => {
    const cases = Array.from({ length: 10_000 }, (_, i) => ({
      id: i + 1,
      number: `DW-${String(i + 1).padStart(6, '0')}`,
      callerName: `Caller ${i}`,
      summary: i % 7 === 0 ? 'Printer jams constantly' : 'Laptop will not boot',
      buildingName: i % 3 === 0 ? 'Hickman High School' : 'Battle High School',
      buildingId: i % 3,
      categoryId: i % 5,
      priority: ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5,
      status: 'new',
      assigneeId: i % 4 === 0 ? null : 7,
      sla: sla(clock((i % 50) - 5), clock(40)),
    })) as unknown as QueueRow[];
    const ctx = { meId: 7, now: NOW };
    const filter = { text: 'printer hickman', priorities: [1, 2, 3] as (1 | 2 | 3)[], risk: 'at_risk_or_breached' as const };
    const found = applyFilter(cases, filter, ctx);

    expect(found.length).toBeGreaterThan(0);
    expect(found.every((c) => c.summary.startsWith('Printer') && c.buildingName === 'Hickman High School' && c.priority <= 3)).toBe(true);
  });
});
