import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCore, type Core } from '../../electron/core/core';
import { useCaseStore } from '../../renderer/src/stores/case-store';
import type { CaseSummary } from '../../shared/domain';
import { coreFixture, newCaseInput, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';
import { realConsole, type RealConsole } from '../support/real-core-console';

/**
 * Two people with the same case open add notes at the same moment. Every note must reach every
 * open view of the case live, without a reload. On PostgreSQL the two consoles run on two cores
 * (two processes' worth) sharing the database, so the notes cross by LISTEN/NOTIFY.
 */
describe.each(DATABASE_KINDS)('notes reach every open case view on %s', (kind) => {
  let f: CoreFixture;
  let second: Core;
  let consoles: RealConsole[] = [];
  let caseId: number;
  const stops: (() => void)[] = [];

  beforeEach(async () => {
    f = await coreFixture(kind);
    second = kind === 'postgres' ? await startCore({ database: f.db.config, clock: f.clock, log: () => undefined }) : f.core;
    const ann = await f.staff('technician', 'Ann Ortiz');
    const ben = await f.staff('technician', 'Ben Yu');
    const filed = await f.core.dispatch('cases.create', newCaseInput(), { actorId: ann.id });
    if (!filed.ok) throw new Error(filed.error.message);
    caseId = (filed.value as CaseSummary).id;
    consoles = [await realConsole(f.core, ann.id), await realConsole(second, ben.id)];
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) stop();
    for (const c of consoles.splice(0)) c.api.close();
    if (second && second !== f.core) await second.close();
    await f?.dispose();
  });

  const caseStoreOf = (c: RealConsole) => {
    c.use();
    return useCaseStore();
  };
  const notesOn = (store: ReturnType<typeof useCaseStore>) =>
    (store.detail?.events ?? []).filter((e) => e.kind === 'note').map((e) => String((e.detail as { note?: unknown }).note));

  async function openEverywhere() {
    const stores = consoles.map(caseStoreOf);
    stores.forEach((store) => stops.push(store.follow(caseId)));
    await vi.waitFor(() => stores.forEach((store) => expect(store.detail?.case.id).toBe(caseId)));
    return stores;
  }

  it('shows the other person’s note added just after one’s own', async () => {
    const [annView, benView] = await openEverywhere();
    // Ben's note: his view re-reads the case; the event about his own note is still being gathered
    // when Ann's note lands a moment later. That note must still reach Ben's open case.
    await benView?.addNote('Ben: replaced the toner');
    await annView?.addNote('Ann: printer back online');
    await vi.waitFor(
      () => {
        for (const store of [annView, benView]) expect(notesOn(store!).sort()).toEqual(['Ann: printer back online', 'Ben: replaced the toner']);
      },
      { timeout: 3000, interval: 20 },
    );
  });

  it('announces a note as a note, with the version the case has after it', async () => {
    const heard: unknown[] = [];
    f.core.events.subscribe((name, payload) => name === 'cases.changed' && heard.push(payload));
    const staff = await f.core.services.staff.list();
    const ann = staff.find((s) => s.name === 'Ann Ortiz')!;
    const acknowledged = await f.core.dispatch('cases.transition', { id: caseId, version: 1, action: 'acknowledge' }, { actorId: ann.id });
    expect(acknowledged.ok).toBe(true);
    const noted = await f.core.dispatch('cases.addNote', { id: caseId, note: 'Called the vendor' }, { actorId: ann.id });
    expect(noted).toMatchObject({ ok: true, value: { version: 2 } });
    expect(heard.at(-1)).toEqual({ caseId, version: 2, change: 'note' });
  });

  it('shows every note of ten rounds of notes added at the same moment by two people', async () => {
    const stores = await openEverywhere();
    const expected: string[] = [];
    for (let round = 0; round < 10; round += 1) {
      const notes = stores.map((_, i) => `round ${round} from console ${i}`);
      expected.push(...notes);
      const answers = await Promise.all(stores.map((store, i) => store.addNote(notes[i]!)));
      expect(answers.filter((a) => !a.ok)).toEqual([]);
    }
    await vi.waitFor(
      () => {
        for (const store of stores) expect(notesOn(store).sort()).toEqual([...expected].sort());
      },
      { timeout: 5000, interval: 20 },
    );
  });
});
