/**
 * The SLA scheduler with 10,000 open cases (SQLite): how soon a console answers after start while
 * the catch-up runs behind it (target under 1 s), the work of one wake (target under 5 ms at the
 * 95th percentile) and the delay between an alert's due instant and its delivery with real
 * timers (target under 1 s). Run: npx tsx bench/scheduler.bench.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AlertBatch } from '../shared/alerts';
import { ManualClock, offsetClock } from '../electron/core/clock';
import { startCore } from '../electron/core/core';
import { seedDemoDistrict } from '../electron/core/demo/demo-district';
import { SlaDesk } from '../electron/core/sla-desk';
import { percentile, report } from './bench-kit';

const OPEN_CASES = 10_000;
const WAKES = 200;
const DELAY_CASES = 20;
const MINUTE = 60_000;
const idleTimers = { setTimeout: () => 0, clearTimeout: () => undefined };

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-bench-sched-'));
  const file = path.join(dir, 'sched.sqlite');
  const clock = new ManualClock(Date.parse('2026-11-30T15:00:00Z'));
  try {
    // 1. Work per wake: 10,000 open cases, stepping the clock from one due instant to the next.
    const core = await startCore({ database: { kind: 'sqlite', file }, clock, timers: idleTimers, log: () => undefined });
    await seedDemoDistrict(core.dataSource, new SlaDesk(), clock.now(), { callers: 2_000, openCases: OPEN_CASES, closedCases: 0 });

    // 0. Start-up: a console on a copy of the district, with the scheduler (whose catch-up looks at
    // every case) starting behind it; "usable" is startCore returned and a queue call answered.
    await core.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    const copy = path.join(dir, 'start.sqlite');
    fs.copyFileSync(file, copy);
    const s0 = performance.now();
    // The longest the event loop is held (no call can be answered) while the catch-up and the
    // first read of the queue run behind the console.
    let lastTick = performance.now();
    let stallMs = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      stallMs = Math.max(stallMs, now - lastTick);
      lastTick = now;
    }, 5);
    const starting = await startCore({ database: { kind: 'sqlite', file: copy }, clock, timers: idleTimers, scheduler: true, log: () => undefined });
    lastTick = performance.now();
    await starting.dispatch('staff.list', {});
    const usableMs = performance.now() - s0;
    await starting.services.queue.rows();
    const queueMs = performance.now() - s0;
    // A wake asked for while the catch-up runs waits for it; then the rest, 500 cases a wake (these timers never fire).
    for (let r = await starting.services.scheduler.wake(); r.casesLooked > 0; r = await starting.services.scheduler.wake());
    const catchUpMs = performance.now() - s0;
    clearInterval(ticker);
    await starting.close();
    console.log(
      `start with ${OPEN_CASES.toLocaleString()} open cases: usable after ${usableMs.toFixed(0)} ms, whole queue read after ${queueMs.toFixed(0)} ms, ` +
        `catch-up done behind it after ${catchUpMs.toFixed(0)} ms, longest stall meanwhile ${stallMs.toFixed(0)} ms`,
    );

    const t0 = performance.now();
    await core.services.scheduler.start();
    for (let r = await core.services.scheduler.wake(); r.casesLooked > 0; r = await core.services.scheduler.wake());
    console.log(`first look at ${OPEN_CASES.toLocaleString()} open cases (catch-up at start): ${(performance.now() - t0).toFixed(0)} ms`);
    const wakeMs: number[] = [];
    const looked: number[] = [];
    for (let i = 0; i < WAKES; i++) {
      const next = (await core.services.scheduler.wake()).nextWakeAt;
      clock.set(next === null ? clock.now() + MINUTE : Math.max(next, clock.now()));
      const start = performance.now();
      const r = await core.services.scheduler.wake();
      wakeMs.push(performance.now() - start);
      looked.push(r.casesLooked);
    }
    console.log(`${WAKES} wakes over ${((clock.now() - Date.parse('2026-11-30T15:00:00Z')) / 3_600_000).toFixed(1)} h of core time; cases per wake: median ${percentile(looked, 50)}, max ${Math.max(...looked)}`);
    const base = clock.now();
    const agent = (await core.services.staff.list()).find((s) => s.role === 'agent');
    // Priority 1 cases received 100 ms apart: their 75% warnings (45 clock minutes later) fall 100 ms apart.
    const p1 = { securityOrSafety: true, missionCritical: false, affected: 'one', workEffect: 'stopped' };
    for (let i = 0; i < DELAY_CASES; i++) {
      clock.set(base + i * 100);
      await core.dispatch('cases.create', { callerId: 1 + i, summary: `Delay probe ${i}`, wizard: p1, onCallNotified: true }, { actorId: agent?.id });
    }
    await core.services.scheduler.wake();
    await core.close();

    // 2. Delivery delay: restart 2 s before the first warning, with real timers and a clock running in real time.
    const warningAt = base + 45 * MINUTE;
    const live = await startCore({ database: { kind: 'sqlite', file }, clock: offsetClock(warningAt - 2_000), scheduler: true, log: () => undefined });
    const delays: number[] = [];
    await new Promise<void>((resolve) => {
      const stopAt = setTimeout(resolve, 10_000);
      live.events.subscribe((name, payload) => {
        if (name !== 'alerts.raised') return;
        for (const a of (payload as AlertBatch).alerts) {
          if (a.kind !== 'response_warning' || a.missed) continue;
          delays.push(Date.parse(a.deliveredAt) - Date.parse(a.dueAt));
        }
        if (delays.length >= DELAY_CASES) {
          clearTimeout(stopAt);
          resolve();
        }
      });
    });
    await live.close();

    const ok = report(`SLA scheduler (SQLite, ${OPEN_CASES.toLocaleString()} open cases)`, [
      { name: 'console usable after start (catch-up behind)', value: usableMs, unit: 'ms', target: 1000, better: 'lower' },
      { name: 'longest stall of the console during the catch-up and first queue read', value: stallMs, unit: 'ms', target: 250, better: 'lower' },
      { name: `work per wake p95 (${WAKES} wakes)`, value: percentile(wakeMs, 95), unit: 'ms', target: 5, better: 'lower' },
      { name: 'work per wake p50', value: percentile(wakeMs, 50), unit: 'ms', target: 5, better: 'lower' },
      { name: `delivery delay max (${delays.length}/${DELAY_CASES} alerts)`, value: delays.length ? Math.max(...delays) : Number.POSITIVE_INFINITY, unit: 'ms', target: 1000, better: 'lower' },
      { name: 'delivery delay p50', value: delays.length ? percentile(delays, 50) : Number.POSITIVE_INFINITY, unit: 'ms', target: 1000, better: 'lower' },
    ]);
    process.exitCode = ok ? 0 : 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
