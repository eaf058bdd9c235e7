import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The SLA scheduler's state: per case the next instant something is due (indexed, so a wake
 * reads only what is due), the ledger of delivered alerts that makes delivery exactly once,
 * and each person's alert preferences.
 */
export class SlaScheduler1764720000000 implements MigrationInterface {
  name = 'SlaScheduler1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('help_case', new TableColumn({ name: 'next_alert_at', type: 'bigint', isNullable: true }));
    await q.createIndex('help_case', new TableIndex({ name: 'idx_case_next_alert', columnNames: ['next_alert_at'] }));
    await q.createTable(
      new Table({
        name: 'alert_delivery',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'case_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'recipient_id', type: 'integer' },
          { name: 'due_at', type: 'bigint' },
          { name: 'delivered_at', type: 'bigint' },
          { name: 'missed', type: 'boolean', default: false },
          // A warning a breach overtook before it could be shown: recorded so it is never raised, not listed.
          { name: 'superseded', type: 'boolean', default: false },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'body', type: 'text' },
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['case_id'], referencedTableName: 'help_case', referencedColumnNames: ['id'] }),
          new TableForeignKey({ columnNames: ['recipient_id'], referencedTableName: 'staff_member', referencedColumnNames: ['id'] }),
        ],
        // Exactly once: the same alert for the same person and the same due instant is refused by the database.
        uniques: [{ name: 'uq_alert_once', columnNames: ['case_id', 'kind', 'recipient_id', 'due_at'] }],
        indices: [new TableIndex({ name: 'idx_alert_recipient', columnNames: ['recipient_id', 'delivered_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'alert_preference',
        columns: [
          { name: 'staff_id', type: 'integer', isPrimary: true },
          { name: 'kinds', type: 'text' },
          { name: 'sound', type: 'boolean', default: true },
          { name: 'mute_until', type: 'bigint', isNullable: true },
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['staff_id'], referencedTableName: 'staff_member', referencedColumnNames: ['id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('alert_preference');
    await q.dropTable('alert_delivery');
    await q.dropIndex('help_case', 'idx_case_next_alert');
    await q.dropColumn('help_case', 'next_alert_at');
  }
}
