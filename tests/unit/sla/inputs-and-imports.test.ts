/**
 * What comes into the engine from outside: ISO instants typed by people, policies as data with
 * versions, and closure dates imported from an iCalendar file.
 */
import { describe, expect, it } from 'vitest';
import { closuresFromIcs } from '../../../electron/core/sla/ics-closures';
import { parseInstant } from '../../../electron/core/sla/instant-text';
import { PolicyRegistry } from '../../../electron/core/sla/policy-registry';
import { DEFAULT_POLICY, parseSlaPolicy } from '../../../electron/core/sla/sla-policy';
import { computeDeadlines } from '../../../electron/core/sla/case-deadlines';
import { at, calendar, CHICAGO, DEFAULT_CAL, show } from './sla-fixtures';

describe('parseInstant', () => {
  it('reads offsets, Z and fractions exactly', () => {
    expect(parseInstant('2026-03-04T16:30:00-06:00', CHICAGO)).toMatchObject({ ok: true, value: at('2026-03-04T22:30:00Z'), hadOffset: true });
    expect(parseInstant('2026-03-04T22:30:00.25Z', CHICAGO)).toMatchObject({ ok: true, value: at('2026-03-04T22:30:00.250Z') });
    expect(parseInstant('2026-03-04T16:30+0530', CHICAGO)).toMatchObject({ ok: true, value: at('2026-03-04T11:00:00Z') });
    expect(parseInstant('2026-03-04 16:30', CHICAGO)).toMatchObject({ ok: true, value: at('2026-03-04T22:30:00Z') });
  });

  it('refuses malformed and impossible dates with a reason', () => {
    for (const bad of ['2026-02-30T10:00', '2026-13-01T10:00', '2026-03-04T24:00', '2026-03-04T10:60', '2026-03-04', 'yesterday', '2026-3-4T10:00', '2026-03-04T10:00+25:00']) {
      const parsed = parseInstant(bad, CHICAGO);
      expect(parsed.ok, bad).toBe(false);
    }
    expect(parseInstant('2026-02-29T10:00', CHICAGO)).toEqual({ ok: false, reason: 'impossible date: no such day in that month' });
    expect(parseInstant('2028-02-29T10:00', CHICAGO).ok).toBe(true);
  });
});

describe('policy registry', () => {
  it('keeps a version immutable: the same version with other targets is refused', () => {
    const registry = new PolicyRegistry();
    expect(registry.versions()).toEqual(['2026.1']);
    expect(() => registry.register({ ...DEFAULT_POLICY, targets: { ...DEFAULT_POLICY.targets, 1: { response: null, resolution: null } } })).toThrow(/already exists/);
    expect(registry.register({ ...DEFAULT_POLICY })).toBe(registry.get('2026.1'));
    expect(() => registry.get('1999.1')).toThrow(/policyVersion: unknown SLA policy version/);
  });

  it('validates a policy given as data', () => {
    expect(() => parseSlaPolicy({ ...DEFAULT_POLICY, targets: { ...DEFAULT_POLICY.targets, 2: { response: { amount: 4, unit: 'fortnights' }, resolution: null } } })).toThrow();
    expect(() => parseSlaPolicy({ ...DEFAULT_POLICY, warnings: { fractionsUsed: [1.5], minutesBeforeDue: [] } })).toThrow();
    expect(parseSlaPolicy(JSON.parse(JSON.stringify(DEFAULT_POLICY)))).toEqual(DEFAULT_POLICY);
  });

  it('refuses to compute a case with a policy other than the one it was opened under', () => {
    expect(() => computeDeadlines({ priority: 2, receivedAt: 0, policyVersion: '2025.1' }, DEFAULT_POLICY, DEFAULT_CAL)).toThrow(/policyVersion/);
  });
});

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Columbia Public Schools//Closures//EN',
  'BEGIN:VEVENT',
  'UID:snow-1@cps',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20260115',
  'SUMMARY:Snow day',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:break-1@cps',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20260316',
  'DTEND;VALUE=DATE:20260321',
  'SUMMARY:Spring break',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:weekly-1@cps',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20260105',
  'RRULE:FREQ=WEEKLY;COUNT=3',
  'EXDATE;VALUE=DATE:20260112',
  'SUMMARY:Staff development',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:early-1@cps',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=America/Chicago:20260210T120000',
  'DTEND;TZID=America/Chicago:20260210T170000',
  'SUMMARY:Early release',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('closures from an iCalendar file', () => {
  const imported = closuresFromIcs(ICS, { from: '2025-07-01', to: '2026-06-30' });

  it('imports all-day events, multi-day breaks (DTEND exclusive) and recurring events with exceptions', () => {
    expect(imported.closures).toEqual([
      { date: '2026-01-05', name: 'Staff development' },
      { date: '2026-01-15', name: 'Snow day' },
      { date: '2026-01-19', name: 'Staff development' },
      { date: '2026-03-16', name: 'Spring break' },
      { date: '2026-03-17', name: 'Spring break' },
      { date: '2026-03-18', name: 'Spring break' },
      { date: '2026-03-19', name: 'Spring break' },
      { date: '2026-03-20', name: 'Spring break' },
    ]);
  });

  it('reports timed events as skipped instead of closing the whole day', () => {
    expect(imported.skipped).toEqual([{ summary: 'Early release', reason: 'timed event: only all-day events are imported as closure dates' }]);
  });

  it('feeds a calendar: a priority 2 case received before spring break is due after it', () => {
    const cal = calendar({ closures: imported.closures });
    const d = computeDeadlines({ priority: 2, receivedAt: at('2026-03-13T15:00:00-05:00'), policyVersion: '2026.1' }, DEFAULT_POLICY, cal);
    expect(show(d.response.dueAt)).toBe('2026-03-23T09:00:00-05:00');
  });

  it('keeps only dates inside the range', () => {
    expect(closuresFromIcs(ICS, { from: '2026-03-18', to: '2026-03-19' }).closures.map((c) => c.date)).toEqual(['2026-03-18', '2026-03-19']);
  });

  it('refuses a bad range', () => {
    expect(() => closuresFromIcs(ICS, { from: '2026-03-18', to: '2026-03-01' })).toThrow(/range\.to/);
  });
});
