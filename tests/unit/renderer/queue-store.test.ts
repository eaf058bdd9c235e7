import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watch } from 'vue';
import { COALESCE_MS, DELTA_WAIT_MS, FIRST_ROWS, STREAM_WAIT_MS, useQueueStore } from '../../../renderer/src/stores/queue-store';
import { clock, NOW, sla } from './support/fake-work-core';
import { atTheWorkConsole, settle } from './support/work-setup';

const numbers = (cases: readonly { number: string }[]) => cases.map((c) => c.number);

async function following(options: Parameters<typeof atTheWorkConsole>[0] = {}) {
  const world = await atTheWorkConsole(options);
  const { api } = world;
  // Due in 1, 2, 3 hours: the queue reads them soonest first.
  api.put({ id: 3, summary: 'Printer jams', sla: sla(clock(3), clock(30)) });
  api.put({ id: 1, summary: 'No Wi-Fi in the library', buildingName: 'Hickman High School', buildingId: 9, sla: sla(clock(1), clock(10)) });
  api.put({ id: 2, summary: 'Projector has no signal', callerName: 'Lee Chan', sla: sla(clock(2), clock(20)) });
  const queue = useQueueStore();
  const stop = queue.follow();
  await settle();
  return { ...world, queue, stop };
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useQueueStore: loading and live updates', () => {
  it('reads the queue once the event stream is open, as the core sorts it, and only once', async () => {
    const { api, queue, me, stop } = await following();

    expect(queue.loaded).toBe(true);
    expect(numbers(queue.cases)).toEqual(['DW-000001', 'DW-000002', 'DW-000003']);
    expect(api.callsTo('queue.rows')).toHaveLength(2);
    expect(api.callsTo('queue.rows')[0]?.actorId).toBe(me.id);
    // The most urgent rows first, so the screen shows work at once; then the whole queue.
    expect(api.callsTo('queue.rows').map((c) => c.input)).toEqual([{ limit: FIRST_ROWS }, {}]);
    await vi.advanceTimersByTimeAsync(STREAM_WAIT_MS * 2);
    expect(api.callsTo('queue.rows')).toHaveLength(2);
    expect(api.callsTo('queue.changes')).toHaveLength(0);
    stop();
  });

  it('reads the queue anyway when the stream is slow to open, and asks what changed once it opens', async () => {
    const { api, queue, stop } = await following({ streamState: 'connecting' });
    expect(queue.loaded).toBe(false);

    await vi.advanceTimersByTimeAsync(STREAM_WAIT_MS);
    expect(queue.loaded).toBe(true);
    expect(api.callsTo('queue.rows')).toHaveLength(2);

    api.changeElsewhere(1, { summary: 'Changed before the stream opened' });
    api.setStreamState('open');
    await settle();
    expect(api.callsTo('queue.rows')).toHaveLength(2);
    expect(api.callsTo('queue.changes')).toHaveLength(1);
    expect(queue.byId.get(1)?.summary).toBe('Changed before the stream opened');
    stop();
  });

  it('takes a change made elsewhere as a delta since its cursor, without reading the whole queue again', async () => {
    const { api, queue, stop } = await following();

    // Another console acknowledges case 3: its response is met, its next due is now its resolution.
    api.changeElsewhere(3, { status: 'acknowledged', sla: sla(clock(3, { state: 'met', metAt: new Date(NOW).toISOString() }), clock(15)) });
    await vi.advanceTimersByTimeAsync(DELTA_WAIT_MS);
    await settle();

    expect(api.callsTo('queue.rows')).toHaveLength(2);
    expect(api.callsTo('cases.get')).toHaveLength(0);
    expect(api.callsTo('queue.changes').map((c) => c.input)).toEqual([{ since: expect.stringMatching(/\.\d+$/) }]);
    expect(queue.byId.get(3)?.status).toBe('acknowledged');
    // Due in 15 hours: after the cases due in 1 and 2 hours' responses.
    expect(numbers(queue.cases)).toEqual(['DW-000001', 'DW-000002', 'DW-000003']);

    api.changeElsewhere(2, { sla: sla(clock(2, { state: 'met', metAt: new Date(NOW).toISOString() }), clock(40)) });
    await vi.advanceTimersByTimeAsync(DELTA_WAIT_MS);
    await settle();
    expect(numbers(queue.cases)).toEqual(['DW-000001', 'DW-000003', 'DW-000002']);
    stop();
  });

  it('adds a case filed elsewhere where it belongs, and drops one that is resolved', async () => {
    const { api, queue, stop } = await following();

    api.put({ id: 4, summary: 'Door badge reader offline', priority: 1, sla: sla(clock(0.5), clock(4)) }, true);
    api.changeElsewhere(1, { status: 'resolved' });
    await vi.advanceTimersByTimeAsync(DELTA_WAIT_MS);
    await settle();

    expect(numbers(queue.cases)).toEqual(['DW-000004', 'DW-000002', 'DW-000003']);
    stop();
  });

  it('coalesces a burst of events (no delta from the core) into one request for changes', async () => {
    const { api, queue, stop } = await following();

    api.changeElsewhere(1, { summary: 'One' });
    api.changeElsewhere(1, { summary: 'One again' });
    api.changeElsewhere(2, { summary: 'Two' });
    await vi.advanceTimersByTimeAsync(DELTA_WAIT_MS - 1);
    expect(api.callsTo('queue.changes')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await settle();

    expect(api.callsTo('queue.changes')).toHaveLength(1);
    expect(queue.byId.get(1)?.summary).toBe('One again');
    expect(queue.byId.get(2)?.summary).toBe('Two');
    stop();
  });

  it('takes a large burst (a bulk reassignment) as one delta too, and each following one since the last cursor', async () => {
    const { api, queue, stop } = await following();
    for (let id = 10; id < 50; id += 1) api.put({ id, sla: sla(clock(id), clock(id + 10)) }, true);
    await vi.advanceTimersByTimeAsync(DELTA_WAIT_MS);
    await settle();
    api.changeElsewhere(12, { summary: 'Twelve' });
    await vi.advanceTimersByTimeAsync(DELTA_WAIT_MS);
    await settle();

    expect(api.callsTo('cases.get')).toHaveLength(0);
    expect(api.callsTo('queue.rows')).toHaveLength(2);
    const [first, second] = api.callsTo('queue.changes').map((c) => (c.input as { since: string }).since);
    expect(first).not.toBe(second);
    expect(queue.cases).toHaveLength(3 + 40);
    expect(queue.byId.get(12)?.summary).toBe('Twelve');
    stop();
  });

  it('fetches nothing for a change it already has (its own, answered by the call)', async () => {
    const { api, queue, stop } = await following();

    const result = await queue.take(queue.byId.get(2)!);
    expect(result.ok).toBe(true);
    expect(queue.byId.get(2)?.assigneeName).toBe('Sam Okafor');
    await vi.advanceTimersByTimeAsync(DELTA_WAIT_MS);
    await settle();

    expect(api.callsTo('queue.changes')).toHaveLength(0);
    stop();
  });

  it('asks what changed when the event stream comes back (events may have been missed)', async () => {
    const { api, queue, stop } = await following();
    api.setStreamState('connecting');
    api.changeElsewhere(1, { summary: 'Changed while the stream was down' });
    await vi.advanceTimersByTimeAsync(DELTA_WAIT_MS);
    expect(queue.byId.get(1)?.summary).toBe('No Wi-Fi in the library');

    api.setStreamState('open');
    await settle();

    expect(api.callsTo('queue.rows')).toHaveLength(2);
    expect(api.callsTo('queue.changes')).toHaveLength(1);
    expect(queue.byId.get(1)?.summary).toBe('Changed while the stream was down');
    stop();
  });

  it('asks for the rows a calendar change moved, and not once it stops following', async () => {
    const { api, queue, stop } = await following();
    // A closure moved the business-time deadlines of every open case; the core announces no case
    // change for that (no version moves), only `calendar.changed`.
    api.put({ id: 1, sla: sla(clock(1), clock(34)) });
    api.put({ id: 2, sla: sla(clock(26), clock(44)) });
    api.put({ id: 3, sla: sla(clock(0.5), clock(27)) });

    api.emit('calendar.changed', { closures: 1 });
    await settle();

    expect(api.callsTo('queue.rows')).toHaveLength(2);
    expect(api.callsTo('queue.changes')).toHaveLength(1);
    expect(numbers(queue.cases)).toEqual(['DW-000003', 'DW-000001', 'DW-000002']);
    expect(queue.byId.get(2)?.sla.nextDueAt).toBe(clock(26).dueAt);

    stop();
    expect(api.listenerCount('calendar.changed')).toBe(0);
    api.emit('calendar.changed', { closures: 2 });
    await settle();
    expect(api.callsTo('queue.changes')).toHaveLength(1);
  });

  it('asks for the rows a renamed caller, building or staff member changed (no case version moves)', async () => {
    const { api, queue, stop } = await following();
    api.put({ id: 2, callerName: 'Lee Chan-Park' });
    api.emit('callers.changed', { callerIds: [2] });
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    await settle();

    expect(api.callsTo('queue.changes')).toHaveLength(1);
    expect(queue.byId.get(2)?.callerName).toBe('Lee Chan-Park');
    stop();
  });

  it('stops listening when the last screen stops following', async () => {
    const { api, queue, stop } = await following();
    const other = queue.follow();
    expect(api.listenerCount('cases.changed')).toBe(1);
    stop();
    expect(api.listenerCount('cases.changed')).toBe(1);
    other();
    other();
    expect(api.listenerCount('cases.changed')).toBe(0);
  });

  it('keeps the cases it has and shows the error when a read fails', async () => {
    const { api, queue, stop } = await following();
    api.unreachable = true;
    await queue.refresh();
    expect(queue.cases).toHaveLength(3);
    expect(queue.error?.message).toMatch(/Cannot reach the Deskwatch server/);
    stop();
  });
});

