import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const pk = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const instant = (name: string, isNullable = false) => ({ name, type: 'bigint', isNullable });
const fk = (column: string, table: string, onDelete?: 'CASCADE') =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], ...(onDelete ? { onDelete } : {}) });

/**
 * The Tech Support Center (electron/core/support): employees' district identities linked to their
 * caller records, their sessions, the screenshots they attach, their ratings of resolved requests,
 * and the announcement emails they asked not to receive.
 */
export class TechSupportCenter1765670400000 implements MigrationInterface {
  name = 'TechSupportCenter1765670400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'employee_identity',
        columns: [
          { name: 'issuer', type: 'varchar', length: '300', isPrimary: true },
          { name: 'subject', type: 'varchar', length: '255', isPrimary: true },
          { name: 'caller_id', type: 'integer' },
          instant('linked_at'),
        ],
        foreignKeys: [fk('caller_id', 'caller')],
        indices: [new TableIndex({ name: 'idx_employee_identity_caller', columnNames: ['caller_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'employee_session',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'caller_id', type: 'integer' },
          instant('created_at'),
          instant('last_seen_at'),
          instant('expires_at'),
          instant('revoked_at', true),
        ],
        foreignKeys: [fk('caller_id', 'caller')],
        indices: [new TableIndex({ name: 'idx_employee_session_caller', columnNames: ['caller_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_attachment',
        columns: [
          pk,
          { name: 'case_id', type: 'integer' },
          { name: 'file_name', type: 'varchar', length: '200' },
          { name: 'content_type', type: 'varchar', length: '64' },
          { name: 'byte_size', type: 'integer' },
          { name: 'data_base64', type: 'text' },
          instant('uploaded_at'),
          { name: 'caller_id', type: 'integer', isNullable: true },
          { name: 'staff_id', type: 'integer', isNullable: true },
        ],
        checks: [{ name: 'case_attachment_size_positive', expression: 'byte_size > 0' }],
        foreignKeys: [fk('case_id', 'help_case'), fk('caller_id', 'caller'), fk('staff_id', 'staff_member')],
        indices: [new TableIndex({ name: 'idx_case_attachment_case', columnNames: ['case_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_rating',
        columns: [
          { name: 'case_id', type: 'integer', isPrimary: true },
          { name: 'caller_id', type: 'integer' },
          { name: 'stars', type: 'integer' },
          { name: 'comment', type: 'text', isNullable: true },
          instant('rated_at'),
        ],
        checks: [{ name: 'case_rating_stars_range', expression: 'stars BETWEEN 1 AND 5' }],
        foreignKeys: [fk('case_id', 'help_case'), fk('caller_id', 'caller')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'mail_opt_out',
        columns: [
          { name: 'address', type: 'varchar', length: '254', isPrimary: true },
          { name: 'topic', type: 'varchar', length: '32', isPrimary: true },
          instant('at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['mail_opt_out', 'case_rating', 'case_attachment', 'employee_session', 'employee_identity']) await q.dropTable(table);
  }
}
