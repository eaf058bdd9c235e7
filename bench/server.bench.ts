/**
 * The district server under a desk's load: 200 signed-in consoles, each with its event stream
 * open, against one `npm run server` process (its own process, as in production) on PostgreSQL.
 * Each console does what the console's queue store does (queue-store.ts): it holds the whole
 * queue and its cursor; it takes the core's `queue.changed` when `from` is its cursor, and asks
 * `queue.changes` itself only when a delta comes from another cursor or a `cases.changed` is not
 * brought in by a delta within DELTA_WAIT_MS (fallback calls, counted). Its person opens a case,
 * reads the queue or refreshes it every 10 s on average. The desk as a whole edits a case every
 * second (a new summary, from a random console); every edit must reach every console's queue.
 * BENCH_QUEUE=ask runs the earlier rule instead: every console asks `queue.changes` on every
 * `cases.changed` (one at a time, later events folded into one follow-up): 200 calls per edit.
 * Targets: call latency p99 < 50 ms; an edit in every console's queue within 1 s (p99 over all
 * edits × consoles); the session check itself (one indexed read) adds < 1 ms per call, on average.
 *
 * PostgreSQL: DESKWATCH_BENCH_PG_URL (an admin URL whose user may create databases), else a
 * private cluster started for the run. Run: npm run bench -- server
 */
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { systemClock } from '../electron/core/clock';
import { startCore, type Core } from '../electron/core/core';
import { createAuthServices } from '../electron/core/auth';
import { seedDemoDistrict } from '../electron/core/demo/demo-district';
import { SlaDesk } from '../electron/core/sla-desk';
import { STAFF_ROLES, type StaffRole } from '../shared/domain';
import { decodeQueueRow, type QueuePage } from '../shared/queue-rows';
import { createTestDatabase, startPrivateCluster } from '../tests/support/postgres-server';
import { serialRefresh } from '../renderer/src/stores/refresh-queue';
import { percentile, random, report, timeEach } from './bench-kit';
import { openEventStream, sleep, startServer, stopServer } from './server-process';

const CONSOLES = 200;
const RUN_MS = 20_000;
/** Each person's mean pause between their own actions (exponential). */
const MEAN_THINK_MS = 10_000;
/** The whole desk's edits: 3,600 an hour, a busy district desk's peak. */
const EDIT_EVERY_MS = 1_000;
const SESSION_CHECKS = 2_000;
/** `push`: the consoles take the core's `queue.changed`; `ask`: each asks `queue.changes` on every change (the earlier rule). */
const MODE: 'push' | 'ask' = process.env.BENCH_QUEUE === 'ask' ? 'ask' : 'push';
/** queue-store.ts's DELTA_WAIT_MS (not imported: the store pulls in the renderer). */
const DELTA_WAIT_MS = 1_000;

interface QueueDelta {
  from: string;
  page: QueuePage;
}

interface BenchConsole {
  token: string;
  agent: http.Agent;
  cursor: string;
  /** The open cases this console's queue holds: id → version. */
  versions: Map<number, number>;
  /** "id@version" → when this console's queue took it. */
  heard: Map<string, number>;
  stream: http.ClientRequest | null;
  /** Deltas heard and not yet taken, oldest first. */
  deltas: QueueDelta[];
  /** Changed cases announced and not yet in the queue: id → version. */
  waiting: Map<number, number>;
  waitTimer: NodeJS.Timeout | null;
  waitOver: boolean;
  /** Brings the queue up to date, one run at a time (refresh-queue.ts's rule). */
  sync: () => void;
}

