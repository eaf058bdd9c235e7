/**
 * Two processes on one SQLite file (the desktop app and the CLI, or two browser-mode servers):
 * each waits for the other's write lock within the busy timeout instead of failing, and no
 * edit of either is lost.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/contract';
import type { QueueCase } from '../../shared/domain';
import { startCore, type Core } from '../../electron/core/core';
import { runEditors, type EditorsReport } from '../support/concurrent-editors';
import { freshDatabase, type FreshDatabase } from '../support/databases';
import { newCaseInput } from '../support/core-fixture';

const ROOT = path.resolve(__dirname, '../..');
const CLIENTS = 8;
const EDITS = 25;

function otherProcess(file: string, actorId: number, caseIds: number[], onStart?: (kill: () => void) => void): Promise<EditorsReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/support/sqlite-writer.ts'), file, String(actorId), caseIds.join(','), String(EDITS)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    onStart?.(() => child.kill('SIGKILL'));
    child.on('exit', (code, signal) => signal === 'SIGKILL' ? resolve({ errors: [], updates: -1, notes: -1 }) : (code === 0 ? resolve(JSON.parse(out) as EditorsReport) : reject(new Error(`writer exited ${code}: ${err}`))));
  });
}

describe('two processes on one SQLite file', () => {
  let db: FreshDatabase;
  let core: Core;
  beforeEach(async () => {
    db = await freshDatabase('sqlite');
    core = await startCore({ database: db.config, log: () => undefined });
  });
  afterEach(async () => {
    await core.close();
    await db.dispose();
  });

  it(`${CLIENTS} editors in each process, ${EDITS} edits and notes each: no error, nothing lost`, { timeout: 120_000 }, async () => {
    if (db.config.kind !== 'sqlite') throw new Error('unreachable');
    const tech = await core.services.staff.create({ name: 'Tom Tech', role: 'technician' });
    const cases: QueueCase[] = [];
    for (let i = 0; i < CLIENTS * 2; i++) {
      const r = await core.dispatch('cases.create', newCaseInput({ summary: `Case ${i}` }), { actorId: tech.id });
      if (!r.ok) throw new Error(r.error.message);
      cases.push(r.value as QueueCase);
    }
    const mine = cases.slice(0, CLIENTS).map((c) => c.id);
    const theirs = cases.slice(CLIENTS).map((c) => c.id);

    const [here, there] = await Promise.all([runEditors(core.dispatch, tech.id, mine, EDITS), otherProcess(db.config.file, tech.id, theirs)]);
    expect(here.errors).toEqual([]);
    expect(there.errors).toEqual([]);
    expect(here.updates + there.updates).toBe(CLIENTS * 2 * EDITS);

    for (const c of cases) {
      const r = await core.dispatch('cases.get', { id: c.id }, { actorId: tech.id });
      if (!r.ok) throw new Error(r.error.message);
      const detail = r.value as CaseDetail;
      expect(detail.case.version).toBe(1 + EDITS);
      expect(detail.events.filter((e) => e.kind === 'note')).toHaveLength(EDITS);
    }
  });

  it('a process killed mid-write leaves every case whole: each committed change with its audit event, nothing half-written', { timeout: 120_000 }, async () => {
    if (db.config.kind !== 'sqlite') throw new Error('unreachable');
    const tech = await core.services.staff.create({ name: 'Tom Tech', role: 'technician' });
    const ids: number[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const r = await core.dispatch('cases.create', newCaseInput({ summary: `Case ${i}` }), { actorId: tech.id });
      if (!r.ok) throw new Error(r.error.message);
      ids.push((r.value as QueueCase).id);
    }
    // Killed as soon as it has written something: mid-run, likely mid-transaction.
    await otherProcess(db.config.file, tech.id, ids, (kill) => {
      const poll = setInterval(() => {
        void core.dataSource.query(`SELECT count(*) AS n FROM case_event WHERE kind = 'note'`).then((rows: { n: number }[]) => {
          if (Number(rows[0]?.n) >= 5) {
            clearInterval(poll);
            kill();
          }
        });
      }, 20);
    });
    expect(await core.dataSource.query('PRAGMA quick_check')).toEqual([{ quick_check: 'ok' }]);
    for (const id of ids) {
      const r = await core.dispatch('cases.get', { id }, { actorId: tech.id });
      if (!r.ok) throw new Error(r.error.message);
      const detail = r.value as CaseDetail;
      const versions = detail.events.map((e) => Number((e.detail as { version?: number }).version ?? 1));
      // The case's version is the version its last audit event recorded: no change without its event.
      expect(Math.max(1, ...versions)).toBe(detail.case.version);
    }
    // And the file still takes writes from this process.
    const after = await core.dispatch('cases.addNote', { id: ids[0], note: 'after the crash' }, { actorId: tech.id });
    expect(after.ok).toBe(true);
  });
});
