import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dropAppendOnly, makeAppendOnly } from './append-only';

const instant = (name: string, isNullable = false) => ({ name, type: 'bigint', isNullable });
const pk = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };

/** Staff, callers, cases and the append-only audit log. */
export class InitialSchema1764460800000 implements MigrationInterface {
  name = 'InitialSchema1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'staff_member',
        columns: [
          pk,
          { name: 'name', type: 'varchar', length: '120' },
          { name: 'role', type: 'varchar', length: '20' },
          { name: 'active', type: 'boolean', default: true },
          instant('created_at'),
        ],
        checks: [{ name: 'staff_role_known', expression: `role IN ('agent', 'technician', 'supervisor')` }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'caller',
        columns: [
          pk,
          { name: 'name', type: 'varchar', length: '120' },
          { name: 'email', type: 'varchar', length: '254', isNullable: true },
          { name: 'phone', type: 'varchar', length: '40', isNullable: true },
          { name: 'building', type: 'varchar', length: '120', isNullable: true },
          instant('created_at'),
          instant('updated_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'help_case',
        columns: [
          pk,
          { name: 'caller_id', type: 'integer' },
          { name: 'summary', type: 'varchar', length: '200' },
          { name: 'description', type: 'text', default: `''` },
          { name: 'priority', type: 'integer' },
          { name: 'status', type: 'varchar', length: '32' },
          { name: 'channel', type: 'varchar', length: '16' },
          { name: 'assignee_id', type: 'integer', isNullable: true },
          { name: 'created_by_id', type: 'integer', isNullable: true },
          instant('received_at'),
          instant('response_due_at', true),
          instant('resolution_due_at', true),
          { name: 'policy_version', type: 'varchar', length: '32', isNullable: true },
          { name: 'version', type: 'integer', default: 1 },
          instant('created_at'),
          instant('updated_at'),
        ],
        checks: [{ name: 'case_priority_range', expression: 'priority BETWEEN 1 AND 5' }],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['caller_id'], referencedTableName: 'caller', referencedColumnNames: ['id'] }),
          new TableForeignKey({ columnNames: ['assignee_id'], referencedTableName: 'staff_member', referencedColumnNames: ['id'] }),
          new TableForeignKey({ columnNames: ['created_by_id'], referencedTableName: 'staff_member', referencedColumnNames: ['id'] }),
        ],
        indices: [
          new TableIndex({ name: 'idx_case_status', columnNames: ['status'] }),
          new TableIndex({ name: 'idx_case_caller', columnNames: ['caller_id'] }),
          new TableIndex({ name: 'idx_case_assignee', columnNames: ['assignee_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_event',
        columns: [
          pk,
          { name: 'case_id', type: 'integer' },
          { name: 'actor_id', type: 'integer', isNullable: true },
          { name: 'kind', type: 'varchar', length: '32' },
          instant('at'),
          { name: 'detail', type: 'text' },
          { name: 'reason', type: 'text', isNullable: true },
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['case_id'], referencedTableName: 'help_case', referencedColumnNames: ['id'] }),
          new TableForeignKey({ columnNames: ['actor_id'], referencedTableName: 'staff_member', referencedColumnNames: ['id'] }),
        ],
        indices: [new TableIndex({ name: 'idx_case_event_case', columnNames: ['case_id', 'id'] })],
      }),
    );
    await makeAppendOnly(q, 'case_event');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropAppendOnly(q, 'case_event');
    await q.dropTable('case_event');
    await q.dropTable('help_case');
    await q.dropTable('caller');
    await q.dropTable('staff_member');
  }
}
