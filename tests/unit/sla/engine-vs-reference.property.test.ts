/**
 * Property tests: the compiled engine against the day-by-day reference, over random weekly hours
 * (including windows at midnight and inside DST gaps), cutoffs, closures, pauses, policies and
 * instants, concentrated on DST weeks of America/Chicago, Australia/Sydney and America/Santiago.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../../electron/core/sla/business-calendar';
import type { CalendarSpec } from '../../../electron/core/sla/calendar-spec';
import { computeDeadlines } from '../../../electron/core/sla/case-deadlines';
import { DEFAULT_POLICY, type SlaPolicy, type SlaTarget } from '../../../electron/core/sla/sla-policy';
import { slaStatusAt } from '../../../electron/core/sla/sla-status';
import { WEEKDAYS, type OpenInterval, type Weekday } from '../../../electron/core/sla/weekly-hours';
import type { Priority } from '../../../shared/domain';
import { RefCalendar, refClockStart, refDue, refLocalDate, refPartsArrivedClose, refTargetDue, type RefPause } from './reference-sla';

const RUNS = Number(process.env.SLA_PROPERTY_RUNS ?? 60);
const HOUR = 3_600_000;
const ZONES = ['America/Chicago', 'Australia/Sydney', 'America/Santiago', 'UTC'] as const;

/** Local dates around the 2026 DST changes of each zone (Santiago's happen at midnight). */
const DST_DAYS = [
  Date.UTC(2026, 2, 8, 8),
  Date.UTC(2026, 10, 1, 7),
  Date.UTC(2026, 3, 4, 16),
  Date.UTC(2026, 9, 3, 16),
  Date.UTC(2026, 3, 5, 3),
  Date.UTC(2026, 8, 6, 4),
];

const minuteMarks = fc.oneof(
  fc.constantFrom(0, 60, 90, 120, 150, 180, 420, 720, 780, 960, 1020, 1380, 1439, 1440),
  fc.integer({ min: 0, max: 1440 }),
);

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const dayWindows: fc.Arbitrary<OpenInterval[]> = fc
  .uniqueArray(minuteMarks, { minLength: 0, maxLength: 6 })
  .map((marks) => {
    const sorted = [...marks].sort((a, b) => a - b);
    const windows: OpenInterval[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) windows.push({ open: hhmm(sorted[i] as number), close: hhmm(sorted[i + 1] as number) });
    return windows;
  });

const closureDates = fc.uniqueArray(
  fc.integer({ min: 0, max: 760 }).map((offset) => new Date(Date.UTC(2025, 5, 1) + offset * 86_400_000).toISOString().slice(0, 10)),
  { maxLength: 40 },
);

const calendarSpec: fc.Arbitrary<CalendarSpec> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    days: fc.tuple(dayWindows, dayWindows, dayWindows, dayWindows, dayWindows, dayWindows, dayWindows),
    cutoff: fc.option(fc.integer({ min: 0, max: 1440 }).map(hhmm), { nil: null }),
    closures: closureDates,
    businessDayHours: fc.option(fc.integer({ min: 1, max: 24 }), { nil: null }),
  })
  .filter(({ days }) => days.some((d) => d.length > 0))
  .map(({ zone, days, cutoff, closures, businessDayHours }) => ({
    zone,
    weeklyHours: Object.fromEntries(WEEKDAYS.map((d, i) => [d, days[i] as OpenInterval[]])) as Record<Weekday, OpenInterval[]>,
    intakeCutoff: cutoff,
    holidays: null,
    closures: closures.map((date) => ({ date, name: 'closure' })),
    businessDayHours,
  }));

/** Instants mostly in DST weeks, some anywhere from mid-2025 to mid-2027; whole minutes or odd milliseconds. */
const instant = fc.oneof(
  fc.tuple(fc.constantFrom(...DST_DAYS), fc.integer({ min: -4 * 24 * 60, max: 4 * 24 * 60 })).map(([base, minutes]) => base + minutes * 60_000),
  fc.integer({ min: Date.UTC(2025, 6, 1), max: Date.UTC(2027, 5, 1) }),
);

const amountMs = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 200 }).map((h) => h * HOUR),
  fc.integer({ min: 1, max: 200 * 60 }).map((m) => m * 60_000),
);

const target: fc.Arbitrary<SlaTarget | null> = fc.option(
  fc.record({
    amount: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constantFrom(0.5, 1.25)),
    unit: fc.constantFrom('clock-hours' as const, 'business-hours' as const, 'business-days' as const),
  }),
  { nil: null, freq: 5 },
);

