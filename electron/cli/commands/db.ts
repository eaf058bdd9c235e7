import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { databaseOption, resolveCliDatabase } from '../database-option';

/** `db migrate`: brings a database's schema up to date (the app also does this at start). */
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
}
