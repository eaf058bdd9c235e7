import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CASE_COALESCE_MS, useCaseStore } from '../../../renderer/src/stores/case-store';
import { useQueueStore } from '../../../renderer/src/stores/queue-store';
import { NOW } from './support/fake-work-core';
import { atTheWorkConsole, settle } from './support/work-setup';

async function showing(id = 1, role: 'technician' | 'supervisor' | 'agent' = 'technician') {
  const world = await atTheWorkConsole({ role });
  world.api.put({ id, summary: 'Projector has no signal', status: 'new' });
  const store = useCaseStore();
  const stop = store.follow(id);
  await settle();
  return { ...world, store, stop };
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useCaseStore', () => {
  it('shows the case with what this person may do next', async () => {
    const { store, stop } = await showing();
    expect(store.detail?.case.number).toBe('DW-000001');
    expect(store.detail?.allowedActions).toEqual(['acknowledge', 'make_project', 'plan_maintenance', 'resolve']);
    stop();
  });

  it('saves an edit with the version it was opened on, then reads the case again', async () => {
    const { api, store, stop } = await showing();

    const result = await store.update(1, { summary: 'Projector in 114 has no signal', room: '114' });

    expect(result.ok).toBe(true);
    expect(api.callsTo('cases.update')[0]?.input).toEqual({ id: 1, version: 1, summary: 'Projector in 114 has no signal', room: '114' });
    expect(store.detail?.case.version).toBe(2);
    expect(store.detail?.events.map((e) => e.kind)).toEqual(['updated']);
    // The queue has the answer at once.
    expect(useQueueStore().byId.get(1)).toMatchObject({ version: 2, summary: 'Projector in 114 has no signal' });
    stop();
  });

  it('keeps a conflict in the core’s words, overwrites nothing and retries nothing', async () => {
    const { api, store, stop } = await showing();
    const agent = api.addStaff('Ana Lima', 'agent');
    api.changeElsewhere(1, { room: '114' }, agent);
    await vi.advanceTimersByTimeAsync(CASE_COALESCE_MS);
    await settle();
    expect(store.detail?.case.version).toBe(2);

    const result = await store.update(1, { summary: 'Mine' });

    expect(result.ok).toBe(false);
    expect(store.conflict?.message).toBe('Case DW-000001 changed since you opened it: updated by Ana Lima. Review the case and try again.');
    expect(api.callsTo('cases.update')).toHaveLength(1);
    expect(api.cases.get(1)?.summary).toBe('Projector has no signal');

    const reviewsBefore = store.reviews;
    await store.reloadAfterConflict();
    expect(store.conflict).toBeNull();
    expect(store.reviews).toBe(reviewsBefore + 1);
    stop();
  });

  it('changes state with the action’s own data', async () => {
    const { api, store, stop } = await showing();

    await store.transition({ id: 1, version: 1, action: 'acknowledge' });
    const pend = await store.transition({ id: 1, version: 2, action: 'pend', note: 'Asked for a photo of the menu' });

    expect(pend.ok).toBe(true);
    expect(api.callsTo('cases.transition').map((c) => c.input)).toEqual([
      { id: 1, version: 1, action: 'acknowledge' },
      { id: 1, version: 2, action: 'pend', note: 'Asked for a photo of the menu' },
    ]);
    expect(store.detail?.case.status).toBe('pending_user_response');
    expect(store.detail?.allowedActions).toEqual(['resume', 'resolve']);
    stop();
  });

  it('passes a refusal back to the form that asked, without calling it a conflict', async () => {
    const { store, stop } = await showing();

    const result = await store.transition({ id: 1, version: 1, action: 'pend', note: '  ' });

    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'note' } });
    expect(store.conflict).toBeNull();
    stop();
  });

  it('logs a contact, adds a note, and takes the case', async () => {
    const { api, me, store, stop } = await showing();

    await store.logContact({ version: 1, method: 'phone', outcome: 'no_answer' });
    await store.addNote('Called the front office too');
    await store.assign(2, me.id);

    expect(api.callsTo('cases.addNote')[0]?.input).toEqual({ id: 1, note: 'Called the front office too' });
    expect(api.callsTo('cases.assign')[0]?.input).toEqual({ cases: [{ id: 1, version: 2 }], assigneeId: me.id });
    expect(store.detail?.case.assigneeName).toBe('Sam Okafor');
    expect(store.detail?.events.map((e) => e.kind)).toEqual(['contact', 'note', 'assigned']);
    stop();
  });

  it('follows changes made elsewhere, a note included, reading the case once per burst', async () => {
    const { api, store, stop } = await showing();
    const reads = () => api.callsTo('cases.get').length;
    const before = reads();

    api.changeElsewhere(1, { summary: 'A' });
    api.changeElsewhere(1, { summary: 'B' });
    await vi.advanceTimersByTimeAsync(CASE_COALESCE_MS);
    await settle();
    expect(reads()).toBe(before + 1);
    expect(store.detail?.case.summary).toBe('B');

    // A note from another console keeps the version but is news.
    await api.invokeAs(1, 'cases.addNote', { id: 1, note: 'From the other desk' });
    await vi.advanceTimersByTimeAsync(CASE_COALESCE_MS);
    await settle();
    expect(reads()).toBe(before + 2);
    expect(store.detail?.events.at(-1)?.kind).toBe('note');
    stop();
  });

  it('reads a note announced with a version older than the one on screen (another change was seen first)', async () => {
    const { api, store, stop } = await showing();
    api.changeElsewhere(1, { summary: 'A' });
    await vi.advanceTimersByTimeAsync(CASE_COALESCE_MS);
    await settle();
    expect(store.detail?.case.version).toBe(2);
    const before = api.callsTo('cases.get').length;

    api.emit('cases.changed', { caseId: 1, version: 1, change: 'note' });
    await vi.advanceTimersByTimeAsync(CASE_COALESCE_MS);
    await settle();
    expect(api.callsTo('cases.get').length).toBe(before + 1);
    // An update announced with an older version is old news.
    api.emit('cases.changed', { caseId: 1, version: 1, change: 'updated' });
    await vi.advanceTimersByTimeAsync(CASE_COALESCE_MS);
    await settle();
    expect(api.callsTo('cases.get').length).toBe(before + 1);
    stop();
  });

  it('does not read its own change twice', async () => {
    const { api, store, stop } = await showing();
    const before = api.callsTo('cases.get').length;

    await store.update(1, { room: '114' });
    await vi.advanceTimersByTimeAsync(CASE_COALESCE_MS);
    await settle();

    expect(api.callsTo('cases.get').length).toBe(before + 1);
    stop();
  });

  it('says why a case cannot be shown', async () => {
    const world = await atTheWorkConsole();
    const store = useCaseStore();
    await store.load(42);
    expect(store.error).toMatchObject({ code: 'not_found', message: 'No case has id 42' });
    expect(store.detail).toBeNull();
    void world;
  });
});
