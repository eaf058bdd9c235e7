/**
 * Policy versions in the engine: the version in force at an instant, a version's own desk hours
 * and cutoff, and the check that refuses a policy the engine cannot compute, naming the field.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR_SPEC, DEFAULT_POLICY, defaultBusinessCalendar, PolicyRegistry, policyProblems, SlaEngine, type SlaPolicy } from '../../../electron/core/sla';

const MONDAY_9AM = Date.parse('2026-11-30T15:00:00Z');
const day = [{ open: '08:00', close: '16:00' }];
const SHORT_DAYS = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] };

function variant(change: (p: { -readonly [K in keyof SlaPolicy]: SlaPolicy[K] }) => void): SlaPolicy {
  const p = JSON.parse(JSON.stringify({ ...DEFAULT_POLICY, version: '2027.1', deskHours: { weeklyHours: DEFAULT_CALENDAR_SPEC.weeklyHours, intakeCutoff: '16:00' } })) as SlaPolicy;
  change(p as { -readonly [K in keyof SlaPolicy]: SlaPolicy[K] });
  return p;
}

const fieldsOf = (p: SlaPolicy) => policyProblems(p, defaultBusinessCalendar(), MONDAY_9AM).map((x) => x.field);

describe('the version in force', () => {
  it('is the one with the greatest effective instant at or before the receipt; 2026.1 before any', () => {
    const registry = new PolicyRegistry();
    registry.register({ ...DEFAULT_POLICY, version: '2027.1' }, MONDAY_9AM + 86_400_000);
    registry.register({ ...DEFAULT_POLICY, version: '2026.9' }, MONDAY_9AM + 3_600_000);
    expect(registry.inForceAt(MONDAY_9AM).version).toBe('2026.1');
    expect(registry.inForceAt(MONDAY_9AM + 3_600_000).version).toBe('2026.9');
    expect(registry.inForceAt(MONDAY_9AM + 86_400_000 - 1).version).toBe('2026.9');
    expect(registry.inForceAt(MONDAY_9AM + 86_400_000).version).toBe('2027.1');
    // The same version again at another instant is refused: a version means one thing.
    expect(() => registry.register({ ...DEFAULT_POLICY, version: '2027.1' }, MONDAY_9AM)).toThrow(/effectiveFrom/);
  });

  it('a version with its own hours is computed on them; 2026.1 is not moved by it', () => {
    const registry = new PolicyRegistry();
    registry.register(variant((p) => (p.deskHours = { weeklyHours: SHORT_DAYS, intakeCutoff: '15:00' })), MONDAY_9AM);
    const engine = new SlaEngine({ policies: registry });
    // Monday 3:30 PM, priority 2: after 2027.1's 3 PM cutoff (counted from Tuesday 8:00) but before 2026.1's 4 PM one.
    const receivedAt = Date.parse('2026-11-30T21:30:00Z');
    expect(engine.deadlines({ priority: 2, receivedAt, policyVersion: '2027.1' }).clockStart.at).toBe(Date.parse('2026-12-01T14:00:00Z'));
    const old = engine.deadlines({ priority: 2, receivedAt, policyVersion: '2026.1' });
    expect(old.clockStart.at).toBe(receivedAt);
    // 4 working hours from 3:30 PM on a 7–5 desk: 1.5 h Monday, 2.5 h from Tuesday 7:00.
    expect(old.response.dueAt).toBe(Date.parse('2026-12-01T15:30:00Z'));
  });
});

describe('a policy the engine cannot compute is refused, naming the field', () => {
  it('accepts the agreement as it stands', () => {
    expect(fieldsOf(variant(() => undefined))).toEqual([]);
  });

  it.each<[string, (p: { -readonly [K in keyof SlaPolicy]: SlaPolicy[K] }) => void, string]>([
    ['an amount of 0', (p) => ((p.targets as Record<number, unknown>)[2] = { response: { amount: 4, unit: 'business-hours' }, resolution: { amount: 0, unit: 'business-days' } }), 'targets.2.resolution.amount'],
    ['an infinite amount', (p) => ((p.targets as Record<number, unknown>)[1] = { response: { amount: Infinity, unit: 'clock-hours' }, resolution: null }), 'targets.1.response.amount'],
    ['more than a year', (p) => ((p.targets as Record<number, unknown>)[5] = { response: { amount: 300, unit: 'business-days' }, resolution: null }), 'targets.5.response.amount'],
    ['no response target', (p) => ((p.targets as Record<number, unknown>)[3] = { response: null, resolution: { amount: 3, unit: 'business-days' } }), 'targets.3.response'],
    ['a response due after the resolution', (p) => ((p.targets as Record<number, unknown>)[2] = { response: { amount: 30, unit: 'business-hours' }, resolution: { amount: 2, unit: 'business-days' } }), 'targets.2.response.amount'],
    ['no open hours in the week', (p) => (p.deskHours = { weeklyHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, intakeCutoff: null }), 'weeklyHours'],
    ['an interval closing before it opens', (p) => (p.deskHours = { weeklyHours: { ...SHORT_DAYS, fri: [{ open: '16:00', close: '08:00' }] }, intakeCutoff: null }), 'weeklyHours.fri.0.close'],
    ['intervals out of order', (p) => (p.deskHours = { weeklyHours: { ...SHORT_DAYS, mon: [{ open: '13:00', close: '16:00' }, { open: '08:00', close: '12:00' }] }, intakeCutoff: null }), 'weeklyHours.mon.1.open'],
    ['an opening at 25:00', (p) => (p.deskHours = { weeklyHours: { ...SHORT_DAYS, thu: [{ open: '25:00', close: '26:00' }] }, intakeCutoff: null }), 'weeklyHours.thu.0.open'],
    ['a cutoff before the desk opens', (p) => (p.deskHours = { weeklyHours: SHORT_DAYS, intakeCutoff: '06:00' }), 'intakeCutoff'],
    ['a cutoff that is not a time', (p) => (p.deskHours = { weeklyHours: SHORT_DAYS, intakeCutoff: '4 PM' }), 'intakeCutoff'],
    ['a warning at 100%', (p) => (p.warnings = { fractionsUsed: [1], minutesBeforeDue: [30] }), 'warnings.fractionsUsed.0'],
    ['a warning of 0 minutes', (p) => (p.warnings = { fractionsUsed: [0.5], minutesBeforeDue: [30, 0] }), 'warnings.minutesBeforeDue.1'],
    ['a priority listed twice under the cutoff', (p) => (p.intakeCutoffPriorities = [2, 3, 3]), 'intakeCutoffPriorities.2'],
  ])('%s', (_what, change, field) => {
    const fields = fieldsOf(variant(change));
    expect(fields[0]).toBe(field);
  });

  it('business-hour targets on a desk open only on Saturdays still compute (the engine finds the hours)', () => {
    const saturday = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [{ open: '08:00', close: '12:00' }], sun: [] };
    expect(fieldsOf(variant((p) => (p.deskHours = { weeklyHours: saturday, intakeCutoff: null })))).toEqual([]);
  });
});