describe('useQueueStore: opening a long queue', () => {
  it('shows the most urgent rows first and counts the whole, then takes the whole', async () => {
    const { api } = await atTheWorkConsole();
    for (let id = 1; id <= FIRST_ROWS + 50; id += 1) api.put({ id, sla: sla(clock(id), clock(id + 24)) });
    const queue = useQueueStore();
    const seen: [rows: number, total: number][] = [];
    watch(
      () => queue.cases,
      (rows) => seen.push([rows.length, queue.total]),
      { flush: 'sync' },
    );
    const stop = queue.follow();
    await settle();

    expect(seen).toEqual([
      [FIRST_ROWS, FIRST_ROWS + 50],
      [FIRST_ROWS + 50, FIRST_ROWS + 50],
    ]);
    expect(numbers(queue.cases.slice(0, 2))).toEqual(['DW-000001', 'DW-000002']);
    expect(queue.loadCount).toBe(2);
    stop();
  });
});

describe('useQueueStore: filtering in memory', () => {
  it('searches number, caller, summary and building; every word must match', async () => {
    const { queue, stop } = await following();

    queue.filter.text = 'hickman';
    expect(numbers(queue.visible)).toEqual(['DW-000001']);
    queue.filter.text = 'lee  CHAN';
    expect(numbers(queue.visible)).toEqual(['DW-000002']);
    queue.filter.text = '000003';
    expect(numbers(queue.visible)).toEqual(['DW-000003']);
    queue.filter.text = 'printer wifi';
    expect(queue.visible).toEqual([]);
    queue.filter.text = '   ';
    expect(queue.filtered).toBe(false);
    expect(queue.visible).toHaveLength(3);
    stop();
  });

  it('filters by mine, unassigned, priority, state, building and category', async () => {
    const { api, me, queue, stop } = await following();
    api.put({ id: 1, priority: 2, assigneeId: me.id, assigneeName: me.name, status: 'acknowledged', categoryId: 4 });
    api.put({ id: 2, priority: 4, assigneeId: 99, assigneeName: 'Alex Kim' });
    await queue.refresh();

    queue.setFilter({ mine: true });
    expect(numbers(queue.visible)).toEqual(['DW-000001']);
    queue.setFilter({ unassigned: true });
    expect(numbers(queue.visible)).toEqual(['DW-000003']);
    queue.setFilter({ mine: true, unassigned: true });
    expect(numbers(queue.visible)).toEqual(['DW-000001', 'DW-000003']);
    queue.setFilter({ priorities: [2, 4] });
    expect(numbers(queue.visible)).toEqual(['DW-000001', 'DW-000002']);
    queue.setFilter({ statuses: ['acknowledged'] });
    expect(numbers(queue.visible)).toEqual(['DW-000001']);
    queue.setFilter({ buildingIds: [9] });
    expect(numbers(queue.visible)).toEqual(['DW-000001']);
    queue.setFilter({ categoryIds: [4], priorities: [3] });
    expect(queue.visible).toEqual([]);
    queue.clearFilter();
    expect(queue.visible).toHaveLength(3);
    stop();
  });

  it('judges "at risk" and "breached" at the current instant, from the clocks the core sent', async () => {
    const { api, queue, stop } = await following();
    // Case 1: response due in 1 hour, warning from now - 0 h (warnAt = due - 1 h): at risk already.
    api.put({ id: 2, sla: sla(clock(-1), clock(20)) });
    api.put({ id: 3, sla: sla(clock(3, { state: 'paused' }), clock(30, { state: 'paused' })) });
    await queue.refresh();

    queue.setFilter({ risk: 'breached' });
    expect(numbers(queue.visible)).toEqual(['DW-000002']);
    queue.setFilter({ risk: 'at_risk_or_breached' });
    expect(numbers(queue.visible)).toEqual(['DW-000002', 'DW-000001']);
    stop();
  });
});

