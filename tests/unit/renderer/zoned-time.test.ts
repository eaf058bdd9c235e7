import { describe, expect, it } from 'vitest';
import { isoToWallTime, wallTimeToIso } from '../../../renderer/src/lib/zoned-time';

const CHICAGO = 'America/Chicago';

describe('wall times in the desk’s zone', () => {
  it('reads a wall time as the desk’s, whatever zone the console runs in', () => {
    // Saturday 8 a.m. in Chicago: CST (UTC-6) in December, CDT (UTC-5) in June.
    expect(wallTimeToIso('2026-12-05T08:00', CHICAGO)).toBe('2026-12-05T14:00:00.000Z');
    expect(wallTimeToIso('2026-06-06T08:00', CHICAGO)).toBe('2026-06-06T13:00:00.000Z');
    expect(wallTimeToIso('2026-12-05T08:00', 'Asia/Kolkata')).toBe('2026-12-05T02:30:00.000Z');
  });

  it('gives a time skipped by the spring change an hour later, and the first of a repeated autumn hour', () => {
    expect(wallTimeToIso('2026-03-08T02:30', CHICAGO)).toBe('2026-03-08T08:30:00.000Z');
    expect(wallTimeToIso('2026-11-01T01:30', CHICAGO)).toBe('2026-11-01T06:30:00.000Z');
  });

  it('refuses what is not YYYY-MM-DDTHH:mm', () => {
    for (const bad of ['', '2026-12-05', '2026-12-05 08:00', 'tomorrow', '2026-12-05T8:00']) expect(wallTimeToIso(bad, CHICAGO)).toBeNull();
  });

  it('shows an instant as the desk’s wall time, the way back', () => {
    expect(isoToWallTime('2026-12-05T14:00:00.000Z', CHICAGO)).toBe('2026-12-05T08:00');
    expect(isoToWallTime('2026-06-06T13:00:00.000Z', CHICAGO)).toBe('2026-06-06T08:00');
    for (const wall of ['2026-01-31T23:59', '2026-07-04T00:00', '2026-11-01T03:15']) expect(isoToWallTime(wallTimeToIso(wall, CHICAGO) ?? '', CHICAGO)).toBe(wall);
  });
});