async function main(): Promise<void> {
  const adminUrl = process.env.DESKWATCH_BENCH_PG_URL;
  const cluster = adminUrl ? null : await startPrivateCluster('bench-server');
  const database = await createTestDatabase(adminUrl ?? (cluster as { adminUrl: string }).adminUrl);
  let server: ChildProcess | null = null;
  const consoles: BenchConsole[] = [];
  try {
    const seeding = await startCore({ database: { kind: 'postgres', url: database.url }, clock: systemClock, log: () => undefined, mode: 'server' });
    const seeded = await seedDemoDistrict(seeding.dataSource, new SlaDesk(), Date.now());
    const caseIds = await openCaseIds(seeding);
    const tokens = await signInConsoles(seeding);
    const sessionCheck = await measureSessionCheck(seeding, tokens);
    await seeding.close();
    console.log(`  demo district: ${seeded.openCases} open and ${seeded.closedCases} closed cases; ${CONSOLES} consoles signed in`);

    const started = await startServer(database.url);
    server = started.child;
    const origin = started.origin;

    const latencies: number[] = [];
    const byChannel = new Map<string, number[]>();
    const edits: { key: string; sentAt: number }[] = [];
    let fallbackCalls = 0;
    let deltasTaken = 0;
    let deltasHeard = 0;
    const timed = async <T>(c: BenchConsole, channel: string, input: unknown): Promise<{ ok: true; value: T }> => {
      const start = process.hrtime.bigint();
      const answer = await call<T>(origin, c, channel, input);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      latencies.push(ms);
      byChannel.set(channel, [...(byChannel.get(channel) ?? []), ms]);
      return answer;
    };
    let measuring = false;
    for (const token of tokens) {
      const c: BenchConsole = {
        token,
        agent: new http.Agent({ keepAlive: true, maxSockets: 2, timeout: 4_000 }),
        cursor: '',
        versions: new Map(),
        heard: new Map(),
        stream: null,
        deltas: [],
        waiting: new Map(),
        waitTimer: null,
        waitOver: false,
        sync: () => undefined,
      };
      // The queue store's own rule (refresh-queue.ts): one read at a time, events meanwhile fold into one more.
      const refresh = serialRefresh(async () => {
        if (!measuring) return;
        let ask = false;
        if (MODE === 'ask') {
          ask = c.waiting.size > 0;
          c.waiting.clear();
        } else {
          for (const delta of c.deltas.splice(0)) {
            if (delta.page.cursor === c.cursor) continue;
            if (delta.from === c.cursor) {
              take(c, delta.page);
              deltasTaken++;
            } else ask = true;
          }
          if (c.waitOver) {
            c.waitOver = false;
            if ([...c.waiting].some(([id, version]) => (c.versions.get(id) ?? 0) < version)) ask = true;
            c.waiting.clear();
          }
          if (ask) fallbackCalls++;
        }
        if (ask) take(c, (await timed<QueuePage>(c, 'queue.changes', { since: c.cursor })).value);
      });
      c.sync = () => void refresh().catch((error: unknown) => console.error(error));
      consoles.push(c);
    }
    const onEvent = (c: BenchConsole, name: string, payload: unknown) => {
      if (name === 'queue.changed') {
        deltasHeard++;
        c.deltas.push(payload as QueueDelta);
        c.sync();
        return;
      }
      if (name !== 'cases.changed') return;
      const { caseId, version } = payload as { caseId: number; version: number };
      if ((c.versions.get(caseId) ?? 0) >= version) return;
      c.waiting.set(caseId, Math.max(version, c.waiting.get(caseId) ?? 0));
      if (MODE === 'ask') c.sync();
      else
        c.waitTimer ??= setTimeout(() => {
          c.waitTimer = null;
          c.waitOver = true;
          c.sync();
        }, DELTA_WAIT_MS);
    };
    await Promise.all(
      consoles.map(async (c) => {
        c.stream = await openEventStream(origin, { authorization: `Bearer ${c.token}` }, (name, payload) => onEvent(c, name, payload));
      }),
    );
    // Each console holds the whole queue, as the queue screen does once it is open.
    for (const c of consoles) take(c, (await call<QueuePage>(origin, c, 'queue.rows', {})).value);
    const versions = new Map(consoles[0]?.versions ?? []);

    const rand = random(2026);
    const stopAt = Date.now() + RUN_MS;
    measuring = true;

    const consoleLoop = async (c: BenchConsole) => {
      while (Date.now() < stopAt) {
        await sleep(-Math.log(1 - rand()) * MEAN_THINK_MS);
        if (Date.now() >= stopAt) break;
        const pick = rand();
        if (pick < 0.5) await timed(c, 'cases.get', { id: caseIds[Math.floor(rand() * caseIds.length)] as number });
        else if (pick < 0.75) await timed(c, 'queue.rows', { limit: 100 });
        else take(c, (await timed<QueuePage>(c, 'queue.changes', { since: c.cursor })).value);
      }
    };
    const editLoop = async () => {
      let n = 0;
      while (Date.now() < stopAt - 1_500) {
        await sleep(EDIT_EVERY_MS);
        const editor = consoles[Math.floor(rand() * consoles.length)] as BenchConsole;
        const id = caseIds[n++ % caseIds.length] as number;
        const sentAt = performance.now();
        const answer = await timed<{ id: number; version: number }>(editor, 'cases.update', { id, version: versions.get(id) as number, summary: `Checked again (${n})` });
        versions.set(id, answer.value.version);
        edits.push({ key: `${answer.value.id}@${answer.value.version}`, sentAt });
      }
    };
    await Promise.all([...consoles.map(consoleLoop), editLoop()]);
    await sleep(1_500 + DELTA_WAIT_MS);
    measuring = false;

    const reach: number[] = [];
    let missed = 0;
    for (const edit of edits) {
      for (const c of consoles) {
        const at = c.heard.get(edit.key);
        if (at === undefined) missed++;
        else reach.push(at - edit.sentAt);
      }
    }
    console.log(`  ${latencies.length} calls in ${RUN_MS / 1000} s (${Math.round(latencies.length / (RUN_MS / 1000))}/s); ${edits.length} edits × ${CONSOLES} consoles; ${missed} deliveries missed`);
    console.log(`  call latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms; edit reach p50 ${percentile(reach, 50).toFixed(0)} ms`);
    for (const [channel, samples] of byChannel) console.log(`  ${channel}: ${samples.length} calls, p50 ${percentile(samples, 50).toFixed(1)} ms, p99 ${percentile(samples, 99).toFixed(1)} ms`);
    if (MODE === 'push') console.log(`  queue.changed: ${deltasHeard} heard, ${deltasTaken} taken without a call; ${fallbackCalls} fallback queue.changes calls`);
    const sessionMean = sessionCheck.reduce((sum, ms) => sum + ms, 0) / sessionCheck.length;
    console.log(`  session check p50 ${percentile(sessionCheck, 50).toFixed(3)} ms, p95 ${percentile(sessionCheck, 95).toFixed(3)} ms, mean ${sessionMean.toFixed(3)} ms`);
    const ok = report(`District server, ${CONSOLES} consoles with open event streams (queue: ${MODE})`, [
      { name: 'queue and case calls, p99', value: percentile(latencies, 99), unit: 'ms', target: 50, better: 'lower' },
      { name: 'an edit in every console\'s queue, p99', value: missed ? Number.POSITIVE_INFINITY : percentile(reach, 99), unit: 'ms', target: 1_000, better: 'lower' },
      { name: 'session check added per call (mean of 2,000)', value: sessionMean, unit: 'ms', target: 1, better: 'lower' },
    ]);
    process.exitCode = ok ? 0 : 1;
  } finally {
    for (const c of consoles) {
      if (c.waitTimer) clearTimeout(c.waitTimer);
      c.stream?.destroy();
      c.agent.destroy();
    }
    if (server) await stopServer(server);
    await database.drop();
    await cluster?.stop();
  }
}