const policy: fc.Arbitrary<SlaPolicy> = fc
  .record({
    targets: fc.tuple(...[1, 2, 3, 4, 5].map(() => fc.record({ response: target, resolution: target }))),
    cutoff: fc.subarray([1, 2, 3, 4, 5] as Priority[]),
  })
  .map(({ targets, cutoff }) => ({
    version: 'random',
    targets: { 1: targets[0], 2: targets[1], 3: targets[2], 4: targets[3], 5: targets[4] } as SlaPolicy['targets'],
    intakeCutoffPriorities: cutoff,
    warnings: DEFAULT_POLICY.warnings,
  }));

interface RawPause {
  startAfterMinutes: number;
  lengthMinutes: number | null;
}

/** Pauses relative to receipt, some before it, some overlapping, some still open. */
const pauses: fc.Arbitrary<RawPause[]> = fc.array(
  fc.record({
    startAfterMinutes: fc.integer({ min: -600, max: 6 * 24 * 60 }),
    lengthMinutes: fc.option(fc.integer({ min: 0, max: 3 * 24 * 60 }), { nil: null, freq: 6 }),
  }),
  { maxLength: 3 },
);

function materializePauses(raw: readonly RawPause[], base: number): RefPause[] {
  return raw.map(({ startAfterMinutes, lengthMinutes }) => {
    const start = base + startAfterMinutes * 60_000;
    return { start, end: lengthMinutes === null ? null : start + lengthMinutes * 60_000 };
  });
}

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

