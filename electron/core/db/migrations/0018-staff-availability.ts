import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { addColumnInPlace } from './add-column';

const pk = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const instant = (name: string, isNullable = false) => ({ name, type: 'bigint', isNullable });
const fk = (column: string, table: string, onDelete?: 'CASCADE') =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], ...(onDelete ? { onDelete } : {}) });

/**
 * Who is available (the agreement's "staff availability, level of technical difficulty"):
 * a person's working hours and pager address, their absences, the on-call roster, their skills,
 * and a difficulty level on cases. Instants are epoch milliseconds like everywhere else.
 */
export class StaffAvailability1765843200000 implements MigrationInterface {
  name = 'StaffAvailability1765843200000';

  async up(q: QueryRunner): Promise<void> {
    // JSON weekly hours in the desk's zone ({"mon":[{"open":"07:00","close":"17:00"}],…}); null: the desk's hours.
    await addColumnInPlace(q, 'staff_member', { name: 'working_hours', type: 'text' });
    // An email-to-SMS gateway address (e.g. 5735550123@txt.example.net) for pages.
    await addColumnInPlace(q, 'staff_member', { name: 'pager_address', type: 'varchar(254)' });
    // 1 routine, 2 involved, 3 specialist; null: not judged yet.
    await addColumnInPlace(q, 'help_case', { name: 'difficulty', type: 'integer' });

    await q.createTable(
      new Table({
        name: 'staff_absence',
        columns: [
          pk,
          { name: 'staff_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '16' },
          instant('starts_at'),
          instant('ends_at'),
          { name: 'note', type: 'text', isNullable: true },
          { name: 'created_by_id', type: 'integer', isNullable: true },
          instant('created_at'),
        ],
        checks: [
          { name: 'staff_absence_kind_known', expression: `kind IN ('vacation', 'sick', 'training', 'other')` },
          { name: 'staff_absence_ordered', expression: 'ends_at > starts_at' },
        ],
        foreignKeys: [fk('staff_id', 'staff_member', 'CASCADE'), fk('created_by_id', 'staff_member')],
        indices: [new TableIndex({ name: 'idx_staff_absence_staff', columnNames: ['staff_id', 'ends_at'] }), new TableIndex({ name: 'idx_staff_absence_ends', columnNames: ['ends_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'on_call_shift',
        columns: [
          pk,
          { name: 'staff_id', type: 'integer' },
          instant('starts_at'),
          instant('ends_at'),
          // What the person on call hands to the next one: open priority 1s, what to watch.
          { name: 'handover_note', type: 'text', isNullable: true },
          { name: 'created_by_id', type: 'integer', isNullable: true },
          instant('created_at'),
          instant('updated_at'),
        ],
        checks: [{ name: 'on_call_shift_ordered', expression: 'ends_at > starts_at' }],
        foreignKeys: [fk('staff_id', 'staff_member', 'CASCADE'), fk('created_by_id', 'staff_member')],
        indices: [new TableIndex({ name: 'idx_on_call_shift_ends', columnNames: ['ends_at', 'starts_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'staff_skill',
        columns: [
          pk,
          { name: 'staff_id', type: 'integer' },
          // A case category this person handles, or a named system (e.g. "Infinite Campus").
          { name: 'category_id', type: 'integer', isNullable: true },
          { name: 'system', type: 'varchar', length: '120', isNullable: true },
          // The hardest case difficulty (1–3) they take on in it.
          { name: 'level', type: 'integer' },
        ],
        checks: [
          { name: 'staff_skill_one_subject', expression: '(category_id IS NULL) <> (system IS NULL)' },
          { name: 'staff_skill_level_range', expression: 'level BETWEEN 1 AND 3' },
        ],
        foreignKeys: [fk('staff_id', 'staff_member', 'CASCADE'), fk('category_id', 'category')],
        indices: [
          new TableIndex({ name: 'uq_staff_skill_category', columnNames: ['staff_id', 'category_id'], isUnique: true, where: 'category_id IS NOT NULL' }),
          new TableIndex({ name: 'uq_staff_skill_system', columnNames: ['staff_id', 'system'], isUnique: true, where: 'system IS NOT NULL' }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('staff_skill');
    await q.dropTable('on_call_shift');
    await q.dropTable('staff_absence');
    await q.query('ALTER TABLE "help_case" DROP COLUMN "difficulty"');
    await q.query('ALTER TABLE "staff_member" DROP COLUMN "pager_address"');
    await q.query('ALTER TABLE "staff_member" DROP COLUMN "working_hours"');
  }
}
