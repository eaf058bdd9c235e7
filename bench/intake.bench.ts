/**
 * Taking a call, measured in the core on SQLite: caller search over 50,000 callers (target p95 under
 * 20 ms) and creating a case with validation, wizard decision, deadlines, insert and audit event
 * (target p95 under 10 ms). Run: npx tsx bench/intake.bench.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { base, en, en_US, Faker } from '@faker-js/faker';
import { ManualClock } from '../electron/core/clock';
import { startCore } from '../electron/core/core';
import { seedDemoDistrict } from '../electron/core/demo/demo-district';
import { SlaDesk } from '../electron/core/sla-desk';
import { percentile, report, timeEach } from './bench-kit';

const CALLERS = 50_000;
const SEARCHES = 1_000;
const CREATES = 500;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-bench-'));
  const clock = new ManualClock(Date.parse('2026-11-30T15:00:00Z'));
  const core = await startCore({ database: { kind: 'sqlite', file: path.join(dir, 'bench.sqlite') }, clock });
  try {
    const seedStart = Date.now();
    await seedDemoDistrict(core.dataSource, new SlaDesk(), clock.now(), { callers: CALLERS, openCases: 2_000, closedCases: 5_000 });
    console.log(`seeded ${CALLERS} callers and 7,000 cases in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

    const faker = new Faker({ locale: [en_US, en, base], seed: 7 });
    const someCallers: { name: string; extension: string | null; email: string | null }[] = await core.dataSource.query(
      'SELECT name, extension, email FROM caller ORDER BY id',
    );
    // What agents type: part of a name (either order), an extension, a phone fragment, an email start, a building.
    const queries = Array.from({ length: SEARCHES }, (_, i) => {
      const c = faker.helpers.arrayElement(someCallers);
      const [first = '', last = ''] = c.name.split(' ');
      switch (i % 6) {
        case 0: return `${last.slice(0, 4)} ${first.slice(0, 2)}`;
        case 1: return last.slice(0, 3);
        case 2: return c.extension ?? '2';
        case 3: return (c.email ?? 'a').slice(0, 5);
        case 4: return faker.helpers.arrayElement(['hickman', 'rock bridge', 'lee elem', 'battle']);
        default: return `${first} ${last}`;
      }
    });
    await timeEach(queries.slice(0, 50), (q) => core.services.callers.search(q)); // warm-up
    const search = await timeEach(queries, (q) => core.services.callers.search(q));

    const agent = (await core.services.staff.list()).find((s) => s.role === 'agent');
    if (!agent) throw new Error('no agent in the demo district');
    const inputs = Array.from({ length: CREATES }, (_, i) => ({
      callerId: 1 + (i * 97) % CALLERS,
      summary: `Bench case ${i}`,
      wizard: { securityOrSafety: false, missionCritical: false, affected: 'two_to_five', workEffect: i % 2 ? 'slowed' : 'stopped' },
      buildingId: 1 + (i % 20),
      categoryId: 1 + (i % 12),
    }));
    await timeEach(inputs.slice(0, 20), (input) => core.dispatch('cases.create', input, { actorId: agent.id }));
    const create = await timeEach(inputs, async (input) => {
      const r = await core.dispatch('cases.create', input, { actorId: agent.id });
      if (!r.ok) throw new Error(r.error.message);
    });

    const ok = report('Intake (SQLite, in the core)', [
      { name: `caller search p95 (${CALLERS.toLocaleString()} callers, ${SEARCHES} queries)`, value: percentile(search, 95), unit: 'ms', target: 20, better: 'lower' },
      { name: 'caller search p50', value: percentile(search, 50), unit: 'ms', target: 20, better: 'lower' },
      { name: `create case p95 (${CREATES} cases, validation → audit event)`, value: percentile(create, 95), unit: 'ms', target: 10, better: 'lower' },
      { name: 'create case p50', value: percentile(create, 50), unit: 'ms', target: 10, better: 'lower' },
    ]);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
