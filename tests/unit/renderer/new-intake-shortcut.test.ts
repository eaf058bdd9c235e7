import { describe, expect, it } from 'vitest';
import { isNewIntakeShortcut } from '../../../renderer/src/composables/use-new-intake';

const key = (init: Partial<KeyboardEvent>) =>
  ({ code: 'KeyN', key: 'n', altKey: false, ctrlKey: false, shiftKey: false, metaKey: false, ...init }) as KeyboardEvent;

describe('the new intake shortcut', () => {
  it('is Alt+N or Ctrl+Shift+N, whatever character the layout makes of it', () => {
    expect(isNewIntakeShortcut(key({ altKey: true }))).toBe(true);
    expect(isNewIntakeShortcut(key({ altKey: true, key: '˜' }))).toBe(true);
    expect(isNewIntakeShortcut(key({ ctrlKey: true, shiftKey: true, key: 'N' }))).toBe(true);
  });

  it('is not Ctrl+N (the browser’s new window), plain N, or other combinations', () => {
    expect(isNewIntakeShortcut(key({ ctrlKey: true }))).toBe(false);
    expect(isNewIntakeShortcut(key({}))).toBe(false);
    expect(isNewIntakeShortcut(key({ altKey: true, shiftKey: true }))).toBe(false);
    expect(isNewIntakeShortcut(key({ metaKey: true, altKey: true }))).toBe(false);
    expect(isNewIntakeShortcut(key({ altKey: true, code: 'KeyM' }))).toBe(false);
  });
});
