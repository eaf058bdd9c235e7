import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/contract';
import type { QueueCase } from '../../shared/domain';
import { callAs, coreFixture, newCaseInput, refusalOf, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

// Mon 2026-11-30 is the fixture's clock; the desk's zone is America/Chicago (UTC−6 in winter).
const MON_TO_FRI_MORNINGS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '10:00' }));
const TUESDAY_0900_CHICAGO = '2026-12-01T15:00:00.000Z';
const TUESDAY_1500_CHICAGO = '2026-12-01T21:00:00.000Z';

describe.each(DATABASE_KINDS)('caller availability and the planned visit on %s', (kind) => {
  let f: CoreFixture;
  let tech: { id: number };
  const call = <T>(channel: string, input: unknown) => callAs<T>(f.core, tech, channel, input);
  const refusal = (channel: string, input: unknown) => refusalOf(f.core, tech, channel, input);

  beforeEach(async () => {
    f = await coreFixture(kind);
    tech = await f.staff('technician', 'Tess Tech');
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('keeps what the caller said and their windows from the intake, and shows them on the case', async () => {
    const created = await call<QueueCase>(
      'cases.create',
      newCaseInput({ callerAvailability: '  mornings before 10, not Wednesdays ', availabilityWindows: [...MON_TO_FRI_MORNINGS, { date: '2026-12-09', start: '13:00', end: '15:00' }] }),
    );
    const detail = await call<CaseDetail>('cases.get', { id: created.id });
    expect(detail.availability).toEqual({
      text: 'mornings before 10, not Wednesdays',
      windows: [...MON_TO_FRI_MORNINGS, { date: '2026-12-09', start: '13:00', end: '15:00' }],
      visit: null,
      visitOutsideAvailability: false,
      visitWarning: null,
      windowsText: 'Mon–Fri 8:00–10:00; Dec 9, 2026 13:00–15:00',
    });
  });

  it('plans a visit, flags one outside the windows with the reason, and clears it', async () => {
    const created = await call<QueueCase>('cases.create', newCaseInput({ availabilityWindows: MON_TO_FRI_MORNINGS }));
    const inside = await call<QueueCase>('cases.scheduleVisit', { id: created.id, version: created.version, visitAt: TUESDAY_0900_CHICAGO, note: 'Bring a toner' });
    let detail = await call<CaseDetail>('cases.get', { id: created.id });
    expect(detail.availability).toMatchObject({ visit: { at: TUESDAY_0900_CHICAGO, note: 'Bring a toner' }, visitOutsideAvailability: false, visitWarning: null });

    const outside = await call<QueueCase>('cases.scheduleVisit', { id: created.id, version: inside.version, visitAt: TUESDAY_1500_CHICAGO });
    detail = await call<CaseDetail>('cases.get', { id: created.id });
    expect(detail.availability?.visitOutsideAvailability).toBe(true);
    expect(detail.availability?.visitWarning).toBe("Visit Tue, Dec 1 3:00 PM is outside the caller's windows: Mon–Fri 8:00–10:00");
    // The audit log keeps who planned what.
    const planned = detail.events.filter((e) => e.kind === 'updated');
    expect(planned.map((e) => e.detail.visitAt)).toEqual([TUESDAY_0900_CHICAGO, TUESDAY_1500_CHICAGO]);
    expect(planned.every((e) => e.actorName === 'Tess Tech')).toBe(true);

    // The windows change with the case's edit: the same visit is inside a Tuesday afternoon.
    const edited = await call<QueueCase>('cases.update', { id: created.id, version: outside.version, availabilityWindows: [{ weekday: 2, start: '14:00', end: '16:00' }] });
    detail = await call<CaseDetail>('cases.get', { id: created.id });
    expect(detail.availability).toMatchObject({ windows: [{ weekday: 2, start: '14:00', end: '16:00' }], visitOutsideAvailability: false });

    await call<QueueCase>('cases.scheduleVisit', { id: created.id, version: edited.version, visitAt: null });
    detail = await call<CaseDetail>('cases.get', { id: created.id });
    expect(detail.availability?.visit).toBeNull();
  });

  it('never flags a visit when the caller gave no windows, and clears windows with an empty list', async () => {
    const created = await call<QueueCase>('cases.create', newCaseInput({ callerAvailability: 'any time', availabilityWindows: MON_TO_FRI_MORNINGS }));
    const cleared = await call<QueueCase>('cases.update', { id: created.id, version: created.version, availabilityWindows: [] });
    await call<QueueCase>('cases.scheduleVisit', { id: created.id, version: cleared.version, visitAt: TUESDAY_1500_CHICAGO });
    const detail = await call<CaseDetail>('cases.get', { id: created.id });
    expect(detail.availability).toMatchObject({ text: 'any time', windows: [], windowsText: null, visitOutsideAvailability: false, visitWarning: null });
  });

  it('refuses a stale version when planning a visit', async () => {
    const created = await call<QueueCase>('cases.create', newCaseInput());
    await call<QueueCase>('cases.scheduleVisit', { id: created.id, version: created.version, visitAt: TUESDAY_0900_CHICAGO });
    const stale = await refusal('cases.scheduleVisit', { id: created.id, version: created.version, visitAt: TUESDAY_1500_CHICAGO });
    expect(stale).toMatchObject({ code: 'conflict', field: 'version' });
    expect(stale.message).toContain('edited planned visit');
  });

  it('refuses bad input with a message naming the field', async () => {
    const bad = (over: Record<string, unknown>) => refusal('cases.create', newCaseInput(over));
    expect(await bad({ availabilityWindows: [{ weekday: 1, start: '8:00', end: '10:00' }] })).toMatchObject({
      code: 'invalid_input',
      field: 'availabilityWindows.0.start',
      message: 'Start must be a time like 08:00 or 15:30 (24-hour clock)',
    });
    expect(await bad({ availabilityWindows: [{ weekday: 1, start: '10:00', end: '09:00' }] })).toMatchObject({
      field: 'availabilityWindows.0.end',
      message: 'End 09:00 must be after start 10:00 (a window cannot run past midnight: split it in two)',
    });
    expect(await bad({ availabilityWindows: [{ weekday: 1, start: '22:00', end: '02:00' }] })).toMatchObject({ field: 'availabilityWindows.0.end' });
    expect(await bad({ availabilityWindows: [{ weekday: 8, start: '08:00', end: '09:00' }] })).toMatchObject({ field: 'availabilityWindows.0.weekday' });
    expect(await bad({ availabilityWindows: [{ weekday: 1, date: '2026-12-01', start: '08:00', end: '09:00' }] })).toMatchObject({
      field: 'availabilityWindows.0.weekday',
      message: 'A window needs either a weekday or a date, not both',
    });
    expect(await bad({ availabilityWindows: [{ date: '2026-02-30', start: '08:00', end: '09:00' }] })).toMatchObject({ field: 'availabilityWindows.0.date', message: 'Date 2026-02-30 is not a real date' });
    expect(await bad({ availabilityWindows: Array.from({ length: 15 }, () => MON_TO_FRI_MORNINGS[0]) })).toMatchObject({
      field: 'availabilityWindows',
      message: 'At most 14 availability windows',
    });
    expect(await bad({ callerAvailability: 'x'.repeat(501) })).toMatchObject({ field: 'callerAvailability', message: 'Caller availability must be at most 500 characters' });

    const created = await call<QueueCase>('cases.create', newCaseInput());
    expect(await refusal('cases.scheduleVisit', { id: created.id, version: created.version, visitAt: 'tomorrow at 3' })).toMatchObject({ field: 'visitAt' });
    expect(await refusal('cases.scheduleVisit', { id: created.id, version: created.version, visitAt: TUESDAY_0900_CHICAGO, note: 'n'.repeat(501) })).toMatchObject({
      field: 'note',
      message: 'Visit note must be at most 500 characters',
    });
    expect(await refusal('cases.update', { id: created.id, version: created.version, availabilityWindows: [{ weekday: 1, start: '25:00', end: '26:00' }] })).toMatchObject({
      field: 'availabilityWindows.0.start',
    });
    expect(await refusal('cases.scheduleVisit', { id: 999_999, version: 1, visitAt: TUESDAY_0900_CHICAGO })).toMatchObject({ code: 'not_found' });
  });
});
