/**
 * Explanations a person can check: which rule set the start, which hours counted, which days were
 * closed (and why), and which time was paused.
 */
import { describe, expect, it } from 'vitest';
import { computeDeadlines, type SlaCase } from '../../../electron/core/sla/case-deadlines';
import { describeClockStart, explainDeadlines } from '../../../electron/core/sla/explanation';
import { DEFAULT_POLICY } from '../../../electron/core/sla/sla-policy';
import { at, calendar, DEFAULT_CAL, LUNCH_CAL } from './sla-fixtures';

const explain = (kase: SlaCase, cal = DEFAULT_CAL) => explainDeadlines(computeDeadlines(kase, DEFAULT_POLICY, cal), cal, kase);

describe('explanations', () => {
  it('walks a priority 4 case over a weekend and a holiday, naming both', () => {
    const lines = explain({ priority: 4, receivedAt: at('2026-01-16T09:00:00-06:00'), policyVersion: '2026.1' });
    expect(lines).toEqual([
      'Policy 2026.1, priority 4; business calendar in America/Chicago.',
      'Received Fri, Jan 16, 2026, 9:00 AM CST, during business hours and by the 4:00 PM intake cutoff: the clock starts then.',
      'Response target 1 business day (10 business hours; a business day is 10 h), open hours only, from Fri, Jan 16, 2026, 9:00 AM CST: due Tue, Jan 20, 2026, 9:00 AM CST.',
      '  Fri, Jan 16, 2026: 9:00 AM–5:00 PM counted (8 h).',
      '  Sat, Jan 17, 2026 – Sun, Jan 18, 2026: closed (no business hours).',
      '  Mon, Jan 19, 2026: closed (holiday: Martin Luther King Jr. Day).',
      '  Tue, Jan 20, 2026: 7:00 AM–9:00 AM counted (2 h).',
      'Resolution target 5 business days (50 business hours; a business day is 10 h), open hours only, from Fri, Jan 16, 2026, 9:00 AM CST: due Mon, Jan 26, 2026, 9:00 AM CST.',
      '  Fri, Jan 16, 2026: 9:00 AM–5:00 PM counted (8 h).',
      '  Sat, Jan 17, 2026 – Sun, Jan 18, 2026: closed (no business hours).',
      '  Mon, Jan 19, 2026: closed (holiday: Martin Luther King Jr. Day).',
      '  Tue, Jan 20, 2026: 7:00 AM–5:00 PM counted (10 h).',
      '  Wed, Jan 21, 2026: 7:00 AM–5:00 PM counted (10 h).',
      '  Thu, Jan 22, 2026: 7:00 AM–5:00 PM counted (10 h).',
      '  Fri, Jan 23, 2026: 7:00 AM–5:00 PM counted (10 h).',
      '  Sat, Jan 24, 2026 – Sun, Jan 25, 2026: closed (no business hours).',
      '  Mon, Jan 26, 2026: 7:00 AM–9:00 AM counted (2 h).',
    ]);
  });

  it('shows paused time and the lunch break', () => {
    const kase: SlaCase = {
      priority: 2,
      receivedAt: at('2026-03-04T10:00:00-06:00'),
      policyVersion: '2026.1',
      pauses: [{ start: at('2026-03-04T13:30:00-06:00'), end: at('2026-03-04T14:00:00-06:00') }],
    };
    const lines = explain(kase, LUNCH_CAL);
    expect(lines[2]).toContain('due Wed, Mar 4, 2026, 3:30 PM CST');
    expect(lines[3]).toBe('  Paused Wed, Mar 4, 2026, 1:30 PM CST – Wed, Mar 4, 2026, 2:00 PM CST: not counted.');
    expect(lines[4]).toBe('  Wed, Mar 4, 2026: 10:00 AM–12:00 PM counted (2 h); 1:00 PM–1:30 PM counted (30 min); 1:30 PM–2:00 PM paused; 2:00 PM–3:30 PM counted (1 h 30 min).');
  });

  it('says when an open pause holds the clock', () => {
    const lines = explain({ priority: 1, receivedAt: at('2026-03-04T10:00:00-06:00'), policyVersion: '2026.1', pauses: [{ start: at('2026-03-04T10:30:00-06:00'), end: null }] });
    expect(lines).toContain('  Paused since Wed, Mar 4, 2026, 10:30 AM CST: the clock is held until the case resumes, so nothing is due yet.');
  });

  it('explains the rule for each kind of clock start', () => {
    const start = (iso: string, cal = DEFAULT_CAL) => describeClockStart(computeDeadlines({ priority: 2, receivedAt: at(iso), policyVersion: '2026.1' }, DEFAULT_POLICY, cal).clockStart, cal);
    expect(start('2026-03-04T06:00:00-06:00')).toBe('Received Wed, Mar 4, 2026, 6:00 AM CST, before opening: counted as submitted Wed, Mar 4, 2026, 7:00 AM CST.');
    expect(start('2026-12-25T10:00:00-06:00')).toBe(
      "Received Fri, Dec 25, 2026, 10:00 AM CST, on a closed day (holiday: Christmas Day): counted as submitted Mon, Dec 28, 2026, 7:00 AM CST, the next business day's opening.",
    );
    expect(start('2026-03-04T12:30:00-06:00', LUNCH_CAL)).toBe(
      'Received Wed, Mar 4, 2026, 12:30 PM CST, while the desk was closed between its open hours: counted as submitted Wed, Mar 4, 2026, 1:00 PM CST, the next opening.',
    );
    const noCutoff = calendar({ intakeCutoff: null });
    expect(start('2026-03-04T18:00:00-06:00', noCutoff)).toBe(
      "Received Wed, Mar 4, 2026, 6:00 PM CST, after closing: counted as submitted Thu, Mar 5, 2026, 7:00 AM CST, the next business day's opening.",
    );
  });

  it('keeps a very long target readable by summarizing after a month of days', () => {
    const policy = { ...DEFAULT_POLICY, targets: { ...DEFAULT_POLICY.targets, 5: { response: { amount: 1000, unit: 'business-days' as const }, resolution: null } } };
    const kase: SlaCase = { priority: 5, receivedAt: at('2026-03-04T10:00:00-06:00'), policyVersion: '2026.1' };
    const lines = explainDeadlines(computeDeadlines(kase, policy, DEFAULT_CAL), DEFAULT_CAL, kase);
    expect(lines.length).toBeLessThan(40);
    expect(lines.some((l) => /… and \d+ more days through/.test(l))).toBe(true);
  });
});
