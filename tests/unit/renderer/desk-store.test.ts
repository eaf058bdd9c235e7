import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DESK_REFRESH_MS, useDeskStore } from '../../../renderer/src/stores/desk-store';
import { useDirectoryStore } from '../../../renderer/src/stores/directory-store';
import { atTheIntakeConsole, settle } from './support/intake-setup';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-29T12:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useDeskStore', () => {
  it('reads the desk’s state while followed, then every minute, and stops when nobody follows', async () => {
    const { api } = await atTheIntakeConsole();
    const desk = useDeskStore();

    const stop = desk.follow();
    await settle();
    expect(desk.status?.phoneHoursOpen).toBe(true);
    expect(api.callsTo('desk.status')).toHaveLength(1);

    api.desk = { ...api.desk, cutoffApplies: true, message: 'Phones open until 5:00 PM · after the 4 PM cutoff' };
    await vi.advanceTimersByTimeAsync(DESK_REFRESH_MS);
    await settle();
    expect(desk.status?.cutoffApplies).toBe(true);
    expect(api.callsTo('desk.status')).toHaveLength(2);

    stop();
    await vi.advanceTimersByTimeAsync(3 * DESK_REFRESH_MS);
    expect(api.callsTo('desk.status')).toHaveLength(2);
  });

  it('tells the core’s time, which may differ from this computer’s, moving on with the clock', async () => {
    await atTheIntakeConsole();
    const desk = useDeskStore();
    await desk.refresh();
    expect(desk.coreNow()).toBe('2026-11-30T20:00:00.000Z');
    expect(desk.timeZone()).toBe('America/Chicago');

    vi.advanceTimersByTime(90_000);
    expect(desk.coreNow()).toBe('2026-11-30T20:01:30.000Z');
  });

  it('keeps the last state and says why when the core cannot be reached', async () => {
    const { api } = await atTheIntakeConsole();
    const desk = useDeskStore();
    await desk.refresh();
    api.unreachable = true;
    await desk.refresh();
    expect(desk.status?.phoneHoursOpen).toBe(true);
    expect(desk.error?.message).toMatch(/Cannot reach the Deskwatch server/);
  });
});

describe('useDirectoryStore', () => {
  it('offers the active buildings and categories, and re-reads them when a list changes', async () => {
    const { api } = await atTheIntakeConsole();
    const directory = useDirectoryStore();
    const stop = directory.follow();
    await settle();

    expect(directory.buildings.map((b) => b.name)).toEqual(['Hickman High School', 'Battle High School']);
    expect(directory.buildingName(3)).toBe('Old Annex');
    expect(directory.categoryName(2)).toBe('Network & Wi-Fi');

    api.categories.push({ id: 3, name: 'Phones', active: true });
    api.emit('directory.changed', { list: 'categories' });
    await settle();
    expect(directory.categories.map((c) => c.name)).toContain('Phones');
    stop();
  });
});
