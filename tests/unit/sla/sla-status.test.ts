/**
 * Status at an instant: elapsed, remaining, fraction used, breached, met and paused per target,
 * and the next instant a warning or breach falls due (what the scheduler sleeps until).
 */
import { describe, expect, it } from 'vitest';
import type { SlaCase } from '../../../electron/core/sla/case-deadlines';
import { PolicyRegistry } from '../../../electron/core/sla/policy-registry';
import { SlaEngine } from '../../../electron/core/sla/sla-engine';
import { DEFAULT_POLICY } from '../../../electron/core/sla/sla-policy';
import { nextSlaEvent, slaStatusAt } from '../../../electron/core/sla/sla-status';
import { at, DEFAULT_CAL, show } from './sla-fixtures';

const HOUR = 3_600_000;
// Priority 2 received Wednesday 09:00: response due 13:00 (4 business hours), resolution Friday 09:00.
const kase: SlaCase = { priority: 2, receivedAt: at('2026-03-04T09:00:00-06:00'), policyVersion: '2026.1' };
const statusAt = (iso: string, c: SlaCase = kase) => slaStatusAt(c, DEFAULT_POLICY, DEFAULT_CAL, at(iso));

describe('status at an instant', () => {
  it('reports elapsed, remaining and fraction used in business time', () => {
    const s = statusAt('2026-03-04T12:00:00-06:00');
    expect(s.response).toMatchObject({ elapsedMs: 3 * HOUR, remainingMs: 1 * HOUR, fractionUsed: 0.75, breached: false, met: false, paused: false });
    expect(s.resolution).toMatchObject({ elapsedMs: 3 * HOUR, remainingMs: 17 * HOUR, fractionUsed: 0.15 });
  });

  it('does not use up business time overnight', () => {
    const evening = statusAt('2026-03-04T20:00:00-06:00').resolution;
    const morning = statusAt('2026-03-05T06:59:00-06:00').resolution;
    expect(evening.elapsedMs).toBe(8 * HOUR);
    expect(morning.elapsedMs).toBe(8 * HOUR);
  });

  it('is not breached at the due instant itself, and breached one millisecond later', () => {
    expect(statusAt('2026-03-04T13:00:00-06:00').response).toMatchObject({ breached: false, remainingMs: 0, fractionUsed: 1 });
    expect(statusAt('2026-03-04T13:00:00.001-06:00').response.breached).toBe(true);
    expect(statusAt('2026-03-04T14:00:00-06:00').response.remainingMs).toBe(-1 * HOUR);
  });

  it('measures a met target up to when it was met', () => {
    const met = { ...kase, respondedAt: at('2026-03-04T12:59:00-06:00') };
    const s = statusAt('2026-03-04T15:00:00-06:00', met);
    expect(s.response).toMatchObject({ met: true, breached: false, elapsedMs: 3 * HOUR + 59 * 60_000, events: [] });
    const late = statusAt('2026-03-04T15:00:00-06:00', { ...kase, respondedAt: at('2026-03-04T13:30:00-06:00') });
    expect(late.response).toMatchObject({ met: true, breached: true });
  });

  it('ignores what happened after the instant (later pauses, responses)', () => {
    const c = { ...kase, respondedAt: at('2026-03-04T12:00:00-06:00'), pauses: [{ start: at('2026-03-04T11:00:00-06:00'), end: at('2026-03-04T11:30:00-06:00') }] };
    const s = statusAt('2026-03-04T10:00:00-06:00', c);
    expect(s.response).toMatchObject({ met: false, elapsedMs: 1 * HOUR, dueAt: at('2026-03-04T13:00:00-06:00') });
  });

  it('holds the clock during an open pause and schedules nothing for that target', () => {
    const c = { ...kase, pauses: [{ start: at('2026-03-04T10:00:00-06:00'), end: null }] };
    const s = statusAt('2026-03-04T15:00:00-06:00', c);
    expect(s.response).toMatchObject({ paused: true, elapsedMs: 1 * HOUR, remainingMs: 3 * HOUR, dueAt: null, suspended: true });
    expect(s.nextEvent).toBeNull();
  });

  it('uses the parts-arrived target only from the arrival on', () => {
    const c = { ...kase, partsArrivedAt: at('2026-03-09T10:00:00-05:00') };
    expect(statusAt('2026-03-05T10:00:00-06:00', c).resolution.rule).toBe('policy');
    const after = statusAt('2026-03-09T12:00:00-05:00', c).resolution;
    expect(after).toMatchObject({ rule: 'parts-arrived', dueAt: at('2026-03-10T17:00:00-05:00'), elapsedMs: 2 * HOUR, amountMs: 17 * HOUR });
  });
});

