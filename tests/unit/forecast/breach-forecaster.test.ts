import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { BreachForecaster } from '../../../electron/core/forecast/breach-forecaster';
import { forecastHorizon } from '../../../electron/core/forecast/forecast-horizon';
import type { OpenCaseInput, TechnicianInput } from '../../../electron/core/forecast/forecast-types';
import { HandlingTimes, type HandlingSample } from '../../../electron/core/forecast/handling-times';
import { effortShares } from '../../../electron/core/forecast/handling-effort';
import { staffCalendar } from '../../../electron/core/availability/working-time';
import { compiledCalendar, DEFAULT_CALENDAR_SPEC } from '../../../electron/core/sla';

const ZONE = 'America/Chicago';
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis();
const HOUR = 3_600_000;
const desk = compiledCalendar(DEFAULT_CALENDAR_SPEC);

/** Every resolved case of category 1 took exactly `hours`: median and 80th percentile alike. */
function handling(hours: number, p80Hours = hours): HandlingTimes {
  const samples: HandlingSample[] = [];
  for (let i = 0; i < 30; i++) samples.push({ categoryId: 1, priority: 3, workMs: (i < 15 ? hours : p80Hours) * HOUR });
  return new HandlingTimes(samples);
}

function tech(id: number, name: string, absences: [number, number][] = []): TechnicianInput {
  return { id, name, calendar: staffCalendar(DEFAULT_CALENDAR_SPEC, null), absences };
}

function kase(id: number, assigneeId: number | null, resolutionDueAt: number | null, extra: Partial<OpenCaseInput> = {}): OpenCaseInput {
  return { id, priority: 3, categoryId: 1, status: 'in_progress', assigneeId, responseDueAt: null, resolutionDueAt, ...extra };
}

