import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleLogger, formatLogLine, toLogger } from '../../../electron/core/log/logger';
import { logFileIn, RotatingFile, rotatingFileLogger } from '../../../electron/core/log/rotating-file';

describe('the rotating log file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-log-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const read = (name: string) => fs.readFileSync(path.join(dir, 'logs', name), 'utf8');
  const exists = (name: string) => fs.existsSync(path.join(dir, 'logs', name));

  it('lives in the user data folder, creating its folder, and appends to what an earlier run wrote', () => {
    const file = logFileIn(dir);
    expect(file).toBe(path.join(dir, 'logs', 'deskwatch.log'));
    const first = new RotatingFile({ file });
    first.write('one\n');
    first.close();
    const second = new RotatingFile({ file });
    second.write('two\n');
    second.close();
    expect(read('deskwatch.log')).toBe('one\ntwo\n');
  });

  it('starts a new file past the size limit and keeps only the newest files', () => {
    const target = new RotatingFile({ file: logFileIn(dir), maxBytes: 10, keepFiles: 3 });
    for (const line of ['aaaa\n', 'bbbb\n', 'cccc\n', 'dddd\n', 'eeee\n', 'ffff\n', 'gggg\n']) target.write(line);
    target.close();
    expect(read('deskwatch.log')).toBe('gggg\n');
    expect(read('deskwatch.log.1')).toBe('eeee\nffff\n');
    expect(read('deskwatch.log.2')).toBe('cccc\ndddd\n');
    expect(exists('deskwatch.log.3')).toBe(false);
  });

  it('counts what an earlier run left when deciding to rotate', () => {
    const file = logFileIn(dir);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '123456789\n');
    const target = new RotatingFile({ file, maxBytes: 12 });
    target.write('next\n');
    target.close();
    expect(read('deskwatch.log')).toBe('next\n');
    expect(read('deskwatch.log.1')).toBe('123456789\n');
  });

  it('writes a line longer than the limit whole, in a file of its own', () => {
    const target = new RotatingFile({ file: logFileIn(dir), maxBytes: 4 });
    target.write('a long line\n');
    target.write('b\n');
    target.close();
    expect(read('deskwatch.log.1')).toBe('a long line\n');
    expect(read('deskwatch.log')).toBe('b\n');
  });

  it('logs each record as a line with its time, level, message and the error with its stack', () => {
    const logger = rotatingFileLogger({ file: logFileIn(dir) });
    logger.info('started');
    logger.error('deskwatch: cases.create failed', Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));
    logger.close();
    const lines = read('deskwatch.log');
    expect(lines).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO started\n/);
    expect(lines).toContain('ERROR deskwatch: cases.create failed Error: database is locked');
    expect(lines).toContain('code: SQLITE_BUSY');
    expect(lines).toMatch(/at .*rotating-file\.test\.ts/);
  });

  it('keeps going when the file cannot be written', () => {
    fs.writeFileSync(path.join(dir, 'logs'), 'a file where the folder should be');
    const logger = rotatingFileLogger({ file: logFileIn(dir) });
    expect(() => logger.warn('still running')).not.toThrow();
  });
});

describe('the console logger', () => {
  it('writes to the stream it is given, and adapts the older log(message, error) callers', () => {
    const written: string[] = [];
    consoleLogger({ write: (s: string) => written.push(s) > 0 }).warn('relay reconnecting', new Error('ECONNREFUSED'));
    expect(written[0]).toContain('WARN relay reconnecting Error: ECONNREFUSED');
    const calls: [string, unknown][] = [];
    toLogger((m, e) => calls.push([m, e])).error('boom', 'why');
    expect(calls).toEqual([['boom', 'why']]);
    expect(formatLogLine('info', 'hello', undefined, new Date(0))).toBe('1970-01-01T00:00:00.000Z INFO hello\n');
  });
});
