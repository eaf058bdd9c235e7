import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { isPostgres } from '../dialect';

const text = (name: string, length: number) => new TableColumn({ name, type: 'varchar', length: String(length), isNullable: true });
const intColumn = (name: string) => new TableColumn({ name, type: 'integer', isNullable: true });
const pk = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };

/**
 * The caller directory (buildings, categories, searchable callers) and the intake fields of a
 * case (callback number, location, category, asset tag, wizard answers, related case).
 */
export class CallerDirectoryAndIntake1764547200000 implements MigrationInterface {
  name = 'CallerDirectoryAndIntake1764547200000';

  async up(q: QueryRunner): Promise<void> {
    for (const name of ['building', 'category']) {
      await q.createTable(
        new Table({
          name,
          columns: [pk, { name: 'name', type: 'varchar', length: '120' }, { name: 'active', type: 'boolean', default: true }],
          uniques: [{ name: `uq_${name}_name`, columnNames: ['name'] }],
        }),
      );
    }

    await q.dropColumn('caller', 'building');
    await q.addColumns('caller', [
      text('extension', 20),
      intColumn('building_id'),
      text('room', 60),
      text('department', 120),
      text('caller_role', 60),
      new TableColumn({ name: 'notes', type: 'text', isNullable: true }),
      text('employee_id', 60),
      new TableColumn({ name: 'search_text', type: 'text', default: `''` }),
    ]);
    await q.createForeignKey('caller', new TableForeignKey({ columnNames: ['building_id'], referencedTableName: 'building', referencedColumnNames: ['id'] }));
    await q.createIndex('caller', new TableIndex({ name: 'idx_caller_email', columnNames: ['email'] }));
    await q.createIndex('caller', new TableIndex({ name: 'idx_caller_employee_id', columnNames: ['employee_id'] }));

    await q.addColumns('help_case', [
      text('callback_number', 40),
      intColumn('building_id'),
      text('room', 60),
      intColumn('category_id'),
      text('asset_tag', 60),
      new TableColumn({ name: 'wizard_answers', type: 'text', isNullable: true }),
      new TableColumn({ name: 'priority_reason', type: 'text', isNullable: true }),
      intColumn('related_case_id'),
      new TableColumn({ name: 'clock_start_at', type: 'bigint', isNullable: true }),
      new TableColumn({ name: 'on_call_notified_at', type: 'bigint', isNullable: true }),
    ]);
    await q.createForeignKeys('help_case', [
      new TableForeignKey({ columnNames: ['building_id'], referencedTableName: 'building', referencedColumnNames: ['id'] }),
      new TableForeignKey({ columnNames: ['category_id'], referencedTableName: 'category', referencedColumnNames: ['id'] }),
      new TableForeignKey({ columnNames: ['related_case_id'], referencedTableName: 'help_case', referencedColumnNames: ['id'] }),
    ]);
    await q.createIndex('help_case', new TableIndex({ name: 'idx_case_building_category', columnNames: ['building_id', 'category_id', 'received_at'] }));

    // Last, on purpose: on SQLite the column changes above rebuild `caller`, which would drop triggers made before them.
    await this.createCallerSearchIndex(q);
  }

  /** Caller search must answer while the agent types (50,000 callers): an index per dialect (see caller-search.ts). */
  private async createCallerSearchIndex(q: QueryRunner): Promise<void> {
    if (isPostgres(q)) {
      await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await q.query('CREATE INDEX idx_caller_search_trgm ON caller USING gin (search_text gin_trgm_ops)');
      return;
    }
    await q.query(`CREATE VIRTUAL TABLE caller_fts USING fts5(search_text, content='caller', content_rowid='id',
      tokenize = "unicode61 remove_diacritics 2 tokenchars '@'")`);
    await q.query(`CREATE TRIGGER caller_fts_insert AFTER INSERT ON caller BEGIN
      INSERT INTO caller_fts(rowid, search_text) VALUES (new.id, new.search_text); END`);
    await q.query(`CREATE TRIGGER caller_fts_delete AFTER DELETE ON caller BEGIN
      INSERT INTO caller_fts(caller_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END`);
    await q.query(`CREATE TRIGGER caller_fts_update AFTER UPDATE OF search_text ON caller BEGIN
      INSERT INTO caller_fts(caller_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
      INSERT INTO caller_fts(rowid, search_text) VALUES (new.id, new.search_text); END`);
    await q.query(`INSERT INTO caller_fts(caller_fts) VALUES ('rebuild')`);
  }

  async down(q: QueryRunner): Promise<void> {
    if (isPostgres(q)) {
      await q.query('DROP INDEX IF EXISTS idx_caller_search_trgm');
    } else {
      for (const t of ['caller_fts_insert', 'caller_fts_delete', 'caller_fts_update']) await q.query(`DROP TRIGGER IF EXISTS ${t}`);
      await q.query('DROP TABLE IF EXISTS caller_fts');
    }
    const caseTable = await q.getTable('help_case');
    for (const fk of caseTable?.foreignKeys.filter((k) => ['building_id', 'category_id', 'related_case_id'].includes(k.columnNames[0] ?? '')) ?? []) {
      await q.dropForeignKey('help_case', fk);
    }
    await q.dropIndex('help_case', 'idx_case_building_category');
    for (const c of ['callback_number', 'building_id', 'room', 'category_id', 'asset_tag', 'wizard_answers', 'priority_reason', 'related_case_id', 'clock_start_at', 'on_call_notified_at']) {
      await q.dropColumn('help_case', c);
    }
    const callerTable = await q.getTable('caller');
    for (const fk of callerTable?.foreignKeys ?? []) await q.dropForeignKey('caller', fk);
    await q.dropIndex('caller', 'idx_caller_email');
    await q.dropIndex('caller', 'idx_caller_employee_id');
    for (const c of ['extension', 'building_id', 'room', 'department', 'caller_role', 'notes', 'employee_id', 'search_text']) await q.dropColumn('caller', c);
    await q.addColumn('caller', text('building', 120));
    await q.dropTable('category');
    await q.dropTable('building');
  }
}
