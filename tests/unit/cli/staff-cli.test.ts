import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli as runProgram } from '../../../electron/cli/main';
import { PasswordHasher } from '../../../electron/core/auth/password-hasher';
import { runCli } from '../../support/run-cli';

const PASSWORD = 'first supervisor passphrase';

describe('deskwatch staff', () => {
  const dirs: string[] = [];
  const dbFile = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-staff-'));
    dirs.push(dir);
    return path.join(dir, 'desk.sqlite');
  };
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const read = <T>(file: string, sql: string): T[] => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };

  it('adds the first supervisor of a district server with a password from standard input, and says what to do next', async () => {
    const db = dbFile();
    const empty = await runCli(['staff', 'list', '--db', db]);
    expect(empty.status).toBe(0);
    expect(empty.stdout).toContain('No staff yet. Add the first supervisor:');

    const add = await runCli(['staff', 'add', '--name', 'Sue Supervisor', '--role', 'supervisor', '--email', 'Sue@District.org', '--password-stdin', '--db', db], { input: `${PASSWORD}\n` });
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    expect(add.stdout).toContain('Added Sue Supervisor (#1), supervisor, sign-in email sue@district.org, with a password.');
    expect(add.stdout).toContain('This is the desk’s first staff member. Next: open the district server and sign in as sue@district.org with that password.');

    const [row] = read<{ email: string; password_hash: string }>(db, 'SELECT email, password_hash FROM staff_member');
    expect(row?.email).toBe('sue@district.org');
    expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await new PasswordHasher().verify(row!.password_hash, PASSWORD)).toBe(true);
    // Audited with no actor (the command line), without the password or its hash.
    const audit = read<{ actor_id: number | null; change: string; after_json: string | null }>(db, 'SELECT actor_id, change, after_json FROM staff_audit ORDER BY id');
    expect(audit).toEqual([
      { actor_id: null, change: 'created', after_json: JSON.stringify({ name: 'Sue Supervisor', role: 'supervisor', active: true, email: 'sue@district.org' }) },
      { actor_id: null, change: 'password', after_json: null },
    ]);

    const tech = await runCli(['staff', 'add', '--name', 'Tom Tech', '--role', 'technician', '--db', db]);
    expect(tech.status).toBe(0);
    expect(tech.stdout).toContain('Without a sign-in email they cannot sign in to a district server');
    const sso = await runCli(['staff', 'add', '--name', 'Ann Agent', '--role', 'agent', '--email', 'ann@district.org', '--db', db]);
    expect(sso.stdout).toContain("sign in to the district server with the district's single sign-on as ann@district.org");
    expect(sso.stdout).toContain('deskwatch staff password --email ann@district.org --password-stdin');

    const list = await runCli(['staff', 'list', '--db', db]);
    expect(list.stdout.split('\n')).toEqual([
      '#3  Ann Agent       agent       ann@district.org',
      '#1  Sue Supervisor  supervisor  sue@district.org',
      '#2  Tom Tech        technician  (no email)',
      '3 staff member(s).',
      '',
    ]);
  });

  it('sets a password read from standard input for the staff member with that email', async () => {
    const db = dbFile();
    await runCli(['staff', 'add', '--name', 'Ann Agent', '--role', 'agent', '--email', 'ann@district.org', '--db', db]);
    const set = await runCli(['staff', 'password', '--email', 'ANN@district.org', '--password-stdin', '--db', db], { input: ['a new pass', 'phrase\r\nignored second line\n'] });
    expect(set.stderr).toBe('');
    expect(set.stdout).toBe('Password set for Ann Agent (#1); their open sessions have ended.\n');
    const [row] = read<{ password_hash: string }>(db, 'SELECT password_hash FROM staff_member');
    expect(await new PasswordHasher().verify(row!.password_hash, 'a new passphrase')).toBe(true);
    expect(read(db, `SELECT change FROM staff_audit ORDER BY id`)).toEqual([{ change: 'created' }, { change: 'password' }]);

    const nobody = await runCli(['staff', 'password', '--email', 'nobody@district.org', '--password-stdin', '--db', db], { input: 'a long enough password\n' });
    expect(nobody.status).toBe(2);
    expect(nobody.stderr).toBe('deskwatch: no staff member has the sign-in email nobody@district.org (see: deskwatch staff list)\n');
  });

  it('refuses bad input in words, and a password anywhere but standard input', async () => {
    const db = dbFile();
    const cases: [string[], string | undefined, string][] = [
      [['staff', 'add', '--name', 'X', '--role', 'boss'], undefined, 'Role must be one of: agent, technician, supervisor'],
      [['staff', 'add', '--name', 'X', '--role', 'agent', '--email', 'not-an-email'], undefined, 'Email must look like name@district.org'],
      [['staff', 'add', '--name', 'X', '--role', 'agent', '--password-stdin'], PASSWORD, 'a password needs a sign-in email: add --email'],
      [['staff', 'add', '--name', 'X', '--role', 'agent', '--email', 'x@district.org', '--password-stdin'], 'short\n', 'Password must be at least 12 characters'],
      [['staff', 'add', '--name', 'X', '--role', 'agent', '--email', 'x@district.org', '--password-stdin'], '', 'no password on standard input'],
      [['staff', 'password', '--email', 'x@district.org', '--password-stdin'], '\nsecond line\n', 'no password on standard input'],
    ];
    for (const [args, input, message] of cases) {
      const run = await runCli([...args, '--db', db], input === undefined ? {} : { input });
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain(message);
    }
    expect(read(db, 'SELECT id FROM staff_member')).toEqual([]);
    // There is no option that takes a password: one typed on the command line is refused, not used.
    const argv = await runCli(['staff', 'add', '--name', 'X', '--role', 'agent', '--email', 'x@district.org', '--password', PASSWORD, '--db', db]);
    expect(argv.status).toBe(2);
    expect(argv.stderr).toContain("unknown option '--password'");
    expect(read(db, 'SELECT id FROM staff_member')).toEqual([]);
    expect((await runCli(['staff', 'password', '--email', 'x@district.org', '--db', db])).stderr).toContain("required option '--password-stdin' not specified");
  });

  it('refuses a second staff member with the same email, naming who has it', async () => {
    const db = dbFile();
    await runCli(['staff', 'add', '--name', 'Sue Supervisor', '--role', 'supervisor', '--email', 'sue@district.org', '--db', db]);
    const dup = await runCli(['staff', 'add', '--name', 'Sue Two', '--role', 'agent', '--email', 'SUE@district.org', '--db', db]);
    expect(dup.status).toBe(2);
    expect(dup.stderr).toBe('deskwatch: A staff member with this email already exists: Sue Supervisor\n');
  });

  it('will not read a password from a terminal, where it would show as typed', async () => {
    const stdin = Object.assign(Readable.from([]), { isTTY: true });
    let stderr = '';
    const sink = { write: (text: string) => ((stderr += text), true) } as unknown as NodeJS.WritableStream;
    const io = { stdin, stdout: sink, stderr: sink, env: { ...process.env }, exitCode: 0 };
    const status = await runProgram(['staff', 'password', '--email', 'x@district.org', '--password-stdin', '--db', dbFile()], io);
    expect(status).toBe(2);
    expect(stderr).toContain('reads the password from a pipe, not from the terminal');
  });
});
