/**
 * SLA engine benchmark: `npx tsx bench/sla.bench.ts`.
 *
 * Workload after zendesk/biz's benchmark/speed: the instant 1, 100 and 10,000 business hours after
 * an origin, on Mon–Fri 07:00–17:00 America/Chicago, with 0 and with 200 closure dates. The same
 * origins go through Deskwatch's compiled calendar and through moment-business-time (the nearest
 * npm peer) in one run, and every answer the peer gives is checked against ours: both model exactly
 * this case (weekly hours plus whole-day holidays, local time, minute origins). The peer has no
 * intake cutoff, pauses or business-day length, so whole-case deadlines are timed for us alone.
 *
 * Prints a table and exits 1 when a target is missed: ≥ 50× the peer's throughput, ≥ 1,000,000
 * deadline computations per second, 100,000 open cases recomputed in < 200 ms, full agreement.
 */
// moment-business-time works in the process's local zone; Node applies a runtime TZ change to Date.
process.env.TZ = 'America/Chicago';

import os from 'node:os';
import moment from 'moment';
import 'moment-business-time';
import { BusinessCalendar } from '../electron/core/sla/business-calendar';
import { DEFAULT_CALENDAR_SPEC, type CalendarSpec } from '../electron/core/sla/calendar-spec';
import { defaultBusinessCalendar } from '../electron/core/sla/calendar-cache';
import { computeDeadlines, type SlaCase } from '../electron/core/sla/case-deadlines';
import { DEFAULT_POLICY } from '../electron/core/sla/sla-policy';
import type { Priority } from '../shared/domain';
import { random } from './bench-kit';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const TARGET_HOURS = [1, 100, 10_000] as const;
const CLOSURE_COUNTS = [0, 200] as const;
const MIN_SPEEDUP = 50;
const MIN_OPS_PER_SECOND = 1_000_000;
const MAX_RECOMPUTE_MS = 200;
const OPEN_CASES = 100_000;

if (new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset() !== 360 || new Date(Date.UTC(2026, 6, 15)).getTimezoneOffset() !== 300) {
  console.error('bench: could not switch the process to America/Chicago (TZ); moment-business-time would compute in another zone');
  process.exit(1);
}

/** 200 weekday closure dates spread over 2026–2031, the span the 10,000-hour targets cross. */
function closureDates(count: number): string[] {
  const next = random(200);
  const dates = new Set<string>();
  while (dates.size < count) {
    const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(next() * 6 * 365) * DAY);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) dates.add(day.toISOString().slice(0, 10));
  }
  return [...dates].sort();
}

/** Origins over 2026 at whole minutes (the peer steps in minutes), any day, any time of day. */
const ORIGINS = (() => {
  const next = random(1);
  return Float64Array.from({ length: 4096 }, () => Date.UTC(2026, 0, 1) + Math.floor(next() * 365 * 24 * 60) * 60_000);
})();

function specWith(closures: readonly string[]): CalendarSpec {
  return { ...DEFAULT_CALENDAR_SPEC, holidays: null, closures: closures.map((date) => ({ date })) };
}

function setPeerCalendar(closures: readonly string[]): void {
  const hours = ['07:00:00', '17:00:00'];
  moment.updateLocale('en', { workinghours: { 0: null, 1: hours, 2: hours, 3: hours, 4: hours, 5: hours, 6: null }, holidays: [...closures] } as never);
}

type PeerMoment = moment.Moment & { addWorkingTime(amount: number, unit: string): moment.Moment };

function peerAdd(origin: number, hours: number): number {
  return (moment(origin) as PeerMoment).addWorkingTime(hours, 'hours').valueOf();
}

let sink = 0;

/** Operations per second of `body(i)`, run in rounds of `round` until `budgetMs` has passed (at least `minOps`). */
function throughput(body: (i: number) => number, round: number, budgetMs: number, minOps = 1): number {
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs || ops < minOps) {
    for (let i = 0; i < round; i++) sink += body(ops + i);
    ops += round;
    elapsed = performance.now() - start;
  }
  return (ops / elapsed) * 1000;
}

interface Row {
  closures: number;
  hours: number;
  ours: number;
  peer: number;
  checked: number;
  mismatches: string[];
}

const rows: Row[] = [];
const started = performance.now();
let compileMs = 0;

for (const closureCount of CLOSURE_COUNTS) {
  const closures = closureDates(closureCount);
  const compileStart = performance.now();
  const calendar = new BusinessCalendar(specWith(closures));
  calendar.isOpen(ORIGINS[0] as number);
  compileMs = Math.max(compileMs, performance.now() - compileStart);
  setPeerCalendar(closures);
  for (const hours of TARGET_HOURS) {
    const ms = hours * HOUR;
    // Warm up: also compiles the calendar far enough ahead for the 10,000-hour targets.
    for (const origin of ORIGINS) sink += calendar.addBusinessMs(origin, ms);
    const ours = throughput((i) => calendar.addBusinessMs(ORIGINS[i & 4095] as number, ms), 100_000, 400);

    const mismatches: string[] = [];
    let checked = 0;
    const peerOrigin = random(hours * 1000 + closureCount);
    const peer = throughput(
      () => {
        const origin = ORIGINS[Math.floor(peerOrigin() * ORIGINS.length)] as number;
        const theirs = peerAdd(origin, hours);
        const mine = calendar.addBusinessMs(origin, ms);
        checked++;
        if (theirs !== mine && mismatches.length < 5) mismatches.push(`${new Date(origin).toISOString()} + ${hours} h: peer ${new Date(theirs).toISOString()}, ours ${new Date(mine).toISOString()}`);
        return theirs;
      },
      1,
      hours === 10_000 ? 1500 : 500,
      2,
    );
    rows.push({ closures: closureCount, hours, ours, peer, checked, mismatches });
  }
}

