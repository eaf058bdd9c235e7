import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setConsoleApi } from '../../../renderer/src/api/console-api';
import { withLiveStatus } from '../../../renderer/src/api/live-status';
import { useQueueStore } from '../../../renderer/src/stores/queue-store';
import { clock, NOW, sla } from './support/fake-work-core';
import { atTheWorkConsole, settle } from './support/work-setup';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a console whose core lost the database live updates (PostgreSQL)', () => {
  it('shows it on the queue and reads what changed meanwhile once they are back', async () => {
    const world = await atTheWorkConsole();
    const { api } = world;
    // As connect.ts installs it: the transport, with the core's live.status folded in.
    setConsoleApi(withLiveStatus(api));
    api.put({ id: 1, summary: 'No Wi-Fi in the library', sla: sla(clock(1), clock(10)) });
    const queue = useQueueStore();
    const stop = queue.follow();
    await settle();
    expect(queue.streamState).toBe('open');
    const changesBefore = api.callsTo('queue.changes').length;

    api.emit('live.status', { state: 'reconnecting', retryInMs: 1000 });
    expect(queue.streamState).toBe('reconnecting');
    // Another console's change, not heard: the relay is away.
    api.changeElsewhere(1, { summary: 'Changed at another console meanwhile' });

    api.emit('live.status', { state: 'live' });
    await settle();
    expect(queue.streamState).toBe('open');
    expect(api.callsTo('queue.changes').length).toBe(changesBefore + 1);
    expect(queue.byId.get(1)?.summary).toBe('Changed at another console meanwhile');
    stop();
  });
});