describe('the breach forecast', () => {
  // Wednesday, December 2, 2026, 3:00 PM: two hours of the desk's day are left.
  const now = at('2026-12-02T15:00');

  it('a technician with 2 hours left and three 1-hour cases due in 2.5 hours: the third is likely to breach at its due instant', () => {
    const due = now + 2.5 * HOUR;
    const f = new BreachForecaster({ now, desk, technicians: [tech(1, 'Alex Kim')], handling: handling(1), cases: [kase(11, 1, due), kase(12, 1, due), kase(13, 1, due)] }).full();
    const byId = new Map(f.cases.map((c) => [c.caseId, c]));
    expect(byId.get(11)).toMatchObject({ verdict: 'on_track', expectedFinishAt: at('2026-12-02T16:00') });
    expect(byId.get(12)).toMatchObject({ verdict: 'on_track', expectedFinishAt: at('2026-12-02T17:00') });
    // Reached at the close, finished at 8:00 the next morning: past 5:30 PM, so the breach is at 5:30 PM.
    expect(byId.get(13)).toMatchObject({ verdict: 'likely', target: 'resolution', dueAt: due, reachAt: at('2026-12-02T17:00'), expectedFinishAt: at('2026-12-03T08:00') });
    expect(byId.get(13)?.reason).toContain('Alex Kim reaches it at 5:00 PM after 2 earlier cases');
    expect(byId.get(13)?.reason).toContain('resolution due 5:30 PM');
    const alex = f.technicians[0];
    // Two hours today and ten on Thursday; the three cases are due within the horizon.
    expect(alex).toMatchObject({ remainingMs: 12 * HOUR, committedMs: 3 * HOUR, overload: false, openCases: 3 });
  });

  it('is at risk when only the pessimistic handling time misses the deadline', () => {
    const f = new BreachForecaster({ now, desk, technicians: [tech(1, 'Alex Kim')], handling: handling(1, 2.5), cases: [kase(11, 1, now + 2 * HOUR)] }).full();
    expect(f.cases[0]).toMatchObject({ verdict: 'at_risk', expectedFinishAt: now + HOUR, pessimisticFinishAt: at('2026-12-03T07:30') });
  });

  it('an absence removes working time', () => {
    const due = at('2026-12-02T17:00');
    const cases = [kase(11, 1, due), kase(12, 1, due)];
    const free = new BreachForecaster({ now, desk, technicians: [tech(1, 'Alex Kim')], handling: handling(1), cases }).full();
    expect(free.cases.map((c) => c.verdict)).toEqual(['on_track', 'on_track']);
    const away = new BreachForecaster({ now, desk, technicians: [tech(1, 'Alex Kim', [[now, at('2026-12-02T16:00')]])], handling: handling(1), cases }).full();
    expect(away.cases.map((c) => c.verdict)).toEqual(['on_track', 'likely']);
    expect(away.technicians[0]?.remainingMs).toBe(11 * HOUR);
    expect(away.cases[1]?.expectedFinishAt).toBe(at('2026-12-03T08:00'));
  });

  it('a trial move to a free technician puts the case on track, and only the two technicians are worked out again', () => {
    const due = now + 2.5 * HOUR;
    const forecaster = new BreachForecaster({
      now,
      desk,
      technicians: [tech(1, 'Alex Kim'), tech(2, 'Jordan Reyes'), tech(3, 'Chris Okafor')],
      handling: handling(1),
      cases: [kase(11, 1, due), kase(12, 1, due), kase(13, 1, due), kase(21, 3, due)],
    });
    expect(forecaster.full().cases.find((c) => c.caseId === 13)?.verdict).toBe('likely');
    const moved = forecaster.withMoves([{ caseId: 13, assigneeId: 2 }]);
    expect(moved.cases.find((c) => c.caseId === 13)).toMatchObject({ verdict: 'on_track', assigneeId: 2, expectedFinishAt: now + HOUR });
    expect(moved.recomputed.sort()).toEqual([1, 2]);
    expect(moved.technicians.find((t) => t.technicianId === 1)?.committedMs).toBe(2 * HOUR);
    // The forecast as things stand is unchanged by a trial.
    expect(forecaster.full().cases.find((c) => c.caseId === 13)?.verdict).toBe('likely');
    expect(() => forecaster.withMoves([{ caseId: 99, assigneeId: 2 }])).toThrow(/Case 99 is not an open case/);
    expect(() => forecaster.withMoves([{ caseId: 13, assigneeId: 42 }])).toThrow(/42 is not a technician/);
  });

  it('paused cases take no time and are not forecast to breach', () => {
    const due = at('2026-12-02T16:00');
    const f = new BreachForecaster({
      now,
      desk,
      technicians: [tech(1, 'Alex Kim')],
      handling: handling(1),
      cases: [kase(10, 1, null, { status: 'pending_user_response' }), kase(9, 1, now + HOUR, { status: 'awaiting_parts' }), kase(11, 1, due)],
    }).full();
    expect(f.cases[0]).toMatchObject({ verdict: 'on_track', scheduled: false });
    expect(f.cases[0]?.reason).toContain('not forecast to breach unless it resumes');
    expect(f.cases[1]).toMatchObject({ verdict: 'on_track', scheduled: false });
    expect(f.cases[2]).toMatchObject({ verdict: 'on_track', expectedFinishAt: due });
  });

  it('unassigned cases are acknowledged between technicians\u2019 own cases, and their work waits for whoever is free first', () => {
    const busy = [kase(11, 1, at('2026-12-02T16:00')), kase(12, 1, at('2026-12-02T17:00'))];
    const run = (technicians: TechnicianInput[], cases: OpenCaseInput[]) => new BreachForecaster({ now, desk, technicians, handling: handling(1), cases: [...busy, ...cases] }).full().cases.slice(busy.length);
    const alex = tech(1, 'Alex Kim');
    const jordan = tech(2, 'Jordan Reyes');
    // Acknowledging takes 15 minutes: due at 3:10 PM is too soon, at 3:20 PM is in time.
    const soon = kase(30, null, at('2026-12-04T17:00'), { status: 'new', responseDueAt: at('2026-12-02T15:10') });
    const [tooSoon] = run([alex], [soon]);
    expect(tooSoon).toMatchObject({ verdict: 'likely', target: 'response', dueAt: at('2026-12-02T15:10') });
    expect(tooSoon?.reason).toContain('Unassigned: acknowledged at 3:15 PM at the earliest');
    const twoWaiting = [30, 31].map((id) => kase(id, null, at('2026-12-04T17:00'), { status: 'new', responseDueAt: at('2026-12-02T15:20') }));
    expect(run([alex], twoWaiting).map((c) => c.verdict)).toEqual(['on_track', 'likely']);
    expect(run([alex, jordan], twoWaiting).map((c) => c.verdict)).toEqual(['on_track', 'on_track']);
    // Acknowledged but unassigned, to be resolved by 4:30 PM: Alex is free only at 5 PM, Jordan now.
    const work = kase(32, null, at('2026-12-02T16:30'));
    expect(run([alex], [work])[0]).toMatchObject({ verdict: 'likely', target: 'resolution', reachAt: at('2026-12-02T17:00'), expectedFinishAt: at('2026-12-03T08:00') });
    expect(run([alex], [work])[0]?.reason).toContain('Unassigned: the first technician free (Alex Kim) reaches it at 5:00 PM');
    expect(run([alex, jordan], [work])[0]).toMatchObject({ verdict: 'on_track', reachAt: now, expectedFinishAt: now + HOUR });
    // No technician at all: nobody acknowledges it.
    expect(new BreachForecaster({ now, desk, technicians: [], handling: handling(1), cases: [soon] }).full().cases[0]).toMatchObject({ verdict: 'likely', reachAt: null });
  });

  it('already past due is said so, not forecast', () => {
    const f = new BreachForecaster({ now, desk, technicians: [tech(1, 'Alex Kim')], handling: handling(1), cases: [kase(11, 1, now - HOUR)] }).full();
    expect(f.cases[0]?.verdict).toBe('breached');
  });
});

