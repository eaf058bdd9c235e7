/**
 * Breach forecast benchmark: `npm run bench -- forecast`.
 *
 * 10,000 open cases (a tenth unassigned, a tenth paused, the rest spread over 50 technicians, some
 * with an absence or shorter hours) and handling times learned from 20,000 resolved cases over 30
 * categories. Times the core only (no database): the full forecast from its inputs (a new
 * forecaster each run: horizon, working spans, every schedule, the pool, every case's verdict and
 * words), and a trial move of one case between two technicians on a forecaster already built.
 * Targets (issue 14): full < 200 ms, trial move < 50 ms, at the 95th percentile.
 */
import os from 'node:os';
import { DateTime } from 'luxon';
import { BreachForecaster } from '../electron/core/forecast/breach-forecaster';
import type { OpenCaseInput, TechnicianInput } from '../electron/core/forecast/forecast-types';
import { HandlingTimes, type HandlingSample } from '../electron/core/forecast/handling-times';
import { staffCalendar } from '../electron/core/availability/working-time';
import { compiledCalendar, DEFAULT_CALENDAR_SPEC } from '../electron/core/sla';
import type { CaseStatus, Priority } from '../shared/domain';
import { percentile, random, report, timeEach } from './bench-kit';

const CASES = 10_000;
const TECHNICIANS = 50;
const CATEGORIES = 30;
const RUNS = 40;
const MOVES = 200;
const MAX_FULL_MS = 200;
const MAX_MOVE_MS = 50;
const HOUR = 3_600_000;

const next = random(14);
const now = DateTime.fromISO('2026-12-02T10:30', { zone: 'America/Chicago' }).toMillis();
const desk = compiledCalendar(DEFAULT_CALENDAR_SPEC);
const halfDays = { ...DEFAULT_CALENDAR_SPEC.weeklyHours, mon: [{ open: '07:00', close: '12:00' }], wed: [{ open: '07:00', close: '12:00' }], fri: [{ open: '07:00', close: '12:00' }] };

const technicians: TechnicianInput[] = [];
for (let id = 1; id <= TECHNICIANS; id++) {
  const absences: [number, number][] = id % 7 === 0 ? [[now + HOUR, now + 5 * HOUR]] : [];
  technicians.push({ id, name: `Technician ${id}`, calendar: staffCalendar(DEFAULT_CALENDAR_SPEC, id % 5 === 0 ? halfDays : null), absences });
}

const samples: HandlingSample[] = [];
for (let i = 0; i < 20_000; i++) {
  samples.push({ categoryId: 1 + Math.floor(next() * CATEGORIES), priority: (1 + Math.floor(next() * 5)) as Priority, workMs: Math.round((0.1 + next() ** 2 * 6) * HOUR) });
}
const handling = new HandlingTimes(samples);

const RUNNING: CaseStatus[] = ['new', 'acknowledged', 'in_progress'];
const HELD: CaseStatus[] = ['pending_user_response', 'awaiting_parts', 'long_term_project'];
const cases: OpenCaseInput[] = [];
for (let id = 1; id <= CASES; id++) {
  const held = next() < 0.1;
  const status = held ? (HELD[id % HELD.length] as CaseStatus) : (RUNNING[id % RUNNING.length] as CaseStatus);
  const due = now + Math.round((next() * 60 - 4) * HOUR);
  cases.push({
    id,
    priority: (2 + Math.floor(next() * 4)) as Priority,
    categoryId: 1 + Math.floor(next() * CATEGORIES),
    status,
    assigneeId: next() < 0.1 ? null : 1 + Math.floor(next() * TECHNICIANS),
    responseDueAt: status === 'new' ? now + Math.round((next() * 20 - 2) * HOUR) : null,
    resolutionDueAt: held && status !== 'awaiting_parts' ? null : due,
  });
}
const input = { now, desk, cases, technicians, handling };

async function main(): Promise<void> {
// Warm up (JIT, the calendars' compiled years), then measure.
for (let i = 0; i < 5; i++) new BreachForecaster(input).full();
const full = await timeEach(Array.from({ length: RUNS }), () => new BreachForecaster(input).full());

const forecaster = new BreachForecaster(input);
const baseline = forecaster.full();
const assigned = cases.filter((c) => c.assigneeId !== null && !HELD.includes(c.status));
const moves = Array.from({ length: MOVES }, () => {
  const c = assigned[Math.floor(next() * assigned.length)] as OpenCaseInput;
  return { caseId: c.id, assigneeId: ((c.assigneeId as number) % TECHNICIANS) + 1 };
});
for (const move of moves.slice(0, 10)) forecaster.withMoves([move]);
const move = await timeEach(moves, (m) => forecaster.withMoves([m]));
const fiveMoves = await timeEach(Array.from({ length: 40 }, (_, i) => moves.slice(i, i + 5)), (ms) => forecaster.withMoves(ms));

const likely = baseline.cases.filter((c) => c.verdict === 'likely').length;
const atRisk = baseline.cases.filter((c) => c.verdict === 'at_risk').length;
console.log(`${CASES} open cases, ${TECHNICIANS} technicians, ${samples.length} resolved cases learned; ${likely} likely to breach, ${atRisk} at risk`);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; node ${process.version}`);
console.log(`full forecast: p50 ${percentile(full, 50).toFixed(1)} ms, p95 ${percentile(full, 95).toFixed(1)} ms over ${RUNS} runs`);
console.log(`one trial move: p50 ${percentile(move, 50).toFixed(2)} ms, p95 ${percentile(move, 95).toFixed(2)} ms over ${MOVES} moves`);
console.log(`five trial moves at once: p50 ${percentile(fiveMoves, 50).toFixed(2)} ms, p95 ${percentile(fiveMoves, 95).toFixed(2)} ms`);
const ok = report('Breach forecast (core)', [
  { name: 'full forecast, 10,000 cases, 50 technicians (p95)', value: percentile(full, 95), unit: 'ms', target: MAX_FULL_MS, better: 'lower' },
  { name: 'one trial move (p95)', value: percentile(move, 95), unit: 'ms', target: MAX_MOVE_MS, better: 'lower' },
]);
process.exitCode = ok ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
