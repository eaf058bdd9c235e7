import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DRAFT_SAVE_DEBOUNCE_MS,
  INTAKE_DRAFT_KEY,
  RELATED_DEBOUNCE_MS,
  useIntakeStore,
} from '../../../renderer/src/stores/intake-store';
import type { MemoryStorage } from './support/memory-storage';
import { atTheIntakeConsole, settle } from './support/intake-setup';
import type { FakeIntakeApi } from './support/fake-intake-api';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

async function atTheConsole(options: { storage?: MemoryStorage; api?: FakeIntakeApi } = {}) {
  const world = await atTheIntakeConsole(options);
  return { ...world, intake: useIntakeStore() };
}

/** Answers that the wizard turns into priority 4 (one person, a workaround exists). */
function answerOnePersonSlowed(intake: ReturnType<typeof useIntakeStore>): void {
  intake.answer('securityOrSafety', false);
  intake.answer('missionCritical', false);
  intake.answer('affected', 'one');
  intake.answer('workEffect', 'slowed');
}

const storedDraft = (storage: MemoryStorage) => JSON.parse(storage.getItem(INTAKE_DRAFT_KEY) ?? 'null') as unknown;

describe('useIntakeStore: the draft', () => {
  it('is written to this machine shortly after each change, and read back after a reload', async () => {
    const { storage, intake } = await atTheConsole();
    intake.draft.callerName = 'Jo Park';
    intake.draft.summary = 'Projector has no signal';
    intake.answer('affected', 'two_to_five');
    expect(storedDraft(storage)).toBeNull();

    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DEBOUNCE_MS);
    expect(storedDraft(storage)).toMatchObject({ callerName: 'Jo Park', summary: 'Projector has no signal' });

    intake.draft.room = '114';
    intake.flushDraft();
    expect(storedDraft(storage)).toMatchObject({ room: '114' });

    const { intake: afterReload } = await atTheConsole({ storage });
    expect(afterReload.draft).toMatchObject({ callerName: 'Jo Park', summary: 'Projector has no signal', room: '114', channel: 'phone' });
    expect(afterReload.draft.wizard.affected).toBe('two_to_five');
  });

  it('keeps the chosen caller whole, so a reload still shows who it was', async () => {
    const { api, storage, intake } = await atTheConsole();
    const jo = api.addCaller({ name: 'Jo Smith', buildingId: 2, room: 'B12', extension: '5520' });
    intake.chooseCaller(jo);
    intake.flushDraft();

    const { intake: afterReload } = await atTheConsole({ storage, api });
    expect(afterReload.draft.caller).toMatchObject({ id: jo.id, name: 'Jo Smith', buildingName: 'Battle High School' });
    expect(afterReload.draft.callerName).toBe('Jo Smith');
  });

  it('ignores a stored draft it cannot read', async () => {
    const { storage } = await atTheConsole();
    storage.setItem(INTAKE_DRAFT_KEY, '{"callerName": 42, "wizard": {"affected": "everyone"}');
    expect((await atTheConsole({ storage })).intake.draft).toMatchObject({ callerName: '', summary: '' });

    storage.setItem(
      INTAKE_DRAFT_KEY,
      JSON.stringify({
        callerName: 42,
        summary: 'Kept',
        caller: { id: 'x', name: 'Nobody' },
        buildingId: -3,
        channel: 'fax',
        priorityOverride: 9,
        wizard: { affected: 'everyone', workEffect: 'none' },
      }),
    );
    const { intake } = await atTheConsole({ storage });
    expect(intake.draft).toMatchObject({ callerName: '', summary: 'Kept', caller: null, buildingId: null, channel: 'phone', priorityOverride: null });
    expect(intake.draft.wizard).toEqual({ securityOrSafety: null, missionCritical: null, affected: null, workEffect: 'none' });
  });

  it('knows when it is empty, and clears the form, its error and the stored draft on request', async () => {
    const { storage, intake } = await atTheConsole();
    expect(intake.isEmpty).toBe(true);
    intake.draft.summary = ' ';
    expect(intake.isEmpty).toBe(true);
    intake.draft.summary = 'x';
    expect(intake.isEmpty).toBe(false);
    intake.draft.summary = ' ';
    await intake.submit();
    expect(intake.error).not.toBeNull();

    intake.discard();

    expect(intake.error).toBeNull();
    expect(intake.draft.summary).toBe('');
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DEBOUNCE_MS);
    expect(storage.getItem(INTAKE_DRAFT_KEY)).toBeNull();
  });
});