// Whole-case deadlines (clock start with the 4 PM cutoff, response and resolution, pauses) on the
// agreement's calendar with US + Missouri holidays: what a restart recomputes for every open case.
const cases: SlaCase[] = (() => {
  const next = random(7);
  return Array.from({ length: OPEN_CASES }, () => {
    const receivedAt = Date.UTC(2026, 0, 1) + Math.floor(next() * 365 * DAY);
    const priority = (1 + Math.floor(next() * 5)) as Priority;
    const kase: SlaCase = { priority, receivedAt, policyVersion: DEFAULT_POLICY.version };
    if (next() < 0.2) {
      const start = receivedAt + Math.floor(next() * 3 * DAY);
      kase.pauses = [{ start, end: start + Math.floor(next() * 2 * DAY) }];
    }
    return kase;
  });
})();
const defaultCalendar = defaultBusinessCalendar();
const recomputeAll = (): number => {
  const start = performance.now();
  for (const kase of cases) {
    const d = computeDeadlines(kase, DEFAULT_POLICY, defaultCalendar);
    sink += (d.response.dueAt ?? 0) + (d.resolution.dueAt ?? 0);
  }
  return performance.now() - start;
};
recomputeAll();
const recomputeRuns = Array.from({ length: 5 }, recomputeAll).sort((a, b) => a - b);
const recomputeBest = recomputeRuns[0] as number;
const recomputeMedian = recomputeRuns[2] as number;
const casesPerSecond = (OPEN_CASES / recomputeMedian) * 1000;

// A cold compile: a zone whose year layouts are not cached yet.
const coldStart = performance.now();
new BusinessCalendar({ ...specWith([]), zone: 'America/Denver' }).isOpen(Date.UTC(2026, 5, 1));
const coldCompileMs = performance.now() - coldStart;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const pad = (s: string, n: number): string => s.padStart(n);
console.log(`SLA engine benchmark — Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores (runs on one)`);
console.log('Business hours after an origin; Mon–Fri 07:00–17:00 America/Chicago; 4096 origins over 2026.\n');
console.log(`${'closures'.padEnd(9)}${pad('target', 9)}${pad('deskwatch ops/s', 18)}${pad('moment-business-time ops/s', 28)}${pad('speedup', 14)}${pad('agree', 12)}`);
for (const row of rows) {
  const agree = `${row.checked - row.mismatches.length}/${row.checked}`;
  console.log(
    `${String(row.closures).padEnd(9)}${pad(`${fmt(row.hours)} h`, 9)}${pad(fmt(row.ours), 18)}${pad(row.peer < 100 ? row.peer.toFixed(2) : fmt(row.peer), 28)}${pad(`${fmt(row.ours / row.peer)}×`, 14)}${pad(agree, 12)}`,
  );
}
console.log('');
console.log(`Whole-case deadlines (clock start + response + resolution, 20% with a pause): ${fmt(casesPerSecond)} cases/s`);
console.log(`Recompute ${fmt(OPEN_CASES)} open cases: best ${recomputeBest.toFixed(1)} ms, median ${recomputeMedian.toFixed(1)} ms`);
console.log(`Compile a calendar (3 years): ${compileMs.toFixed(1)} ms in this run; cold zone ${coldCompileMs.toFixed(1)} ms`);
console.log(`Total bench time: ${((performance.now() - started) / 1000).toFixed(1)} s`);

const failures: string[] = [];
for (const row of rows) {
  const cell = `${row.closures} closures, ${fmt(row.hours)} h`;
  if (row.ours / row.peer < MIN_SPEEDUP) failures.push(`${cell}: speedup ${(row.ours / row.peer).toFixed(1)}× < ${MIN_SPEEDUP}×`);
  if (row.ours < MIN_OPS_PER_SECOND) failures.push(`${cell}: ${fmt(row.ours)} ops/s < ${fmt(MIN_OPS_PER_SECOND)}`);
  for (const mismatch of row.mismatches) failures.push(`${cell}: disagreement ${mismatch}`);
}
if (recomputeMedian >= MAX_RECOMPUTE_MS) failures.push(`recompute ${fmt(OPEN_CASES)} cases: median ${recomputeMedian.toFixed(1)} ms ≥ ${MAX_RECOMPUTE_MS} ms`);
if (sink === 42) console.log('');
if (failures.length > 0) {
  console.error(`\nTARGETS MISSED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`\nAll targets met: ≥ ${MIN_SPEEDUP}× the peer, ≥ ${fmt(MIN_OPS_PER_SECOND)} deadlines/s, ${fmt(OPEN_CASES)} cases < ${MAX_RECOMPUTE_MS} ms, answers agree.`);