describe('the horizon', () => {
  it('is the rest of today and the next business day', () => {
    expect(forecastHorizon(desk, at('2026-12-02T15:00'))).toEqual({ now: at('2026-12-02T15:00'), endOfToday: at('2026-12-02T17:00'), end: at('2026-12-03T17:00') });
  });

  it('runs over a weekend to Monday, and over a closure to the day after', () => {
    const friday = at('2026-12-04T16:00');
    expect(forecastHorizon(desk, friday).end).toBe(at('2026-12-07T17:00'));
    const snowDay = compiledCalendar({ ...DEFAULT_CALENDAR_SPEC, closures: [{ date: '2026-12-07', name: 'Snow day' }] });
    expect(forecastHorizon(snowDay, friday).end).toBe(at('2026-12-08T17:00'));
    // On Saturday nothing is left of today.
    const saturday = at('2026-12-05T10:00');
    expect(forecastHorizon(desk, saturday)).toEqual({ now: saturday, endOfToday: saturday, end: at('2026-12-07T17:00') });
  });

  it('gives a technician only the working time of the horizon: Friday 4 PM leaves one hour and Monday', () => {
    const friday = at('2026-12-04T16:00');
    const f = new BreachForecaster({ now: friday, desk, technicians: [tech(1, 'Alex Kim')], handling: handling(1), cases: [kase(11, 1, at('2026-12-07T07:30')), kase(12, 1, at('2026-12-07T07:30'))] }).full();
    expect(f.technicians[0]?.remainingMs).toBe(11 * HOUR);
    expect(f.cases.map((c) => [c.verdict, c.expectedFinishAt])).toEqual([
      ['on_track', at('2026-12-04T17:00')],
      // Reached at Friday's close, done at 8:00 on Monday (the weekend is no one's working time).
      ['likely', at('2026-12-07T08:00')],
    ]);
  });
});

describe('handling times', () => {
  it('falls back from category and priority to category, priority, then all cases', () => {
    const samples: HandlingSample[] = [];
    for (let i = 1; i <= 20; i++) samples.push({ categoryId: 1, priority: 2, workMs: i * 60_000 });
    for (let i = 1; i <= 10; i++) samples.push({ categoryId: 2, priority: 3, workMs: 1000 });
    const h = new HandlingTimes(samples);
    expect(h.estimate(1, 2)).toMatchObject({ basis: 'category-priority', samples: 20, p50: 10 * 60_000, p80: 16 * 60_000 });
    expect(h.estimate(1, 4)).toMatchObject({ basis: 'category', samples: 20 });
    expect(h.estimate(2, 4)).toMatchObject({ basis: 'category', samples: 10, p50: 1000 });
    expect(h.estimate(9, 2)).toMatchObject({ basis: 'priority', samples: 20 });
    expect(h.estimate(9, 5)).toMatchObject({ basis: 'all', samples: 30 });
    expect(new HandlingTimes([]).estimate(1, 1).basis).toBe('default');
    expect(() => new HandlingTimes([{ categoryId: 1, priority: 1, workMs: -1 }])).toThrow(/handling sample 0/);
  });

  it('shares a technician\u2019s time equally among the cases open together', () => {
    const shares = effortShares([
      { id: 1, technicianId: 7, spans: [[0, 4 * HOUR]] },
      { id: 2, technicianId: 7, spans: [[2 * HOUR, 4 * HOUR]] },
      // Another technician's case does not share Alex's time.
      { id: 3, technicianId: 8, spans: [[0, 4 * HOUR]] },
      // A pause cut out: two pieces alone.
      { id: 4, technicianId: 9, spans: [[0, HOUR], [3 * HOUR, 4 * HOUR]] },
    ]);
    expect(shares.get(1)).toBe(3 * HOUR);
    expect(shares.get(2)).toBe(HOUR);
    expect(shares.get(3)).toBe(4 * HOUR);
    expect(shares.get(4)).toBe(2 * HOUR);
  });
});
