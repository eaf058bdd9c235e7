import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The pages the desk sent for a case (electron/core/escalation): priority 1 pages to whoever is
 * on call, the escalation to the supervisors, breach emails and the parts-date reminder, each by
 * email, text (an email-to-SMS gateway address) or console alert. The unique key is what makes
 * "once" true across restarts and server processes sharing one database: a second insert of the
 * same page is refused by the database, never by a read before the write.
 */
export class CasePages1766102400000 implements MigrationInterface {
  name = 'CasePages1766102400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'case_page',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'case_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '20' },
          // What the page is about within its kind: '' (p1_page, p1_escalation), the target
          // (breach_mail: response|resolution), the vendor's expected date (parts_overdue).
          { name: 'subject_key', type: 'varchar', length: '20', default: "''" },
          { name: 'staff_id', type: 'integer' },
          { name: 'channel', type: 'varchar', length: '8' },
          { name: 'address', type: 'varchar', length: '254', isNullable: true },
          { name: 'at', type: 'bigint' },
          { name: 'detail', type: 'text', default: "''" },
          { name: 'outbox_id', type: 'integer', isNullable: true },
        ],
        checks: [
          { name: 'case_page_kind_known', expression: `kind IN ('p1_page', 'p1_escalation', 'breach_mail', 'parts_overdue')` },
          { name: 'case_page_channel_known', expression: `channel IN ('email', 'sms', 'console')` },
        ],
        uniques: [{ name: 'uq_case_page_once', columnNames: ['case_id', 'kind', 'subject_key', 'staff_id', 'channel'] }],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['case_id'], referencedTableName: 'help_case', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['staff_id'], referencedTableName: 'staff_member', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['outbox_id'], referencedTableName: 'mail_outbox', referencedColumnNames: ['id'] }),
        ],
        indices: [new TableIndex({ name: 'idx_case_page_staff', columnNames: ['staff_id', 'at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('case_page');
  }
}