describe('next event for the scheduler', () => {
  it('is the 75% warning, then 30 minutes left, then the breach', () => {
    expect(nextSlaEvent(kase, DEFAULT_POLICY, DEFAULT_CAL, at('2026-03-04T09:00:00-06:00'))).toEqual({
      kind: 'warning',
      target: 'response',
      at: at('2026-03-04T12:00:00-06:00'),
      threshold: '75% used',
    });
    const next = (iso: string) => {
      const e = nextSlaEvent(kase, DEFAULT_POLICY, DEFAULT_CAL, at(iso));
      return e && [e.kind, e.target, show(e.at), e.threshold];
    };
    expect(next('2026-03-04T12:00:00-06:00')).toEqual(['warning', 'response', '2026-03-04T12:30:00-06:00', '30 minutes left']);
    expect(next('2026-03-04T12:30:00-06:00')).toEqual(['breach', 'response', '2026-03-04T13:00:00.001-06:00', 'breached']);
    // The resolution target's 75% mark: 15 of 20 business hours, 8 on Wednesday and 7 on Thursday.
    expect(next('2026-03-04T13:00:00.001-06:00')).toEqual(['warning', 'resolution', '2026-03-05T14:00:00-06:00', '75% used']);
  });

  it('counts "30 minutes before" in the target unit: for 07:30 Thursday, at Wednesday close, not 07:00 Thursday', () => {
    const c: SlaCase = { priority: 2, receivedAt: at('2026-03-04T13:30:00-06:00'), policyVersion: '2026.1' };
    const s = slaStatusAt(c, DEFAULT_POLICY, DEFAULT_CAL, at('2026-03-04T13:30:00-06:00'));
    expect(show(s.response.dueAt)).toBe('2026-03-05T07:30:00-06:00');
    expect(s.response.events.map((e) => [show(e.at), e.threshold])).toEqual([
      ['2026-03-04T16:30:00-06:00', '75% used'],
      // The first instant at which only 30 business minutes remain (the boundary rule again).
      ['2026-03-04T17:00:00-06:00', '30 minutes left'],
      ['2026-03-05T07:30:00.001-06:00', 'breached'],
    ]);
  });

  it('has no events once both targets are met', () => {
    const done = { ...kase, respondedAt: at('2026-03-04T10:00:00-06:00'), resolvedAt: at('2026-03-04T11:00:00-06:00') };
    expect(nextSlaEvent(done, DEFAULT_POLICY, DEFAULT_CAL, at('2026-03-04T11:00:00-06:00'))).toBeNull();
  });
});

describe('SlaEngine', () => {
  it('computes with the policy version the case was opened under', () => {
    const registry = new PolicyRegistry();
    registry.register({ ...DEFAULT_POLICY, version: '2027.1', targets: { ...DEFAULT_POLICY.targets, 2: { response: { amount: 2, unit: 'business-hours' }, resolution: null } } });
    const engine = new SlaEngine({ policies: registry, calendar: DEFAULT_CAL });
    expect(registry.latest.version).toBe('2027.1');
    expect(show(engine.deadlines(kase).response.dueAt)).toBe('2026-03-04T13:00:00-06:00');
    expect(show(engine.deadlines({ ...kase, policyVersion: '2027.1' }).response.dueAt)).toBe('2026-03-04T11:00:00-06:00');
  });

  it('answers whether an instant is within business hours', () => {
    const engine = new SlaEngine({ calendar: DEFAULT_CAL });
    expect(engine.isWithinBusinessHours(at('2026-03-04T09:00:00-06:00'))).toBe(true);
    expect(engine.isWithinBusinessHours(at('2026-03-07T09:00:00-06:00'))).toBe(false);
    expect(engine.isWithinBusinessHours(at('2026-11-26T09:00:00-06:00'))).toBe(false);
  });

  it('describes an after-cutoff start in words', () => {
    const engine = new SlaEngine({ calendar: DEFAULT_CAL });
    expect(engine.describeClockStart({ ...kase, receivedAt: at('2026-03-03T16:30:00-06:00') })).toBe(
      "Received Tue, Mar 3, 2026, 4:30 PM CST, after the 4:00 PM intake cutoff: counted as submitted Wed, Mar 4, 2026, 7:00 AM CST, the next business day's opening.",
    );
  });
});
