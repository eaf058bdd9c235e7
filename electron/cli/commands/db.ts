import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { databaseOption, resolveCliDatabase } from '../database-option';

/**
 * `db migrate`: brings a database's schema up to date (the app also does this at start).
 * `db export FILE` / `db import FILE`: move a desk's whole database to another one (a standalone
 * desk's SQLite file to the district server's PostgreSQL): electron/core/db/portable/.
 */
export function registerDbCommands(program: Command, io: CliIo): void {
  const db = program.command('db').description('database maintenance');
  databaseOption(db.command('migrate').description('create or upgrade the schema of a database')).action(
    async (options: { db?: string }) => {
      const config = resolveCliDatabase(options, io.env);
      // Loaded here, not at the top: the database layer is heavy and `--help` needs none of it.
      const { openDatabase } = await import('../../core/db/data-source');
      const { describeDatabase } = await import('../../core/db/database-config');
      const dataSource = await openDatabase(config);
      try {
        const applied = await dataSource.query(`SELECT name FROM migrations ORDER BY id`);
        io.stdout.write(`${describeDatabase(config)}: schema up to date (${(applied as unknown[]).length} migrations applied)\n`);
      } finally {
        await dataSource.destroy();
      }
    },
  );
  databaseOption(
    db
      .command('export')
      .description('write the whole database (but sign-in state) to a JSON Lines file, to import it into another database; brings its schema up to date first')
      .argument('<file>', 'the file to write (it must not exist yet)'),
  ).action(async (file: string, options: { db?: string }) => {
    const config = resolveCliDatabase(options, io.env);
    const { openDatabase } = await import('../../core/db/data-source');
    const { describeDatabase } = await import('../../core/db/database-config');
    const { exportDatabase } = await import('../../core/db/portable/export-database');
    const { exportSummary } = await import('../../core/db/portable/portable-report');
    const started = performance.now();
    const dataSource = await openDatabase(config);
    try {
      const report = await exportDatabase(dataSource, file);
      io.stdout.write(exportSummary(report, describeDatabase(config), performance.now() - started));
    } finally {
      await dataSource.destroy();
    }
  });
  databaseOption(
    db
      .command('import')
      .description('import a file of `db export` into a new, empty database (created or upgraded first); all or nothing')
      .argument('<file>', 'a file written by `db export`'),
  ).action(async (file: string, options: { db?: string }) => {
    const config = resolveCliDatabase(options, io.env);
    const { openDatabase } = await import('../../core/db/data-source');
    const { describeDatabase } = await import('../../core/db/database-config');
    const { importDatabase, readExportHeader } = await import('../../core/db/portable/import-database');
    const { importSummary } = await import('../../core/db/portable/portable-report');
    const started = performance.now();
    // A file that is no export is refused before the database is opened (which would create or migrate it).
    await readExportHeader(file);
    const dataSource = await openDatabase(config);
    try {
      const report = await importDatabase(dataSource, file);
      io.stdout.write(importSummary(report, describeDatabase(config), performance.now() - started));
    } finally {
      await dataSource.destroy();
    }
  });
}
