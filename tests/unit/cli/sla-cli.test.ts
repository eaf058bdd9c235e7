/**
 * `sla due` and `sla batch` driven as a person or a script would: the command line's own
 * program, in-process, reading standard input and writing standard output; one test pipes a
 * batch through the real built CLI.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSlaBatch, type BatchTuning } from '../../../electron/cli/commands/sla-batch';
import { buildCli, runCli, spawnCli, type CliRun } from '../../support/run-cli';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const asRun = (run: CliRun): Run => ({ code: run.status, stdout: run.stdout, stderr: run.stderr });

async function cli(args: string[], stdin?: string | readonly (string | Buffer)[]): Promise<Run> {
  return asRun(await runCli(args, { input: stdin ?? '' }));
}

async function inSequence(argLists: string[][]): Promise<Run[]> {
  const runs: Run[] = [];
  for (const args of argLists) runs.push(await cli(args));
  return runs;
}

describe('sla due', () => {
  it('prints clock start, due instants and an explanation as one JSON object', async () => {
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
  });

  it('replaces the default holidays with --holiday dates, reads times without offset in --tz, and gives null without a target', async () => {
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
  });

  it('adds the all-day events of an .ics file as closures', async () => {
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
  });

  it('exits 2 naming the field and value for bad input', async () => {
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
  });
});

describe('sla batch', () => {
  it('answers every line in order, reports a bad line in the middle, goes on, and exits 2', async () => {
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
  });

  it('exits 0 when every line is good, using --holiday for lines without their own', async () => {
    const run = await cli(['sla', 'batch', '--holiday', '2026-03-05'], '{"priority":2,"received":"2026-03-04T15:00"}\n{"priority":2,"received":"2026-03-04T15:00","holidays":[]}\n');
    expect(run.code).toBe(0);
    const [flagged, own] = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(flagged.responseDue).toBe('2026-03-06T09:00:00-06:00');
    expect(own.responseDue).toBe('2026-03-05T09:00:00-06:00');
  });
});

// Lines whose JSON the batch must echo exactly as JSON.stringify({ ...line, clockStart, responseDue, resolutionDue }):
// a key it overwrites keeps its place, integer keys come first, numbers and escapes are re-written.
const TRICKY_INPUT = [
  '{"id":"x","priority":2,"received":"2026-03-04T10:00","clockStart":"old"}\r\n',
  '  {"priority":1,"received":"2026-03-04T10:00"}  \n',
  '{"__proto__":{"x":1},"priority":2,"received":"2026-03-04T10:00"}\r',
  '{"priority":2,"received":"2026-03-04T10:00","n":1.0,"big":1e400,"neg":-0,"u":"\\u00e9\\ud83d\\ude00","esc":"a\\/b","ls":"\u2028"}\n',
  '{"priority":2,"received":"2026-03-04T10:00","priority":3}\r\n',
  '{"2":"num key","priority":4,"received":"2026-03-04T10:00"}\n',
  '   \n',
  '{"priority":"3","received":"2026-03-04T10:00:00.5Z","tz":"Asia/Kathmandu"}\r',
  '{"priority":2,"received":"2026-03-04T10:00","tz":"Mars/Olympus"}\n',
  '{"priority":5,"received":"2026-03-04T10:00","tz":"Europe/London","holidays":["2026-03-05"]}',
].join('');

describe('sla batch output, byte for byte', () => {
  const input = TRICKY_INPUT;
  const expected = [
    '{"id":"x","priority":2,"received":"2026-03-04T10:00","clockStart":"2026-03-04T10:00:00-06:00","responseDue":"2026-03-04T14:00:00-06:00","resolutionDue":"2026-03-06T10:00:00-06:00"}',
    '{"priority":1,"received":"2026-03-04T10:00","clockStart":"2026-03-04T10:00:00-06:00","responseDue":"2026-03-04T11:00:00-06:00","resolutionDue":"2026-03-04T14:00:00-06:00"}',
    '{"__proto__":{"x":1},"priority":2,"received":"2026-03-04T10:00","clockStart":"2026-03-04T10:00:00-06:00","responseDue":"2026-03-04T14:00:00-06:00","resolutionDue":"2026-03-06T10:00:00-06:00"}',
    '{"priority":2,"received":"2026-03-04T10:00","n":1,"big":null,"neg":0,"u":"é😀","esc":"a/b","ls":"\u2028","clockStart":"2026-03-04T10:00:00-06:00","responseDue":"2026-03-04T14:00:00-06:00","resolutionDue":"2026-03-06T10:00:00-06:00"}',
    '{"priority":3,"received":"2026-03-04T10:00","clockStart":"2026-03-04T10:00:00-06:00","responseDue":"2026-03-05T10:00:00-06:00","resolutionDue":"2026-03-09T10:00:00-05:00"}',
    '{"2":"num key","priority":4,"received":"2026-03-04T10:00","clockStart":"2026-03-04T10:00:00-06:00","responseDue":"2026-03-05T10:00:00-06:00","resolutionDue":"2026-03-11T10:00:00-05:00"}',
    '{"priority":"3","received":"2026-03-04T10:00:00.5Z","tz":"Asia/Kathmandu","clockStart":"2026-03-04T15:45:00.500+05:45","responseDue":"2026-03-05T15:45:00.500+05:45","resolutionDue":"2026-03-09T15:45:00.500+05:45"}',
    '{"error":"line 9: tz: unknown IANA time zone (got \\"Mars/Olympus\\")"}',
    '{"priority":5,"received":"2026-03-04T10:00","tz":"Europe/London","holidays":["2026-03-05"],"clockStart":"2026-03-04T10:00:00+00:00","responseDue":"2026-03-09T10:00:00+00:00","resolutionDue":null}',
    '',
  ].join('\n');

  it('writes each line exactly, whatever its line break (\\n, \\r\\n, a lone \\r, none at the end)', async () => {
    const run = await cli(['sla', 'batch'], input);
    expect(run.stdout).toBe(expected);
    expect(run.code).toBe(2);
  });

  it('gives the same bytes when the input arrives one character at a time, or split inside a character', async () => {
    expect((await cli(['sla', 'batch'], [...input])).stdout).toBe(expected);
    // One byte at a time: cut through every \r\n pair and through the UTF-8 bytes of é and 😀.
    const bytes = Buffer.from(input, 'utf8');
    const pieces = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    expect((await cli(['sla', 'batch'], pieces)).stdout).toBe(expected);
  });
});

describe('sla batch through the built CLI', () => {
  beforeAll(() => buildCli(), 120_000);

  it('reads a pipe and writes a pipe, in order, with the exit code of the batch', async () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => JSON.stringify({ id: i, priority: (i % 5) + 1, received: '2026-03-04T16:30:00-06:00' }));
    const run = await spawnCli(['sla', 'batch'], { input: `${lines.join('\n')}\n` });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = run.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(5_000);
    expect(JSON.parse(out[4_999]!)).toMatchObject({ id: 4_999, priority: 5, clockStart: '2026-03-05T07:00:00-06:00', resolutionDue: null });
    const bad = await spawnCli(['sla', 'batch'], { input: 'nope\n' });
    expect(bad.status).toBe(2);
  });
});

describe('sla batch in runs of lines, on one thread or two', () => {
  const WORKER = join(resolve(__dirname, '../../..'), 'out', 'cli', 'sla-batch-worker.cjs');
  beforeAll(() => buildCli(), 120_000);

  // 40 copies of the lines above (every kind of break, bad lines, zones), so runs are cut everywhere.
  const many = Array.from({ length: 40 }, (_, i) => `{"copy":${i},"priority":${(i % 5) + 1},"received":"2026-03-0${(i % 9) + 1}T16:30"}\r\n${TRICKY_INPUT}\n`).join('');

  async function batch(tuning: BatchTuning, pieces: readonly Buffer[]): Promise<Run> {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const io = {
      stdin: Readable.from(pieces),
      stdout: new Writable({ write: (chunk: Buffer, _e, done) => (out.push(chunk), done()) }),
      stderr: new Writable({ write: (chunk: Buffer, _e, done) => (err.push(chunk), done()) }),
      env: process.env,
      exitCode: 0,
    };
    await runSlaBatch({ holiday: [], tz: 'America/Chicago' }, io, tuning);
    return { code: io.exitCode, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
  }

  it('gives the same bytes whatever the run size, the input pieces and the helper thread', async () => {
    const whole = await cli(['sla', 'batch'], many);
    expect(whole.code).toBe(2);
    expect(whole.stdout.split('\n')).toHaveLength(40 * 10 + 1);
    const bytes = Buffer.from(many, 'utf8');
    const pieces = (size: number) => Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
    for (const runChars of [1, 50, 333, 4_096]) {
      for (const workerFile of [null, WORKER]) {
        const run = await batch({ runChars, workerFile }, pieces(runChars === 1 ? 3 : 1_000));
        expect(run.stdout, `runChars ${runChars}, ${workerFile ? 'two threads' : 'one thread'}`).toBe(whole.stdout);
        expect(run.code).toBe(2);
      }
    }
  });

  it('reports a helper thread that cannot start instead of hanging', async () => {
    await expect(batch({ runChars: 50, workerFile: join(tmpdir(), 'no-such-worker.cjs') }, [Buffer.from(many)])).rejects.toThrow();
  });
});
