import { describe, expect, it } from 'vitest';
import { durationWords, servicesFromText } from '../../../renderer/src/views/announcements/announcement-desk-words';

describe('announcement words', () => {
  it('says an expected duration in days, hours and minutes', () => {
    expect(durationWords(1)).toBe('1 minute');
    expect(durationWords(45)).toBe('45 minutes');
    expect(durationWords(60)).toBe('1 hour');
    expect(durationWords(90)).toBe('1 hour 30 minutes');
    expect(durationWords(180)).toBe('3 hours');
    expect(durationWords(24 * 60)).toBe('1 day');
    expect(durationWords(28 * 60 + 5)).toBe('1 day 4 hours 5 minutes');
  });

  it('reads the affected services as a list, by commas or lines, without blanks', () => {
    expect(servicesFromText(' Email, Webmail ,,\nPhones\n')).toEqual(['Email', 'Webmail', 'Phones']);
    expect(servicesFromText('   ')).toEqual([]);
  });
});
