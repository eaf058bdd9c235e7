import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import { useCaseChange } from '../../../renderer/src/composables/use-case-change';
import type { Result } from '../../../shared/result';
import { atTheWorkConsole } from './support/work-setup';

const refused = (message: string, field?: string): Result<never> => ({ ok: false, error: { code: 'invalid_input', message, ...(field ? { field } : {}) } });

/** Stands for the form element: what the composable asks of it, without a DOM. */
function fakeForm() {
  const focus = vi.fn();
  const querySelector = vi.fn(() => ({ focus }));
  return { form: ref({ querySelector } as unknown as HTMLElement), querySelector, focus };
}

beforeEach(async () => {
  await atTheWorkConsole();
});

describe('useCaseChange', () => {
  it('links a refused field to the core’s message next to it, without the field’s name in front', async () => {
    const change = useCaseChange();

    expect(await change.run(() => Promise.resolve(refused('note: What was asked of the user is required', 'note')))).toBe(false);

    expect(change.fieldState('action-note', 'note')).toEqual({ 'aria-invalid': 'true', 'aria-describedby': 'action-note-error' });
    expect(change.fieldError('note')).toBe('What was asked of the user is required');
    // Other fields stay as they were.
    expect(change.fieldState('action-reason', 'reason')).toEqual({ 'aria-invalid': undefined, 'aria-describedby': undefined });
    expect(change.fieldError('reason')).toBeNull();
  });

  it('marks every field the core refused at once, each with its own message', async () => {
    const change = useCaseChange();
    const error = {
      code: 'invalid_input' as const,
      message: 'Summary is required',
      field: 'summary',
      fields: [
        { field: 'summary', message: 'Summary is required' },
        { field: 'room', message: 'Room must be at most 60 characters' },
      ],
    };

    await change.run(() => Promise.resolve({ ok: false as const, error }));

    expect(change.fieldError('summary')).toBe('Summary is required');
    expect(change.fieldError('room')).toBe('Room must be at most 60 characters');
    expect(change.fieldState('edit-room', 'room')).toEqual({ 'aria-invalid': 'true', 'aria-describedby': 'edit-room-error' });
    expect(change.fieldError('assetTag')).toBeNull();
  });

  it('counts a refusal of a part of a field (a phase’s title) against the field', async () => {
    const change = useCaseChange();

    await change.run(() => Promise.resolve(refused('phases.1.title: Phase title is required', 'phases.1.title')));

    expect(change.fieldState('phase-title-1', 'phases.1.title')['aria-describedby']).toBe('phase-title-1-error');
    expect(change.fieldError('phases')).toBe('Phase title is required');
    expect(change.fieldError('phases.0.title')).toBeNull();
  });

  it('takes the focus to the field the core refused', async () => {
    const { form, querySelector, focus } = fakeForm();
    const change = useCaseChange({ form });

    await change.run(() => Promise.resolve(refused('Give a reason for choosing priority 2 over the wizard', 'priorityReason')));

    expect(querySelector).toHaveBeenCalledWith(expect.stringContaining('[aria-invalid="true"]'));
    expect(focus).toHaveBeenCalledTimes(1);
  });

  it('lets the form focus a field it knows better how to reach, such as a group of questions', async () => {
    const { form, focus } = fakeForm();
    const focusField = vi.fn((field: string) => field === 'wizard');
    const change = useCaseChange({ form, focusField });

    await change.run(() => Promise.resolve(refused('wizard: Answer the priority wizard or set a priority', 'wizard')));

    expect(focusField).toHaveBeenCalledWith('wizard');
    expect(focus).not.toHaveBeenCalled();
  });

  it('leaves the focus alone when the refusal names no field', async () => {
    const { form, querySelector } = fakeForm();
    const change = useCaseChange({ form });

    await change.run(() => Promise.resolve(refused('The server is not answering')));

    expect(querySelector).not.toHaveBeenCalled();
    expect(change.fieldError('note')).toBeNull();
  });
});