describe('useIntakeStore: the caller', () => {
  it('fills the callback number, building and room from the chosen caller, without overwriting what was typed', async () => {
    const { api, intake } = await atTheConsole();
    const hickman = api.addCaller({ name: 'Jo Smith', buildingId: 1, room: '114', extension: '4412' });
    const battle = api.addCaller({ name: 'Jo Smith', buildingId: 2, room: 'B12', phone: '573-214-3333' });

    intake.chooseCaller(hickman);
    expect(intake.draft).toMatchObject({ callerName: 'Jo Smith', callbackNumber: 'x4412', buildingId: 1, room: '114' });

    intake.draft.room = 'Library';
    intake.chooseCaller(battle);
    // The defaults follow the caller; the room the agent typed stays.
    expect(intake.draft).toMatchObject({ callbackNumber: '573-214-3333', buildingId: 2, room: 'Library' });

    intake.clearCaller();
    expect(intake.draft).toMatchObject({ caller: null, callerName: '', callbackNumber: '', buildingId: null, room: 'Library' });
  });
});

describe('useIntakeStore: creating the case', () => {
  it('sends the whole form as the person at the console, then clears the draft', async () => {
    const { api, me, storage, intake } = await atTheConsole();
    const jo = api.addCaller({ name: 'Jo Smith', buildingId: 2, room: 'B12', extension: '5520' });
    intake.chooseCaller(jo);
    intake.draft.summary = 'Projector has no signal';
    intake.draft.categoryId = 1;
    intake.draft.assetTag = 'CPS-10442';
    intake.draft.channel = 'walk_in';
    answerOnePersonSlowed(intake);
    expect(intake.decision?.priority).toBe(4);
    expect(intake.effectivePriority).toBe(4);

    const created = await intake.submit();

    expect(created).toMatchObject({ number: 'DW-000001', callerName: 'Jo Smith', priority: 4 });
    expect(intake.created?.number).toBe('DW-000001');
    const call = api.callsTo('cases.create')[0];
    expect(call?.actorId).toBe(me.id);
    expect(call?.input).toEqual({
      callerId: jo.id,
      callbackNumber: 'x5520',
      buildingId: 2,
      room: 'B12',
      categoryId: 1,
      assetTag: 'CPS-10442',
      summary: 'Projector has no signal',
      channel: 'walk_in',
      wizard: { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'slowed' },
    });
    expect(intake.draft.summary).toBe('');
    expect(intake.draft.caller).toBeNull();
    expect(intake.draft.wizard.workEffect).toBeNull();
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DEBOUNCE_MS);
    expect(storage.getItem(INTAKE_DRAFT_KEY)).toBeNull();

    intake.startNew();
    expect(intake.created).toBeNull();
    expect(intake.focusRequest).toBe(1);
  });

  it('still files a new caller by name (callerName), as the old form did', async () => {
    const { api, intake } = await atTheConsole();
    intake.draft.callerName = 'Jo Park';
    intake.draft.summary = 'Projector has no signal';
    answerOnePersonSlowed(intake);
    expect(await intake.submit()).toMatchObject({ callerName: 'Jo Park' });
    expect(api.callsTo('cases.create')[0]?.input).toMatchObject({ callerName: 'Jo Park' });
  });

  it('shows the core’s message for a summary of spaces on that field, and keeps the draft', async () => {
    const { api, storage, intake } = await atTheConsole();
    intake.draft.callerName = 'Jo Park';
    intake.draft.summary = '     ';
    intake.draft.description = 'Room 114, since this morning';
    answerOnePersonSlowed(intake);

    expect(await intake.submit()).toBeNull();

    expect(intake.error).toMatchObject({ code: 'invalid_input', field: 'summary', message: 'Summary is required' });
    expect(intake.invalidField).toBe('summary');
    expect(intake.errorField).toBe('summary');
    expect(intake.fieldError('summary')).toBe('Summary is required');
    expect(intake.fieldError('description')).toBeNull();
    expect(api.filed).toHaveLength(0);
    expect(intake.draft).toMatchObject({ callerName: 'Jo Park', summary: '     ', description: 'Room 114, since this morning' });
    // A refused draft is written at once.
    expect(storedDraft(storage)).toMatchObject({ callerName: 'Jo Park', description: 'Room 114, since this morning' });
  });

  it('does not guess unanswered priority questions: the core asks for them', async () => {
    const { api, intake } = await atTheConsole();
    intake.draft.callerName = 'Jo Park';
    intake.draft.summary = 'Projector has no signal';
    intake.answer('affected', 'one');

    expect(await intake.submit()).toBeNull();
    expect(api.callsTo('cases.create')[0]?.input).not.toHaveProperty('wizard');
    expect(intake.error?.field).toBe('wizard');
    expect(intake.invalidField).toBe('wizard');
    expect(intake.errorField).toBe('wizard');
  });

  it('without a caller, points the error at the caller', async () => {
    const { intake } = await atTheConsole();
    intake.draft.summary = 'Projector has no signal';
    answerOnePersonSlowed(intake);
    expect(await intake.submit()).toBeNull();
    expect(intake.errorField).toBe('caller');
    expect(intake.fieldError('caller')).toBe('Choose a caller or type a new caller name');
  });

  it('sends an override with its reason; without one, the core’s message is on the reason', async () => {
    const { api, intake } = await atTheConsole();
    intake.draft.callerName = 'Jo Park';
    intake.draft.summary = 'Principal’s laptop will not boot';
    answerOnePersonSlowed(intake);

    intake.setOverride(4);
    expect(intake.overridePriority).toBeNull();
    intake.setOverride(2);
    expect(intake.overridePriority).toBe(2);
    expect(intake.effectivePriority).toBe(2);

    expect(await intake.submit()).toBeNull();
    expect(intake.errorField).toBe('priorityReason');
    expect(intake.invalidField).toBe('wizard');
    expect(intake.fieldError('priorityReason')).toMatch(/Give a reason/);

    intake.draft.priorityReason = 'Board presentation at 3 PM';
    expect(await intake.submit()).toMatchObject({ priority: 2, priorityReason: 'Board presentation at 3 PM' });
    expect(api.callsTo('cases.create')[1]?.input).toMatchObject({ priority: 2, priorityReason: 'Board presentation at 3 PM' });
  });

  it('asks for the on-call confirmation on a priority 1 case', async () => {
    const { api, intake } = await atTheConsole();
    intake.draft.callerName = 'Principal Diaz';
    intake.draft.summary = 'Door access system down at the main entrance';
    intake.answer('securityOrSafety', true);
    intake.answer('missionCritical', false);
    intake.answer('affected', 'more_than_five');
    intake.answer('workEffect', 'stopped');
    expect(intake.decision?.priority).toBe(1);

    expect(await intake.submit()).toBeNull();
    expect(intake.invalidField).toBe('onCallNotified');
    expect(intake.errorField).toBe('onCallNotified');

    intake.draft.onCallNotified = true;
    expect(await intake.submit()).toMatchObject({ priority: 1 });
    expect(api.filed).toHaveLength(1);
  });

  it('keeps the draft when the server cannot be reached', async () => {
    const { api, intake } = await atTheConsole();
    intake.draft.callerName = 'Jo Park';
    intake.draft.summary = 'Projector has no signal';
    answerOnePersonSlowed(intake);
    api.unreachable = true;

    expect(await intake.submit()).toBeNull();
    expect(intake.error?.message).toMatch(/Cannot reach the Deskwatch server/);
    expect(intake.invalidField).toBeNull();
    expect(intake.errorField).toBeNull();
    expect(intake.draft.summary).toBe('Projector has no signal');
    expect(intake.submitting).toBe(false);
  });
});

