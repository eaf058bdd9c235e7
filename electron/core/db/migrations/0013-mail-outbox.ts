import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const instant = (name: string, isNullable = false) => ({ name, type: 'bigint', isNullable });

/**
 * The outbox of the desk's email (electron/core/mail): every message is a row written in the
 * same transaction as the change it tells about, then sent by whichever server process claims
 * it. Rows are never deleted: a sent message is the record that it went, a failed one waits
 * for a supervisor. `kind` has no check on purpose: new kinds of email come with new features,
 * and a check on SQLite could only change by rebuilding the table.
 */
export class MailOutbox1765497600000 implements MigrationInterface {
  name = 'MailOutbox1765497600000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'mail_outbox',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'case_id', type: 'integer', isNullable: true },
          { name: 'to_address', type: 'varchar', length: '254' },
          { name: 'subject', type: 'varchar', length: '300' },
          { name: 'text_body', type: 'text' },
          { name: 'html_body', type: 'text' },
          { name: 'headers', type: 'text' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer' },
          instant('next_attempt_at', true),
          { name: 'last_error', type: 'text', isNullable: true },
          instant('created_at'),
          instant('sent_at', true),
          { name: 'message_id', type: 'varchar', length: '255', isNullable: true },
        ],
        checks: [{ name: 'mail_outbox_state_known', expression: `state IN ('queued', 'sending', 'sent', 'failed')` }],
        foreignKeys: [new TableForeignKey({ columnNames: ['case_id'], referencedTableName: 'help_case', referencedColumnNames: ['id'] })],
        indices: [
          // The senders' claim: due messages by state and instant.
          new TableIndex({ name: 'idx_mail_outbox_due', columnNames: ['state', 'next_attempt_at'] }),
          new TableIndex({ name: 'idx_mail_outbox_case', columnNames: ['case_id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('mail_outbox');
  }
}
