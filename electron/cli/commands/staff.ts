import type { Command } from 'commander';
import type { StaffMember } from '../../../shared/domain';
import type { Core } from '../../core/core';
import type { CliIo } from '../cli-io';
import { databaseOption } from '../database-option';

interface AddOptions {
  db?: string;
  name: string;
  role: string;
  email?: string;
  passwordStdin?: boolean;
}

/** More than any password: standard input carries one line, not a file. */
const STDIN_LIMIT = 64 * 1024;

/**
 * `staff …`: staff profiles and their sign-in accounts from the command line. This is how a
 * district server gets its first supervisor; everything after that is done in the console by a
 * supervisor. Changes are audited with no actor (the command line). A password is read only from
 * standard input, never from the command line, which other users of the machine can see (`ps`)
 * and the shell keeps in its history.
 */
export function registerStaffCommands(program: Command, io: CliIo): void {
  const staff = program.command('staff').description('staff profiles and sign-in accounts (how a district server gets its first supervisor)');
  // The core is loaded when a command runs: it is heavy and `--help` needs none of it.
  const withCore = async <T>(options: { db?: string }, work: (core: Core) => Promise<T>): Promise<T> =>
    (await import('../core-session')).withCore(options, io, work);
  const refuse = (message: string) => {
    io.stderr.write(`deskwatch: ${message}\n`);
    io.exitCode = 2;
  };

  databaseOption(staff.command('list').description('list staff members: role, sign-in email, whether active')).action(async (options: { db?: string }) => {
    const members = await withCore(options, (core) => core.services.staff.list());
    if (members.length === 0) {
      io.stdout.write('No staff yet. Add the first supervisor:\n  deskwatch staff add --name "Full Name" --role supervisor --email name@district.org --password-stdin\n');
      return;
    }
    for (const line of table(members)) io.stdout.write(`${line}\n`);
    io.stdout.write(`${members.length} staff member(s).\n`);
  });

  databaseOption(
    staff
      .command('add')
      .description('add a staff member (the first supervisor of a district server, for one)')
      .requiredOption('--name <name>', 'full name')
      .requiredOption('--role <role>', 'agent, technician or supervisor')
      .option('--email <email>', 'sign-in email: single sign-on finds the person by it, and a password needs it')
      .option('--password-stdin', 'read a password for a local account from standard input (the first line)'),
  ).action(async (options: AddOptions) => {
    const { contract } = await import('../../../shared/contract');
    const { validationError } = await import('../../core/handlers/validation');
    const parsed = contract['staff.create'].input.safeParse({ name: options.name, role: options.role, ...(options.email !== undefined ? { email: options.email } : {}) });
    if (!parsed.success) return refuse(validationError(parsed.error).message);
    if (options.passwordStdin && !parsed.data.email) return refuse('a password needs a sign-in email: add --email');
    const password = options.passwordStdin ? await readPassword(io) : undefined;
    if (password instanceof Error) return refuse(password.message);
    const { added, count } = await withCore(options, async (core) => {
      const added = await core.services.staff.create({ ...parsed.data, ...(password !== undefined ? { password } : {}) }, null);
      return { added, count: (await core.services.staff.list()).length };
    });
    const how = added.email ? `, sign-in email ${added.email}${password !== undefined ? ', with a password' : ''}` : '';
    io.stdout.write(`Added ${added.name} (#${added.id}), ${added.role}${how}.\n`);
    io.stdout.write(`${nextSteps(added, password !== undefined, count === 1)}\n`);
  });

  databaseOption(
    staff
      .command('password')
      .description("set a local account's password, read from standard input; the person's open sessions end")
      .requiredOption('--email <email>', 'the sign-in email of the staff member')
      .requiredOption('--password-stdin', 'read the password from standard input (the first line)'),
  ).action(async (options: { db?: string; email: string }) => {
    const password = await readPassword(io);
    if (password instanceof Error) return refuse(password.message);
    const member = await withCore(options, async (core) => {
      const found = await core.services.staff.findByEmail(options.email);
      if (!found) return null;
      return core.services.staff.setPassword(null, found.id, password);
    });
    if (!member) return refuse(`no staff member has the sign-in email ${options.email.trim().toLowerCase()} (see: deskwatch staff list)`);
    io.stdout.write(`Password set for ${member.name} (#${member.id}); their open sessions have ended.\n`);
  });
}

/** What to do now, in words: a first supervisor's setup is done from the command line once. */
function nextSteps(member: StaffMember, withPassword: boolean, first: boolean): string {
  const lead = first ? 'This is the desk’s first staff member. ' : '';
  if (!member.email) {
    return `${lead}Without a sign-in email they cannot sign in to a district server (a standalone console needs none); a supervisor can add one under Staff.`;
  }
  const rest = member.role === 'supervisor' ? ' Add the rest of the desk under Staff there.' : '';
  if (withPassword) return `${lead}Next: open the district server and sign in as ${member.email} with that password.${rest}`;
  return (
    `${lead}Next: they sign in to the district server with the district's single sign-on as ${member.email} (linked at their first sign-in), ` +
    `or set a password for a local account: deskwatch staff password --email ${member.email} --password-stdin.${rest}`
  );
}

function table(members: StaffMember[]): string[] {
  const cells = members.map((m) => [`#${m.id}`, m.name, m.role, m.email ?? '(no email)', m.active ? '' : 'inactive']);
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  return cells.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
}

/**
 * The first line of standard input. Refused from a terminal, where it would be shown as typed:
 * pipe it in from a password manager or a file only you can read.
 */
async function readPassword(io: CliIo): Promise<string | Error> {
  if ((io.stdin as { isTTY?: boolean }).isTTY) {
    return new Error('--password-stdin reads the password from a pipe, not from the terminal (where it would show as you type), e.g. from a file only you can read: … --password-stdin < password.txt');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const piece = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    size += piece.length;
    if (size > STDIN_LIMIT) return new Error('standard input is longer than any password: give the password alone, on one line');
    chunks.push(piece);
  }
  const line = Buffer.concat(chunks).toString('utf8').split('\n')[0]!.replace(/\r$/, '');
  if (line === '') return new Error('no password on standard input: give it on the first line');
  return line;
}
