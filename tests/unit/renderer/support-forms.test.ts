import { describe, expect, it } from 'vitest';
import { describedBy, errorAt, unplacedError } from '../../../renderer/src/support/lib/form-errors';
import { screenshotProblems } from '../../../renderer/src/support/lib/screenshots';
import { SCREENSHOT_LIMITS } from '../../../shared/support';

const MB = 1024 * 1024;
const png = (name: string, size = 10_000) => ({ name, type: 'image/png', size });

describe('screenshots chosen for a request', () => {
  it('accepts up to three pictures of the allowed types and sizes', () => {
    expect(screenshotProblems([png('a.png'), { name: 'b.jpg', type: 'image/jpeg', size: 5 * MB }, { name: 'c.webp', type: 'image/webp', size: 1 }])).toEqual([]);
  });

  it('names each problem: too many, wrong type, empty, too large, name too long', () => {
    expect(screenshotProblems([png('1.png'), png('2.png'), png('3.png'), png('4.png')])).toEqual(['Choose at most 3 screenshots; you chose 4.']);
    expect(screenshotProblems([{ name: 'notes.pdf', type: 'application/pdf', size: 100 }])).toEqual(['notes.pdf is not a PNG, JPEG, GIF or WebP picture.']);
    expect(screenshotProblems([png('blank.png', 0)])).toEqual(['blank.png is empty.']);
    expect(screenshotProblems([png('huge.png', 5 * MB + 1)])).toEqual(['huge.png is too large (5.0 MB); a screenshot may be at most 5.0 MB.']);
    expect(screenshotProblems([png(`${'x'.repeat(SCREENSHOT_LIMITS.fileName)}.png`)])[0]).toMatch(/has a name longer than 200 characters/);
  });
});

describe('form errors', () => {
  const server = {
    code: 'invalid_input' as const,
    message: 'Say how many people are affected',
    field: 'answers.affected',
    fields: [
      { field: 'answers.affected', message: 'Say how many people are affected' },
      { field: 'callbackNumber', message: 'Callback number must be a phone number such as 573-214-3333 or x25888' },
    ],
  };

  it('shows each server message at its field, this page’s own first', () => {
    expect(errorAt('answers.affected', {}, server)).toBe('Say how many people are affected');
    expect(errorAt('callbackNumber', {}, server)).toMatch(/^Callback number must be/);
    expect(errorAt('problem', {}, server)).toBeNull();
    expect(errorAt('problem', { problem: 'Say in a few words what is wrong.' }, server)).toBe('Say in a few words what is wrong.');
    expect(errorAt('screenshots', {}, { code: 'invalid_input', message: 'Screenshot must be base64 data', field: 'screenshots.1.dataBase64' })).toBe(
      'Screenshot must be base64 data',
    );
  });

  it('says a message no field shows (a limit, the network) on its own', () => {
    expect(unplacedError(server, ['answers', 'callbackNumber'])).toBeNull();
    expect(unplacedError({ code: 'rate_limited', message: 'You sent 10 requests in the last hour.' }, ['problem'])).toBe('You sent 10 requests in the last hour.');
    expect(unplacedError(null, ['problem'])).toBeNull();
  });

  it('names the hint and the error as a control’s description', () => {
    expect(describedBy('req-problem', { hint: true, error: true })).toBe('req-problem-hint req-problem-error');
    expect(describedBy('req-room', {})).toBeUndefined();
  });
});
