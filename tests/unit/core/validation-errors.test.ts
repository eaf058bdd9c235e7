import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract';
import type { ChannelName } from '../../../shared/channel-names';
import { validationError } from '../../../electron/core/handlers/validation';

/** What the core answers for this input on this channel, as dispatch builds it. */
function refusal(channel: ChannelName, input: unknown) {
  const parsed = contract[channel].input.safeParse(input);
  if (parsed.success) throw new Error(`${channel} accepted ${JSON.stringify(input)}`);
  return validationError(parsed.error);
}

describe('contract refusals', () => {
  it('speak in the field label, never its key', () => {
    expect(refusal('cases.addNote', { id: 1, note: '   ' })).toEqual({ code: 'invalid_input', field: 'note', message: 'Note is required' });
    const contact = refusal('cases.logContact', { id: 1, version: 1, method: 'phone', outcome: 'replied', note: 'x'.repeat(2001) });
    expect(contact.message).toBe('Note must be at most 2000 characters');
    expect(contact.message).not.toMatch(/^note:/i);
  });

  it('name every bad field of an empty intake at once, first one first', () => {
    const error = refusal('cases.create', { summary: '' });
    expect(error).toMatchObject({ code: 'invalid_input', field: 'summary', message: 'Summary is required' });
    expect(error.fields).toEqual([
      { field: 'summary', message: 'Summary is required' },
      { field: 'callerId', message: 'Choose a caller or type a new caller name' },
      { field: 'wizard', message: 'Answer the priority wizard or set a priority' },
    ]);
  });

  it('give one message per field, and words for keys the contract does not take', () => {
    const error = refusal('cases.update', { id: 1, version: 1, summary: '', room: 'x'.repeat(61), colour: 'red' });
    expect(error.fields?.map((f) => f.field)).toEqual(['summary', 'room', 'colour']);
    expect(error.fields?.[2]?.message).toBe('Colour is not something this form takes');
    for (const field of error.fields ?? []) expect(field.message).not.toMatch(/^[a-z]+[A-Z.:]/);
  });

  it('put the field in words in front of a message the contract did not word', () => {
    const error = refusal('cases.list', { limit: 0 });
    expect(error.field).toBe('limit');
    expect(error.message).toMatch(/^Limit: too small/);
  });
});
