/**
 * Reports over about five years of a large district: the demo generator's `--years 5 --scale 50`
 * (about a million cases with their histories and facts), on SQLite and on PostgreSQL. Measured
 * through `core.dispatch` as a supervisor: the SLA compliance report over all five years, warm
 * (targets: < 1 s on PostgreSQL, < 2 s on SQLite, the slowest of the warm runs), and the other
 * reports; also what the first report after a start costs (reading the facts into memory) and the
 * memory the facts take.
 *
 * BENCH_REPORTS_SCALE changes the scale (default 50); BENCH_REPORTS_DB=sqlite or postgres runs one
 * database only. BENCH_REPORTS_ON=<SQLite file or postgres:// URL> measures a district already
 * written (e.g. by `npm run cli -- seed --demo --years 5 --scale 50 --db FILE`) instead of
 * writing one. Run: npm run bench -- reports (about 30 minutes on two cores).
 */
import { seedDemoDistrict, demoSize } from '../electron/core/demo/demo-district';
import type { Core } from '../electron/core/core';
import { SlaDesk } from '../electron/core/sla-desk';
import { ManualClock } from '../electron/core/clock';
import { startCore } from '../electron/core/core';
import type { ComplianceReport } from '../shared/reports';
import { benchPostgres, onFreshDatabase, type BenchDatabaseKind } from './bench-database';
import { percentile, report, timeEach, type Check } from './bench-kit';

const NOW = Date.parse('2026-11-30T21:00:00Z');
const YEARS = 5;
const SCALE = Number(process.env.BENCH_REPORTS_SCALE ?? 50);
const WARM_RUNS = 10;
const TARGET_MS: Record<BenchDatabaseKind, number> = { postgres: 1_000, sqlite: 2_000 };
const FIVE_YEARS = { from: '2021-12-01', to: '2026-11-30' };
const LAST_YEAR = { from: '2025-12-01', to: '2026-11-30' };

interface Figures {
  cases: number;
  fillSeconds: number;
  firstMs: number;
  factsMb: number;
  /** PostgreSQL: reading the case words into memory behind the facts (case-words.ts); nothing on SQLite. */
  wordsMs: number;
  wordsMb: number;
  sla: number[];
  slaWeek: number[];
  narrowed: number[];
  trends: number[];
  weaknesses: number[];
  search: number[];
}

async function main(): Promise<void> {
  const on = process.env.BENCH_REPORTS_ON;
  if (on) return measureExisting(on);
  const only = process.env.BENCH_REPORTS_DB;
  const kinds = (['sqlite', 'postgres'] as const).filter((k) => !only || only === k);
  const pg = benchPostgres('bench-reports');
  const checks: Check[] = [];
  const lines: string[] = [];
  try {
    for (const kind of kinds) {
      const f = await onFreshDatabase(kind, pg.adminUrl, NOW, (core, restart) => measure(core, restart, kind));
      lines.push(`${kind}: ${f.cases.toLocaleString('en-US')} cases written in ${f.fillSeconds.toFixed(0)} s; ${figuresLine(f)}`);
      checks.push({ name: `${kind}: SLA compliance, ${f.cases.toLocaleString('en-US')} cases, warm (slowest run)`, value: Math.max(...f.sla), unit: 'ms', target: TARGET_MS[kind], better: 'lower' });
      checks.push({ name: `${kind}: trends, same cases, warm (slowest run)`, value: Math.max(...f.trends), unit: 'ms', target: TARGET_MS[kind], better: 'lower' });
    }
  } finally {
    await pg.stop();
  }
  for (const line of lines) console.log(`  ${line}`);
  process.exitCode = report('Reports over five years of a large district (in the core)', checks) ? 0 : 1;
}

async function measure(seeding: Core, restart: () => Promise<Core>, kind: BenchDatabaseKind): Promise<Figures> {
  const started = Date.now();
  const result = await seedDemoDistrict(seeding.dataSource, new SlaDesk(), NOW, demoSize(YEARS, SCALE), undefined, (written, total) => {
    if (written === total || written % 100_000 < 2_000) process.stderr.write(`  ${kind}: ${written.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} cases\n`);
  });
  if (kind === 'postgres') await seeding.dataSource.query('VACUUM ANALYZE');
  const fillSeconds = (Date.now() - started) / 1000;
  // A console started on the district's database: the first report reads the facts into memory.
  return { ...(await measureOn(await restart())), cases: result.openCases + result.closedCases, fillSeconds };
}

