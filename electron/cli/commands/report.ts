import fs from 'node:fs';
import { Option, type Command } from 'commander';
import type { StaffMember } from '../../../shared/domain';
import type { CliIo } from '../cli-io';
import { databaseOption } from '../database-option';

const FORMATS = ['csv', 'xlsx', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface ReportOptions {
  db?: string;
  from: string;
  to: string;
  format: Format;
  out?: string;
  period?: 'month' | 'week';
  priority?: string;
  building?: string[];
  category?: string[];
  technician?: string[];
}

/**
 * The command line reads as the district itself: every figure, as a supervisor sees them. It
 * never writes (no audit trail is owed) and is meant for scheduled jobs.
 */
const DISTRICT: StaffMember = { id: 0, name: 'Deskwatch', role: 'supervisor', active: true };

/** `report sla|trends|weaknesses|cases`: any report as CSV, XLSX or JSON, for scheduled jobs. */
export function registerReportCommands(program: Command, io: CliIo): void {
  const report = program.command('report').description('reports on the desk: SLA compliance, trends, systemic weaknesses, cases (CSV, XLSX or JSON)');
  const kinds = [
    ['sla', 'SLA compliance: targets met and breached, and times to respond and resolve, by priority, period, technician, building and category'],
    ['trends', 'backlog, arrivals by hour and weekday, after 4 PM, first-contact and reopen rates, repeat callers, technician load'],
    ['weaknesses', 'building × category combinations and callers well above their own baseline, with their cases'],
    ['cases', 'every case received in the period with its SLA figures (enough to recompute any compliance figure)'],
  ] as const;
  for (const [kind, description] of kinds) {
    const command = report
      .command(kind)
      .description(description)
      .requiredOption('--from <date>', 'first day received (YYYY-MM-DD, the desk\u2019s zone)')
      .requiredOption('--to <date>', 'last day received (YYYY-MM-DD), included')
      .addOption(new Option('--format <format>', 'what to write').choices(FORMATS).default('csv'))
      .option('--out <file>', 'write to this file instead of standard output (needed for xlsx on a terminal)')
      .option('--priority <list>', 'only these priorities, e.g. 1,2')
      .option('--building <name>', 'only this building (repeat for more)', collect, [])
      .option('--category <name>', 'only this category (repeat for more)', collect, [])
      .option('--technician <email or name>', 'only cases assigned to this person (repeat for more; "unassigned" for none)', collect, []);
    if (kind === 'sla') command.addOption(new Option('--period <period>', 'split time by').choices(['month', 'week']).default('month'));
    databaseOption(command).action(async (options: ReportOptions) => run(kind, options, io));
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function run(kind: 'sla' | 'trends' | 'weaknesses' | 'cases', options: ReportOptions, io: CliIo): Promise<void> {
  const { DomainError } = await import('../../core/errors');
  const parsedOr = <T>(result: { success: true; data: T } | { success: false; error: import('zod').ZodError }): T => {
    if (result.success) return result.data;
    const refusal = validationError(result.error);
    throw new DomainError('invalid_input', `--${refusal.field}: ${refusal.message}`, refusal.field);
  };
  const json = (data: unknown) => Buffer.from(`${JSON.stringify(data, null, 2)}\n`, 'utf8');
  const fileBytes = (file: { dataBase64: string }) => Buffer.from(file.dataBase64, 'base64');
  const { withCore } = await import('../core-session');
  const { reportFilterSchema, caseSearchSchema } = await import('../../../shared/contract-reports');
  const { validationError } = await import('../../core/handlers/validation');
  const toTerminal = !options.out && (io.stdout as { isTTY?: boolean }).isTTY === true;
  if (options.format === 'xlsx' && toTerminal) throw new DomainError('invalid_input', '--format xlsx writes a binary file: give --out FILE or redirect the output');

  const bytes = await withCore(options, io, async (core): Promise<Buffer> => {
    const lists = await core.services.lists.lists();
    const staff = await core.services.staff.list();
    const byName = (list: readonly { id: number; name: string }[], names: readonly string[], option: string) =>
      names.map((name) => {
        const found = list.find((item) => item.name.toLowerCase() === name.trim().toLowerCase());
        if (!found) throw new DomainError('invalid_input', `--${option}: nothing is named "${name}"`, option);
        return found.id;
      });
    const technicians = (options.technician ?? []).map((who) => {
      if (who.trim().toLowerCase() === 'unassigned') return 0;
      const found = staff.find((s) => s.email?.toLowerCase() === who.trim().toLowerCase() || s.name.toLowerCase() === who.trim().toLowerCase());
      if (!found) throw new DomainError('invalid_input', `--technician: no staff member has the email or name "${who}"`, 'technician');
      return found.id;
    });
    const priorities = options.priority === undefined ? undefined : options.priority.split(',').map((p) => Number(p.trim()));
    const filter = {
      from: options.from,
      to: options.to,
      ...(priorities ? { priorities } : {}),
      ...(options.building?.length ? { buildingIds: byName(lists.buildings, options.building, 'building') } : {}),
      ...(options.category?.length ? { categoryIds: byName(lists.categories, options.category, 'category') } : {}),
      ...(technicians.length ? { assigneeIds: technicians } : {}),
    };
    const reports = core.services.reports;
    const format = options.format;
    if (kind === 'cases') {
      const input = parsedOr(caseSearchSchema.safeParse(filter));
      if (format === 'json') return json(await reports.caseRows(input));
      return fileBytes(await reports.export({ report: 'cases', format, input }, DISTRICT));
    }
    const parsedFilter = parsedOr(reportFilterSchema.safeParse(filter));
    if (kind === 'sla') {
      const input = { filter: parsedFilter, period: options.period ?? 'month' };
      return format === 'json' ? json(await reports.compliance(input, DISTRICT)) : fileBytes(await reports.export({ report: 'sla', format, input }, DISTRICT));
    }
    if (kind === 'trends') {
      return format === 'json' ? json(await reports.trends({ filter: parsedFilter }, DISTRICT)) : fileBytes(await reports.export({ report: 'trends', format, input: { filter: parsedFilter } }, DISTRICT));
    }
    return format === 'json' ? json(await reports.weaknesses({ filter: parsedFilter })) : fileBytes(await reports.export({ report: 'weaknesses', format, input: { filter: parsedFilter } }, DISTRICT));
  });
  if (options.out) fs.writeFileSync(options.out, bytes);
  else io.stdout.write(bytes);
}
