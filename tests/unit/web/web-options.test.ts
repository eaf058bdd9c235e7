import { describe, expect, it } from 'vitest';
import { parseWebOptions } from '../../../electron/web/web-options';

describe('browser-mode flags', () => {
  it('defaults to a free port and the default database', () => {
    expect(parseWebOptions([])).toEqual({ port: 0, demo: false });
  });

  it('reads --db, --port and --now', () => {
    expect(parseWebOptions(['--db', 'x.sqlite', '--port', '8123', '--now', '2026-11-30T08:00:00-06:00', '--demo'])).toEqual({
      demo: true,
      db: 'x.sqlite',
      port: 8123,
      now: Date.parse('2026-11-30T14:00:00Z'),
    });
  });

  it.each([
    [['--port', 'abc'], '--port must be a whole number from 0 to 65535, got "abc"'],
    [['--port', '70000'], '--port must be a whole number'],
    [['--now', 'tomorrow'], '--now must be an ISO 8601 instant'],
    [['--db', ' '], '--db needs a file path'],
    [['--colour'], "Unknown option '--colour'"],
  ])('names the problem with %j', (args, message) => {
    expect(() => parseWebOptions(args)).toThrow(message);
  });
});