async function measureExisting(on: string): Promise<void> {
  const kind: BenchDatabaseKind = on.startsWith('postgres') ? 'postgres' : 'sqlite';
  const database = kind === 'postgres' ? { kind, url: on } : { kind, file: on };
  const core = await startCore({ database, clock: new ManualClock(NOW), log: () => undefined });
  try {
    const [row] = await core.dataSource.query('SELECT count(*) AS n FROM help_case');
    const f = { ...(await measureOn(core)), cases: Number(row?.n ?? 0), fillSeconds: 0 };
    console.log(`  ${kind} (${on.replace(/:[^:@/]*@/, ':***@')}): ${f.cases.toLocaleString('en-US')} cases; ${figuresLine(f)}`);
    const ok = report('Reports over a district already written (in the core)', [
      { name: `${kind}: SLA compliance, ${f.cases.toLocaleString('en-US')} cases, warm (slowest run)`, value: Math.max(...f.sla), unit: 'ms', target: TARGET_MS[kind], better: 'lower' },
      { name: `${kind}: trends, same cases, warm (slowest run)`, value: Math.max(...f.trends), unit: 'ms', target: TARGET_MS[kind], better: 'lower' },
    ]);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await core.close();
  }
}

async function measureOn(core: Core): Promise<Omit<Figures, 'cases' | 'fillSeconds'>> {
  // The district's own supervisor where there is one (a district measured as it is is left as it was).
  const [existing] = await core.dataSource.query(`SELECT id FROM staff_member WHERE role = 'supervisor' ORDER BY id LIMIT 1`);
  const sup = existing ? { id: Number(existing.id) } : await core.services.staff.create({ name: 'Bench Supervisor', role: 'supervisor' });
  const ask = async (channel: string, input: unknown) => {
    const r = await core.dispatch(channel, input, { actorId: sup.id });
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value;
  };
  const heapBefore = process.memoryUsage();
  const t0 = process.hrtime.bigint();
  const first = (await ask('reports.sla', { filter: FIVE_YEARS })) as ComplianceReport;
  const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const heapAfter = process.memoryUsage();
  const factsMb = (heapAfter.arrayBuffers - heapBefore.arrayBuffers) / 1024 / 1024;
  // The words follow the facts in the background: waited for, so the warm runs are timed alone.
  const w0 = process.hrtime.bigint();
  await core.services.reports.ready();
  const wordsMs = Number(process.hrtime.bigint() - w0) / 1e6;
  const wordsMb = (process.memoryUsage().arrayBuffers - heapAfter.arrayBuffers) / 1024 / 1024;
  const runs = Array.from({ length: WARM_RUNS }, (_, i) => i);
  const building = first.groups.building[0]?.key;
  return {
    firstMs,
    factsMb,
    wordsMs,
    wordsMb,
    sla: await timeEach(runs, () => ask('reports.sla', { filter: FIVE_YEARS })),
    slaWeek: await timeEach(runs, () => ask('reports.sla', { filter: FIVE_YEARS, period: 'week' })),
    narrowed: await timeEach(runs, () => ask('reports.sla', { filter: { ...LAST_YEAR, buildingIds: building ? [Number(building)] : [] } })),
    trends: await timeEach(runs, () => ask('reports.trends', { filter: FIVE_YEARS })),
    weaknesses: await timeEach(runs, () => ask('reports.weaknesses', { filter: LAST_YEAR })),
    search: await timeEach(runs, (i) => ask('cases.search', { offset: i * 50 })),
  };
}

function figuresLine(f: Figures): string {
  const ms = (samples: number[]) => `p50 ${percentile(samples, 50).toFixed(0)} / max ${Math.max(...samples).toFixed(0)} ms`;
  return (
    `first report after a start ${(f.firstMs / 1000).toFixed(1)} s (facts read into memory: ${f.factsMb.toFixed(0)} MB)${f.wordsMb >= 1 ? `, then the case words in ${(f.wordsMs / 1000).toFixed(1)} s (${f.wordsMb.toFixed(0)} MB)` : ''}; warm, ${WARM_RUNS} runs each: ` +
    `SLA 5 years by month ${ms(f.sla)}, by week ${ms(f.slaWeek)}, last year one building ${ms(f.narrowed)}, trends 5 years ${ms(f.trends)}, ` +
    `weaknesses last year ${ms(f.weaknesses)}, case search newest first ${ms(f.search)}`
  );
}

void main();
