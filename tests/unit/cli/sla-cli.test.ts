/**
 * `sla due` and `sla batch` driven as a person or a script would: spawn the real CLI through tsx,
 * read its standard output and exit code.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAIN = join(ROOT, 'electron/cli/main.ts');
const TIMEOUT = 60_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], stdin?: string): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(TSX, [MAIN, ...args], { cwd: ROOT, env: { ...process.env, TZ: 'UTC' } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      done({ code, stdout, stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}

/** One CLI at a time: the machine has two cores and other test files spawn processes too. */
async function inSequence(argLists: string[][]): Promise<Run[]> {
  const runs: Run[] = [];
  for (const args of argLists) runs.push(await cli(args));
  return runs;
}

describe('sla due', () => {
  it(
    'prints clock start, due instants and an explanation as one JSON object',
    async () => {
      const run = await cli(['sla', 'due', '--priority', '2', '--received', '2026-03-04T16:30:00-06:00']);
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout);
      expect(out).toMatchObject({
        clockStart: '2026-03-05T07:00:00-06:00',
        responseDue: '2026-03-05T11:00:00-06:00',
        resolutionDue: '2026-03-06T17:00:00-06:00',
      });
      expect(out.explanation).toContain(
        "Received Wed, Mar 4, 2026, 4:30 PM CST, after the 4:00 PM intake cutoff: counted as submitted Thu, Mar 5, 2026, 7:00 AM CST, the next business day's opening.",
      );
    },
    TIMEOUT,
  );

  it(
    'replaces the default holidays with --holiday dates, reads times without offset in --tz, and gives null without a target',
    async () => {
      const [defaults, replaced, sydney, p5] = await inSequence([
        ['sla', 'due', '--priority', '2', '--received', '2026-01-16T15:00'],
        ['sla', 'due', '--priority', '2', '--received', '2026-01-16T15:00', '--holiday', '2026-01-20', '--holiday', '2026-01-21'],
        ['sla', 'due', '--priority', '3', '--received', '2026-10-02T17:00', '--tz', 'Australia/Sydney'],
        ['sla', 'due', '--priority', '5', '--received', '2026-07-02T08:00'],
      ]);
      // Default: Martin Luther King Jr. Day (Mon 19 Jan) is closed. Replaced: Monday open, Tue–Wed closed.
      expect(JSON.parse(defaults!.stdout).responseDue).toBe('2026-01-20T09:00:00-06:00');
      expect(JSON.parse(replaced!.stdout).responseDue).toBe('2026-01-19T09:00:00-06:00');
      expect(JSON.parse(replaced!.stdout).resolutionDue).toBe('2026-01-22T15:00:00-06:00');
      // Friday 17:00 in Sydney is after the cutoff: Monday 07:00, after the clocks went forward on Sunday.
      expect(JSON.parse(sydney!.stdout)).toMatchObject({ clockStart: '2026-10-05T07:00:00+11:00', responseDue: '2026-10-06T07:00:00+11:00' });
      expect(JSON.parse(p5!.stdout).resolutionDue).toBeNull();
    },
    TIMEOUT,
  );

  it(
    'adds the all-day events of an .ics file as closures',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sla-cli-'));
      const file = join(dir, 'closures.ics');
      writeFileSync(
        file,
        ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:snow@test', 'DTSTAMP:20260101T000000Z', 'DTSTART;VALUE=DATE:20260305', 'SUMMARY:Snow day', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'),
      );
      const run = await cli(['sla', 'due', '--priority', '2', '--received', '2026-03-04T15:00', '--ics', file]);
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout);
      expect(out.responseDue).toBe('2026-03-06T09:00:00-06:00');
      expect(out.explanation).toContain('  Thu, Mar 5, 2026: closed (closure: Snow day).');
    },
    TIMEOUT,
  );

  it(
    'exits 2 naming the field and value for bad input',
    async () => {
      const cases: [string[], RegExp][] = [
        [['--priority', '7', '--received', '2026-03-04T10:00'], /priority: unknown priority .*"7"/],
        [['--priority', '2', '--received', '2026-02-30T10:00'], /received: impossible date.*"2026-02-30T10:00"/],
        [['--priority', '2', '--received', 'last tuesday'], /received: malformed date-time.*"last tuesday"/],
        [['--priority', '2', '--received', '2026-03-04T10:00', '--tz', 'Mars/Olympus'], /tz: unknown IANA time zone.*"Mars\/Olympus"/],
        [['--priority', '2', '--received', '2026-03-04T10:00', '--holiday', '2026-13-01'], /--holiday: malformed holiday.*"2026-13-01"/],
      ];
      const runs = await inSequence(cases.map(([args]) => ['sla', 'due', ...args]));
      runs.forEach((run, i) => {
        expect(run.code, cases[i]?.[0].join(' ')).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(cases[i]?.[1] as RegExp);
      });
    },
    TIMEOUT,
  );
});