describe('useQueueStore: selection and reassignment', () => {
  it('reassigns the selection in one call with the versions on screen and a reason', async () => {
    const { api, queue, stop } = await following({ role: 'supervisor' });
    const alex = api.addStaff('Alex Kim', 'technician');
    queue.toggleSelected(1);
    queue.toggleSelected(3);
    queue.toggleSelected(99);
    expect(numbers(queue.selected)).toEqual(['DW-000001', 'DW-000003']);

    const result = await queue.assign(queue.selected, alex.id, '  Alex covers Hickman today ');

    expect(result.ok).toBe(true);
    expect(api.callsTo('cases.assign')[0]?.input).toEqual({
      cases: [
        { id: 1, version: 1 },
        { id: 3, version: 1 },
      ],
      assigneeId: alex.id,
      reason: 'Alex covers Hickman today',
    });
    expect(queue.byId.get(1)?.assigneeName).toBe('Alex Kim');
    expect(queue.selected).toEqual([]);
    stop();
  });

  it('keeps the selection and reports the core’s words when one case is stale', async () => {
    const { api, queue, stop } = await following({ role: 'supervisor' });
    const alex = api.addStaff('Alex Kim', 'technician');
    queue.toggleSelected(1);
    queue.toggleSelected(2);
    api.put({ id: 2, version: 5 });

    const result = await queue.assign(queue.selected, alex.id, 'Balancing');

    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/DW-000002 changed since you opened it/) } });
    expect(queue.selected).toHaveLength(2);
    expect(queue.byId.get(1)?.assigneeId).toBeNull();
    stop();
  });

  it('hands back the person’s own case', async () => {
    const { api, me, queue, stop } = await following();
    api.put({ id: 1, assigneeId: me.id, assigneeName: me.name });
    await queue.refresh();

    await queue.handBack(queue.byId.get(1)!);

    expect(api.callsTo('cases.assign')[0]?.input).toMatchObject({ assigneeId: null });
    expect(queue.byId.get(1)?.assigneeId).toBeNull();
    stop();
  });
});