describe('engine agrees with the day-by-day reference', () => {
  it('adds business time (convention 3 and the boundary rule) like the reference', () => {
    fc.assert(
      fc.property(calendarSpec, instant, amountMs, (spec, t, ms) => {
        const engine = new BusinessCalendar(spec);
        const ref = new RefCalendar(spec);
        expect(iso(engine.addBusinessMs(t, ms))).toBe(iso(ref.addBusiness(t, ms)));
      }),
      { numRuns: RUNS },
    );
  });

  it('lands exactly on a close when the business time runs out there (convention 4)', () => {
    fc.assert(
      fc.property(calendarSpec, instant, fc.integer({ min: 0, max: 12 }), (spec, t, k) => {
        const engine = new BusinessCalendar(spec);
        const ref = new RefCalendar(spec);
        const closes = [];
        for (const [, end] of ref.intervalsFrom(t)) {
          if (end > t) closes.push(end);
          if (closes.length > k) break;
        }
        const close = closes[k] as number;
        expect(iso(engine.addBusinessMs(t, ref.businessBetween(t, close)))).toBe(iso(close));
      }),
      { numRuns: RUNS },
    );
  });

  it('measures business time between instants and tells open from closed like the reference', () => {
    fc.assert(
      fc.property(calendarSpec, instant, fc.integer({ min: 0, max: 10 * 24 * 60 }), (spec, a, minutes) => {
        const engine = new BusinessCalendar(spec);
        const ref = new RefCalendar(spec);
        const b = a + minutes * 60_000;
        expect(engine.businessMsBetween(a, b)).toBe(ref.businessBetween(a, b));
        expect(engine.isOpen(a)).toBe(ref.isOpen(a));
        expect(engine.isOpen(b)).toBe(ref.isOpen(b));
        expect(engine.localDayOf(a)).toBe(Date.parse(refLocalDate(spec.zone, a)) / 86_400_000);
      }),
      { numRuns: RUNS },
    );
  });

  it('computes clock starts and due instants, with pauses and parts arrival, like the reference', () => {
    fc.assert(
      fc.property(
        calendarSpec,
        policy,
        fc.constantFrom(1, 2, 3, 4, 5) as fc.Arbitrary<Priority>,
        instant,
        pauses,
        fc.option(fc.integer({ min: 0, max: 8 * 24 * 60 }), { nil: null, freq: 3 }),
        (spec, pol, priority, received, rawPauses, partsAfterMinutes) => {
          const engine = new BusinessCalendar(spec);
          const ref = new RefCalendar(spec);
          const pauseList = materializePauses(rawPauses, received);
          const partsArrivedAt = partsAfterMinutes === null ? null : received + partsAfterMinutes * 60_000;
          const got = computeDeadlines({ priority, receivedAt: received, policyVersion: pol.version, pauses: pauseList, partsArrivedAt }, pol, engine);

          const start = refClockStart(ref, pol, priority, received);
          expect(iso(got.clockStart.at)).toBe(iso(start));
          const targets = pol.targets[priority];
          const expectedResponse = targets.response === null ? null : refTargetDue(ref, targets.response, start, pauseList);
          expect(iso(got.response.dueAt)).toBe(iso(expectedResponse));
          expect(got.response.suspended).toBe(targets.response !== null && expectedResponse === null);
          let expectedResolution: number | null;
          if (partsArrivedAt !== null) {
            const close = refPartsArrivedClose(ref, partsArrivedAt);
            expectedResolution = refDue(ref, 'business', partsArrivedAt, ref.businessBetween(partsArrivedAt, close), pauseList);
          } else {
            expectedResolution = targets.resolution === null ? null : refTargetDue(ref, targets.resolution, start, pauseList);
          }
          expect(iso(got.resolution.dueAt)).toBe(iso(expectedResolution));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('reports status consistent with the due instants: elapsed as the reference measures it, breach after due, events crossing', () => {
    fc.assert(
      fc.property(
        calendarSpec,
        fc.constantFrom(1, 2, 3, 4, 5) as fc.Arbitrary<Priority>,
        instant,
        pauses,
        fc.integer({ min: 0, max: 12 * 24 * 60 }),
        (spec, priority, received, rawPauses, afterMinutes) => {
          const engine = new BusinessCalendar(spec);
          const ref = new RefCalendar(spec);
          const pauseList = materializePauses(rawPauses, received).filter((p) => p.end !== null);
          const kase = { priority, receivedAt: received, policyVersion: DEFAULT_POLICY.version, pauses: pauseList };
          const when = received + afterMinutes * 60_000;
          const status = slaStatusAt(kase, DEFAULT_POLICY, engine, when);
          for (const target of [status.response, status.resolution]) {
            if (target.countsFrom === null || target.amountMs === null) continue;
            const used = refUsed(ref, target.measure === 'clock' ? 'clock' : 'business', target.countsFrom, when, pauseList);
            expect(target.elapsedMs).toBe(used);
            expect(target.remainingMs).toBe(target.amountMs - used);
            expect(target.breached).toBe(target.dueAt !== null && when > target.dueAt);
            // Events are predictions from what is known at `when`: later pauses are not known yet and a
            // pause running then has no end yet. Check them against that same knowledge.
            const known = {
              ...kase,
              pauses: pauseList.filter((p) => p.start <= when).map((p) => ({ start: p.start, end: p.end !== null && p.end <= when ? p.end : null })),
            };
            for (const event of target.events) {
              const before = slaStatusAt(known, DEFAULT_POLICY, engine, event.at - 1)[target.kind];
              const after = slaStatusAt(known, DEFAULT_POLICY, engine, event.at)[target.kind];
              if (event.kind === 'breach') expect([before.breached, after.breached]).toEqual([false, true]);
              else if (event.threshold === '75% used') {
                const mark = Math.round(0.75 * target.amountMs);
                expect([(before.elapsedMs as number) < mark, (after.elapsedMs as number) >= mark]).toEqual([true, true]);
              } else {
                expect(event.threshold).toBe('30 minutes left');
                expect([(before.remainingMs as number) > 1_800_000, (after.remainingMs as number) <= 1_800_000]).toEqual([true, true]);
              }
            }
          }
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

/** Unpaused time in [from, to): the reference's own count, segment by segment. */
function refUsed(cal: RefCalendar, unit: 'clock' | 'business', from: number, to: number, pauseList: readonly RefPause[]): number {
  if (to <= from) return 0;
  const segments: [number, number][] = [];
  if (unit === 'clock') segments.push([from, to]);
  else {
    for (const [s, e] of cal.intervalsFrom(from)) {
      if (s >= to) break;
      if (e > from) segments.push([Math.max(s, from), Math.min(e, to)]);
    }
  }
  let used = 0;
  for (const [s, e] of segments) {
    // Walk the segment minute-free: cut out every pause, merging overlapping ones as we go.
    let cursor = s;
    const cuts = pauseList.map((p) => [Math.max(p.start, s), Math.min(p.end ?? Infinity, e)] as [number, number]).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
    for (const [a, b] of cuts) {
      if (a > cursor) used += a - cursor;
      cursor = Math.max(cursor, b);
    }
    if (e > cursor) used += e - cursor;
  }
  return used;
}