describe('sla batch', () => {
  it(
    'answers every line in order, reports a bad line in the middle, goes on, and exits 2',
    async () => {
      const input = [
        '{"priority":2,"received":"2026-03-04T16:30:00-06:00","id":"a"}',
        '{"priority":1,"received":"2026-03-07T23:00"}',
        '{"priority":9,"received":"2026-03-04T10:00"}',
        '{"priority":2,"received":"2026-02-30T10:00"}',
        'this is not json',
        '',
        '{"priority":2,"received":"2026-03-04T10:00","holidays":["2026-03-04x"]}',
        '{"priority":4,"received":"2026-01-16T09:00","holidays":[]}',
        '{"priority":5,"received":"2026-07-02T08:00"}',
      ].join('\n');
      const run = await cli(['sla', 'batch'], `${input}\n`);
      expect(run.code).toBe(2);
      const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines).toHaveLength(8);
      expect(lines[0]).toEqual({
        priority: 2,
        received: '2026-03-04T16:30:00-06:00',
        id: 'a',
        clockStart: '2026-03-05T07:00:00-06:00',
        responseDue: '2026-03-05T11:00:00-06:00',
        resolutionDue: '2026-03-06T17:00:00-06:00',
      });
      expect(lines[1]).toMatchObject({ clockStart: '2026-03-07T23:00:00-06:00', resolutionDue: '2026-03-08T04:00:00-05:00' });
      expect(lines[2].error).toMatch(/^line 3: priority: unknown priority .*9/);
      expect(lines[3].error).toMatch(/^line 4: received: impossible date.*"2026-02-30T10:00"/);
      expect(lines[4].error).toMatch(/^line 5: json: bad JSON/);
      expect(lines[5].error).toMatch(/^line 7: holidays: malformed holiday.*"2026-03-04x"/);
      // An empty holiday list means no closures at all: Martin Luther King Jr. Day counts.
      expect(lines[6]).toMatchObject({ responseDue: '2026-01-19T09:00:00-06:00', resolutionDue: '2026-01-23T09:00:00-06:00' });
      expect(lines[7]).toMatchObject({ responseDue: '2026-07-07T08:00:00-05:00', resolutionDue: null });
    },
    TIMEOUT,
  );

  it(
    'exits 0 when every line is good, using --holiday for lines without their own',
    async () => {
      const run = await cli(['sla', 'batch', '--holiday', '2026-03-05'], '{"priority":2,"received":"2026-03-04T15:00"}\n{"priority":2,"received":"2026-03-04T15:00","holidays":[]}\n');
      expect(run.code).toBe(0);
      const [flagged, own] = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(flagged.responseDue).toBe('2026-03-06T09:00:00-06:00');
      expect(own.responseDue).toBe('2026-03-05T09:00:00-06:00');
    },
    TIMEOUT,
  );
});
