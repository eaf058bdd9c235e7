import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useWorkloadStore, WORKLOAD_COALESCE_MS } from '../../../renderer/src/stores/workload-store';
import { NOW } from './support/fake-work-core';
import { atTheWorkConsole, settle } from './support/work-setup';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useWorkloadStore', () => {
  it('reads the figures, and once again after a burst of changes', async () => {
    const { api } = await atTheWorkConsole({ role: 'supervisor' });
    api.workload = [{ staffId: null, name: 'Unassigned', openCases: 2, atRisk: 1, breached: 0, remainingBusinessHours: 12.5 }];
    const workload = useWorkloadStore();
    const stop = workload.follow();
    await settle();
    expect(workload.rows).toEqual(api.workload);

    api.workload = [{ staffId: null, name: 'Unassigned', openCases: 0, atRisk: 0, breached: 0, remainingBusinessHours: 0 }];
    for (let i = 0; i < 5; i += 1) api.emit('cases.changed', { caseId: i + 1, version: 2, change: 'updated' });
    await vi.advanceTimersByTimeAsync(WORKLOAD_COALESCE_MS);
    await settle();

    expect(api.callsTo('queue.workload')).toHaveLength(2);
    expect(workload.rows[0]?.openCases).toBe(0);
    stop();
    expect(api.listenerCount('cases.changed')).toBe(0);
  });

  it('shows the core’s refusal to anyone but a supervisor', async () => {
    await atTheWorkConsole({ role: 'technician' });
    const workload = useWorkloadStore();
    await workload.refresh();
    expect(workload.error?.code).toBe('forbidden');
    expect(workload.loaded).toBe(false);
  });
});
