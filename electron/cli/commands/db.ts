import type { Command } from 'commander';
import { openDatabase } from '../../core/db/data-source';
import { describeDatabase } from '../../core/db/database-config';
import { databaseOption, resolveCliDatabase } from '../database-option';

/** `db migrate`: brings a database's schema up to date (the app also does this at start). */
export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database maintenance');
  databaseOption(db.command('migrate').description('create or upgrade the schema of a database')).action(
    async (options: { db?: string }) => {
      const config = resolveCliDatabase(options);
      const dataSource = await openDatabase(config);
      try {
        const applied = await dataSource.query(`SELECT name FROM migrations ORDER BY id`);
        process.stdout.write(`${describeDatabase(config)}: schema up to date (${(applied as unknown[]).length} migrations applied)\n`);
      } finally {
        await dataSource.destroy();
      }
    },
  );
}
