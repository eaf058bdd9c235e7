import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/data-source';
import { DATABASE_KINDS, freshDatabase } from '../support/databases';

/**
 * The entities are the source of truth for the schema the migrations create: after every
 * migration, TypeORM must see nothing to change. A difference means an entity and a migration
 * drifted apart (and `synchronize`, or a generated migration, would "fix" it by rebuilding tables,
 * dropping the exactly-once key of the alert ledger or the triggers).
 */
describe.each(DATABASE_KINDS)('schema on %s', (kind) => {
  it('is what the entities describe: the schema diff after all migrations is empty', async () => {
    const db = await freshDatabase(kind);
    const dataSource = await openDatabase(db.config);
    try {
      const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
      const statements = upQueries.map((q) => q.query);
      expect(statements, `The entities and the migrated schema differ; TypeORM would run:\n${statements.join(';\n')}`).toEqual([]);
    } finally {
      await dataSource.destroy();
      await db.dispose();
    }
  });
});
