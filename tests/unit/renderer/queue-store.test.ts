import { describe, expect, it } from 'vitest';
import { useQueueStore } from '../../../renderer/src/stores/queue-store';
import { useSessionStore } from '../../../renderer/src/stores/session-store';
import { freshRenderer, settle } from './support/renderer-setup';

async function signedIn(options: { streamState?: 'open' | 'connecting' } = {}) {
  const world = freshRenderer(options);
  const me = world.api.addStaff('Ana Lima', 'agent');
  const session = useSessionStore();
  await session.ensureLoaded();
  session.choose(me.id);
  return { ...world, me, queue: useQueueStore() };
}

describe('useQueueStore', () => {
  it('loads the open cases, newest first, when a screen follows it', async () => {
    const { api, me, queue } = await signedIn();
    api.addCase('Jo Park', 'Projector has no signal', me);
    api.addCase('Lee Chan', 'Cannot print report cards', me);

    const stop = queue.follow();
    await settle();

    expect(queue.loaded).toBe(true);
    expect(queue.cases.map((c) => c.summary)).toEqual(['Cannot print report cards', 'Projector has no signal']);
    expect(api.callsTo('cases.list')[0]?.meta).toEqual({ actorId: me.id });
    stop();
  });

  it('shows a case another console filed as soon as the core announces it', async () => {
    const { api, me, queue } = await signedIn();
    const stop = queue.follow();
    await settle();
    expect(queue.cases).toEqual([]);

    api.addCase('Jo Park', 'Projector has no signal', me);
    await settle();

    expect(queue.cases.map((c) => c.number)).toEqual(['DW-000001']);
    stop();
  });

  it('folds a burst of events into at most one extra reload', async () => {
    const { api, me, queue } = await signedIn();
    const stop = queue.follow();
    await settle();
    const before = api.callsTo('cases.list').length;

    for (let i = 1; i <= 5; i += 1) api.addCase(`Caller ${i}`, `Problem ${i}`, me);
    await settle();

    expect(api.callsTo('cases.list').length - before).toBeLessThanOrEqual(2);
    expect(queue.cases).toHaveLength(5);
    stop();
  });

  it('catches up after the event stream reconnects, since events may have been missed', async () => {
    const { api, me, queue } = await signedIn({ streamState: 'connecting' });
    const stop = queue.follow();
    await settle();
    expect(queue.streamState).toBe('connecting');

    // Filed while the stream is down: its event never reaches the store.
    api.addCase('Jo Park', 'Wi-Fi drops', me);
    await settle();
    expect(queue.cases).toEqual([]);
    const listsBefore = api.callsTo('cases.list').length;

    api.setStreamState('open');
    await settle();

    expect(queue.streamState).toBe('open');
    expect(api.callsTo('cases.list').length).toBe(listsBefore + 1);
    expect(queue.cases.map((c) => c.summary)).toEqual(['Wi-Fi drops']);
    stop();
  });

  it('stops listening when the last screen stops following', async () => {
    const { api, queue } = await signedIn();
    const stopA = queue.follow();
    const stopB = queue.follow();
    expect(api.listenerCount('cases.changed')).toBe(1);

    stopA();
    expect(api.listenerCount('cases.changed')).toBe(1);
    stopB();
    stopB();
    expect(api.listenerCount('cases.changed')).toBe(0);
  });

  it('keeps the cases it has and shows the error when a reload fails', async () => {
    const { api, me, queue } = await signedIn();
    api.addCase('Jo Park', 'Projector has no signal', me);
    const stop = queue.follow();
    await settle();

    api.unreachable = true;
    await queue.refresh();

    expect(queue.cases).toHaveLength(1);
    expect(queue.error?.message).toMatch(/Cannot reach the Deskwatch server/);
    stop();
  });
});
