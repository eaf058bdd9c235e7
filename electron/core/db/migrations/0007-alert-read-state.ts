import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * What each person has seen and dismissed of their alerts, kept by the core rather than by one
 * browser (a new port is a new origin, and another browser knew nothing), and who sat at this
 * console last, so a restarted console does not ask who you are again.
 *
 * Columns are added with plain `ALTER TABLE … ADD COLUMN`: TypeORM's SQLite `addColumn` rebuilds
 * the table and would lose its triggers.
 */
export class AlertReadState1764979200000 implements MigrationInterface {
  name = 'AlertReadState1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE alert_delivery ADD COLUMN seen_at BIGINT NULL');
    await q.query('ALTER TABLE alert_delivery ADD COLUMN dismissed_at BIGINT NULL');
    await q.createTable(
      new Table({
        name: 'console_setting',
        columns: [
          { name: 'key', type: 'varchar', length: '60', isPrimary: true },
          { name: 'value', type: 'text' },
          { name: 'updated_at', type: 'bigint' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('console_setting');
    await q.query('ALTER TABLE alert_delivery DROP COLUMN dismissed_at');
    await q.query('ALTER TABLE alert_delivery DROP COLUMN seen_at');
  }
}
