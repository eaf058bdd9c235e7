import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const pk = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const instant = (name: string, isNullable = true) => new TableColumn({ name, type: 'bigint', isNullable });
const text = (name: string, length?: number) =>
  new TableColumn({ name, type: length ? 'varchar' : 'text', ...(length ? { length: String(length) } : {}), isNullable: true });
const caseFk = new TableForeignKey({ columnNames: ['case_id'], referencedTableName: 'help_case', referencedColumnNames: ['id'] });
const actorFk = () => new TableForeignKey({ columnNames: ['actor_id'], referencedTableName: 'staff_member', referencedColumnNames: ['id'] });

/**
 * The case lifecycle: when targets were met, the agreement's side states (pauses, contact
 * attempts, awaited parts, project phases, maintenance windows) and per-person saved queue views.
 */
export class CaseLifecycle1764633600000 implements MigrationInterface {
  name = 'CaseLifecycle1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('help_case', [
      instant('responded_at'),
      instant('resolved_at'),
      instant('closed_at'),
      text('resolution_notes'),
      new TableColumn({ name: 'kb_candidate', type: 'boolean', default: false }),
      text('parts_vendor', 120),
      text('parts_order_number', 60),
      text('parts_expected_date', 10),
      instant('parts_arrived_at'),
      instant('maintenance_start_at'),
      instant('maintenance_end_at'),
    ]);
    await q.createTable(
      new Table({
        name: 'case_pause',
        columns: [
          pk,
          { name: 'case_id', type: 'integer' },
          { name: 'status', type: 'varchar', length: '32' },
          { name: 'started_at', type: 'bigint' },
          { name: 'ended_at', type: 'bigint', isNullable: true },
        ],
        foreignKeys: [caseFk],
        indices: [new TableIndex({ name: 'idx_case_pause_case', columnNames: ['case_id', 'started_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_contact',
        columns: [
          pk,
          { name: 'case_id', type: 'integer' },
          { name: 'actor_id', type: 'integer', isNullable: true },
          { name: 'at', type: 'bigint' },
          { name: 'method', type: 'varchar', length: '16' },
          { name: 'outcome', type: 'varchar', length: '24' },
          { name: 'note', type: 'text', isNullable: true },
        ],
        foreignKeys: [caseFk, actorFk()],
        indices: [new TableIndex({ name: 'idx_case_contact_case', columnNames: ['case_id', 'at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_phase',
        columns: [
          pk,
          { name: 'case_id', type: 'integer' },
          { name: 'position', type: 'integer' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'target_date', type: 'varchar', length: '10' },
          { name: 'done', type: 'boolean', default: false },
        ],
        foreignKeys: [caseFk],
        indices: [new TableIndex({ name: 'idx_case_phase_case', columnNames: ['case_id', 'position'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'saved_view',
        columns: [
          pk,
          { name: 'staff_id', type: 'integer' },
          { name: 'name', type: 'varchar', length: '80' },
          { name: 'filter', type: 'text' },
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['staff_id'], referencedTableName: 'staff_member', referencedColumnNames: ['id'] })],
        uniques: [{ name: 'uq_saved_view_name', columnNames: ['staff_id', 'name'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['saved_view', 'case_phase', 'case_contact', 'case_pause']) await q.dropTable(t);
    for (const c of ['responded_at', 'resolved_at', 'closed_at', 'resolution_notes', 'kb_candidate', 'parts_vendor', 'parts_order_number', 'parts_expected_date', 'parts_arrived_at', 'maintenance_start_at', 'maintenance_end_at']) {
      await q.dropColumn('help_case', c);
    }
  }
}