describe('useIntakeStore: preview and related cases', () => {
  it('previews the deadlines once the priority is known, and follows an override', async () => {
    const { api, intake } = await atTheConsole();
    intake.answer('securityOrSafety', false);
    await settle();
    expect(intake.preview).toBeNull();
    expect(api.callsTo('cases.preview')).toHaveLength(0);

    intake.answer('missionCritical', false);
    intake.answer('affected', 'one');
    intake.answer('workEffect', 'slowed');
    await settle();
    expect(intake.preview).toMatchObject({ priority: 4, words: 'response due for P4; resolution due later' });

    intake.setOverride(2);
    await settle();
    expect(intake.preview?.priority).toBe(2);
    expect(api.callsTo('cases.preview').at(-1)?.input).toMatchObject({ priority: 2, wizard: { workEffect: 'slowed' } });

    api.desk = { ...api.desk, cutoffApplies: true };
    await intake.refreshPreview();
    expect(intake.preview?.cutoffNote).toBe('received after 4 PM: counted as submitted Tuesday 7:00 AM');
  });

  it('shows only the latest preview when answers race', async () => {
    const { api, intake } = await atTheConsole();
    answerOnePersonSlowed(intake);
    await settle();
    api.hold('cases.preview');
    intake.setOverride(3);
    await settle();
    intake.setOverride(5);
    await settle();
    api.release('cases.preview', 1);
    await settle();
    api.release('cases.preview', 0);
    await settle();
    expect(intake.preview?.priority).toBe(5);
  });

  it('asks for related cases as the caller, building and category settle, and links to one', async () => {
    const { api, intake } = await atTheConsole();
    const mia = api.addCaller({ name: 'Mia Torres', buildingId: 1 });
    const file = (summary: string, fields: object) =>
      api.invoke('cases.create', { callerName: 'Someone', summary, priority: 4, priorityReason: 'test', ...fields });
    await file('Wi-Fi drops in the library', { buildingId: 1, categoryId: 2 });
    await file('No network in room 201', { buildingId: 1, categoryId: 2 });
    await api.invoke('cases.create', { callerId: mia.id, summary: 'Charger missing', priority: 4, priorityReason: 'test' });

    intake.chooseCaller(mia);
    await vi.advanceTimersByTimeAsync(RELATED_DEBOUNCE_MS);
    await settle();
    expect(intake.related?.callerOpenCases.map((c) => c.summary)).toEqual(['Charger missing']);
    expect(intake.related?.outageNote).toBeNull();

    intake.draft.categoryId = 2;
    await vi.advanceTimersByTimeAsync(RELATED_DEBOUNCE_MS);
    await settle();
    expect(api.callsTo('cases.related').at(-1)?.input).toEqual({ callerId: mia.id, buildingId: 1, categoryId: 2 });
    expect(intake.related?.outageNote).toBe('possible outage: 2 open cases at Hickman High School · Network & Wi-Fi');

    intake.draft.relatedCaseId = 1;
    intake.draft.summary = 'No Wi-Fi in room 210';
    answerOnePersonSlowed(intake);
    expect(await intake.submit()).toMatchObject({ relatedCaseId: 1, callerId: mia.id });
  });

  it('unlinks a case that is no longer related', async () => {
    const { api, intake } = await atTheConsole();
    const mia = api.addCaller({ name: 'Mia Torres' });
    const lee = api.addCaller({ name: 'Lee Chan' });
    await api.invoke('cases.create', { callerId: mia.id, summary: 'Charger missing', priority: 4, priorityReason: 'test' });
    intake.chooseCaller(mia);
    await vi.advanceTimersByTimeAsync(RELATED_DEBOUNCE_MS);
    await settle();
    intake.draft.relatedCaseId = 1;

    intake.chooseCaller(lee);
    await vi.advanceTimersByTimeAsync(RELATED_DEBOUNCE_MS);
    await settle();
    expect(intake.related?.callerOpenCases).toEqual([]);
    expect(intake.draft.relatedCaseId).toBeNull();
  });
});
