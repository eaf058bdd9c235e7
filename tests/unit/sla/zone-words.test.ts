import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { clockWords, dayWords, whenWords } from '../../../electron/core/sla/zone-words';
import { random } from '../../../bench/bench-kit';

const ZONES = ['America/Chicago', 'America/New_York', 'America/Phoenix', 'Pacific/Honolulu', 'Europe/London', 'UTC'];

/** Instants across years, with the hours around each US and EU clock change included on purpose. */
function instants(): number[] {
  const next = random(8252);
  const from = Date.parse('2019-01-01T00:00:00Z');
  const to = Date.parse('2031-12-31T00:00:00Z');
  const sample = Array.from({ length: 3_000 }, () => from + Math.floor(next() * (to - from)));
  const changes = ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'].map(Date.parse);
  for (const change of changes) for (let m = -90; m <= 90; m += 15) sample.push(change + m * 60_000);
  return sample;
}

describe('instants in words, as luxon writes them', () => {
  it.each(ZONES)('agrees with luxon in %s', (zone) => {
    for (const t of instants()) {
      const local = DateTime.fromMillis(t, { zone }).setLocale('en-US');
      expect(whenWords(t, zone), new Date(t).toISOString()).toBe(local.toFormat('ccc, LLL d, yyyy, h:mm a ZZZZ'));
      expect(clockWords(t, zone)).toBe(local.toFormat('h:mm a'));
      expect(dayWords(t, zone)).toBe(local.toFormat('ccc, LLL d, yyyy'));
    }
  });
});
