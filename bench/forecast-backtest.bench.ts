/**
 * Breach forecast backtest: `npm run bench -- forecast-backtest`.
 *
 * Builds the demo district (electron/core/demo: a year of resolved cases with their whole
 * histories) on a real SQLite file, reads the histories back, and for each business day D from
 * the second month to three weeks before "now" forecasts D from the close of the business day
 * before, learning handling times only from cases resolved by then (electron/core/forecast/
 * forecast-backtest.ts). The demo's technicians have no hours of their own: the desk's hours are
 * used, with no absences. Prints recall and false alarms, overall and by priority; the method and
 * the figures are in docs/forecast.md. Not a pass/fail benchmark: it fails only if it cannot run.
 */
import { In } from 'typeorm';
import { DateTime } from 'luxon';
import { staffCalendar } from '../electron/core/availability/working-time';
import { seedDemoDistrict } from '../electron/core/demo/demo-district';
import { StaffEntity } from '../electron/core/db/entities';
import { readHistory } from '../electron/core/forecast/backtest-history';
import { runBacktest, type Tally } from '../electron/core/forecast/forecast-backtest';
import { compiledCalendar, DEFAULT_CALENDAR_SPEC } from '../electron/core/sla';
import { SlaDesk } from '../electron/core/sla-desk';
import { PRIORITIES } from '../shared/domain';
import { benchPostgres, onFreshDatabase } from './bench-database';

const NOW = DateTime.fromISO('2026-12-01T12:00', { zone: 'America/Chicago' }).toMillis();
const DAY = 86_400_000;

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
const line = (label: string, t: Tally) =>
  `  ${label.padEnd(12)} due ${String(t.due).padStart(5)}  breaches ${String(t.breaches).padStart(5)}  named ${String(t.named).padStart(5)}  hits ${String(t.hits).padStart(5)}  recall ${pct(t.breaches ? t.hits / t.breaches : null).padStart(7)}  false alarms ${pct(t.named ? (t.named - t.hits) / t.named : null).padStart(7)}  (with at risk: flagged ${t.flagged}, hits ${t.flaggedHits})  later arrivals ${t.laterArrivals}`;

async function main(): Promise<void> {
  const pg = benchPostgres('forecast-backtest');
  const started = Date.now();
  await onFreshDatabase('sqlite', pg.adminUrl, NOW, async (core) => {
    const seeded = await seedDemoDistrict(core.dataSource, new SlaDesk(), NOW);
    const history = await readHistory(core.dataSource);
    const staff = await core.dataSource.getRepository(StaffEntity).find({ where: { role: In(['technician']), active: true } });
    const technicians = staff.map((s) => ({ id: s.id, name: s.name, calendar: staffCalendar(DEFAULT_CALENDAR_SPEC, null), absences: [] }));
    const first = Math.min(...history.map((c) => c.receivedAt));
    const from = Math.max(first + 30 * DAY, NOW - 335 * DAY);
    const to = NOW - 21 * DAY;
    const t0 = Date.now();
    const report = runBacktest(history, { desk: compiledCalendar(DEFAULT_CALENDAR_SPEC), sla: new SlaDesk(), technicians, from, to });
    const ran = Date.now() - t0;
    const day = (t: number) => DateTime.fromMillis(t, { zone: 'America/Chicago' }).toISODate();
    console.log(`demo district: ${JSON.stringify(seeded)}; ${history.length} finished cases read back; ${technicians.length} technicians on the desk's hours`);
    console.log(`forecast days: ${report.days} business days, ${day(from)} to ${day(to)} (backtest ran in ${(ran / 1000).toFixed(1)} s; ${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
    console.log(line('all', report.total));
    for (const p of PRIORITIES) console.log(line(`priority ${p}`, report.byPriority[p]));
    console.log(`recall ${pct(report.recall)}, false alarms ${pct(report.falseAlarmShare)}; counting at risk too: recall ${pct(report.recallWithAtRisk)}, false alarms ${pct(report.falseAlarmShareWithAtRisk)}`);
  });
  await pg.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