/** Takes an answer of `queue.rows` / `queue.changes` (or the same page pushed as `queue.changed`) into the console's queue. */
function take(c: BenchConsole, page: QueuePage): void {
  if (page.full) c.versions.clear();
  const now = performance.now();
  for (const wire of page.rows) {
    const row = decodeQueueRow(wire);
    if ((c.versions.get(row.id) ?? 0) > row.version) continue;
    c.versions.set(row.id, row.version);
    if (!c.heard.has(`${row.id}@${row.version}`)) c.heard.set(`${row.id}@${row.version}`, now);
  }
  for (const id of page.removed) c.versions.delete(id);
  c.cursor = page.cursor;
}

async function openCaseIds(core: Core): Promise<number[]> {
  const rows = (await core.dataSource.query(`SELECT id FROM help_case WHERE status NOT IN ('resolved', 'closed') ORDER BY id`)) as { id: number }[];
  return rows.map((r) => Number(r.id));
}

/** 200 staff members (agents, technicians, supervisors) with a desktop session each, as a sign-in leaves them. */
async function signInConsoles(core: Core): Promise<string[]> {
  const auth = createAuthServices(core.dataSource, core.clock);
  const tokens: string[] = [];
  for (let i = 0; i < CONSOLES; i++) {
    const role: StaffRole = STAFF_ROLES[i % STAFF_ROLES.length] as StaffRole;
    const member = await core.services.staff.create({ name: `Console ${i + 1}`, role });
    const issued = await auth.sessions.issue(member.id, { method: 'password', client: 'desktop', lifetimeMs: 12 * 3_600_000, idleMs: 3_600_000 });
    tokens.push(issued.token);
  }
  return tokens;
}

/** The check every call pays: a token resolved to its session and staff member. */
async function measureSessionCheck(core: Core, tokens: string[]): Promise<number[]> {
  const auth = createAuthServices(core.dataSource, core.clock);
  const picks = Array.from({ length: SESSION_CHECKS }, (_, i) => tokens[i % tokens.length] as string);
  await timeEach(picks.slice(0, 200), (t) => auth.sessions.resolve(t));
  return timeEach(picks, async (t) => {
    if (!(await auth.sessions.resolve(t))) throw new Error('a bench session did not resolve');
  });
}

function call<T>(origin: string, c: BenchConsole, channel: string, input: unknown): Promise<{ ok: true; value: T }> {
  const body = JSON.stringify({ input });
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${origin}/api/invoke/${channel}`,
      { method: 'POST', agent: c.agent, headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const answer = JSON.parse(text) as { ok: boolean; value: T; error?: { message: string } };
          if (!answer.ok) reject(new Error(`${channel}: ${answer.error?.message}`));
          else resolve(answer as { ok: true; value: T });
        });
      },
    );
    req.on('error', (error) => reject(new Error(`${channel}: ${error.message}`, { cause: error })));
    req.end(body);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
