import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const pk = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const instant = (name: string, isNullable = false) => ({ name, type: 'bigint', isNullable });
const fk = (column: string, table: string, onDelete?: 'CASCADE') =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], ...(onDelete ? { onDelete } : {}) });

/**
 * Announcements (the agreement's "Scheduled Maintenance Procedure"): planned maintenance,
 * unplanned outages and upgrades, the buildings each concerns, their updates, and the cases
 * linked to an outage (electron/core/announcements).
 */
export class Announcements1765584000000 implements MigrationInterface {
  name = 'Announcements1765584000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'announcement',
        columns: [
          pk,
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'description', type: 'text' },
          // JSON array of strings: read whole with the announcement, never queried apart.
          { name: 'affected_services', type: 'text' },
          instant('start_at'),
          { name: 'expected_minutes', type: 'integer' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'outside_window', type: 'boolean', default: false },
          { name: 'outside_window_reason', type: 'text', isNullable: true },
          { name: 'author_id', type: 'integer', isNullable: true },
          instant('published_at', true),
          instant('closed_at', true),
          { name: 'late_notice', type: 'boolean', default: false },
          { name: 'category_id', type: 'integer', isNullable: true },
          { name: 'version', type: 'integer' },
          instant('created_at'),
          instant('updated_at'),
        ],
        checks: [
          { name: 'announcement_kind_known', expression: `kind IN ('planned_maintenance', 'unplanned_outage', 'upgrade')` },
          { name: 'announcement_state_known', expression: `state IN ('draft', 'published', 'closed')` },
          { name: 'announcement_minutes_positive', expression: 'expected_minutes > 0' },
        ],
        foreignKeys: [fk('author_id', 'staff_member'), fk('category_id', 'category')],
        indices: [
          new TableIndex({ name: 'idx_announcement_state', columnNames: ['state', 'start_at'] }),
          new TableIndex({ name: 'idx_announcement_author', columnNames: ['author_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'announcement_building',
        columns: [
          { name: 'announcement_id', type: 'integer', isPrimary: true },
          { name: 'building_id', type: 'integer', isPrimary: true },
        ],
        foreignKeys: [fk('announcement_id', 'announcement', 'CASCADE'), fk('building_id', 'building')],
        indices: [new TableIndex({ name: 'idx_announcement_building_building', columnNames: ['building_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'announcement_update',
        columns: [pk, { name: 'announcement_id', type: 'integer' }, instant('at'), { name: 'author_id', type: 'integer', isNullable: true }, { name: 'text', type: 'text' }],
        foreignKeys: [fk('announcement_id', 'announcement', 'CASCADE'), fk('author_id', 'staff_member')],
        indices: [new TableIndex({ name: 'idx_announcement_update_announcement', columnNames: ['announcement_id', 'at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'announcement_case',
        columns: [
          { name: 'announcement_id', type: 'integer', isPrimary: true },
          { name: 'case_id', type: 'integer', isPrimary: true },
          instant('linked_at'),
          { name: 'linked_by_id', type: 'integer', isNullable: true },
        ],
        foreignKeys: [fk('announcement_id', 'announcement', 'CASCADE'), fk('case_id', 'help_case'), fk('linked_by_id', 'staff_member')],
        indices: [new TableIndex({ name: 'idx_announcement_case_case', columnNames: ['case_id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['announcement_case', 'announcement_update', 'announcement_building', 'announcement']) await q.dropTable(table);
  }
}
