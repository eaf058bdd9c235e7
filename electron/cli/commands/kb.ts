import { Option, type Command } from 'commander';
import { contract } from '../../../shared/contract';
import type { ArticleState } from '../../../shared/knowledge';
import type { Core } from '../../core/core';
import { DomainError } from '../../core/errors';
import type { CliIo } from '../cli-io';
import { databaseOption } from '../database-option';
import type { FileReport } from './kb-transfer';

/**
 * `kb export DIR` / `kb import DIR|FILE`: the knowledge base as Markdown files with front matter
 * (electron/core/kb/article-markdown.ts), so a district can bring the articles it already has,
 * edit them in bulk, or move them to another desk.
 */
export function registerKbCommands(program: Command, io: CliIo): void {
  // The core is loaded when a command runs: it is heavy and `--help` needs none of it.
  const withCore = async <T>(options: { db?: string }, work: (core: Core) => Promise<T>): Promise<T> => (await import('../core-session')).withCore(options, io, work);
  const transfer = () => import('./kb-transfer');
  const kb = program.command('kb').description('the knowledge base: articles as Markdown files');

  databaseOption(
    kb
      .command('export')
      .description('write every article (all states) to DIR as <id>-<title>.md, with its images in <id>-attachments/; never writes over a file')
      .argument('<dir>', 'the folder to write (created if missing)'),
  ).action(async (dir: string, options: { db?: string }) => {
    const { exportArticles } = await transfer();
    const report = await withCore(options, (core) => exportArticles(core, dir));
    const states = `${report.byState.published} published, ${report.byState.draft} draft(s), ${report.byState.retired} retired`;
    io.stdout.write(`Exported ${report.articles} article(s) (${states}) and ${report.images} image(s) to ${report.dir}\n`);
  });

  databaseOption(
    kb
      .command('import')
      .description(
        'import articles from Markdown files (a folder\'s .md files, or one file): a file with the id of an article updates it as a new version, ' +
          'else the article with its title (any case), else a new article; category, buildings and owner are matched by name (owner: email or name); ' +
          'each file goes in whole or not at all; the exit code is 2 if any file failed',
      )
      .argument('<path>', 'a folder of .md files (not its subfolders), or one .md file')
      .option('--dry-run', 'check every file and report what would change, without writing')
      .addOption(new Option('--as-state <state>', 'give every imported article this state, whatever its file says').choices(['draft', 'published']))
      .option('--as <email>', 'the technician or supervisor the import is recorded as (its versions and images); default: Deskwatch'),
  ).action(async (target: string, options: { db?: string; dryRun?: boolean; asState?: ArticleState; as?: string }) => {
    const { articleFilesIn, importArticles } = await transfer();
    // The files are listed before the database is opened (which would create or migrate it).
    const files = await articleFilesIn(target);
    const reports = await withCore(options, async (core) => {
      const as = options.as === undefined ? null : await core.services.staff.findByEmail(options.as);
      if (options.as !== undefined && !as) throw new DomainError('invalid_input', `--as: no staff member has the email "${options.as}"`);
      if (as && as.role === 'agent') throw new DomainError('invalid_input', `--as: ${as.name} is an agent; articles are written by technicians and supervisors`);
      return importArticles(core, files, { dryRun: options.dryRun === true, asState: options.asState ?? null, as });
    });
    for (const r of reports) {
      if (r.outcome === 'failed') io.stderr.write(`deskwatch: ${r.message}\n`);
      else io.stdout.write(`${describe(r)}\n`);
    }
    io.stdout.write(`${summary(reports, options.dryRun === true)}\n`);
    if (reports.some((r) => r.outcome === 'failed')) io.exitCode = 2;
  });

  databaseOption(
    kb
      .command('suggest')
      .description('print, as JSON, what intake suggests for a summary: the best published articles and similar resolved cases (kb.suggest)')
      .argument('<text...>', 'the summary as an agent would type it')
      .option('--category <name>', 'the case\'s category, by name')
      .option('--building <name>', 'the case\'s building, by name')
      .option('--limit <n>', 'how many of each (1 to 10)', '5'),
  ).action(async (words: string[], options: { db?: string; category?: string; building?: string; limit: string }) => {
    const answer = await withCore(options, async (core) => {
      const lists = await core.services.lists.lists();
      const idOf = (list: 'buildings' | 'categories', name: string | undefined) => {
        if (name === undefined) return undefined;
        const found = lists[list].find((item) => item.name.toLowerCase() === name.trim().toLowerCase());
        if (!found) throw new DomainError('invalid_input', `--${list === 'buildings' ? 'building' : 'category'}: no ${list === 'buildings' ? 'building' : 'category'} is named "${name}"`);
        return found.id;
      };
      const input = { text: words.join(' '), categoryId: idOf('categories', options.category), buildingId: idOf('buildings', options.building), limit: Number(options.limit) };
      // The command line is nobody at the desk: the channel's own schema checks the input, the service answers.
      const parsed = contract['kb.suggest'].input.safeParse(input);
      if (!parsed.success) throw new DomainError('invalid_input', parsed.error.issues.map((i) => i.message).join('; '));
      return core.services.kb.suggest(parsed.data);
    });
    io.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
  });
}

function describe(r: FileReport): string {
  const what = r.article === null ? `${r.outcome}` : `${r.outcome} ${r.article}`;
  return `${what.padEnd(17)} ${r.file}${r.title === null ? '' : `  "${r.title}"`}${r.message === null ? '' : ` (${r.message})`}`;
}

function summary(reports: readonly FileReport[], dryRun: boolean): string {
  const count = (outcome: FileReport['outcome']) => reports.filter((r) => r.outcome === outcome).length;
  const parts = `${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged, ${count('failed')} failed`;
  if (dryRun) return `Dry run, nothing was written: of ${reports.length} file(s), ${parts}.`;
  return `${reports.length} file(s): ${parts}.${count('failed') ? ' Fix the files that failed and import them again.' : ''}`;
}
