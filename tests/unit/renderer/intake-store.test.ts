import { describe, expect, it } from 'vitest';
import { INTAKE_DRAFT_KEY, useIntakeStore } from '../../../renderer/src/stores/intake-store';
import { useSessionStore } from '../../../renderer/src/stores/session-store';
import { freshRenderer } from './support/renderer-setup';
import type { MemoryStorage } from './support/memory-storage';

async function atTheConsole(storage?: MemoryStorage) {
  const world = freshRenderer(storage ? { storage } : {});
  const me = world.api.addStaff('Ana Lima', 'agent');
  const session = useSessionStore();
  await session.ensureLoaded();
  session.choose(me.id);
  return { ...world, me, intake: useIntakeStore() };
}

/** Answers that the wizard turns into priority 4 (one person, a workaround exists). */
function answerOnePersonSlowed(intake: ReturnType<typeof useIntakeStore>): void {
  intake.answer('securityOrSafety', false);
  intake.answer('missionCritical', false);
  intake.answer('affected', 'one');
  intake.answer('workEffect', 'slowed');
}

const storedDraft = (storage: MemoryStorage) => JSON.parse(storage.getItem(INTAKE_DRAFT_KEY) ?? 'null') as unknown;

describe('useIntakeStore', () => {
  it('keeps the draft on this machine as it is typed, so a reload finds it', async () => {
    const { storage, intake } = await atTheConsole();
    intake.draft.callerName = 'Jo Park';
    intake.draft.summary = 'Projector has no signal';
    intake.answer('affected', 'two_to_five');

    expect(storedDraft(storage)).toMatchObject({ callerName: 'Jo Park', summary: 'Projector has no signal' });

    const { intake: afterReload } = await atTheConsole(storage);
    expect(afterReload.draft.callerName).toBe('Jo Park');
    expect(afterReload.draft.summary).toBe('Projector has no signal');
    expect(afterReload.draft.wizard.affected).toBe('two_to_five');
  });

  it('creates the case as the person at the console, then clears the draft', async () => {
    const { api, me, storage, intake } = await atTheConsole();
    intake.draft.callerName = 'Jo Park';
    intake.draft.summary = 'Projector has no signal';
    answerOnePersonSlowed(intake);
    expect(intake.decision?.priority).toBe(4);

    const created = await intake.submit();

    expect(created).toMatchObject({ number: 'DW-000001', callerName: 'Jo Park', priority: 4 });
    expect(intake.created?.number).toBe('DW-000001');
    const call = api.callsTo('cases.create')[0];
    expect(call?.meta).toEqual({ actorId: me.id });
    expect(call?.input).toEqual({
      callerName: 'Jo Park',
      summary: 'Projector has no signal',
      wizard: { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'slowed' },
    });
    expect(intake.draft.summary).toBe('');
    expect(intake.draft.wizard.workEffect).toBeNull();
    expect(storage.getItem(INTAKE_DRAFT_KEY)).toBeNull();
  });

  it('shows the core’s message for a summary of spaces, marks the field and keeps the draft', async () => {
    const { api, storage, intake } = await atTheConsole();
    intake.draft.callerName = 'Jo Park';
    intake.draft.summary = '     ';
    intake.draft.description = 'Room 114, since this morning';
    answerOnePersonSlowed(intake);

    const created = await intake.submit();

    expect(created).toBeNull();
    expect(intake.error).toMatchObject({ code: 'invalid_input', field: 'summary', message: 'summary: Summary is required' });
    expect(intake.invalidField).toBe('summary');
    expect(api.cases).toHaveLength(0);
    expect(intake.draft).toMatchObject({ callerName: 'Jo Park', summary: '     ', description: 'Room 114, since this morning' });
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

    intake.draft.onCallNotified = true;
    expect(await intake.submit()).toMatchObject({ priority: 1 });
    expect(api.cases).toHaveLength(1);
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
    expect(intake.draft.summary).toBe('Projector has no signal');
    expect(intake.submitting).toBe(false);
  });

  it('ignores a stored draft it cannot read', async () => {
    const world = freshRenderer();
    world.storage.setItem(INTAKE_DRAFT_KEY, '{"callerName": 42, "wizard": {"affected": "everyone"}');
    expect(useIntakeStore().draft).toMatchObject({ callerName: '', summary: '' });

    world.storage.setItem(INTAKE_DRAFT_KEY, JSON.stringify({ callerName: 42, summary: 'Kept', wizard: { affected: 'everyone', workEffect: 'none' } }));
    world.reload();
    const intake = useIntakeStore();
    expect(intake.draft.callerName).toBe('');
    expect(intake.draft.summary).toBe('Kept');
    expect(intake.draft.wizard).toEqual({ securityOrSafety: null, missionCritical: null, affected: null, workEffect: 'none' });
  });

  it('clears the form and its error on request', async () => {
    const { storage, intake } = await atTheConsole();
    intake.draft.summary = ' ';
    await intake.submit();

    intake.discard();

    expect(intake.error).toBeNull();
    expect(intake.draft.summary).toBe('');
    expect(storage.getItem(INTAKE_DRAFT_KEY)).toBeNull();
  });
});