describe('useQueueStore: the core’s deltas (queue.changed)', () => {
  /** What the fake core's `queue.changes` since `since` answers, asked as another console (not recorded). */
  async function changesSince(api: Awaited<ReturnType<typeof following>>['api'], staffId: number, since: string) {
    const result = await api.invokeAs(staffId, 'queue.changes', { since });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }

  it('takes a delta that follows on from its cursor without a call, and asks nothing after the wait', async () => {
    const { api, queue, me, stop } = await following();
    // Nothing changed since the store's last read: the cursor now is the one it holds.
    const from = (await changesSince(api, me.id, 'unknown.0')).cursor;
    api.changeElsewhere(1, { summary: 'Changed at another console' });
    api.emit('queue.changed', { from, page: await changesSince(api, me.id, from) });
    await settle();

    expect(queue.byId.get(1)?.summary).toBe('Changed at another console');
    await vi.advanceTimersByTimeAsync(DELTA_WAIT_MS * 2);
    await settle();
    expect(api.callsTo('queue.changes')).toHaveLength(0);

    // The next delta follows on from the cursor the first one brought.
    const next = (await changesSince(api, me.id, 'unknown.0')).cursor;
    api.changeElsewhere(2, { summary: 'Changed again' });
    api.emit('queue.changed', { from: next, page: await changesSince(api, me.id, next) });
    await settle();
    expect(queue.byId.get(2)?.summary).toBe('Changed again');
    expect(api.callsTo('queue.changes')).toHaveLength(0);
    stop();
  });

  it('asks once for the changes when a delta comes from another cursor (events were missed)', async () => {
    const { api, queue, me, stop } = await following();
    const from = (await changesSince(api, me.id, 'unknown.0')).cursor;
    // A change whose delta this console never heard.
    api.changeElsewhere(3, { summary: 'Missed' });
    const missed = (await changesSince(api, me.id, from)).cursor;
    api.changeElsewhere(1, { summary: 'Heard' });
    api.emit('queue.changed', { from: missed, page: await changesSince(api, me.id, missed) });
    await settle();

    expect(api.callsTo('queue.changes').map((c) => c.input)).toEqual([{ since: from }]);
    expect(queue.byId.get(3)?.summary).toBe('Missed');
    expect(queue.byId.get(1)?.summary).toBe('Heard');
    await vi.advanceTimersByTimeAsync(DELTA_WAIT_MS * 2);
    await settle();
    expect(api.callsTo('queue.changes')).toHaveLength(1);
    stop();
  });

  it('still asks for a changed case when no delta brings it within the wait', async () => {
    const { api, queue, stop } = await following();
    api.changeElsewhere(2, { summary: 'No delta came' });
    await vi.advanceTimersByTimeAsync(DELTA_WAIT_MS - 1);
    await settle();
    expect(api.callsTo('queue.changes')).toHaveLength(0);
    expect(queue.byId.get(2)?.summary).toBe('Projector has no signal');

    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(api.callsTo('queue.changes')).toHaveLength(1);
    expect(queue.byId.get(2)?.summary).toBe('No delta came');
    stop();
  });
});
