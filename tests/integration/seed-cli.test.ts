/**
 * `seed --demo [--years N] [--scale S]` from the command line: the size it writes, and the
 * values it refuses before it touches any database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';

const dirs: string[] = [];
const freshFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-seed-'));
  dirs.push(dir);
  return path.join(dir, 'demo.sqlite');
};

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('seed --demo on the command line', () => {
  it.each([
    [['--years', '0'], '--years must be a whole number from 1 to 10 (got "0")'],
    [['--years', '11'], '--years must be a whole number from 1 to 10 (got "11")'],
    [['--years', '2.5'], '--years must be a whole number from 1 to 10 (got "2.5")'],
    [['--years', 'five'], '--years must be a whole number from 1 to 10 (got "five")'],
    [['--scale', '0'], '--scale must be a whole number from 1 to 500 (got "0")'],
    [['--scale', '501'], '--scale must be a whole number from 1 to 500 (got "501")'],
    [['--scale', '-3'], '--scale must be a whole number from 1 to 500 (got "-3")'],
  ])('refuses %j with a message naming the option, and writes nothing', async (args, message) => {
    const file = freshFile();
    const run = await runCli(['seed', '--demo', ...args, '--db', file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('writes the years and the scale asked for', async () => {
    const file = freshFile();
    const run = await runCli(['seed', '--demo', '--years', '2', '--scale', '1', '--db', file]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Demo district: 12 staff, 2000 callers, 360 open and 8000 closed cases over 2 year\(s\) \(\d+\.\d s\)\n$/);
    // A second time into the same database is refused: demo data goes only into a fresh one.
    const again = await runCli(['seed', '--demo', '--db', file]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('demo data goes only into a fresh database');
  }, 180_000);
});
