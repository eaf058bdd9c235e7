import { describe, expect, it } from 'vitest';
import { dialablePhone } from '../../shared/support';

describe("the desk's phone as a number to dial", () => {
  it('takes the first whole number a phone can dial from the words, skipping an extension', () => {
    expect(dialablePhone('extension 25888 or 573-214-3333')).toBe('+15732143333');
    expect(dialablePhone('(573) 214-3333, ext. 25888')).toBe('+15732143333');
    expect(dialablePhone('1 573 214 3333')).toBe('+15732143333');
    expect(dialablePhone('+44 20 7946 0958')).toBe('+442079460958');
  });

  it('answers null when there is only an extension or no number at all', () => {
    expect(dialablePhone('extension 25888')).toBeNull();
    expect(dialablePhone('x4100')).toBeNull();
    expect(dialablePhone('the front office')).toBeNull();
  });
});
