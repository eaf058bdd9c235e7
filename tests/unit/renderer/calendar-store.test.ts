import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setConsoleApi } from '../../../renderer/src/api/console-api';
import { useCalendarStore } from '../../../renderer/src/stores/calendar-store';
import { useSessionStore } from '../../../renderer/src/stores/session-store';
import type { StaffRole } from '../../../shared/domain';
import { FakeCalendarApi, HOLIDAYS_NOTE } from './support/fake-calendar-api';
import { MemoryStorage } from './support/memory-storage';

async function atTheCalendar(role: StaffRole = 'supervisor') {
  const api = new FakeCalendarApi();
  vi.stubGlobal('localStorage', new MemoryStorage());
  setConsoleApi(api);
  setActivePinia(createPinia());
  const me = api.addStaff('Dana Whitaker', role);
  const session = useSessionStore();
  await session.ensureLoaded();
  await session.choose(me.id);
  return { api, me, store: useCalendarStore() };
}

/** Lets every pending promise callback (the fake answers asynchronously) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20261221',
  'SUMMARY:Winter break',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20261201',
  'SUMMARY:Snow day',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART:20261218T180000Z',
  'SUMMARY:Early release',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('useCalendarStore', () => {
  it('reads the closures, again on calendar.changed and after the event stream comes back, until stopped', async () => {
    const { api, store } = await atTheCalendar('agent');
    api.closures = [{ date: '2026-12-01', name: 'Snow day', source: 'district' }];
    const stop = store.follow();
    await settle();
    expect(store.closures).toEqual([{ date: '2026-12-01', name: 'Snow day', source: 'district' }]);
    expect(store.timeZone).toBe('America/Chicago');
    expect(store.holidays).toBe(HOLIDAYS_NOTE);
    expect(store.mayChange).toBe(false);

    api.closeElsewhere('2026-12-02', 'Ice day');
    await settle();
    expect(store.closures.map((c) => c.date)).toEqual(['2026-12-01', '2026-12-02']);

    // An event lost while the stream was down is made up for when it opens again.
    api.setStreamState('connecting');
    api.closeElsewhere('2026-12-03', 'Still icy');
    await settle();
    expect(store.closures).toHaveLength(2);
    api.setStreamState('open');
    await settle();
    expect(store.closures).toHaveLength(3);

    stop();
    expect(api.listenerCount('calendar.changed')).toBe(0);
    const reads = api.callsTo('calendar.closures').length;
    api.closeElsewhere('2026-12-04', 'Gone home');
    await settle();
    expect(api.callsTo('calendar.closures')).toHaveLength(reads);
  });

  it('adds a snow day, and keeps the core’s refusal of an impossible date for the date field', async () => {
    const { api, store } = await atTheCalendar();
    expect(store.mayChange).toBe(true);
    expect(await store.add('2026-12-01', 'Snow day')).toBe(true);
    expect(store.closures).toEqual([{ date: '2026-12-01', name: 'Snow day', source: 'district' }]);
    expect(store.addError).toBeNull();

    expect(await store.add('2026-02-30', 'Nope')).toBe(false);
    expect(store.addError).toMatchObject({ code: 'invalid_input', field: 'date', message: 'Date: 2026-02-30 is not a real date' });
    // Left blank, the contract's own check answers, naming the field.
    expect(await store.add('', 'Snow day')).toBe(false);
    expect(store.addError).toMatchObject({ field: 'date', message: 'Date must be a date like 2026-12-04' });
    expect(await store.add('2026-12-02', '  ')).toBe(false);
    expect(store.addError).toMatchObject({ field: 'name' });

    expect(await store.add('2026-12-02', 'Ice day')).toBe(true);
    expect(store.addError).toBeNull();
    expect(api.callsTo('calendar.addClosure').map((c) => c.input)).toEqual([
      { date: '2026-12-01', name: 'Snow day' },
      { date: '2026-02-30', name: 'Nope' },
      { date: '', name: 'Snow day' },
      { date: '2026-12-02', name: '  ' },
      { date: '2026-12-02', name: 'Ice day' },
    ]);
    expect(store.closures.map((c) => c.date)).toEqual(['2026-12-01', '2026-12-02']);
  });

  it('removes a date, and says so when it was not one', async () => {
    const { api, store } = await atTheCalendar();
    api.closures = [{ date: '2026-12-01', name: 'Snow day', source: 'district' }];
    await store.refresh();
    expect(await store.remove('2026-12-24')).toBe(false);
    expect(store.removeError).toMatchObject({ code: 'not_found', field: 'date' });
    expect(await store.remove('2026-12-01')).toBe(true);
    expect(store.removeError).toBeNull();
    expect(store.closures).toEqual([]);
    expect(store.removing).toBeNull();
  });

  it('leaves an agent’s changes to the core to refuse', async () => {
    const { api, store } = await atTheCalendar('agent');
    expect(await store.add('2026-12-01', 'Snow day')).toBe(false);
    expect(store.addError?.code).toBe('forbidden');
    expect(api.closures).toEqual([]);
  });

  it('imports a calendar file only after a dry run that would add a date, reporting what it skipped', async () => {
    const { api, store } = await atTheCalendar();
    api.closures = [{ date: '2026-12-01', name: 'Snow day', source: 'district' }];
    const stop = store.follow();
    await settle();

    store.chooseIcs({ name: 'district.ics', text: ICS });
    expect(store.canImport).toBe(false);
    expect(await store.importIcs()).toBeNull();
    expect(api.callsTo('calendar.importIcs')).toHaveLength(0);

    const dry = await store.dryRunIcs();
    expect(dry).toMatchObject({
      dryRun: true,
      added: [{ date: '2026-12-21', name: 'Winter break' }],
      alreadyClosed: ['2026-12-01'],
      skipped: [{ summary: 'Early release' }],
    });
    expect(store.canImport).toBe(true);
    expect(api.closures).toHaveLength(1);

    const done = await store.importIcs();
    expect(done).toMatchObject({ dryRun: false, added: [{ date: '2026-12-21' }] });
    expect(store.canImport).toBe(false);
    await settle();
    expect(store.closures.map((c) => [c.date, c.source])).toEqual([
      ['2026-12-01', 'district'],
      ['2026-12-21', 'ics'],
    ]);
    expect(api.callsTo('calendar.importIcs').map((c) => (c.input as { dryRun: boolean }).dryRun)).toEqual([true, false]);

    // The same file again adds nothing: there is nothing to import.
    await store.dryRunIcs();
    expect(store.icsReport).toMatchObject({ added: [], alreadyClosed: ['2026-12-21', '2026-12-01'] });
    expect(store.canImport).toBe(false);
    stop();
  });

  it('forgets the report when another file is chosen, and keeps the core’s refusal of the file for the file field', async () => {
    const { store } = await atTheCalendar();
    store.chooseIcs({ name: 'district.ics', text: ICS });
    await store.dryRunIcs();
    store.chooseIcs({ name: 'notes.txt', text: 'hello' });
    expect(store.icsReport).toBeNull();
    expect(await store.dryRunIcs()).toBeNull();
    expect(store.importError).toMatchObject({ code: 'invalid_input', field: 'ics' });

    store.clearForms();
    expect(store.icsFile).toBeNull();
    expect(store.importError).toBeNull();
  });
});
